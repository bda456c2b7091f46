/**
 * Walks the registration list: ids are unique, well formed and of their family; each rule's
 * thresholds have defaults for every field; the shipped policy has an entry for each; and every
 * rule runs without throwing on an empty network and on one where nothing answers.
 */
import { describe, expect, it } from 'vitest';
import { inventoryFromObject, snapshotOf } from '../../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, RULE_ID, loadPolicy } from '../policy.js';
import { RULES } from './index.js';

const policy = loadPolicy(DEFAULT_POLICY_FILE);
const NOW = Date.parse('2026-03-10T04:00:00Z');

describe('rule registration list', () => {
  it('has unique, well-formed ids of their family', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(RULE_ID);
      expect(r.id.startsWith(`${r.family}-`)).toBe(true);
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s: thresholds default completely and the policy catalogues it', (id, r) => {
    expect(r.thresholds.safeParse({}).success).toBe(true);
    const entry = policy.rules.get(id);
    expect(entry).toBeDefined();
    expect(entry!.clause).toBe('MIIT-2023-46/2.3');
    expect(entry!.title.en.length).toBeGreaterThan(0);
    expect(entry!.title.zh.length).toBeGreaterThan(0);
  });

  it('runs every rule on an empty network and on one where nothing answers, without an error', () => {
    const inv = inventoryFromObject({
      sites: [{ id: 's', class: 'PC-CORE', rooms: [{ id: 'r' }] }],
      devices: [
        { id: 'a', site: 's', room: 'r', role: 'x', snmp: { host: '10.0.0.1', credentials: 'c' }, redundancyPair: 'b', multihomed: true, expectedPsus: 2 },
        { id: 'b', site: 's', room: 'r', role: 'x', snmp: { host: '10.0.0.2', credentials: 'c' }, redundancyPair: 'a' },
      ],
      links: [{ id: 'ab', a: { device: 'a', interface: 'x' }, b: { device: 'b', interface: 'y' }, protection: { group: 'g', leg: 'working' } }],
      services: [{ id: 'svc', class: 'PC-CORE', endpoints: ['a', 'b'] }],
    });
    for (const snap of [snapshotOf(inventoryFromObject({}), { now: NOW }), snapshotOf(inv, { now: NOW, devices: { a: 'unreachable', b: 'stale' } })]) {
      const r = runAnalysis(snap, policy, NOW);
      expect(r.summary.rules.filter((x) => x.error !== undefined)).toEqual([]);
      expect(r.summary.rules.map((x) => x.rule)).toEqual(RULES.map((x) => x.id));
    }
  });
});
