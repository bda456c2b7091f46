import { describe, expect, it } from 'vitest';
import { observeTable } from '../../test/support/probe-table.js';
import { DEFAULT_COLLECT, collectDevice } from '../collect/snmp/engine.js';
import { PROFILES } from '../collect/snmp/profiles/index.js';
import { TableTransport } from '../../test/support/table-transport.js';
import { CounterHistory } from './counter-history.js';

const DEVICE = `
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.99999.1
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.2.2.1.8.1|2|1
1.3.6.1.2.1.2.2.1.8.2|2|1
1.3.6.1.2.1.31.1.1.1.1.1|4|Te0/1
1.3.6.1.2.1.31.1.1.1.1.2|4|Te0/2
1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551000
1.3.6.1.2.1.31.1.1.1.10.1|70|42
`;

describe('interface counters', () => {
  it('are read from the 64-bit columns, kept out of the observation', async () => {
    const r = await collectDevice(new TableTransport(DEVICE), { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => Date.now() });
    expect(r.counters).toEqual([{ index: 1, name: 'Te0/1', inOctets: 18446744073709551000n, outOctets: 42n, bits: 64, discontinuity: null }]);
    const o = await observeTable(DEVICE);
    expect(JSON.stringify(o)).not.toContain('18446744073709551000');
  });

  it('keep a window of samples for the members named, and drop the others', () => {
    const h = new CounterHistory(10_000);
    const c = (n: bigint) => [{ index: 1, name: 'Te0/1', inOctets: n, outOctets: n, bits: 64 as const, discontinuity: null }, { index: 2, name: 'Te0/2', inOctets: n, outOctets: n, bits: 64 as const, discontinuity: null }];
    const speeds = new Map([['Te0/1', 10_000], ['Te0/2', 10_000]]);
    h.record('d', 0, 1, c(1n), new Set(['Te0/1']), speeds);
    h.record('d', 6_000, 7, c(2n), new Set(['Te0/1']), speeds);
    h.record('d', 12_000, 13, c(3n), new Set(['Te0/1']), speeds);
    const m = h.members();
    expect(m.map((x) => [x.interface, x.capacityMbps, x.samples.map((s) => s.at)])).toEqual([['Te0/1', 10_000, [6_000, 12_000]]]);
    h.record('d', 13_000, 14, c(4n), new Set(), speeds);
    expect(h.members()).toEqual([]);
  });
});
