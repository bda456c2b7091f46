import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import { eltekDistributedProfile, eltekSp2Profile } from './eltek-power.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, eltekSp2Profile, eltekDistributedProfile];
const SYS = systemRows('1.3.6.1.4.1.12148.10');
const SP2 = '1.3.6.1.4.1.12148.10';

describe('Eltek SP2-MIB DC plant', () => {
  it('counts rectifier modules by state and reads load, capacity use, battery minutes and mains', async () => {
    const o = await observeTable(`${SYS}${SP2}.3.1.0|2|1
${SP2}.5.3.5.0|2|45
${SP2}.5.6.1.2.1|2|1
${SP2}.5.6.1.2.2|2|1
${SP2}.5.6.1.2.3|2|3
${SP2}.5.6.1.2.4|2|6
${SP2}.9.2.5.0|2|120
${SP2}.10.8.5.0|2|185
`, PROFILES);
    expect(o.dcPower).toEqual([{
      source: 'eltek-sp2', rectifiers: { ok: 2, failed: 1, unknown: 0 }, moduleRatingAmps: null, loadAmps: 120, capacityUsedPercent: 45,
      battery: { state: 'unknown', minutesRemaining: 185, strings: null }, mains: 'ok',
    }]);
  });

  it.each([[1, 'ok'], [2, 'ok'], [3, 'failed'], [5, 'failed'], [4, 'unknown']] as const)('mains status %i → %s', async (raw, want) => {
    const o = await observeTable(`${SYS}${SP2}.3.1.0|2|${raw}\n`, PROFILES);
    expect(o.dcPower[0]?.mains).toBe(want);
  });

  it('reports no plant for a device that answers none of its objects', async () => {
    const o = await observeTable(SYS, PROFILES);
    expect(o.dcPower).toEqual([]);
  });
});

describe('ELTEK-DISTRIBUTED-MIB DC plant', () => {
  it('reads modules, load, battery mode and banks; no minutes (the MIB has none)', async () => {
    const V9 = '1.3.6.1.4.1.12148.9';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.12148.9')}${V9}.2.2.0|2|3
${V9}.3.18.0|2|2
${V9}.4.1.0|2|42
${V9}.5.5.2.1.2.1|2|1
${V9}.5.5.2.1.2.2|2|2
${V9}.5.5.2.1.2.3|2|0
`, PROFILES);
    expect(o.dcPower).toEqual([{
      source: 'eltek-distributed', rectifiers: { ok: 1, failed: 1, unknown: 0 }, moduleRatingAmps: null, loadAmps: 42, capacityUsedPercent: null,
      battery: { state: 'test', minutesRemaining: null, strings: 2 }, mains: 'unknown',
    }]);
  });
});
