import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import type { ComponentStatus } from '../../observation.js';
import { alpineOeProfile } from './alpine-oe.js';
import { checkpointGaiaProfile } from './checkpoint-gaia.js';
import { cienaWaveserverProfile } from './ciena-waveserver.js';
import { dellCompellentProfile } from './dell-compellent.js';
import { dellServerProfile } from './dell-server.js';
import { fcMgmtProfile } from './fcmgmt.js';
import { firebrickBgpProfile } from './firebrick-bgp.js';
import { fireeyeProfile } from './fireeye.js';
import { juniperProfile } from './juniper.js';
import { moxaProfiles } from './moxa.js';
import { nscrtvEdfaProfile } from './nscrtv-edfa.js';
import { omnitronProfile } from './omnitron.js';
import { scalanceProfile } from './scalance.js';
import { solidserverProfile } from './solidserver.js';
import { systemProfile } from './system.js';
import type { Profile } from './types.js';
import { ubntEdgePowerProfile } from './ubnt-edgepower.js';

const moxa512 = moxaProfiles.find((p) => p.vendors?.includes('1.3.6.1.4.1.8691.7.70'));

/** [profile, sysObjectID, status column, instance, raw → status pairs, other rows of the unit]: one unit per case. */
const CASES: readonly [Profile, string, string, string, readonly (readonly [number, ComponentStatus])[], string?][] = [
  [moxa512!, '1.3.6.1.4.1.8691.7.70', '1.3.6.1.4.1.8691.7.70.1.10.1', '0', [[0, 'absent'], [1, 'ok'], [7, 'unknown']]],
  [nscrtvEdfaProfile, '1.3.6.1.4.1.17409.1', '1.3.6.1.4.1.17409.1.11.33', '0', [[0, 'unknown'], [1, 'ok'], [2, 'failed'], [3, 'absent']]],
  [fireeyeProfile, '1.3.6.1.4.1.25597.1', '1.3.6.1.4.1.25597.11.3.1.2', '0', [[1, 'ok'], [2, 'failed']]],
  [solidserverProfile, '1.3.6.1.4.1.2440', '1.3.6.1.4.1.2440.1.14.5.1', '0', [[0, 'unknown'], [1, 'ok'], [2, 'failed']]],
  [alpineOeProfile, '1.3.6.1.4.1.52326', '1.3.6.1.4.1.52326.2.1.4.1.10', '1', [[0, 'ok'], [1, 'failed'], [2, 'failed']], '1.3.6.1.4.1.52326.2.1.4.1.8.1|2|0'],
  [omnitronProfile, '1.3.6.1.4.1.7342.5.1', '1.3.6.1.4.1.7342.2.1.11.1.5', '1.1', [[0, 'absent'], [1, 'absent'], [2, 'failed'], [3, 'ok']]],
  [scalanceProfile, '1.3.6.1.4.1.4329.6.1.2.1.2', '1.3.6.1.4.1.4329.20.1.1.1.1.28.5', '0', [[0, 'ok'], [1, 'failed'], [2, 'unknown']]],
  [dellCompellentProfile, '1.3.6.1.4.1.8072.3.2.8', '1.3.6.1.4.1.674.11000.2000.500.1.2.21.1.3', '1.2', [[1, 'ok'], [2, 'failed'], [3, 'unknown']]],
  [ubntEdgePowerProfile, '1.3.6.1.4.1.10002.1', '1.3.6.1.4.1.41112.1.5.3.2.1.4', '1', [[0, 'failed'], [1, 'ok']]],
  [fcMgmtProfile, '1.3.6.1.4.1.347.2.5730', '1.3.6.1.3.94.1.8.1.4', '9.62', [[1, 'unknown'], [3, 'ok'], [4, 'unknown'], [5, 'failed']], '1.3.6.1.3.94.1.8.1.7.9.62|2|5'],
  [cienaWaveserverProfile, '1.3.6.1.4.1.1271.3', '1.3.6.1.4.1.1271.3.5.4.5.1.4', '35', [[1, 'failed'], [2, 'ok']], '1.3.6.1.4.1.1271.3.5.4.5.1.9.35|4|Power Supply Feed Failed'],
  [dellServerProfile, '1.3.6.1.4.1.674.10892.5', '1.3.6.1.4.1.674.10892.5.4.600.30.1.5', '1.1', [[3, 'ok'], [4, 'unknown'], [5, 'failed'], [8, 'failed'], [10, 'failed']], '1.3.6.1.4.1.674.10892.5.4.600.30.1.8.1.1|4|PS1 Current 1'],
  [juniperProfile, '1.3.6.1.4.1.2636.1.1.1.4.82.28', '1.3.6.1.4.1.2636.3.1.13.1.6', '22.1.0.0', [[2, 'ok'], [6, 'failed']], '1.3.6.1.4.1.2636.3.1.13.1.5.22.1.0.0|4|PSM slot 0'],
];

describe('wide-set families: each state maps as its MIB says', () => {
  for (const [profile, objectId, column, instance, pairs, extra] of CASES) {
    it.each(pairs)(`${profile.id} ${column}.${instance} = %i → %s`, async (raw, want) => {
      const o = await observeTable(`${systemRows(objectId)}${column}.${instance}|2|${raw}\n${extra ?? ''}\n`, [systemProfile, profile]);
      expect(o.powerSupplies.map((p) => p.status)).toEqual([want]);
    });
  }

  it('reads a Moxa model MIB only on that model', async () => {
    const rows = '1.3.6.1.4.1.8691.7.70.1.10.1.0|2|1\n';
    const other = await observeTable(`${systemRows('1.3.6.1.4.1.8691.7.71')}${rows}`, [systemProfile, ...moxaProfiles]);
    expect(other.powerSupplies).toEqual([]);
    const same = await observeTable(`${systemRows('1.3.6.1.4.1.8691.7.70')}${rows}1.3.6.1.4.1.8691.7.70.1.10.2.0|2|0\n`, [systemProfile, ...moxaProfiles]);
    expect(same.powerSupplies.map((p) => [p.name, p.status])).toEqual([['Power input 1', 'ok'], ['Power input 2', 'absent']]);
  });

  it('reads Check Point supply words, ignoring case; an unknown word stays unknown', async () => {
    const col = '1.3.6.1.4.1.2620.1.6.7.9.1.1.2';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.2620.1.6.123.1.70')}${col}.1.0|4|Up\n${col}.2.0|4|DOWN\n${col}.3.0|4|Degraded\n`, [systemProfile, checkpointGaiaProfile]);
    expect(o.powerSupplies.map((p) => p.status)).toEqual(['ok', 'failed', 'unknown']);
  });

  it('takes only FC-MGMT sensors of type powerSupply as supplies', async () => {
    const s = '1.3.6.1.3.94.1.8.1';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.347.2.5730')}${s}.4.9.1|2|3\n${s}.4.9.2|2|5\n${s}.7.9.1|2|5\n${s}.7.9.2|2|8\n`, [systemProfile, fcMgmtProfile]);
    expect(o.powerSupplies.map((p) => p.status)).toEqual(['ok']);
  });

  it('takes only the Waveserver alarms that name a power supply', async () => {
    const a = '1.3.6.1.4.1.1271.3.5.4.5.1';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.1271.3')}${a}.4.1|2|1\n${a}.4.2|2|2\n${a}.9.1|4|Fan Failed\n${a}.9.2|4|Power Supply Missing\n`, [systemProfile, cienaWaveserverProfile]);
    expect(o.powerSupplies.map((p) => [p.name, p.status])).toEqual([['Power Supply Missing', 'ok']]);
  });

  it('reads iDRAC current probes only when the supply table has no status', async () => {
    const sys = systemRows('1.3.6.1.4.1.674.10892.5');
    const probes = '1.3.6.1.4.1.674.10892.5.4.600.30.1.5.1.1|2|3\n1.3.6.1.4.1.674.10892.5.4.600.30.1.8.1.1|4|PS1 Current 1\n' +
      '1.3.6.1.4.1.674.10892.5.4.600.30.1.5.1.3|2|3\n1.3.6.1.4.1.674.10892.5.4.600.30.1.8.1.3|4|System Board Pwr Consumption\n';
    const alone = await observeTable(`${sys}${probes}`, [systemProfile, dellServerProfile]);
    expect(alone.powerSupplies.map((p) => p.name)).toEqual(['PS1 Current 1']);
    const both = await observeTable(`${sys}${probes}1.3.6.1.4.1.674.10892.5.4.600.12.1.5.1.1|2|5\n`, [systemProfile, dellServerProfile]);
    expect(both.powerSupplies.map((p) => p.status)).toEqual(['failed']);
  });

  it('reads FireBrick IPv4 and IPv6 peers with BGP states numbered from zero', async () => {
    const p = '1.3.6.1.4.1.24693.100.179.1.1';
    const v6 = '2.16.253.1.8.176.0.0.0.251.0.0.0.0.0.0.0.1';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.24693.1.1')}${p}.4.1.4.10.2.3.4|2|3\n${p}.4.${v6}|2|5\n${p}.5.1.4.10.2.3.4|2|20712\n${p}.5.${v6}|2|20712\n`, [systemProfile, firebrickBgpProfile]);
    expect(o.bgpPeers.map((b) => [b.peer, b.state, b.remoteAs])).toEqual([['10.2.3.4', 'opensent', 20712], [expect.stringMatching(/^fd01:8b0:0:fb:/), 'established', 20712]]);
  });
});
