/**
 * The coverage statement, table-driven: every catalogue rule is listed, evaluated on its subjects
 * or skipped with its reason (not implemented, no register configured, no subject of its classes,
 * turned off, no data); subjects not judged and unknown verdicts are counted by reason code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inventoryFromObject, observation, snapshotOf } from '../../test/support/snapshot-builders.js';
import { runAnalysis } from './analyze.js';
import { CATALOGUE } from './catalogue.js';
import { coverageOf, type CoverageInput } from './coverage.js';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject } from './policy.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);

const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE', rooms: [{ id: 'a' }, { id: 'b' }] }],
  devices: [
    { id: 'cr1', site: 'bj', room: 'a', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' }, redundancyPair: 'cr2' },
    { id: 'cr2', site: 'bj', room: 'b', role: 'core', snmp: { host: '10.0.0.2', credentials: 'c' }, redundancyPair: 'cr1' },
  ],
});

describe('coverage of a run', () => {
  const snap = snapshotOf(NET, { now: NOW, devices: { cr1: observation({ redundancy: [{ subject: 'supervisor', name: 'supervisor redundancy', state: 'unknown', configured: null, source: 'cisco-rf' }] }), cr2: observation() } });
  const c = runAnalysis(snap, policy, NOW).coverage;
  const rule = (id: string) => c.rules.find((r) => r.rule === id)!;

  it('lists all 43 catalogue rules, then redline\'s own', () => {
    expect(c.catalogue).toBe(43);
    expect(CATALOGUE).toHaveLength(43);
    expect(c.rules.filter((r) => r.inCatalogue).map((r) => r.rule)).toEqual(CATALOGUE.map((r) => r.id));
    expect(c.rules.filter((r) => !r.inCatalogue).map((r) => r.rule)).toEqual(expect.arrayContaining(['PWR-001b', 'TOPO-001', 'TOPO-002', 'TOPO-003']));
    expect(c.evaluated + c.skipped.count).toBe(c.rules.length);
  });

  it.each([
    // rule, status, reason
    ['NODE-001', 'evaluated', null],
    ['NODE-002', 'evaluated', null],
    ['NODE-004', 'skipped', 'not_implemented'],
    ['OPS-002', 'skipped', 'not_implemented'],
    ['SWO-006', 'skipped', 'no_register_configured'],
    ['CFG-002', 'skipped', 'no_register_configured'],
    ['NODE-005', 'skipped', 'not_applicable_to_class'], // no aggregation node in this inventory
    ['NODE-003', 'skipped', 'not_applicable'], // cr1 is a fixed switch, cr2 reports nothing
    ['SWO-004', 'skipped', 'no_data'], // core devices, but no VRRP group seen
    ['TOPO-002', 'evaluated', null], // reports failures only: nothing undeclared seen is a clean result
  ] as const)('%s: %s (%s)', (id, status, reason) => {
    expect(rule(id).status).toBe(status);
    expect(rule(id).reason).toBe(reason);
  });

  it('lists the subjects of an evaluated rule and counts what it could not judge', () => {
    expect(rule('NODE-001').subjects).toEqual({ count: 1, list: ['pair:cr1+cr2'], byState: { protected: 1, degraded: 0, unprotected: 0, down: 0, unknown: 0 } });
    expect(rule('NODE-003').notEvaluated).toEqual([{ code: 'not_applicable', reason: 'no redundancy configured (peer state not known, no redundancy mode)', count: 1 }]);
    expect(c.subjects.notEvaluated.not_applicable).toBeGreaterThanOrEqual(1);
    expect(rule('NODE-004').needs?.en).toBe('per-site pool capacity and load');
    expect(rule('NODE-004').reasonText?.zh).toBe('尚未实现');
  });

  it('says a rule turned off in the policy is disabled', () => {
    const raw = parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as { rules: Record<string, Record<string, unknown>> };
    raw.rules['NODE-002']!['enabled'] = false;
    const off = runAnalysis(snap, policyFromObject(raw), NOW).coverage;
    expect(off.rules.find((r) => r.rule === 'NODE-002')).toMatchObject({ status: 'skipped', reason: 'disabled' });
  });

  it('is a pure function of (policy, snapshot, report): counts unknown reasons from the summary', () => {
    const input: CoverageInput = {
      at: NOW,
      findings: [{ rule: 'SWO-003', subject: { kind: 'device', id: 'cr1' } }],
      summary: { rules: [{ rule: 'SWO-003', states: { protected: 0, degraded: 0, unprotected: 0, down: 0, unknown: 1 }, notEvaluated: [], unknownReasons: [{ reason: 'no_bfd_table', count: 1 }] }] },
    };
    const a = coverageOf(policy, snap, input);
    expect(a).toEqual(coverageOf(policy, snap, input));
    expect(a.rules.find((r) => r.rule === 'SWO-003')).toMatchObject({ status: 'evaluated', unknown: [{ reason: 'no_bfd_table', count: 1 }], subjects: { count: 1, list: ['device:cr1'] } });
    expect(a.at).toBe('2026-03-10T04:00:00.000Z');
  });
});
