/**
 * CISCO-ENVMON-MIB: power supplies (ciscoEnvMonSupplyStatusTable, 1.3.6.1.4.1.9.9.13.1.5) and
 * fans (ciscoEnvMonFanStatusTable, ...13.1.4) of Cisco IOS, IOS-XE and NX-OS devices.
 *
 * The tables' index is an arbitrary instance number. On most platforms it is the unit's
 * entPhysicalIndex (2960-X 1006, Catalyst 9400 12, 9500 507), on others it is not (a 4506 numbers
 * its supplies 1 and 2, and entity 1 is its chassis). A row joins its ENTITY-MIB entity, and so
 * merges with CISCO-ENTITY-FRU-CONTROL-MIB, only when the entity at that index is of the matching
 * class (powerSupply 6, fan 7); otherwise it stands alone under its own description.
 *
 * CiscoEnvMonState: normal(1) warning(2) critical(3) shutdown(4) notPresent(5) notFunctioning(6).
 * Only normal is ok; notPresent is an empty bay; every other state is a present unit that needs
 * attention (a 9500 reports its failed supply as shutdown). Source: oid-catalog.json (verified).
 */
import type { ComponentStatus } from '../../observation.js';
import { PHYSICAL_CLASS } from './entity.js';
import type { Profile } from './types.js';

/** CiscoEnvMonState → normalised status, for supplies and fans alike. */
export const ENVMON_STATE: Readonly<Record<number, ComponentStatus>> = {
  1: 'ok', 2: 'failed', 3: 'failed', 4: 'failed', 5: 'absent', 6: 'failed',
};

export const ciscoEnvmonProfile: Profile = {
  id: 'cisco-envmon',
  mib: 'CISCO-ENVMON-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  columns: {
    // ciscoEnvMonSupplyStatusEntry: Descr 2, State 3
    supplyDescr: { oid: '1.3.6.1.4.1.9.9.13.1.5.1.2', type: 'string' },
    supplyState: { oid: '1.3.6.1.4.1.9.9.13.1.5.1.3', type: 'int' },
    // ciscoEnvMonFanStatusEntry: Descr 2, State 3
    fanDescr: { oid: '1.3.6.1.4.1.9.9.13.1.4.1.2', type: 'string' },
    fanState: { oid: '1.3.6.1.4.1.9.9.13.1.4.1.3', type: 'int' },
    // ENTITY-MIB entPhysicalClass, read at the same index to tell whether the index is an entity
    entClass: { oid: '1.3.6.1.2.1.47.1.1.1.1.5', type: 'int' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'supplyState',
      where: [{ column: 'entClass', in: [PHYSICAL_CLASS.powerSupply] }],
      physicalIndex: { index: 'index' },
      status: { column: 'supplyState', map: ENVMON_STATE },
      name: [{ entity: 'name' }, { column: 'supplyDescr' }],
    },
    {
      kind: 'component', component: 'psu', rows: 'supplyState',
      where: [{ column: 'entClass', notMatches: `^${PHYSICAL_CLASS.powerSupply}$` }],
      status: { column: 'supplyState', map: ENVMON_STATE },
      name: [{ column: 'supplyDescr' }],
    },
    {
      kind: 'component', component: 'fan', rows: 'fanState',
      where: [{ column: 'entClass', in: [PHYSICAL_CLASS.fan] }],
      physicalIndex: { index: 'index' },
      status: { column: 'fanState', map: ENVMON_STATE },
      name: [{ entity: 'name' }, { column: 'fanDescr' }],
    },
    {
      kind: 'component', component: 'fan', rows: 'fanState',
      where: [{ column: 'entClass', notMatches: `^${PHYSICAL_CLASS.fan}$` }],
      status: { column: 'fanState', map: ENVMON_STATE },
      name: [{ column: 'fanDescr' }],
    },
  ],
};
