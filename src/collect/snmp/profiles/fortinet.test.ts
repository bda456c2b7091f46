import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { fortinetProfile } from './fortinet.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, fortinetProfile];
const FORTIGATE = `
1.3.6.1.2.1.1.1.0|4|
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.12356.101.1.5004
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|fw-1
`;
const S = '1.3.6.1.4.1.12356.101.4.3.2.1';

describe('fortinet: fgHwSensorEntAlarmStatus, every value', () => {
  it.each([
    [0, 'ok'], // false
    [1, 'failed'], // true
    [5, 'unknown'],
  ] as const)('PS2 Status and FAN1 alarm %i → %s', async (raw, want) => {
    const o = await observeTable(`${FORTIGATE}
${S}.2.76|4|PS2 Status
${S}.4.76|2|${raw}
${S}.2.28|4|FAN1
${S}.4.28|2|${raw}
`, PROFILES);
    expect(o.powerSupplies).toEqual([{ id: 'psu-fortinet-76', name: 'PS2 Status', status: want, sources: ['fortinet'] }]);
    expect(o.fans).toEqual([{ id: 'fan-fortinet-28', name: 'FAN1', status: want, sources: ['fortinet'] }]);
  });

  it('voltages, temperatures and the external RPS input are not supplies; a supply fan is a fan', async () => {
    const o = await observeTable(`${FORTIGATE}
${S}.2.11|4|MAIN 12V
${S}.4.11|2|0
${S}.2.14|4|RPS 12V
${S}.4.14|2|1
${S}.2.24|4|FAN_TMP_3
${S}.4.24|2|0
${S}.2.65|4|PS1 VIN
${S}.4.65|2|1
${S}.2.69|4|PS1 Fan 1
${S}.4.69|2|0
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.fans.map((f) => [f.name, f.status])).toEqual([['PS1 Fan 1', 'ok']]);
  });
});
