/**
 * CISCO-ENTITY-FRU-CONTROL-MIB: power supplies (cefcFRUPowerStatusTable), fan trays
 * (cefcFanTrayStatusTable) and the device's own power-redundancy mode
 * (cefcFRUPowerSupplyGroupTable), all indexed by entPhysicalIndex.
 *
 * cefcFRUPowerStatusTable lists every FRU that draws or gives power — linecards, supervisors,
 * the chassis — so only rows whose entity is a powerSupply(6) are supplies.
 *
 * PowerOperType: offEnvOther(1) on(2) offAdmin(3) offDenied(4) offEnvPower(5) offEnvTemp(6)
 * offEnvFan(7) failed(8) onButFanFail(9) offCooling(10) offConnectorRating(11)
 * onButInlinePowerFail(12). Only on(2) is ok. onButFanFail and onButInlinePowerFail supply
 * power but are degraded units that need replacing: failed. offAdmin is an installed supply the
 * operator switched off. It is not broken, but it is present and delivers nothing: the chassis
 * has lost that supply's protection exactly as if it had failed (the protection policy counts
 * redundancy that is installed but not available as missing), so redline reports it failed
 * rather than hiding it as unknown or absent. An empty bay has no row here (CISCO-ENVMON-MIB
 * reports it as notPresent).
 *
 * cefcFanTrayOperStatus: unknown(1) up(2) down(3) warning(4).
 * PowerRedundancyType (cefcPowerRedundancyMode = configured, cefcPowerRedundancyOperMode =
 * actual): notsupported(1) redundant(2) combined(3) nonRedundant(4) psRedundant(5)
 * inPwrSrcRedundant(6) psRedundantSingleInput(7). combined uses every supply's capacity, so no
 * supply is spare; psRedundantSingleInput has spare supplies on one input feed, which one feed
 * failure takes down: both are nonRedundant. Source: oid-catalog.json (verified).
 */
import type { ComponentStatus, RedundancyState } from '../../observation.js';
import { PHYSICAL_CLASS } from './entity.js';
import type { Profile } from './types.js';

/** PowerOperType → normalised status. */
export const CEFC_POWER_OPER: Readonly<Record<number, ComponentStatus>> = {
  1: 'failed', 2: 'ok', 3: 'failed', 4: 'failed', 5: 'failed', 6: 'failed',
  7: 'failed', 8: 'failed', 9: 'failed', 10: 'failed', 11: 'failed', 12: 'failed',
};

/** cefcFanTrayOperStatus → normalised status. */
export const CEFC_FAN_TRAY: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'ok', 3: 'failed', 4: 'failed',
};

/** PowerRedundancyType → whether the supplies are redundant. */
export const CEFC_POWER_REDUNDANCY: Readonly<Record<number, Exclude<RedundancyState['state'], 'unknown'>>> = {
  1: 'notApplicable', 2: 'redundant', 3: 'nonRedundant', 4: 'nonRedundant', 5: 'redundant',
  6: 'redundant', 7: 'nonRedundant',
};

const CEFC = '1.3.6.1.4.1.9.9.117.1';

export const ciscoEntityFruProfile: Profile = {
  id: 'cisco-entity-fru',
  mib: 'CISCO-ENTITY-FRU-CONTROL-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  columns: {
    // cefcFRUPowerStatusEntry: cefcFRUPowerOperStatus 2
    powerOper: { oid: `${CEFC}.1.2.1.2`, type: 'int' },
    // cefcFanTrayStatusEntry: cefcFanTrayOperStatus 1
    fanTrayOper: { oid: `${CEFC}.4.1.1.1`, type: 'int' },
    // cefcFRUPowerSupplyGroupEntry: cefcPowerRedundancyMode 1, cefcPowerRedundancyOperMode 5
    redundancyMode: { oid: `${CEFC}.1.1.1.1`, type: 'int' },
    redundancyOperMode: { oid: `${CEFC}.1.1.1.5`, type: 'int' },
    entClass: { oid: '1.3.6.1.2.1.47.1.1.1.1.5', type: 'int' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'powerOper',
      where: [{ column: 'entClass', in: [PHYSICAL_CLASS.powerSupply] }],
      physicalIndex: { index: 'index' },
      status: { column: 'powerOper', map: CEFC_POWER_OPER },
      name: [{ entity: 'name' }, { entity: 'descr' }],
    },
    {
      kind: 'component', component: 'fan', rows: 'fanTrayOper',
      physicalIndex: { index: 'index' },
      status: { column: 'fanTrayOper', map: CEFC_FAN_TRAY },
      name: [{ entity: 'name' }, { entity: 'descr' }],
    },
    {
      kind: 'redundancy', subject: 'power', rows: 'redundancyOperMode',
      state: { column: 'redundancyOperMode', map: CEFC_POWER_REDUNDANCY },
      configured: { column: 'redundancyMode', map: CEFC_POWER_REDUNDANCY },
      name: [{ literal: 'power supply redundancy' }],
    },
  ],
};
