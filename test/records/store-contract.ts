/**
 * The RecordsStore contract: one suite every implementation of the port (SQLite now, PostgreSQL
 * next) must pass; each test opens a fresh store. It covers create and read of every kind, the
 * version check, a missing record, a refused change leaving neither data nor audit record, every
 * filter (status, span overlap, element) and paging against a reference filter written here, and
 * the audit trail: each write leaves exactly one record with before/after, and the chain verifies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerRuleError } from '../../src/ledger/errors.js';
import type { LedgerStore } from '../../src/ledger/port.js';
import { approveCutover, moveCutover, newRecord, patchRecord } from '../../src/records/lifecycle.js';
import type { RecordsStore } from '../../src/records/port.js';
import type { CutoverRecord, RecordKind } from '../../src/records/types.js';
import { allAudit } from '../ledger/store-contract.js';

/** An opened records store, the ledger whose audit trail it writes to, and how to dispose of both. */
export interface OpenedRecordsStore {
  readonly records: RecordsStore;
  readonly ledger: LedgerStore;
  cleanup(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** A cutover input with a window [start, start + hours]. */
export function cutoverInputAt(start: number, hours: number, devices: readonly string[], extra: Record<string, unknown> = {}) {
  return {
    ref: `CHG-${start}`, title: 'core router software upgrade', category: 'upgrade' as const,
    operationPlan: { ref: 'OP-1', summary: 'upgrade cr1 then cr2' }, rollbackPlan: { ref: 'RB-1', summary: 'boot the previous image' },
    emergency: false, windowStart: start, windowEnd: start + hours * HOUR, notes: '',
    affected: { devices: [...devices], links: [], sites: [], riskGroups: [] }, ...extra,
  };
}

function cutover(start: number, hours: number, devices: readonly string[], actor = 'olga'): CutoverRecord {
  return newRecord('cutover', cutoverInputAt(start, hours, devices), { actor, now: T0 });
}

/** Runs every behaviour of the RecordsStore port against the implementation `open` gives. */
export function describeRecordsStoreContract(name: string, open: () => Promise<OpenedRecordsStore>): void {
  describe(`RecordsStore contract: ${name}`, () => {
    let s: OpenedRecordsStore;
    beforeEach(async () => { s = await open(); });
    afterEach(async () => { await s.cleanup(); });

    it('creates and reads back each kind, with one audit record per write', async () => {
      const w = { actor: 'olga', now: T0 };
      const made = [
        newRecord('cutover', cutoverInputAt(T0, 4, ['cr1']), w),
        newRecord('plan', { title: 'core outage', scenario: 'loss of a core site', planVersion: 'v2', owner: 'wang', ref: 'EP-3', lastReviewedAt: T0, reviewIntervalDays: 180, scope: { devices: [], links: [], sites: ['bj'], riskGroups: [] } }, w),
        newRecord('drill', { title: 'VRRP failover', scenario: 'pull cr1 uplink', planId: null, group: 'pg1', elements: { devices: ['cr1', 'cr2'], links: [], sites: [], riskGroups: [] }, start: T0, end: T0 + HOUR, participants: ['li'], status: 'done', result: 'pass', measuredSwitchMs: 38, reportRef: 'DR-1', notes: '' }, w),
        newRecord('incident', { title: 'fibre cut', summary: '', start: T0, end: null, grade: 'larger', affectedServices: ['voice'], elements: { devices: [], links: ['l1'], sites: [], riskGroups: [] }, reportedAt: null, linkedAlerts: [], linkedHazards: [], status: 'open' }, w),
        newRecord('checklist', { title: 'National Day', periodId: 'nd-2026', dueAt: T0 + 24 * HOUR, sites: ['bj'], items: [{ category: 'generatorFuel', text: 'fuel ≥ 24 h', site: 'bj' }] }, w),
      ];
      for (const r of made) {
        expect(await s.records.create(r, { at: T0, actor: 'olga', action: `record.${r.kind}.create`, target: `${r.kind}:${r.id}`, before: null, after: r })).toEqual(r);
        expect(await s.records.get(r.kind, r.id)).toEqual(r);
      }
      expect(await s.records.get('drill', made[0]!.id)).toBeNull(); // kinds are separate
      const audit = await allAudit(s.ledger);
      expect(audit.map((a) => a.action)).toEqual(made.map((r) => `record.${r.kind}.create`));
      expect(audit.map((a) => a.after)).toEqual(made.map((r) => JSON.parse(JSON.stringify(r)) as unknown));
      expect(firstChainBreak(audit)).toBeNull();
    });

    it('updates with the version read, refuses a stale one with the current version, and a missing record', async () => {
      const c = cutover(T0, 4, ['cr1']);
      await s.records.create(c, { at: T0, actor: 'olga', action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: c });
      const approved = await s.records.update('cutover', c.id, 1, approveCutover({ actor: 'ada', now: T0 + 1 }));
      expect(approved).toMatchObject({ version: 2, status: 'approved', approvedBy: 'ada', approvedAt: T0 + 1 });
      const err = await s.records.update('cutover', c.id, 1, moveCutover({ version: 1, action: 'start' }, { actor: 'olga', now: T0 + 2 })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LedgerConflictError);
      expect((err as LedgerConflictError).currentVersion).toBe(2);
      await expect(s.records.update('cutover', 'nope', 1, approveCutover({ actor: 'ada', now: T0 }))).rejects.toBeInstanceOf(LedgerNotFoundError);
      const audit = await allAudit(s.ledger);
      expect(audit.map((a) => a.action)).toEqual(['record.cutover.create', 'record.cutover.approve']);
      expect(audit[1]).toMatchObject({ actor: 'ada', target: `cutover:${c.id}`, before: { status: 'draft', version: 1 }, after: { status: 'approved', version: 2 } });
    });

    it('creates an id once, at version 1 only', async () => {
      const c = cutover(T0, 4, ['cr1']);
      const created = { at: T0, actor: 'olga', action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: c };
      await s.records.create(c, created);
      await s.records.update('cutover', c.id, 1, approveCutover({ actor: 'ada', now: T0 + 1 }));
      await expect(s.records.create(c, created)).rejects.toMatchObject({ currentVersion: 2 });
      await expect(s.records.create({ ...cutover(T0, 1, ['cr9']), version: 2 }, created)).rejects.toThrow(/version 1/);
      expect((await allAudit(s.ledger)).length).toBe(2);
    });

    it('a refused change writes neither the record nor an audit record', async () => {
      const c = cutover(T0, 4, ['cr1']);
      await s.records.create(c, { at: T0, actor: 'olga', action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: c });
      // a non-emergency draft cannot start before approval
      await expect(s.records.update('cutover', c.id, 1, moveCutover({ version: 1, action: 'start' }, { actor: 'olga', now: T0 }))).rejects.toBeInstanceOf(LedgerRuleError);
      // an edit that breaks an invariant (the window ends before it starts)
      await expect(s.records.update('cutover', c.id, 1, patchRecord<'cutover'>({ windowEnd: T0 - HOUR }, { actor: 'olga', now: T0 }))).rejects.toBeInstanceOf(LedgerRuleError);
      expect(await s.records.get('cutover', c.id)).toEqual(c);
      expect((await allAudit(s.ledger)).length).toBe(1);
    });

    it('an edit re-indexes the elements', async () => {
      const c = cutover(T0, 4, ['cr1']);
      await s.records.create(c, { at: T0, actor: 'olga', action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: c });
      await s.records.update('cutover', c.id, 1, patchRecord<'cutover'>({ affected: { devices: ['cr2'], links: [], sites: [], riskGroups: [] } }, { actor: 'olga', now: T0 + 1 }));
      expect((await s.records.list({ kind: 'cutover', element: ['device:cr1'], limit: 10, offset: 0 })).total).toBe(0);
      expect((await s.records.list({ kind: 'cutover', element: ['device:cr2'], limit: 10, offset: 0 })).items.map((r) => r.id)).toEqual([c.id]);
    });

    it('filters by status, span and element, and pages, as a reference filter does', async () => {
      const all: CutoverRecord[] = [];
      for (let i = 0; i < 23; i++) {
        let c = cutover(T0 + i * 6 * HOUR, 1 + (i % 5), [`d${i % 4}`, ...(i % 3 === 0 ? ['shared'] : [])]);
        await s.records.create(c, { at: T0, actor: 'olga', action: 'record.cutover.create', target: `cutover:${c.id}`, before: null, after: c });
        if (i % 2 === 0) c = await s.records.update('cutover', c.id, 1, approveCutover({ actor: 'ada', now: T0 }));
        all.push(c);
      }
      const queries = [
        {}, { status: ['approved'] }, { status: [] }, { status: ['draft', 'approved'] },
        { from: T0 + 20 * HOUR, to: T0 + 40 * HOUR }, { from: T0 + 100 * HOUR }, { to: T0 + 3 * HOUR },
        { element: ['device:shared'] }, { element: ['device:d1', 'device:d2'], status: ['approved'] }, { element: [] },
        { endBefore: T0 + 30 * HOUR }, { endBefore: T0 + 30 * HOUR, status: ['draft'] },
      ];
      for (const f of queries) {
        const want = all.filter((c) => (f.status === undefined || f.status.includes(c.status))
          && (f.to === undefined || c.windowStart <= f.to) && (f.from === undefined || c.windowEnd >= f.from)
          && (f.endBefore === undefined || c.windowEnd < f.endBefore)
          && (f.element === undefined || f.element.some((e) => c.affected.devices.map((d) => `device:${d}`).includes(e))))
          .sort((a, b) => b.windowStart - a.windowStart || (a.id < b.id ? -1 : 1));
        const got: string[] = [];
        let total = -1;
        for (let offset = 0; offset < 30; offset += 4) {
          const page = await s.records.list<RecordKind>({ kind: 'cutover', ...f, limit: 4, offset });
          total = page.total;
          got.push(...page.items.map((r) => r.id));
        }
        expect({ f, total, got }).toEqual({ f, total: want.length, got: want.map((c) => c.id) });
      }
      await expect(s.records.list({ kind: 'cutover', limit: 0, offset: 0 })).rejects.toThrow(/limit/);
      expect(iso(all[0]!.windowStart)).toBe('2026-11-01T08:00:00.000Z');
    });
  });
}
