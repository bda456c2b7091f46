import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../test/support/probe-table.js';
import { combineStatus } from './engine.js';

const SYSTEM = `
1.3.6.1.2.1.1.1.0|4|Test device
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.99999.1
1.3.6.1.2.1.1.3.0|67|12345
1.3.6.1.2.1.1.5.0|4|core-1
`;

describe('combineStatus', () => {
  it.each([
    [['ok', 'failed'], 'failed'],
    [['unknown', 'ok'], 'ok'],
    [['absent', 'unknown'], 'absent'],
    [['absent', 'ok'], 'ok'],
    [[], 'unknown'],
  ] as const)('%j → %s', (list, want) => {
    expect(combineStatus(list)).toBe(want);
  });
});

describe('engine over ENTITY-MIB', () => {
  it('reads system, an entity PSU by entStateOper and an empty fan slot stays silent', async () => {
    const o = await observeTable(`${SYSTEM}
1.3.6.1.2.1.47.1.1.1.1.5.10|2|6
1.3.6.1.2.1.47.1.1.1.1.5.11|2|6
1.3.6.1.2.1.47.1.1.1.1.7.10|4|PSU A
1.3.6.1.2.1.47.1.1.1.1.7.11|4|PSU B
1.3.6.1.2.1.131.1.1.1.3.10|2|3
1.3.6.1.2.1.131.1.1.1.3.11|2|2
`);
    expect(o.system).toEqual({ name: 'core-1', descr: 'Test device', objectId: '1.3.6.1.4.1.99999.1', uptimeSeconds: 123.45 });
    expect(o.powerSupplies).toEqual([
      { id: 'psu-10', name: 'PSU A', status: 'ok', sources: ['entity'] },
      { id: 'psu-11', name: 'PSU B', status: 'failed', sources: ['entity'] },
    ]);
  });

  it('drops and reports a value of the wrong type', async () => {
    const o = await observeTable(`${SYSTEM}
1.3.6.1.2.1.47.1.1.1.1.5.10|2|6
1.3.6.1.2.1.131.1.1.1.3.10|4|enabled
`);
    expect(o.powerSupplies[0]?.status).toBe('unknown');
    expect(o.errors.some((e) => e.profile === 'entity' && /OCTET STRING|octets/.test(e.message))).toBe(true);
  });

  it('unwraps sysUpTime after 497 days using snmpEngineTime', async () => {
    const o = await observeTable(SYSTEM.replace('|67|12345', '|67|100') + '1.3.6.1.6.3.10.2.1.3.0|2|42949674\n');
    expect(o.system.uptimeSeconds).toBeCloseTo(42949673.96, 1);
  });
});
