/**
 * Accepted risks as ledger records: what a waiver must say (the cap by risk level named in the
 * message), the one-time import of policy.yaml waivers, the waivers in force in the analysis's
 * shape (fed back into a real analysis run), and the message a policy file with `waivers:` gets.
 */
import { describe, expect, it } from 'vitest';
import { T } from '../../test/support/hazard-builders.js';
import { inventoryFromObject, snapshotOf } from '../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy, type Waiver } from '../analysis/policy.js';
import { DAY_MS } from './deadlines.js';
import { DEFAULT_LEDGER_POLICY, type LedgerWaiver } from './types.js';
import { POLICY_WAIVERS_MOVED, activeWaivers, policyWaiverId, validateWaiver, waiverInputSchema, waiversFromPolicy, type WaiverInput } from './waiver-rules.js';

const now = T('2026-12-04T02:00:00Z');
const P = DEFAULT_LEDGER_POLICY;
const good: WaiverInput = { rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March', approvedBy: '张工', scope: ['sh-core'], until: now + 20 * DAY_MS };

describe('validateWaiver', () => {
  it('accepts a complete waiver within the cap', () => {
    expect(validateWaiver(good, { colour: 'red', now, policy: P })).toEqual([]);
  });

  it('names every problem with its path', () => {
    const bad: WaiverInput = { rule: 'node2', subject: { kind: 'pair', id: ' ' }, reason: 'short', approvedBy: '', scope: ['a', 'a', ''], until: now - 1 };
    expect(validateWaiver(bad, { colour: 'blue', now, policy: P })).toEqual([
      { path: 'rule', message: 'expected a rule id such as NODE-001, got "node2"' },
      { path: 'subject.id', message: 'a waiver names its subject' },
      { path: 'approvedBy', message: 'a waiver needs the name of the person who approved it' },
      { path: 'reason', message: 'a waiver needs a reason of at least 10 characters' },
      { path: 'scope[1]', message: '"a" is listed twice' },
      { path: 'scope[2]', message: 'a scope entry names a site or a class' },
      { path: 'until', message: 'the expiry must be in the future' },
    ]);
  });

  it.each([
    { colour: 'red', days: 31, cap: 30 },
    { colour: 'orange', days: 91, cap: 90 },
    { colour: 'yellow', days: 181, cap: 180 },
    { colour: 'blue', days: 366, cap: 365 },
  ] as const)('a $colour risk cannot be accepted past $cap days', ({ colour, days, cap }) => {
    const input = { ...good, until: now + days * DAY_MS };
    expect(validateWaiver(input, { colour, now, policy: P })).toEqual([{ path: 'until', message: expect.stringContaining(`a ${colour} risk`) as string }]);
    expect(validateWaiver(input, { colour, now, policy: P })[0]!.message).toContain(`longer than ${cap} days (ledger.waiverMaxDays.${colour} in policy.yaml)`);
    expect(validateWaiver({ ...good, until: now + cap * DAY_MS }, { colour, now, policy: P })).toEqual([]);
  });

  it('applies the red cap when the risk level is not known, and says so', () => {
    const [p] = validateWaiver({ ...good, until: now + 60 * DAY_MS }, { colour: null, now, policy: P });
    expect(p?.message).toMatch(/a red risk \(major risk, assumed: the risk level is not known\) cannot be accepted for longer than 30 days/);
  });
});

describe('waiverInputSchema', () => {
  it('parses a request into a WaiverInput, and reports bad fields with their paths', () => {
    const ok = waiverInputSchema.parse({ rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March', approvedBy: '张工', until: '2026-12-24T23:59:59+08:00' });
    expect(ok).toEqual({ rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March', approvedBy: '张工', scope: [], until: T('2026-12-24T15:59:59Z') });
    expect(validateWaiver(ok, { colour: 'red', now, policy: P })).toEqual([]);
    const bad = waiverInputSchema.safeParse({ rule: 'x', subject: { kind: 'pair' }, reason: 'short', until: '2027-01-01' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['approvedBy', 'reason', 'rule', 'subject.id', 'until']);
  });
});

describe('waivers from policy.yaml', () => {
  const w = (over: Partial<Waiver>): Waiver => ({ rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out in March', until: '2027-03-31', untilMs: T('2027-03-31T15:59:59.999Z'), ...over });

  it('imports each with a stable id, its approver or policy.yaml, and keeps the later of two for one subject', () => {
    const list = waiversFromPolicy([
      w({ approvedBy: '张工' }),
      w({ rule: 'PWR-001', subject: { kind: 'device', id: 'cr1' }, until: '2026-01-01', untilMs: T('2025-12-31T15:59:59.999Z') }),
      w({ untilMs: T('2027-01-31T15:59:59.999Z'), reason: 'an earlier entry for the same pair' }),
    ], now);
    expect(list).toEqual([
      { id: 'policy:NODE-002:pair:cr1+cr2', version: 1, rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out in March', approvedBy: '张工', scope: [], createdAt: now, until: T('2027-03-31T15:59:59.999Z'), revokedAt: null, source: 'policy.yaml' },
      expect.objectContaining({ id: policyWaiverId('PWR-001', { kind: 'device', id: 'cr1' }), approvedBy: 'policy.yaml', until: T('2025-12-31T15:59:59.999Z') }),
    ]);
    expect(waiversFromPolicy([w({})], now + 1)[0]!.id).toBe(list[0]!.id);
  });
});

describe('activeWaivers', () => {
  const base: LedgerWaiver = { id: 'w1', version: 1, rule: 'PWR-001', subject: { kind: 'device', id: 'a1' }, reason: 'feeder works until spring', approvedBy: 'admin', scope: [], createdAt: now - DAY_MS, until: now + DAY_MS, revokedAt: null, source: 'api' };

  it.each([
    { what: 'in force', w: base, active: true },
    { what: 'expired', w: { ...base, until: now - 1 }, active: false },
    { what: 'revoked', w: { ...base, revokedAt: now - 1 }, active: false },
    { what: 'revoked later', w: { ...base, revokedAt: now + 1 }, active: true },
  ])('$what: $active', ({ w, active }) => {
    expect(activeWaivers([w], now).length).toBe(active ? 1 : 0);
  });

  it('gives the analysis shape, and a real analysis marks the finding waived', () => {
    const inventory = inventoryFromObject({
      sites: [{ id: 'bj', class: 'PC-CORE', rooms: [{ id: 'a' }] }],
      devices: [
        { id: 'cr1', site: 'bj', room: 'a', role: 'core', redundancyPair: 'cr2' },
        { id: 'cr2', site: 'bj', room: 'a', role: 'core', redundancyPair: 'cr1' },
      ],
    });
    const pair: LedgerWaiver = { ...base, rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March' };
    const waivers = activeWaivers([pair, { ...pair, id: 'w2', rule: 'NODE-001', revokedAt: now - 1 }], now);
    expect(waivers).toEqual([{ rule: 'NODE-002', subject: { kind: 'pair', id: 'cr1+cr2' }, reason: 'room B fit-out finishes in March', until: new Date(now + DAY_MS).toISOString(), untilMs: now + DAY_MS, approvedBy: 'admin' }]);
    const policy = { ...loadPolicy(DEFAULT_POLICY_FILE), waivers };
    const f = runAnalysis(snapshotOf(inventory, { now }), policy, now).findings.find((x) => x.rule === 'NODE-002');
    expect(f?.state).toBe('unprotected');
    expect(f?.waived).toEqual({ reason: 'room B fit-out finishes in March', until: new Date(now + DAY_MS).toISOString() });
    const later = now + 2 * DAY_MS;
    const expired = runAnalysis(snapshotOf(inventory, { now: later }), { ...policy, waivers: activeWaivers([pair], later) }, later).findings.find((x) => x.rule === 'NODE-002');
    expect(expired?.waived).toBeUndefined();
  });
});

describe('POLICY_WAIVERS_MOVED', () => {
  it('names the import time in the operator zone, the file and the API, in both languages', () => {
    const m = POLICY_WAIVERS_MOVED('/etc/redline/policy.yaml', T('2026-12-04T06:03:00Z'), 'Asia/Shanghai');
    expect(m).toContain('waivers now live in the ledger (imported 2026-12-04 14:03 (Asia/Shanghai)); remove `waivers:` from /etc/redline/policy.yaml; manage them with /api/v1/waivers');
    expect(m).toContain('风险接受（豁免）已移入台账（2026-12-04 14:03（Asia/Shanghai 时间）导入）');
  });
});
