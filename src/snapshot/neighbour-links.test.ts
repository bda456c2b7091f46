/**
 * Neighbour rows to adjacencies, as a property: a duplicate of any LLDP/CDP row (the same
 * adjacency under another remote index, as OmniSwitch agents keep them) never changes what the
 * analysis finds, wherever the duplicate lands in the table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterfaceState, Neighbor } from '../collect/observation.js';
import { inventoryFromObject, observation, snapshotOf } from '../../test/support/snapshot-builders.js';
import { runAnalysis } from '../analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../analysis/policy.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);
const DEVICES = ['s1', 's2', 's3'] as const;
const inventory = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }],
  devices: DEVICES.map((id, k) => ({ id, site: 'bj', role: 'agg', snmp: { host: `10.0.2.${k + 1}`, credentials: 'c' } })),
  links: [
    { id: 's1-s2', a: { device: 's1', interface: '1/1/1' }, b: { device: 's2', interface: '1/1/1' }, risks: [{ kind: 'duct', id: 'D-1' }] },
    { id: 's2-s3', a: { device: 's2', interface: '1/1/2' }, b: { device: 's3', interface: 'xe-0/0/1' }, risks: [{ kind: 'duct', id: 'D-2' }] },
    { id: 's1-s3', a: { device: 's1', interface: '1/1/2' }, b: { device: 's3', interface: 'xe-0/0/2' }, risks: [{ kind: 'duct', id: 'D-2' }] },
  ],
  services: [{ id: 'svc', class: 'PC-AGG', endpoints: ['s1', 's3'] }],
});
const ifs = (names: readonly string[]): InterfaceState[] => names.map((name, k) => ({ index: k + 1, name, operStatus: 'up', adminStatus: 'up', speedMbps: 10_000 }));
const IFACES: Readonly<Record<(typeof DEVICES)[number], readonly string[]>> = { s1: ['1/1/1', '1/1/2', '1/1/3'], s2: ['1/1/1', '1/1/2', '1/1/3'], s3: ['xe-0/0/1', 'xe-0/0/2', 'xe-0/0/3'] };

/** Port spellings an agent may use for a port: the name, an OmniSwitch-style description, a Junos unit, the ifIndex. */
const spelling = (names: readonly string[]): fc.Arbitrary<string> => fc.integer({ min: 0, max: names.length - 1 }).chain((k) => fc.constantFrom(
  names[k]!, `Alcatel-Lucent OS6900 XNI ${names[k]!}`, `${names[k]!}.0`, String(k + 1),
));
const row = (from: (typeof DEVICES)[number]): fc.Arbitrary<Neighbor> => fc.constantFrom(...DEVICES, 'host-x').chain((to) => fc.record({
  protocol: fc.constantFrom('lldp' as const, 'cdp' as const),
  localPort: spelling(IFACES[from]),
  remoteName: fc.constant(to),
  remotePort: to === 'host-x' ? fc.constant('eth0') : spelling(IFACES[to]),
}));
const tables = fc.record({ s1: fc.array(row('s1'), { maxLength: 5 }), s2: fc.array(row('s2'), { maxLength: 5 }), s3: fc.array(row('s3'), { maxLength: 5 }) });

function findingsOf(rows: Readonly<Record<(typeof DEVICES)[number], readonly Neighbor[]>>): string[] {
  const devices = Object.fromEntries(DEVICES.map((id) => [id, observation({ interfaces: ifs(IFACES[id]), neighbors: [...rows[id]] })]));
  const report = runAnalysis(snapshotOf(inventory, { now: NOW, devices }), policy, NOW);
  return report.findings.map((f) => `${f.rule} ${f.subject.id} ${f.state} ${f.explanation.en}`).sort();
}

describe('neighbour rows reduced to physical adjacencies', () => {
  it('a duplicate of any neighbour row, anywhere in its table, never changes the findings', () => {
    fc.assert(fc.property(tables, fc.constantFrom(...DEVICES), fc.nat(), fc.nat(), (t, dev, pick, at) => {
      fc.pre(t[dev].length > 0);
      const original = t[dev][pick % t[dev].length]!;
      const withDup = [...t[dev]];
      withDup.splice(at % (withDup.length + 1), 0, { ...original });
      expect(findingsOf({ ...t, [dev]: withDup })).toEqual(findingsOf(t));
    }), { numRuns: 150 });
  });
});
