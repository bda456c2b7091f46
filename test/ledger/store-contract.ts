/**
 * The LedgerStore contract: one suite that every implementation of the port (SQLite now,
 * PostgreSQL next) must pass. Each test opens a fresh store and stands alone. It covers pass
 * reconciliation (with the plain planner of simple-planner.ts, not the product's), optimistic
 * versions, every hazard filter and paging against a reference filter written here, findingsAt
 * at several times, waivers, attachments with bytes, and the audit trail: every write leaves its
 * record(s), the chain verifies, and a refused write leaves neither data nor audit record.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Colour } from '../../src/analysis/finding.js';
import { COLOURS } from '../../src/analysis/finding.js';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerRuleError, LedgerStoreError } from '../../src/ledger/errors.js';
import type { HazardQuery, LedgerState, LedgerStore, PassInput, ReconcilePlan } from '../../src/ledger/port.js';
import type { Attachment, AuditEntry, AuditRecord, Hazard, HazardStatus, LedgerWaiver } from '../../src/ledger/types.js';
import { simplePlanner, testFinding, testHazard, type FindingSpec } from './simple-planner.js';

/** An opened store and how to dispose of it. */
export interface OpenedLedgerStore {
  readonly store: LedgerStore;
  cleanup(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const MIN = 60_000;
const DAY = 86_400_000;
const POLICY = 'a'.repeat(64);

/** Every audit record, in chain order, read page by page. */
export async function allAudit(store: LedgerStore): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (;;) {
    const page = await store.audit({ limit: 50, afterSeq: out.at(-1)?.seq ?? 0 });
    out.push(...page);
    if (page.length < 50) return out;
  }
}

function entry(action: string, target: string, at: number, actor = 'alice'): AuditEntry {
  return { at, actor, action, target, before: null, after: { action } };
}

function pass(at: number, specs: readonly FindingSpec[]): PassInput {
  return { at, policyHash: POLICY, findings: specs.map(testFinding) };
}

/** Runs every behaviour of the LedgerStore port against the implementation `open` gives. */
export function describeLedgerStoreContract(name: string, open: () => Promise<OpenedLedgerStore>): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let store: LedgerStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      cleanup = () => opened.cleanup();
    });
    afterEach(async () => { await cleanup(); });

    const plan = simplePlanner();
    const expectChainIntact = async (): Promise<AuditRecord[]> => {
      const records = await allAudit(store);
      expect(firstChainBreak(records)).toBeNull();
      return records;
    };

    describe('applyPass', () => {
      it('stores findings and their changes, opens a hazard per failing finding, with events and a chain-valid audit trail', async () => {
        const outcome = await store.applyPass(pass(T0, [
          { id: 'dev-1', state: 'unprotected' },
          { id: 'dev-2', state: 'protected' },
          { id: 'dev-3', state: 'degraded', colour: 'red', site: 'site-b' },
        ]), plan);
        expect(outcome).toEqual({ findingChanges: 3, opened: 2, reopened: 0, pendingVerification: 0, hazardsChanged: 2, auditRecords: 2 });
        const at = await store.findingsAt(T0, { limit: 10, offset: 0 });
        expect(at.total).toBe(3);
        expect(at.items.map((f) => [f.fingerprint, f.state, f.colour, f.firstSeen, f.lastSeen, f.since, f.policyHash])).toEqual([
          ['PWR-001:device:dev-1', 'unprotected', 'orange', T0, T0, T0, POLICY],
          ['PWR-001:device:dev-2', 'protected', null, T0, T0, T0, POLICY],
          ['PWR-001:device:dev-3', 'degraded', 'red', T0, T0, T0, POLICY],
        ]);
        const list = await store.hazards({ now: T0, limit: 10, offset: 0 });
        expect(list.total).toBe(2);
        expect(list.items.map((h) => [h.subject?.id, h.colour, h.status, h.version])).toEqual([['dev-3', 'red', 'open', 1], ['dev-1', 'orange', 'open', 1]]);
        const opened = list.items[0]!;
        expect(await store.hazard(opened.id)).toEqual(opened);
        expect(await store.hazardEvents(opened.id, { limit: 10 })).toEqual([{ hazardId: opened.id, seq: 1, at: T0, actor: 'daemon', kind: 'opened', to: 'open' }]);
        const changes = await store.findingChanges('PWR-001:device:dev-3', { limit: 10 });
        expect(changes).toEqual([{
          fingerprint: 'PWR-001:device:dev-3', at: T0, from: null, to: 'degraded', colour: 'red',
          evidence: [{ what: 'psu-1', value: 'failed', observedAt: null }], explanation: { en: 'dev-3 is degraded', zh: 'dev-3 degraded' }, policyHash: POLICY,
        }]);
        const records = await expectChainIntact();
        expect(records.map((r) => [r.seq, r.action, r.actor])).toEqual([[1, 'hazard.open', 'daemon'], [2, 'hazard.open', 'daemon']]);
      });

      it('a pass that changes nothing writes no change, and the findings are seen at its time', async () => {
        const specs: FindingSpec[] = [{ id: 'dev-1', state: 'unprotected' }, { id: 'dev-2', state: 'protected' }];
        await store.applyPass(pass(T0, specs), plan);
        const outcome = await store.applyPass(pass(T0 + 5 * MIN, specs), plan);
        expect(outcome).toEqual({ findingChanges: 0, opened: 0, reopened: 0, pendingVerification: 0, hazardsChanged: 0, auditRecords: 0 });
        const now = await store.findingsAt(T0 + 5 * MIN, { limit: 10, offset: 0 });
        expect(now.items.map((f) => [f.firstSeen, f.since, f.lastSeen])).toEqual([[T0, T0, T0 + 5 * MIN], [T0, T0, T0 + 5 * MIN]]);
        const then = await store.findingsAt(T0 + 2 * MIN, { limit: 10, offset: 0 });
        expect(then.items.map((f) => f.lastSeen)).toEqual([T0, T0]);
        expect((await store.findingChanges('PWR-001:device:dev-1', { limit: 10 })).length).toBe(1);
        expect((await allAudit(store)).length).toBe(1);
      });

      it('gives the planner every present finding and the latest hazard of each fingerprint', async () => {
        await store.applyPass(pass(T0, [{ id: 'dev-1', state: 'unprotected' }, { id: 'dev-2', state: 'protected' }, { id: 'dev-3', state: 'protected' }]), plan);
        await store.applyPass(pass(T0 + MIN, [{ id: 'dev-1', state: 'unprotected' }, { id: 'dev-2', state: 'protected' }]), plan);
        // a later hazard on dev-1's fingerprint (filed by a person) is the one the planner must see
        const later = testHazard({ subjectId: 'dev-1', foundAt: T0 + 2 * MIN, foundBy: 'bob', foundByMethod: 'patrol', status: 'acknowledged', ownerPerson: 'bob' });
        await store.createHazard(later, entry('hazard.create', `hazard:${later.id}`, T0 + 2 * MIN, 'bob'));
        let seen: LedgerState | null = null;
        await store.applyPass(pass(T0 + 3 * MIN, [{ id: 'dev-1', state: 'unprotected' }, { id: 'dev-2', state: 'protected' }]), (state, p) => {
          seen = state;
          return plan(state, p);
        });
        const state = seen as LedgerState | null;
        expect(state).not.toBeNull();
        expect([...state!.findings.keys()].sort()).toEqual(['PWR-001:device:dev-1', 'PWR-001:device:dev-2']);
        expect(state!.findings.get('PWR-001:device:dev-2')).toMatchObject({ state: 'protected', firstSeen: T0, since: T0, lastSeen: T0 + MIN });
        expect([...state!.hazards.keys()]).toEqual(['PWR-001:device:dev-1']);
        expect(state!.hazards.get('PWR-001:device:dev-1')).toEqual(later);
      });

      it('follows a finding through verification, closing, recurrence and leaving; findingsAt answers at every time', async () => {
        const fp = 'PWR-001:device:dev-1';
        const t = (k: number): number => T0 + k * 10 * MIN;
        const outcomes = [];
        outcomes.push(await store.applyPass(pass(t(0), [{ id: 'dev-1', state: 'unprotected' }]), plan));
        for (const k of [1, 2, 3]) outcomes.push(await store.applyPass(pass(t(k), [{ id: 'dev-1', state: 'protected' }]), plan));
        expect(outcomes.map((o) => o.pendingVerification)).toEqual([0, 0, 0, 1]);
        const pending = (await store.hazards({ now: t(3), limit: 10, offset: 0 })).items[0]!;
        expect(pending).toMatchObject({ status: 'pendingVerification', version: 4, protectedPasses: 3, fixedAt: t(3) });
        await store.updateHazard(pending.id, 4, (h) => ({
          hazard: { ...h, version: h.version + 1, status: 'closed', closedAt: t(3) + MIN, verification: { by: 'vera', at: t(3) + MIN, result: 'passed' } },
          event: { hazardId: h.id, at: t(3) + MIN, actor: 'vera', kind: 'status', from: h.status, to: 'closed' },
          audit: entry('hazard.transition', `hazard:${h.id}`, t(3) + MIN, 'vera'),
        }));
        const recur = await store.applyPass(pass(t(4), [{ id: 'dev-1', state: 'unprotected', colour: 'red' }]), plan);
        expect(recur).toMatchObject({ reopened: 1, opened: 0, hazardsChanged: 1 });
        const reopened = await store.hazard(pending.id);
        expect(reopened).toMatchObject({ status: 'reopened', version: 6, reopenCount: 1 });
        await store.applyPass(pass(t(5), []), plan);
        await store.applyPass(pass(t(6), [{ id: 'dev-1', state: 'degraded' }]), plan);

        const stateAt = async (at: number) => {
          const page = await store.findingsAt(at, { limit: 10, offset: 0 });
          expect(page.total).toBe(page.items.length);
          return page.items.map((f) => ({ state: f.state, colour: f.colour, since: f.since, firstSeen: f.firstSeen, lastSeen: f.lastSeen }));
        };
        expect(await stateAt(t(0) - 1)).toEqual([]);
        expect(await stateAt(t(0))).toEqual([{ state: 'unprotected', colour: 'orange', since: t(0), firstSeen: t(0), lastSeen: t(0) }]);
        expect(await stateAt(t(2) + MIN)).toEqual([{ state: 'protected', colour: null, since: t(1), firstSeen: t(0), lastSeen: t(2) }]);
        expect(await stateAt(t(4) + MIN)).toEqual([{ state: 'unprotected', colour: 'red', since: t(4), firstSeen: t(0), lastSeen: t(4) }]);
        expect(await stateAt(t(5))).toEqual([]);
        expect(await stateAt(t(6) + DAY)).toEqual([{ state: 'degraded', colour: 'orange', since: t(6), firstSeen: t(6), lastSeen: t(6) }]);

        const changes = await store.findingChanges(fp, { limit: 10 });
        expect(changes.map((c) => [c.at, c.from, c.to])).toEqual([
          [t(6), null, 'degraded'], [t(5), 'unprotected', 'gone'], [t(4), 'protected', 'unprotected'], [t(1), 'unprotected', 'protected'], [t(0), null, 'unprotected'],
        ]);
        expect((await store.findingChanges(fp, { limit: 2, before: t(4) })).map((c) => c.at)).toEqual([t(1), t(0)]);
        const events = await store.hazardEvents(pending.id, { limit: 100 });
        expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(events.map((e) => e.kind)).toEqual(['opened', 'measured', 'measured', 'status', 'status', 'status']);
        expect((await store.hazardEvents(pending.id, { limit: 2, afterSeq: 3 })).map((e) => e.seq)).toEqual([4, 5]);
        await expectChainIntact();
      });

      it('a planner that throws leaves nothing written: no finding, no pass, no audit record', async () => {
        await store.applyPass(pass(T0, [{ id: 'dev-1', state: 'unprotected' }]), plan);
        const before = await allAudit(store);
        const boom = new LedgerRuleError('planner refused');
        await expect(store.applyPass(pass(T0 + MIN, [{ id: 'dev-1', state: 'protected' }]), () => { throw boom; })).rejects.toBe(boom);
        expect(await allAudit(store)).toEqual(before);
        const now = await store.findingsAt(T0 + MIN, { limit: 10, offset: 0 });
        expect(now.items.map((f) => [f.state, f.lastSeen])).toEqual([['unprotected', T0]]);
      });

      it('refuses a plan that writes a hazard at the wrong version, and writes none of it', async () => {
        await store.applyPass(pass(T0, [{ id: 'dev-1', state: 'unprotected' }]), plan);
        const audit = await allAudit(store);
        const stale = (state: LedgerState, p: PassInput): ReconcilePlan => {
          const real = plan(state, p);
          const h = state.hazards.get('PWR-001:device:dev-1')!;
          return { ...real, hazards: [{ ...h, version: h.version, status: 'acknowledged' }], audit: [entry('hazard.transition', `hazard:${h.id}`, p.at, 'daemon')] };
        };
        const err = await store.applyPass(pass(T0 + MIN, [{ id: 'dev-1', state: 'degraded' }, { id: 'dev-9', state: 'protected' }]), stale).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(LedgerConflictError);
        expect((err as LedgerConflictError).currentVersion).toBe(1);
        expect(await allAudit(store)).toEqual(audit);
        expect((await store.findingsAt(T0 + MIN, { limit: 10, offset: 0 })).items.map((f) => f.state)).toEqual(['unprotected']);
        expect((await store.hazards({ now: T0, limit: 10, offset: 0 })).items.map((h) => [h.status, h.version])).toEqual([['open', 1]]);
      });
    });

    describe('updateHazard', () => {
      async function oneHazard(): Promise<Hazard> {
        await store.applyPass(pass(T0, [{ id: 'dev-1', state: 'unprotected' }]), plan);
        return (await store.hazards({ now: T0, limit: 1, offset: 0 })).items[0]!;
      }
      const acknowledge = (owner: string, at: number) => (h: Hazard) => ({
        hazard: { ...h, version: h.version + 1, status: 'acknowledged' as const, ownerPerson: owner, updatedAt: at },
        event: { hazardId: h.id, at, actor: owner, kind: 'status' as const, from: h.status, to: 'acknowledged' as const },
        audit: { at, actor: owner, action: 'hazard.transition', target: `hazard:${h.id}`, before: { status: h.status }, after: { status: 'acknowledged', ownerPerson: owner } },
      });

      it('applies the change at the expected version, with its event and audit record', async () => {
        const h = await oneHazard();
        const updated = await store.updateHazard(h.id, 1, acknowledge('bob', T0 + MIN));
        expect(updated).toMatchObject({ version: 2, status: 'acknowledged', ownerPerson: 'bob' });
        expect(await store.hazard(h.id)).toEqual(updated);
        expect((await store.hazards({ now: T0, owner: ['bob'], limit: 10, offset: 0 })).total).toBe(1);
        expect((await store.hazardEvents(h.id, { limit: 10 })).at(-1)).toEqual({ hazardId: h.id, seq: 2, at: T0 + MIN, actor: 'bob', kind: 'status', from: 'open', to: 'acknowledged' });
        const records = await expectChainIntact();
        expect(records.at(-1)).toMatchObject({ actor: 'bob', action: 'hazard.transition', target: `hazard:${h.id}`, before: { status: 'open' }, after: { status: 'acknowledged', ownerPerson: 'bob' } });
      });

      it('keeps the filters right through changes that move a hazard, and through ones that touch no filtered field', async () => {
        const h = await oneHazard();
        const move = (at: number, patch: Partial<Hazard>) => (cur: Hazard) => ({
          hazard: { ...cur, ...patch, version: cur.version + 1, updatedAt: at },
          event: { hazardId: cur.id, at, actor: 'bob', kind: 'update' as const },
          audit: entry('hazard.update', `hazard:${cur.id}`, at, 'bob'),
        });
        await store.updateHazard(h.id, 1, move(T0 + MIN, { location: { siteId: null, sites: ['site-c', 'site-d'] }, colour: 'red', deadline: T0 + DAY, protectionClass: 'PC-AGG', ownerPerson: 'bob' }));
        await store.updateHazard(h.id, 2, move(T0 + 2 * MIN, { remediationPlan: 'add a second feed from the other PDU' }));
        const found = async (q: Partial<HazardQuery>) => (await store.hazards({ now: T0, limit: 10, offset: 0, ...q })).items.map((x) => [x.version, x.remediationPlan]);
        const latest = [[3, 'add a second feed from the other PDU']];
        expect(await found({ site: ['site-a'] })).toEqual([]);
        expect(await found({ site: ['site-c'] })).toEqual(latest);
        expect(await found({ site: ['site-d'] })).toEqual(latest);
        expect(await found({ colour: ['orange'] })).toEqual([]);
        expect(await found({ colour: ['red'], protectionClass: ['PC-AGG'], owner: ['bob'] })).toEqual(latest);
        expect(await found({ overdue: true, now: T0 + DAY + 1 })).toEqual(latest);
        expect((await store.hazardEvents(h.id, { limit: 10 })).map((e) => e.kind)).toEqual(['opened', 'update', 'update']);
      });

      it('refuses a stale version with the current one, and an unknown hazard', async () => {
        const h = await oneHazard();
        await store.updateHazard(h.id, 1, acknowledge('bob', T0 + MIN));
        const audit = await allAudit(store);
        const err = await store.updateHazard(h.id, 1, acknowledge('carol', T0 + 2 * MIN)).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(LedgerConflictError);
        expect((err as LedgerConflictError).currentVersion).toBe(2);
        expect((await store.hazard(h.id))?.ownerPerson).toBe('bob');
        await expect(store.updateHazard('no-such-hazard', 1, acknowledge('bob', T0))).rejects.toBeInstanceOf(LedgerNotFoundError);
        expect(await allAudit(store)).toEqual(audit);
      });

      it('a change function that fails, or returns the wrong version, leaves nothing written (no audit record either)', async () => {
        const h = await oneHazard();
        const audit = await allAudit(store);
        const events = await store.hazardEvents(h.id, { limit: 10 });
        const refused = new LedgerRuleError('open → closed is not allowed; allowed: acknowledged', ['acknowledged']);
        await expect(store.updateHazard(h.id, 1, () => { throw refused; })).rejects.toBe(refused);
        await expect(store.updateHazard(h.id, 1, (cur) => ({ ...acknowledge('bob', T0)(cur), hazard: { ...cur, version: cur.version + 2 } }))).rejects.toThrow(/version 3.*version 2/);
        expect(await store.hazard(h.id)).toEqual(h);
        expect(await store.hazardEvents(h.id, { limit: 10 })).toEqual(events);
        expect(await allAudit(store)).toEqual(audit);
      });
    });

    describe('createHazard', () => {
      it('files a hazard a person found, with an opened event and its audit record; the same id twice is a conflict', async () => {
        const filed = testHazard({ subjectId: 'ups-7', foundAt: T0, fingerprint: null, rule: null, subject: null, foundBy: 'pat', foundByMethod: 'patrol', findingState: null, lastMeasuredAt: null });
        expect(await store.createHazard(filed, entry('hazard.create', `hazard:${filed.id}`, T0, 'pat'))).toEqual(filed);
        expect(await store.hazard(filed.id)).toEqual(filed);
        expect(await store.hazardEvents(filed.id, { limit: 10 })).toEqual([{ hazardId: filed.id, seq: 1, at: T0, actor: 'pat', kind: 'opened', to: 'open' }]);
        await expect(store.createHazard(filed, entry('hazard.create', `hazard:${filed.id}`, T0, 'pat'))).rejects.toBeInstanceOf(LedgerConflictError);
        const records = await expectChainIntact();
        expect(records.map((r) => r.action)).toEqual(['hazard.create']);
        expect(await store.hazard('nothing-here')).toBeNull();
      });
    });

    describe('hazards()', () => {
      const now = T0 + 20 * DAY;
      const statuses: HazardStatus[] = ['open', 'acknowledged', 'rectifying', 'pendingVerification', 'closed', 'reopened'];
      async function fill(): Promise<Hazard[]> {
        const made: Hazard[] = [];
        for (let i = 0; i < 30; i++) {
          const colour: Colour = COLOURS[i % 4]!;
          const status = statuses[i % 6]!;
          const sites = i % 5 === 0 ? ['site-a', 'site-b'] : [`site-${'abc'[i % 3]!}`];
          const h = testHazard({
            subjectId: `dev-${String(i).padStart(2, '0')}`, foundAt: T0 + i * MIN, colour, status,
            rule: i % 2 === 0 ? 'PWR-001' : 'ROUTE-002',
            location: { siteId: sites.length > 1 ? null : sites[0]!, sites },
            protectionClass: i % 3 === 0 ? 'PC-CORE' : 'PC-AGG',
            ownerPerson: i % 4 === 0 ? null : `owner-${i % 4}`,
            deadline: T0 + (i % 7) * 5 * DAY,
            fixedAt: i % 6 === 3 ? T0 + (i % 7) * 5 * DAY - DAY : null,
            closedAt: status === 'closed' ? T0 + DAY : null,
            grade: i % 3 === 0 ? null : i % 3 === 1 ? '一般隐患' : '重大隐患',
          });
          made.push(h);
          await store.createHazard(h, entry('hazard.create', `hazard:${h.id}`, h.foundAt));
        }
        return made;
      }
      const rank = (c: Colour): number => 3 - COLOURS.indexOf(c);
      const reference = (all: readonly Hazard[], q: HazardQuery): Hazard[] => all
        .filter((h) => q.status === undefined || q.status.includes(h.status))
        .filter((h) => q.colour === undefined || q.colour.includes(h.colour))
        .filter((h) => q.site === undefined || [...h.location.sites, ...(h.location.siteId === null ? [] : [h.location.siteId])].some((s) => q.site!.includes(s)))
        .filter((h) => q.protectionClass === undefined || q.protectionClass.includes(h.protectionClass))
        .filter((h) => q.owner === undefined || (h.ownerPerson !== null && q.owner.includes(h.ownerPerson)))
        .filter((h) => q.rule === undefined || (h.rule !== null && q.rule.includes(h.rule)))
        .filter((h) => q.grade === undefined || q.grade.includes(h.grade ?? 'none'))
        .filter((h) => q.fingerprint === undefined || (h.fingerprint !== null && q.fingerprint.includes(h.fingerprint)))
        .filter((h) => q.overdue === undefined || q.overdue === (h.status !== 'closed' && (h.fixedAt ?? q.now) > h.deadline))
        .sort((a, b) => rank(a.colour) - rank(b.colour) || a.deadline - b.deadline || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

      const filters: [string, Partial<HazardQuery>][] = [
        ['none', {}],
        ['status', { status: ['open', 'reopened'] }],
        ['colour', { colour: ['red'] }],
        ['site (any of the sites a hazard touches)', { site: ['site-b'] }],
        ['class', { protectionClass: ['PC-CORE'] }],
        ['owner', { owner: ['owner-1', 'owner-3'] }],
        ['rule', { rule: ['ROUTE-002'] }],
        ['finding fingerprint', { fingerprint: ['PWR-001:device:dev-04', 'ROUTE-002:device:dev-07', 'PWR-001:device:dev-99'] }],
        ['grade', { grade: ['重大隐患'] }],
        ['grade not yet confirmed', { grade: ['none', '一般隐患'] }],
        ['overdue', { overdue: true }],
        ['not overdue', { overdue: false }],
        ['several at once', { status: ['open', 'acknowledged', 'rectifying', 'reopened'], colour: ['red', 'orange'], site: ['site-a'] }],
        ['an empty list matches nothing', { status: [] }],
      ];
      it.each(filters)('filters by %s in the store, ordered by risk level then deadline, with the total', async (_label, filter) => {
        const all = await fill();
        const q: HazardQuery = { now, limit: 1000, offset: 0, ...filter };
        const expected = reference(all, q);
        const got = await store.hazards(q);
        expect(got.total).toBe(expected.length);
        expect(got.items.map((h) => h.id)).toEqual(expected.map((h) => h.id));
      });

      it('pages: the pages cover the list once, in order, each with the same total', async () => {
        const all = await fill();
        const expected = reference(all, { now, limit: 0, offset: 0 }).map((h) => h.id);
        const seen: string[] = [];
        for (let offset = 0; offset < 40; offset += 7) {
          const page = await store.hazards({ now, limit: 7, offset });
          expect(page.total).toBe(30);
          seen.push(...page.items.map((h) => h.id));
        }
        expect(seen).toEqual(expected);
        expect(expected.slice(0, 3).map((id) => all.find((h) => h.id === id)!.colour)).toEqual(['red', 'red', 'red']);
        expect((await store.hazards({ now, overdue: true, limit: 2, offset: 2 })).items.map((h) => h.id))
          .toEqual(reference(all, { now, overdue: true, limit: 0, offset: 0 }).slice(2, 4).map((h) => h.id));
      });

      it('overdue is computed from now, not stored', async () => {
        const h = testHazard({ subjectId: 'dev-x', foundAt: T0, deadline: T0 + DAY });
        await store.createHazard(h, entry('hazard.create', `hazard:${h.id}`, T0));
        expect((await store.hazards({ now: T0 + DAY, overdue: true, limit: 10, offset: 0 })).total).toBe(0);
        expect((await store.hazards({ now: T0 + DAY + 1, overdue: true, limit: 10, offset: 0 })).total).toBe(1);
      });

      it('refuses a page that is not one', async () => {
        await expect(store.hazards({ now, limit: 0, offset: 0 })).rejects.toThrow(/limit/);
        await expect(store.hazards({ now, limit: 10, offset: -1 })).rejects.toThrow(/offset/);
        await expect(store.findingsAt(T0, { limit: 1.5, offset: 0 })).rejects.toThrow(/limit/);
      });
    });

    describe('findingsAt', () => {
      it('pages by fingerprint with the total of findings present then', async () => {
        const specs = Array.from({ length: 12 }, (_, i): FindingSpec => ({ id: `dev-${String(i).padStart(2, '0')}`, state: i % 3 === 0 ? 'unprotected' : 'protected' }));
        await store.applyPass(pass(T0, specs), plan);
        await store.applyPass(pass(T0 + MIN, specs.slice(0, 8)), plan);
        const pages = [];
        for (let offset = 0; offset < 12; offset += 5) pages.push(await store.findingsAt(T0, { limit: 5, offset }));
        expect(pages.map((p) => p.total)).toEqual([12, 12, 12]);
        expect(pages.flatMap((p) => p.items.map((f) => f.subject.id))).toEqual(specs.map((s) => s.id));
        const later = await store.findingsAt(T0 + MIN, { limit: 5, offset: 5 });
        expect(later.total).toBe(8);
        expect(later.items.map((f) => f.subject.id)).toEqual(['dev-05', 'dev-06', 'dev-07']);
      });
    });

    describe('waivers', () => {
      const waiver = (id: string, patch: Partial<LedgerWaiver> = {}): LedgerWaiver => ({
        id, version: 1, rule: 'PWR-001', subject: { kind: 'device', id: `dev-${id}` }, reason: 'second feed being installed',
        approvedBy: 'admin', scope: [], createdAt: T0, until: T0 + 30 * DAY, revokedAt: null, source: 'api', ...patch,
      });

      it('keeps active, expired, revoked and not-yet-begun waivers apart', async () => {
        await store.createWaiver(waiver('w1'), entry('waiver.create', 'waiver:w1', T0, 'admin'));
        await store.createWaiver(waiver('w2', { until: T0 + DAY }), entry('waiver.create', 'waiver:w2', T0, 'admin'));
        await store.createWaiver(waiver('w3'), entry('waiver.create', 'waiver:w3', T0, 'admin'));
        await store.createWaiver(waiver('w4', { createdAt: T0 + 5 * DAY, until: T0 + 9 * DAY, source: 'policy.yaml', scope: ['site-a'] }), entry('waiver.create', 'waiver:w4', T0 + 5 * DAY, 'admin'));
        const revoked = await store.revokeWaiver('w3', 1, T0 + 2 * DAY, entry('waiver.revoke', 'waiver:w3', T0 + 2 * DAY, 'admin'));
        expect(revoked).toMatchObject({ version: 2, revokedAt: T0 + 2 * DAY });
        const ids = async (activeAt?: number) => (await store.waivers(activeAt === undefined ? {} : { activeAt })).map((w) => w.id);
        expect(await ids()).toEqual(['w1', 'w2', 'w3', 'w4']);
        expect(await ids(T0 + 12 * 3_600_000)).toEqual(['w1', 'w2', 'w3']);
        expect(await ids(T0 + 3 * DAY)).toEqual(['w1']);
        expect(await ids(T0 + 6 * DAY)).toEqual(['w1', 'w4']);
        expect(await ids(T0 + 30 * DAY)).toEqual([]);
        expect((await store.waivers({})).find((w) => w.id === 'w4')).toEqual(waiver('w4', { createdAt: T0 + 5 * DAY, until: T0 + 9 * DAY, source: 'policy.yaml', scope: ['site-a'] }));
        const records = await expectChainIntact();
        expect(records.map((r) => r.action)).toEqual(['waiver.create', 'waiver.create', 'waiver.create', 'waiver.create', 'waiver.revoke']);
      });

      it('refuses a stale, unknown, repeated or back-to-front write, leaving no audit record', async () => {
        await store.createWaiver(waiver('w1'), entry('waiver.create', 'waiver:w1', T0, 'admin'));
        await store.revokeWaiver('w1', 1, T0 + DAY, entry('waiver.revoke', 'waiver:w1', T0 + DAY, 'admin'));
        const audit = await allAudit(store);
        const stale = await store.revokeWaiver('w1', 1, T0 + DAY, entry('waiver.revoke', 'waiver:w1', T0 + DAY, 'admin')).catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(LedgerConflictError);
        expect((stale as LedgerConflictError).currentVersion).toBe(2);
        await expect(store.revokeWaiver('w1', 2, T0 + DAY, entry('waiver.revoke', 'waiver:w1', T0 + DAY, 'admin'))).rejects.toBeInstanceOf(LedgerRuleError);
        await expect(store.revokeWaiver('nope', 1, T0, entry('waiver.revoke', 'waiver:nope', T0, 'admin'))).rejects.toBeInstanceOf(LedgerNotFoundError);
        await expect(store.createWaiver(waiver('w1'), entry('waiver.create', 'waiver:w1', T0, 'admin'))).rejects.toBeInstanceOf(LedgerConflictError);
        await expect(store.createWaiver(waiver('w5', { until: T0 }), entry('waiver.create', 'waiver:w5', T0, 'admin'))).rejects.toThrow(/w5 ends/);
        expect(await allAudit(store)).toEqual(audit);
        expect((await store.waivers({})).map((w) => w.id)).toEqual(['w1']);
      });
    });

    describe('attachments', () => {
      it('keeps comments, links and files with their bytes, each with an event and an audit record', async () => {
        const h = testHazard({ subjectId: 'dev-1', foundAt: T0 });
        await store.createHazard(h, entry('hazard.create', `hazard:${h.id}`, T0));
        const bytes = Buffer.from('%PDF-1.4 second feed work order\n'.repeat(40));
        const comment: Attachment = { id: 'a1', hazardId: h.id, at: T0 + MIN, by: 'bob', kind: 'comment', text: '已联系代维' };
        const link: Attachment = { id: 'a2', hazardId: h.id, at: T0 + 2 * MIN, by: 'bob', kind: 'link', text: 'work order', ref: 'https://tickets.example/42' };
        const file: Attachment = { id: 'a3', hazardId: h.id, at: T0 + 3 * MIN, by: 'bob', kind: 'file', text: 'signed work order', ref: 'order.pdf', mediaType: 'application/pdf' };
        await store.addAttachment(comment, null, entry('hazard.comment', `hazard:${h.id}`, T0 + MIN, 'bob'));
        await store.addAttachment(link, null, entry('hazard.evidence', `hazard:${h.id}`, T0 + 2 * MIN, 'bob'));
        const stored = await store.addAttachment(file, bytes, entry('hazard.evidence', `hazard:${h.id}`, T0 + 3 * MIN, 'bob'));
        expect(stored).toEqual({ ...file, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
        expect(await store.attachments(h.id)).toEqual([comment, link, stored]);
        expect((await store.attachmentBytes('a3'))?.equals(bytes)).toBe(true);
        expect(await store.attachmentBytes('a1')).toBeNull();
        await expect(store.attachmentBytes('a9')).rejects.toBeInstanceOf(LedgerNotFoundError);
        const events = await store.hazardEvents(h.id, { limit: 10 });
        expect(events.map((e) => [e.seq, e.kind, e.actor, e.text])).toEqual([[1, 'opened', 'alice', undefined], [2, 'comment', 'bob', '已联系代维'], [3, 'evidence', 'bob', 'work order'], [4, 'evidence', 'bob', 'signed work order']]);
        expect(events[2]!.evidence).toEqual([{ what: 'link', value: 'https://tickets.example/42', observedAt: new Date(T0 + 2 * MIN).toISOString() }]);
        expect((await store.hazard(h.id))?.version).toBe(1);
        const records = await expectChainIntact();
        expect(records.map((r) => r.action)).toEqual(['hazard.create', 'hazard.comment', 'hazard.evidence', 'hazard.evidence']);
      });

      it('refuses bytes that do not match, a file without bytes, an unknown hazard and a repeated id, writing nothing', async () => {
        const h = testHazard({ subjectId: 'dev-1', foundAt: T0 });
        await store.createHazard(h, entry('hazard.create', `hazard:${h.id}`, T0));
        await store.addAttachment({ id: 'a1', hazardId: h.id, at: T0, by: 'bob', kind: 'comment', text: 'x' }, null, entry('hazard.comment', `hazard:${h.id}`, T0, 'bob'));
        const audit = await allAudit(store);
        const file: Attachment = { id: 'a2', hazardId: h.id, at: T0, by: 'bob', kind: 'file', text: 'photo', ref: 'p.jpg', size: 10 };
        const note = entry('hazard.evidence', `hazard:${h.id}`, T0, 'bob');
        await expect(store.addAttachment(file, Buffer.alloc(11), note)).rejects.toThrow(/says it has 10 bytes, but 11 came/);
        await expect(store.addAttachment({ ...file, size: 3, sha256: '0'.repeat(64) }, Buffer.alloc(3), note)).rejects.toThrow(/sha256/);
        await expect(store.addAttachment(file, null, note)).rejects.toThrow(/without its bytes/);
        await expect(store.addAttachment({ ...file, hazardId: 'nope' }, Buffer.alloc(10), note)).rejects.toBeInstanceOf(LedgerNotFoundError);
        await expect(store.addAttachment({ id: 'a1', hazardId: h.id, at: T0, by: 'bob', kind: 'comment', text: 'again' }, null, note)).rejects.toBeInstanceOf(LedgerConflictError);
        expect(await allAudit(store)).toEqual(audit);
        expect((await store.attachments(h.id)).map((a) => a.id)).toEqual(['a1']);
      });
    });

    describe('audit', () => {
      it('appends free-standing records and reads them back by page, actor and action, chain-valid', async () => {
        const first = await store.appendAudit({ at: T0, actor: 'cli:root', action: 'config.reload', target: 'config', before: { sites: 1 }, after: { sites: 2 } });
        expect(first).toMatchObject({ seq: 1, actor: 'cli:root', action: 'config.reload', before: { sites: 1 }, after: { sites: 2 } });
        for (let i = 0; i < 120; i++) await store.appendAudit(entry(i % 3 === 0 ? 'export' : 'login', `session:${i}`, T0 + i, i % 2 === 0 ? 'alice' : 'bob'));
        const records = await expectChainIntact();
        expect(records.length).toBe(121);
        expect(records[0]).toEqual(first);
        expect((await store.audit({ limit: 5, afterSeq: 10 })).map((r) => r.seq)).toEqual([11, 12, 13, 14, 15]);
        const exports = await store.audit({ limit: 1000, action: 'export' });
        expect(exports.length).toBe(40);
        expect(exports.every((r) => r.action === 'export')).toBe(true);
        const bobExports = await store.audit({ limit: 1000, action: 'export', actor: 'bob' });
        expect(bobExports.map((r) => r.target)).toEqual(records.filter((r) => r.action === 'export' && r.actor === 'bob').map((r) => r.target));
        // by target prefix and by time (from inclusive, until exclusive)
        expect((await store.audit({ limit: 1000, target: 'session:1' })).map((r) => r.target)).toEqual(records.filter((r) => r.target.startsWith('session:1')).map((r) => r.target));
        expect((await store.audit({ limit: 1000, target: 'config' })).map((r) => r.seq)).toEqual([1]);
        expect((await store.audit({ limit: 1000, from: T0 + 10, until: T0 + 13 })).map((r) => r.at)).toEqual([T0 + 10, T0 + 11, T0 + 12]);
        expect((await store.audit({ limit: 1000, from: T0 + 100, actor: 'alice' })).every((r) => r.at >= T0 + 100 && r.actor === 'alice')).toBe(true);
      });
    });

    it('once closed, every call is refused with a LedgerStoreError', async () => {
      await store.close();
      await expect(store.hazard('x')).rejects.toBeInstanceOf(LedgerStoreError);
      await expect(store.appendAudit(entry('export', 'x', T0))).rejects.toBeInstanceOf(LedgerStoreError);
      await store.close();
    });
  });
}
