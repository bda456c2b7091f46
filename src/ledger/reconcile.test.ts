/**
 * Reconciliation of passes into the ledger: the findings history (new, changed, unchanged, gone),
 * which findings open hazards (failing and not waived; never down, unknown or protected),
 * reopening, going back to rectification, N consecutive protected passes to pending
 * verification (unknown restarts the count), and that every hazard change carries one event and
 * one audit record with the changed fields only.
 */
import { describe, expect, it } from 'vitest';
import { finding, hazard, ledgerState, pass, T } from '../../test/support/hazard-builders.js';
import type { Finding } from '../analysis/finding.js';
import type { LedgerState, PassInput, ReconcilePlan } from './port.js';
import { DAEMON, PassInputError, isFailing, measuredHazardId, planOutcome, reconcile } from './reconcile.js';
import { DEFAULT_LEDGER_POLICY, type FindingRecord, type Hazard, type LedgerPolicy } from './types.js';

const P = DEFAULT_LEDGER_POLICY;
const DAY = 86_400_000;
const t0 = T('2026-12-01T00:00:00Z');

/** What the store does with a plan: records written, gone ones dropped, lastSeen bumped, hazards replaced. */
function applied(state: LedgerState, plan: ReconcilePlan, p: PassInput): LedgerState {
  const findings = new Map<string, FindingRecord>(state.findings);
  for (const f of p.findings) {
    const r = findings.get(f.fingerprint);
    if (r !== undefined) findings.set(f.fingerprint, { ...r, lastSeen: p.at });
  }
  for (const r of plan.findings) findings.set(r.fingerprint, r);
  for (const fp of plan.goneFindings) findings.delete(fp);
  const hazards = new Map<string, Hazard>(state.hazards);
  for (const h of plan.hazards) if (h.fingerprint !== null) hazards.set(h.fingerprint, h);
  return { findings, hazards };
}

/** Runs passes one hour apart from `start`, each with the findings given, and returns every plan and the final state. */
function run(passes: readonly (readonly Finding[])[], state: LedgerState = ledgerState(), policy: LedgerPolicy = P, start = t0) {
  const plans: ReconcilePlan[] = [];
  let s = state;
  passes.forEach((findings, i) => {
    const p = pass(start + i * 3_600_000, findings);
    const plan = reconcile(s, p, policy);
    plans.push(plan);
    s = applied(s, plan, p);
  });
  return { plans, state: s, last: plans.at(-1)! };
}

const onlyHazard = (s: LedgerState): Hazard => [...s.hazards.values()][0]!;

describe('findings history', () => {
  it('records a new finding with its first change', () => {
    const f = finding({ state: 'degraded', colour: 'orange' });
    const plan = reconcile(ledgerState(), pass(t0, [f], 'hash-a'), P);
    expect(plan.findings).toEqual([{ fingerprint: f.fingerprint, rule: 'NODE-001', subject: f.subject, state: 'degraded', colour: 'orange', firstSeen: t0, lastSeen: t0, since: t0, policyHash: 'hash-a' }]);
    expect(plan.findingChanges).toEqual([{ fingerprint: f.fingerprint, at: t0, from: null, to: 'degraded', colour: 'orange', evidence: f.evidence, explanation: f.explanation, policyHash: 'hash-a' }]);
    expect(plan.goneFindings).toEqual([]);
  });

  it.each([
    { what: 'unchanged', before: { state: 'protected', colour: null }, now: { state: 'protected', colour: null }, record: false, since: 'kept' },
    { what: 'state changed', before: { state: 'protected', colour: null }, now: { state: 'unprotected', colour: 'red' }, record: true, since: 'now' },
    { what: 'colour changed only (a special period)', before: { state: 'unprotected', colour: 'orange' }, now: { state: 'unprotected', colour: 'red' }, record: true, since: 'kept' },
  ] as const)('$what', ({ before, now, record, since }) => {
    const f = finding({ ...now });
    const stored: FindingRecord = { fingerprint: f.fingerprint, rule: f.rule, subject: f.subject, ...before, firstSeen: t0, lastSeen: t0, since: t0, policyHash: 'old' };
    const at = t0 + DAY;
    const plan = reconcile(ledgerState([stored]), pass(at, [f], 'new'), P);
    if (!record) {
      expect(plan.findings).toEqual([]);
      expect(plan.findingChanges).toEqual([]);
      return;
    }
    expect(plan.findings).toEqual([{ ...stored, ...now, lastSeen: at, since: since === 'now' ? at : t0, policyHash: 'new' }]);
    expect(plan.findingChanges).toEqual([expect.objectContaining({ from: before.state, to: now.state, colour: now.colour, at, policyHash: 'new', evidence: f.evidence })]);
  });

  it('marks a finding that left the pass as gone', () => {
    const f = finding({ state: 'protected' });
    const stored: FindingRecord = { fingerprint: f.fingerprint, rule: f.rule, subject: f.subject, state: 'protected', colour: null, firstSeen: t0, lastSeen: t0, since: t0, policyHash: 'p' };
    const plan = reconcile(ledgerState([stored]), pass(t0 + DAY, [], 'p2'), P);
    expect(plan.goneFindings).toEqual([f.fingerprint]);
    expect(plan.findingChanges).toEqual([{ fingerprint: f.fingerprint, at: t0 + DAY, from: 'protected', to: 'gone', colour: null, evidence: [], explanation: null, policyHash: 'p2' }]);
    expect(plan.hazards).toEqual([]);
  });

  it('refuses a pass that lists one finding twice, naming it', () => {
    const f = finding();
    expect(() => reconcile(ledgerState(), pass(t0, [f, f]), P)).toThrow(PassInputError);
    expect(() => reconcile(ledgerState(), pass(t0, [f, f]), P)).toThrow('the pass lists finding NODE-001|device|cr1 twice (rule NODE-001, device cr1)');
  });
});

describe('which findings open a hazard', () => {
  it.each([
    { state: 'unprotected', waived: false, opens: true },
    { state: 'degraded', waived: false, opens: true },
    { state: 'unprotected', waived: true, opens: false },
    { state: 'down', waived: false, opens: false },
    { state: 'unknown', waived: false, opens: false },
    { state: 'protected', waived: false, opens: false },
  ] as const)('$state (waived: $waived) opens one: $opens', ({ state, waived, opens }) => {
    const f = finding({ state, ...(waived ? { waived: { reason: 'accepted until the fit-out', until: '2027-03-31' } } : {}) });
    expect(isFailing(f)).toBe(opens);
    const plan = reconcile(ledgerState(), pass(t0, [f]), P);
    expect(plan.hazards.length).toBe(opens ? 1 : 0);
    expect(plan.events.length).toBe(plan.hazards.length);
    expect(plan.audit.length).toBe(plan.hazards.length);
  });

  it('fills the hazard from the finding', () => {
    const f = finding({ state: 'unprotected', colour: 'orange', measure: 'multiplePower', subject: { kind: 'link', id: 'l-7' }, site: null, sites: ['a', 'b'] });
    const plan = reconcile(ledgerState(), pass(t0, [f], 'h'), P);
    const h = plan.hazards[0]!;
    expect(h).toMatchObject({
      id: 'NODE-001:link:l-7:2026-12-01T00:00:00.000Z',
      version: 1,
      fingerprint: f.fingerprint,
      location: { siteId: null, sites: ['a', 'b'], routeId: 'l-7' },
      protectionClass: 'PC-CORE',
      measure: 'multiplePower',
      category: '供电',
      description: f.explanation,
      colour: 'orange',
      suggestedGrade: '重大隐患',
      grade: null,
      foundAt: t0,
      foundBy: 'daemon',
      foundByMethod: 'auto-rule',
      deadline: t0 + 15 * DAY,
      status: 'open',
      findingState: 'unprotected',
      protectedPasses: 0,
      reopenCount: 0,
    });
    expect(h.basis.map((b) => b.id)).toEqual(['NODE-001', 'MIIT-2023-46/2.3']);
    expect(h.basis[0]!.cite.zh).toBe('判定规则 NODE-001');
    expect(plan.events).toEqual([expect.objectContaining({ hazardId: h.id, at: t0, actor: DAEMON, kind: 'opened', to: 'open', evidence: f.evidence })]);
    expect(plan.audit).toEqual([{ at: t0, actor: 'daemon', action: 'hazard.open', target: `hazard:${h.id}`, before: null, after: h }]);
  });

  it.each([
    ['multipleNodes', '网络架构-节点'], ['multipleRoutes', '网络架构-路由'], ['loadSharing', '网络架构-负荷'],
    ['automaticSwitchover', '网络架构-倒换'], ['redundantConfiguration', '网络架构-配置'], ['multiplePower', '供电'],
  ] as const)('files %s under %s', (measure, category) => {
    expect(reconcile(ledgerState(), pass(t0, [finding({ measure })]), P).hazards[0]!.category).toBe(category);
  });

  it('refuses a failing finding without a risk colour, naming it', () => {
    expect(() => reconcile(ledgerState(), pass(t0, [finding({ state: 'degraded', colour: null })]), P)).toThrow(/NODE-001\|device\|cr1 is degraded but has no risk colour/);
  });
});

describe('a hazard that exists', () => {
  const later = t0 + 10 * DAY;

  it('reopens a closed hazard when its finding fails again, history kept and a new deadline from now', () => {
    const closed = hazard({ status: 'closed', version: 7, closedAt: t0 + 2 * DAY, fixedAt: t0 + DAY, verification: { by: '李工', at: t0 + 2 * DAY, result: 'passed' }, findingState: 'protected', protectedPasses: 3, grade: '一般隐患', ownerPerson: '王工' });
    const plan = reconcile(ledgerState([], [closed]), pass(later, [finding({ colour: 'orange' })]), P);
    const h = plan.hazards[0]!;
    expect(h).toMatchObject({ id: closed.id, status: 'reopened', version: 8, reopenCount: 1, deadline: later + 15 * DAY, verification: null, closedAt: null, fixedAt: null, protectedPasses: 0, colour: 'orange', findingState: 'unprotected', grade: '一般隐患', ownerPerson: '王工', updatedAt: later });
    expect(plan.events).toEqual([expect.objectContaining({ kind: 'status', from: 'closed', to: 'reopened', actor: 'daemon' })]);
    expect(plan.audit[0]).toMatchObject({ action: 'hazard.reopen', target: `hazard:${closed.id}` });
    expect((plan.audit[0]!.before as Record<string, unknown>)['status']).toBe('closed');
    expect(planOutcome(plan)).toMatchObject({ reopened: 1, opened: 0, hazardsChanged: 1, auditRecords: 1 });
  });

  it.each([
    { what: 'protected', f: finding({ state: 'protected' }) },
    { what: 'waived failing', f: finding({ waived: { reason: 'accepted until the fit-out', until: '2027-03-31' } }) },
    { what: 'down', f: finding({ state: 'down' }) },
  ])('leaves a closed hazard closed when its finding is $what', ({ f }) => {
    const closed = hazard({ status: 'closed', closedAt: t0 });
    expect(reconcile(ledgerState([], [closed]), pass(later, [f]), P).hazards).toEqual([]);
  });

  it('sends a hazard awaiting verification back to rectification when it fails again', () => {
    const pending = hazard({ status: 'pendingVerification', fixedAt: t0 + DAY, protectedPasses: 3, findingState: 'protected' });
    const plan = reconcile(ledgerState([], [pending]), pass(later, [finding({ state: 'degraded', colour: 'yellow' })]), P);
    expect(plan.hazards[0]).toMatchObject({ status: 'rectifying', fixedAt: null, protectedPasses: 0, findingState: 'degraded', colour: 'yellow', version: 2 });
    expect(plan.events[0]).toMatchObject({ kind: 'status', from: 'pendingVerification', to: 'rectifying' });
    expect(plan.audit[0]).toMatchObject({ action: 'hazard.status' });
  });

  it('records a change of colour on a live hazard as measured, the changed fields only', () => {
    const live = hazard({ status: 'rectifying', colour: 'orange' });
    const plan = reconcile(ledgerState([], [live]), pass(later, [finding({ colour: 'red' })]), P);
    expect(plan.hazards[0]).toMatchObject({ status: 'rectifying', colour: 'red', version: 2, lastMeasuredAt: later, updatedAt: later, deadline: live.deadline });
    expect(plan.events).toEqual([expect.objectContaining({ kind: 'measured', changes: { colour: { before: 'orange', after: 'red' } } })]);
    expect(plan.audit).toEqual([{ at: later, actor: 'daemon', action: 'hazard.measured', target: `hazard:${live.id}`, before: { colour: 'orange' }, after: { colour: 'red' } }]);
  });

  it('writes nothing for a live hazard whose finding is unchanged', () => {
    const live = hazard({ status: 'acknowledged' });
    const plan = reconcile(ledgerState([], [live]), pass(later, [finding()]), P);
    expect(plan.hazards).toEqual([]);
    expect(plan.audit).toEqual([]);
  });

  it('records a gone subject on a live hazard without changing its status', () => {
    const live = hazard({ status: 'rectifying' });
    const rec: FindingRecord = { fingerprint: live.fingerprint!, rule: 'NODE-001', subject: live.subject!, state: 'unprotected', colour: 'red', firstSeen: t0, lastSeen: t0, since: t0, policyHash: 'p' };
    const plan = reconcile(ledgerState([rec], [live]), pass(later, []), P);
    expect(plan.hazards[0]).toMatchObject({ status: 'rectifying', findingState: null, version: 2 });
    expect(plan.events[0]).toMatchObject({ kind: 'measured', changes: { findingState: { before: 'unprotected', after: null } } });
    expect(plan.events[0]!.text).toMatch(/left the analysis/);
    expect(plan.events[0]).not.toHaveProperty('to');
  });
});

describe('re-measured as protected', () => {
  const f = finding();
  const ok = finding({ state: 'protected' });
  const unknown = finding({ state: 'unknown' });

  it('moves to pending verification by itself after verifyPasses consecutive protected passes, fixed at the first of them', () => {
    const { plans, state } = run([[f], [ok], [ok], [ok]]);
    expect(plans.map((p) => p.hazards[0]?.protectedPasses)).toEqual([0, 1, 2, 3]);
    expect(plans.map((p) => p.hazards[0]?.status)).toEqual(['open', 'open', 'open', 'pendingVerification']);
    const h = onlyHazard(state);
    expect(h.fixedAt).toBe(t0 + 3_600_000);
    expect(h.version).toBe(4);
    expect(plans[3]!.events[0]).toMatchObject({ kind: 'status', from: 'open', to: 'pendingVerification', actor: 'daemon' });
    expect(planOutcome(plans[3]!)).toMatchObject({ pendingVerification: 1 });
  });

  it('counts only consecutive passes: unknown starts the count again', () => {
    const { plans, state } = run([[f], [ok], [ok], [unknown], [ok], [ok], [ok]]);
    expect(plans.map((p) => p.hazards[0]?.protectedPasses)).toEqual([0, 1, 2, 0, 1, 2, 3]);
    const h = onlyHazard(state);
    expect(h.status).toBe('pendingVerification');
    expect(h.fixedAt).toBe(t0 + 4 * 3_600_000);
  });

  it('follows the policy: one pass when verifyPasses is 1', () => {
    const { state } = run([[f], [ok]], ledgerState(), { ...P, verifyPasses: 1 });
    expect(onlyHazard(state)).toMatchObject({ status: 'pendingVerification', fixedAt: t0 + 3_600_000 });
  });

  it('stays quiet while awaiting sign-off', () => {
    const { plans } = run([[f], [ok], [ok], [ok], [ok], [ok]]);
    expect(plans[4]!.hazards).toEqual([]);
    expect(plans[5]!.audit).toEqual([]);
  });

  it('each change: version + 1, updatedAt, one event and one audit record', () => {
    const { plans } = run([[f], [ok], [unknown], [f], [ok]]);
    let version = 0;
    for (const p of plans) {
      expect(p.events.length).toBe(p.hazards.length);
      expect(p.audit.length).toBe(p.hazards.length);
      for (const h of p.hazards) {
        expect(h.version).toBe(version + 1);
        version = h.version;
        expect(h.updatedAt).toBe(p.events[0]!.at);
      }
    }
    expect(version).toBe(5);
  });
});

describe('details a reviewer reads', () => {
  const later = t0 + 10 * DAY;

  it('a refused pass is not worth retrying', () => {
    const f = finding();
    let thrown: unknown;
    try { reconcile(ledgerState(), pass(t0, [f, f]), P); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(PassInputError);
    expect((thrown as PassInputError).retryable).toBe(false);
  });

  it('names a measured hazard by rule, subject and first failure, from an instant or its ISO text alike', () => {
    const f = finding({ subject: { kind: 'link', id: 'l-7' } });
    expect(measuredHazardId(f, t0)).toBe('NODE-001:link:l-7:2026-12-01T00:00:00.000Z');
    expect(measuredHazardId(f, '2026-12-01T00:00:00.000Z')).toBe('NODE-001:link:l-7:2026-12-01T00:00:00.000Z');
  });

  it.each([
    ['a device: its NE id', { kind: 'device', id: 'cr1' }, 'sh-core', ['sh-core'], { siteId: 'sh-core', sites: ['sh-core'], neId: 'cr1' }],
    ['a link: its route id', { kind: 'link', id: 'l-7' }, null, ['a', 'b'], { siteId: null, sites: ['a', 'b'], routeId: 'l-7' }],
    ['a redundancy pair: the sites only', { kind: 'pair', id: 'cr1+cr2' }, 'sh-core', ['sh-core'], { siteId: 'sh-core', sites: ['sh-core'] }],
  ] as const)('locates a hazard on %s', (_n, subject, site, sites, want) => {
    expect(reconcile(ledgerState(), pass(t0, [finding({ subject, site, sites: [...sites] })]), P).hazards[0]!.location).toEqual(want);
  });

  it('counts what a plan does, exactly', () => {
    const opened = reconcile(ledgerState(), pass(t0, [finding(), finding({ subject: { kind: 'device', id: 'cr2' } }), finding({ subject: { kind: 'device', id: 'cr3' }, state: 'protected' })]), P);
    expect(planOutcome(opened)).toEqual({ findingChanges: 3, opened: 2, reopened: 0, pendingVerification: 0, hazardsChanged: 2, auditRecords: 2 });
    // back to rectification is a status change that is neither a reopening nor pending verification
    const pending = hazard({ status: 'pendingVerification', fixedAt: t0 + DAY, protectedPasses: 3, findingState: 'protected' });
    const back = reconcile(ledgerState([], [pending]), pass(later, [finding()]), P);
    expect(planOutcome(back)).toEqual({ findingChanges: 1, opened: 0, reopened: 0, pendingVerification: 0, hazardsChanged: 1, auditRecords: 1 });
    const { plans } = run([[finding()], [finding({ state: 'protected' })], [finding({ state: 'protected' })], [finding({ state: 'protected' })]]);
    expect(planOutcome(plans[3]!)).toEqual({ findingChanges: 0, opened: 0, reopened: 0, pendingVerification: 1, hazardsChanged: 1, auditRecords: 1 });
  });

  it('says in the history why a hazard awaits verification', () => {
    const { plans } = run([[finding()], [finding({ state: 'protected' })]], ledgerState(), { ...P, verifyPasses: 1 });
    expect(plans[1]!.events[0]!.text).toBe('连续 1 次判定为已保护，整改完成待验收 / judged protected in 1 consecutive passes: awaiting verification');
    expect(plans[1]!.events[0]!.evidence).toEqual(finding().evidence);
    expect(plans[1]!.hazards[0]!.findingState).toBe('protected');
    // a protected pass short of verifyPasses records the state too
    expect(run([[finding()], [finding({ state: 'protected' })]]).plans[1]!.hazards[0]).toMatchObject({ findingState: 'protected', protectedPasses: 1, status: 'open' });
  });

  describe('a subject that left the analysis', () => {
    const rec = (h: Hazard): FindingRecord => ({ fingerprint: h.fingerprint!, rule: 'NODE-001', subject: h.subject!, state: 'unprotected', colour: 'red', firstSeen: t0, lastSeen: t0, since: t0, policyHash: 'p' });
    it.each([
      ['a closed hazard stays untouched', hazard({ status: 'closed', closedAt: t0, findingState: 'protected' }), false],
      ['a hazard already recorded as gone (no state, no count) stays untouched', hazard({ status: 'rectifying', findingState: null, protectedPasses: 0 }), false],
      ['a hazard with no state but a count of protected passes: the count restarts', hazard({ status: 'rectifying', findingState: null, protectedPasses: 2 }), true],
      ['a live hazard: its state is cleared', hazard({ status: 'rectifying', findingState: 'unprotected' }), true],
    ] as const)('%s', (_n, h, changes) => {
      const plan = reconcile(ledgerState([rec(h)], [h]), pass(later, []), P);
      expect(plan.goneFindings).toEqual([h.fingerprint]);
      if (!changes) {
        expect(plan.hazards).toEqual([]);
        return;
      }
      expect(plan.hazards[0]).toMatchObject({ findingState: null, protectedPasses: 0, lastMeasuredAt: later, status: 'rectifying' });
      expect(plan.events[0]).toMatchObject({ kind: 'measured', evidence: [] });
      expect(plan.audit[0]).toMatchObject({ action: 'hazard.measured' });
    });
  });

  describe('a live hazard whose finding is unknown, down or waived', () => {
    it.each([
      ['waived with a colour of its own: the colour follows (the waiver caps it)', finding({ colour: 'orange', waived: { reason: 'accepted until the fit-out', until: '2027-03-31' } }), { findingState: 'unprotected', colour: 'orange' }],
      ['down, red: the colour stays the hazard\'s', finding({ state: 'down', colour: 'red' }), { findingState: 'down', colour: 'yellow' }],
      ['unknown, no colour: the colour stays', finding({ state: 'unknown' }), { findingState: 'unknown', colour: 'yellow' }],
    ] as const)('%s', (_n, f, want) => {
      const live = hazard({ status: 'rectifying', colour: 'yellow', protectedPasses: 2, findingState: 'protected' });
      const plan = reconcile(ledgerState([], [live]), pass(later, [f]), P);
      expect(plan.hazards[0]).toMatchObject({ ...want, protectedPasses: 0, status: 'rectifying', lastMeasuredAt: later });
      expect(plan.events[0]).toMatchObject({ kind: 'measured' });
    });
  });
});
