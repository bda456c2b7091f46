import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { systemRows } from '../../../../test/support/system-rows.js';
import type { ComponentStatus } from '../../observation.js';
import { alliedEnvmonProfile } from './allied-envmon.js';
import { apcRpdu2Profile } from './apc-rpdu2.js';
import { brocadeSwProfile } from './brocade-sw.js';
import { ciscoUcsProfile } from './cisco-ucs.js';
import { cpqHealthProfile } from './cpqhealth.js';
import { dellServerProfile } from './dell-server.js';
import { ericssonIposProfile } from './ericsson-ipos.js';
import { fastpathBoxServicesProfile } from './fastpath-boxservices.js';
import { fsSwitchProfile } from './fs-switch.js';
import { hirschmannProfile } from './hirschmann.js';
import { infineraXtmProfile } from './infinera-xtm.js';
import { microsensProfile } from './microsens.js';
import { nokiaEsaProfile } from './nokia-esa.js';
import { pepwaveProfile } from './pepwave.js';
import { qnapNasProfile } from './qnap-nas.js';
import { quantumLibraryProfile } from './quantum-library.js';
import { radlanEnvProfile } from './radlan-env.js';
import { rapidCityProfile } from './rapid-city.js';
import { s5ChassisProfile } from './s5-chassis.js';
import { speedcarrierProfile } from './speedcarrier.js';
import { supermicroBmcProfile } from './supermicro-bmc.js';
import { systemProfile } from './system.js';
import type { Profile } from './types.js';

/** [profile, sysObjectID, status column, instance, raw → status pairs, other rows of the unit]: one unit per case. */
const CASES: readonly [Profile, string, string, string, readonly (readonly [number, ComponentStatus])[], string?][] = [
  [rapidCityProfile, '1.3.6.1.4.1.1916.2.212', '1.3.6.1.4.1.2272.1.4.8.1.1.2', '1', [[1, 'unknown'], [2, 'absent'], [3, 'ok'], [4, 'failed']]],
  [s5ChassisProfile, '1.3.6.1.4.1.45.3.80.6', '1.3.6.1.4.1.45.1.6.3.3.1.1.10.4', '10.0', [[3, 'absent'], [4, 'unknown'], [5, 'ok'], [9, 'failed'], [10, 'failed']]],
  [speedcarrierProfile, '1.3.6.1.4.1.3652.3', '1.3.6.1.4.1.3652.3.2.1.3', '0', [[0, 'absent'], [1, 'failed'], [2, 'unknown'], [3, 'ok'], [255, 'absent']]],
  [cpqHealthProfile, '1.3.6.1.4.1.232.9.4.10', '1.3.6.1.4.1.232.6.2.9.3.1.4', '0.1', [[1, 'unknown'], [2, 'ok'], [3, 'failed'], [4, 'failed']]],
  [dellServerProfile, '1.3.6.1.4.1.674.10892.5', '1.3.6.1.4.1.674.10892.5.4.600.12.1.5', '1.1', [[2, 'unknown'], [3, 'ok'], [4, 'unknown'], [5, 'failed'], [6, 'failed']]],
  [dellServerProfile, '1.3.6.1.4.1.674.10892.6', '1.3.6.1.4.1.674.10892.6.4.2.1.8', '1.1', [[3, 'ok'], [5, 'failed']]],
  [brocadeSwProfile, '1.3.6.1.4.1.1588.2.1.1.133', '1.3.6.1.4.1.1588.2.1.1.1.1.22.1.3', '15', [[1, 'unknown'], [2, 'failed'], [4, 'ok'], [6, 'absent']], '1.3.6.1.4.1.1588.2.1.1.1.1.22.1.2.15|2|3'],
  [radlanEnvProfile, '1.3.6.1.4.1.9.6.1.94.24.5', '1.3.6.1.4.1.9.6.1.101.83.1.2.1.3', '67109185', [[1, 'ok'], [2, 'unknown'], [3, 'failed'], [4, 'failed'], [5, 'absent'], [6, 'failed']]],
  [apcRpdu2Profile, '1.3.6.1.4.1.318.1.3.4.6', '1.3.6.1.4.1.318.1.1.26.4.3.1.12', '1', [[1, 'ok'], [2, 'failed']]],
  [hirschmannProfile, '1.3.6.1.4.1.248.14.10.41', '1.3.6.1.4.1.248.14.1.2.1.3', '1.1', [[1, 'ok'], [2, 'failed'], [3, 'absent'], [4, 'unknown']]],
  [fsSwitchProfile, '1.3.6.1.4.1.52642.1.1.10.1.805', '1.3.6.1.4.1.52642.1.1.10.2.1.1.41.1.3', '1.1', [[1, 'absent'], [2, 'failed'], [3, 'unknown'], [4, 'ok'], [5, 'failed']]],
  [fsSwitchProfile, '1.3.6.1.4.1.52642.1.99.5802', '1.3.6.1.4.1.52642.1.37.1.2.1.7', '1', [[1, 'ok'], [2, 'failed'], [3, 'unknown']]],
  [qnapNasProfile, '1.3.6.1.4.1.24681', '1.3.6.1.4.1.24681.1.4.1.1.1.1.5.2.1.5', '1', [[0, 'ok'], [-1, 'failed']]],
  [supermicroBmcProfile, '1.3.6.1.4.1.21317', '1.3.6.1.4.1.21317.1.14.2.1.2', '1', [[0, 'absent'], [1, 'ok'], [3, 'failed']]],
  [ericssonIposProfile, '1.3.6.1.4.1.193.218.1.17', '1.3.6.1.4.1.193.218.2.4.1.2.1.4', '1', [[1, 'ok'], [2, 'failed'], [3, 'absent'], [4, 'unknown']]],
  [quantumLibraryProfile, '1.3.6.1.4.1.3764.1.1', '1.3.6.1.4.1.3764.1.1.200.200.10.1.8', '1', [[2, 'absent'], [3, 'ok'], [4, 'failed'], [5, 'failed']]],
  [fastpathBoxServicesProfile, '1.3.6.1.4.1.4526.100.11.22', '1.3.6.1.4.1.4526.10.43.1.7.1.3', '0', [[1, 'absent'], [2, 'ok'], [3, 'failed'], [4, 'ok'], [5, 'failed']]],
  [fastpathBoxServicesProfile, '1.3.6.1.4.1.2356.16.8.5110', '1.3.6.1.4.1.2356.100.1.1.4.1.5', '1', [[8, 'unknown'], [9, 'ok']]],
  [ciscoUcsProfile, '1.3.6.1.4.1.9.1.1000', '1.3.6.1.4.1.9.9.719.1.15.56.1.10', '7', [[1, 'ok'], [7, 'failed'], [8, 'ok'], [11, 'failed'], [100, 'unknown']]],
  [pepwaveProfile, '1.3.6.1.4.1.27662', '1.3.6.1.4.1.27662.200.1.1.1.4.1.1.2', '0', [[0, 'failed'], [1, 'ok']]],
  [nokiaEsaProfile, '1.3.6.1.4.1.6527.1.3.19', '1.3.6.1.4.1.6527.3.1.2.2.3.74.1.15', '1', [[2, 'ok'], [3, 'unknown'], [4, 'failed']]],
  [microsensProfile, '1.3.6.1.4.1.3181.10.6', '1.3.6.1.4.1.3181.10.6.1.31.100', '0', [[0, 'ok'], [1, 'failed'], [3, 'failed'], [4, 'absent'], [6, 'absent']]],
];

describe('vendor PSU tables: each state maps as its MIB says', () => {
  for (const [profile, objectId, column, instance, pairs, extra] of CASES) {
    it.each(pairs)(`${profile.id} ${column}.${instance} = %i → %s`, async (raw, want) => {
      const o = await observeTable(`${systemRows(objectId)}${column}.${instance}|2|${raw}\n${extra ?? ''}\n`, [systemProfile, profile]);
      expect(o.powerSupplies.map((p) => p.status)).toEqual([want]);
    });
  }

  it('reads nothing from a vendor table on another vendor\'s device', async () => {
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.99999.1')}1.3.6.1.4.1.2272.1.4.8.1.1.2.1|2|4\n`, [systemProfile, rapidCityProfile]);
    expect(o.powerSupplies).toEqual([]);
  });

  it('keeps scalar supplies at the same instance apart (SPEEDCARRIER nmPSU1/2/3)', async () => {
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.3652.3')}1.3.6.1.4.1.3652.3.2.1.3.0|2|3
1.3.6.1.4.1.3652.3.2.1.4.0|2|1
1.3.6.1.4.1.3652.3.2.1.12.0|2|0
`, [systemProfile, speedcarrierProfile]);
    expect(o.powerSupplies.map((p) => [p.name, p.status])).toEqual([['PSU 1', 'ok'], ['PSU 2', 'failed'], ['PSU 3', 'absent']]);
  });

  it('counts a supply with several sensor rows once, the worst sensor winning (AT-ENVMONv2)', async () => {
    const col = '1.3.6.1.4.1.207.8.4.4.3.12.4.2.1.6';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.207.1.14.114')}${col}.1.1.3|2|2
${col}.1.1.4|2|2
${col}.1.2.3|2|2
${col}.1.2.4|2|1
`, [systemProfile, alliedEnvmonProfile]);
    expect(o.powerSupplies.map((p) => p.status)).toEqual(['ok', 'failed']);
  });

  it('reads Eltex per-unit main and redundant supplies only when the supply table is empty', async () => {
    const sys = systemRows('1.3.6.1.4.1.35265.1.92');
    const perUnit = `1.3.6.1.4.1.89.53.15.1.2.1|2|1\n1.3.6.1.4.1.89.53.15.1.3.1|2|5\n`;
    const alone = await observeTable(`${sys}${perUnit}`, [systemProfile, radlanEnvProfile]);
    expect(alone.powerSupplies.map((p) => p.status)).toEqual(['ok', 'absent']);
    const both = await observeTable(`${sys}${perUnit}1.3.6.1.4.1.89.83.1.2.1.3.1|2|1\n`, [systemProfile, radlanEnvProfile]);
    expect(both.powerSupplies.map((p) => p.status)).toEqual(['ok']);
  });

  it('joins Infinera XTM supplies to their entity (indexed by entPhysicalIndex)', async () => {
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.8708')}1.3.6.1.4.1.8708.2.11.2.4.1.1.21.1011|2|1\n`, [systemProfile, infineraXtmProfile]);
    expect(o.powerSupplies.map((p) => p.id)).toEqual(['psu-1011']);
  });
});
