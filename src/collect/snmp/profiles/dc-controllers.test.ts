/** DC controller and power-input profiles, state by state as their MIBs define them (the snmpsim run is test/integration/recordings-dc.test.ts). */
import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import type { ComponentStatus, DcBatteryState } from '../../observation.js';
import { apcAtsProfile } from './apc-ats.js';
import { huaweiSmuProfile } from './huawei-smu.js';
import { raritanPdu2Profile } from './raritan-pdu2.js';
import { systemProfile } from './system.js';
import { vertivNetSureProfile } from './vertiv-netsure.js';

const NETSURE = '1.3.6.1.4.1.6302.2.1.2';
const SMU = '1.3.6.1.4.1.2011.6.164.1';

describe('Vertiv NetSure (EES powerMIB)', () => {
  const read = (rows: string) => observeTable(`${systemRows('1.3.6.1.4.1.6302.2.1.1')}${rows}`, [systemProfile, vertivNetSureProfile]);
  it.each([
    [2, 'float', 'ok'], [3, 'test', 'ok'], [7, 'test', 'ok'], [8, 'discharging', 'failed'], [10, 'charging', 'ok'], [13, 'test', 'ok'], [1, 'unknown', 'unknown'],
  ] as const)('psStatusBatteryMode %i → battery %s, mains %s', async (raw, battery: DcBatteryState, mains) => {
    const p = (await read(`${NETSURE}.9.0|2|${raw}\n`)).dcPower[0];
    expect([p?.battery.state, p?.mains]).toEqual([battery, mains]);
  });
  it.each([[1, 'failed'], [2, 'ok']] as const)('psRectifierFail %i → module %s', async (raw, want: ComponentStatus) => {
    const p = (await read(`${NETSURE}.11.4.1.8.1|2|${raw}\n`)).dcPower[0];
    expect(p?.rectifiers).toEqual({ ok: want === 'ok' ? 1 : 0, failed: want === 'failed' ? 1 : 0, unknown: 0 });
  });
  it('reads no load from the invalid sentinel, and the load in amperes from mA', async () => {
    expect((await read(`${NETSURE}.3.0|2|2147483647\n`)).dcPower[0]?.loadAmps).toBeNull();
    expect((await read(`${NETSURE}.3.0|2|-1500\n`)).dcPower[0]?.loadAmps).toBe(-1.5);
  });
});

describe('Huawei SMU (EMAP-MIB hwSiteMonitor)', () => {
  const read = (rows: string) => observeTable(`${systemRows('1.3.6.1.4.1.2011.6.164.2')}${rows}`, [systemProfile, huaweiSmuProfile]);
  it.each([
    [1, 'ok'], [2, 'failed'], [3, 'failed'], [4, 'unknown'], [5, 'unknown'], [7, 'absent'], [8, 'failed'], [9, 'failed'], [254, 'ok'], [255, 'unknown'],
  ] as const)('hwRectOperStatus %i → %s', async (raw, want) => {
    const r = (await read(`${SMU}.3.2.2.1.99.28672|2|${raw}\n`)).dcPower[0]?.rectifiers ?? null;
    const counted = want === 'absent' ? { ok: 0, failed: 0, unknown: 0 } : { ok: 0, failed: 0, unknown: 0, [want]: 1 };
    expect(r).toEqual(counted);
  });
  it.each([[1, 'ok'], [2, 'failed'], [3, 'failed'], [5, 'ok'], [254, 'ok'], [255, 'unknown']] as const)('hwAcInputOperStatus %i → input %s', async (raw, want) => {
    const o = await read(`${SMU}.5.2.1.1.3.1|4|AC1\n${SMU}.5.2.1.1.99.1|2|${raw}\n`);
    expect(o.powerInputs?.map((i) => i.state)).toEqual([want]);
    expect(o.dcPower[0]?.mains).toBe(want);
  });
  it.each([[1, 'float'], [2, 'charging'], [3, 'discharging'], [4, 'float'], [7, 'fault'], [255, 'unknown']] as const)('hwBattsChargeStatus %i → %s', async (raw, want) => {
    expect((await read(`${SMU}.4.2.3.0|2|${raw}\n`)).dcPower[0]?.battery.state).toBe(want);
  });
  it('a plant with one AC input down and one up reports its mains failed', async () => {
    const o = await read(`${SMU}.5.2.1.1.99.1|2|1\n${SMU}.5.2.1.1.99.2|2|2\n`);
    expect(o.dcPower[0]?.mains).toBe('failed');
  });
  it('a Huawei router without the site monitor tables has no plant', async () => {
    expect((await observeTable(systemRows('1.3.6.1.4.1.2011.2.224.279'), [systemProfile, huaweiSmuProfile])).dcPower).toEqual([]);
  });
});

describe('power inputs', () => {
  it.each([[1, 'ok', 'failed', true], [2, 'failed', 'ok', false]] as const)('APC ATS: selected source %i, A %s B %s', async (selected, a, b, onA) => {
    const ats = '1.3.6.1.4.1.318.1.1.8.5.1';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.318.1.3.11')}${ats}.2.0|2|${selected}\n${ats}.12.0|2|${a === 'ok' ? 2 : 1}\n${ats}.13.0|2|${b === 'ok' ? 2 : 1}\n`, [systemProfile, apcAtsProfile]);
    expect(o.powerInputs?.map((i) => [i.name, i.state, i.feedsLoad])).toEqual([['ATS source A', a, onA], ['ATS source B', b, !onA]]);
  });
  it.each([[-1, 'unknown'], [2, 'failed'], [3, 'ok'], [4, 'ok'], [6, 'ok']] as const)('Raritan inlet voltage state %i → %s', async (raw, want) => {
    const m = '1.3.6.1.4.1.13742.6.5.2.3.1.3';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.13742.6')}1.3.6.1.4.1.13742.6.3.3.3.1.2.1.1|4|I1\n${m}.1.1.1|2|8\n${m}.1.1.4|2|${raw}\n`, [systemProfile, raritanPdu2Profile]);
    expect(o.powerInputs?.map((i) => [i.name, i.state])).toEqual([['I1', want]]);
  });
});
