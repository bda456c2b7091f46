import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../test/support/probe-table.js';
import { systemProfile } from './profiles/system.js';
import type { Profile } from './profiles/types.js';

/** A made-up MIB with a current and a superseded fan table, to test `unlessRows`. */
const profile: Profile = {
  id: 'two-tables',
  mib: 'TEST-MIB',
  vendors: ['1.3.6.1.4.1.99999'],
  columns: {
    current: { oid: '1.3.6.1.4.1.99999.2.1', type: 'int' },
    legacy: { oid: '1.3.6.1.4.1.99999.1.1', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'fan', rows: 'current', status: { column: 'current', map: { 1: 'ok', 2: 'failed' } } },
    { kind: 'component', component: 'fan', rows: 'legacy', unlessRows: 'current', status: { column: 'legacy', map: { 1: 'ok', 2: 'failed' } } },
  ],
};
const SYSTEM = `
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.99999.7
1.3.6.1.2.1.1.3.0|67|100
`;

describe('component unlessRows', () => {
  it('reads the superseded table when the current one is empty', async () => {
    const o = await observeTable(`${SYSTEM}
1.3.6.1.4.1.99999.1.1.1|2|1
1.3.6.1.4.1.99999.1.1.2|2|2
`, [systemProfile, profile]);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-two-tables-1', 'ok'], ['fan-two-tables-2', 'failed']]);
  });

  it('ignores it when the current table has rows', async () => {
    const o = await observeTable(`${SYSTEM}
1.3.6.1.4.1.99999.1.1.1|2|1
1.3.6.1.4.1.99999.1.1.2|2|2
1.3.6.1.4.1.99999.2.1.7.1|2|1
`, [systemProfile, profile]);
    expect(o.fans.map((f) => f.id)).toEqual(['fan-two-tables-7.1']);
  });
});
