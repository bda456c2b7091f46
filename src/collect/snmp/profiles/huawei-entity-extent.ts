/**
 * HUAWEI-ENTITY-EXTENT-MIB (VRP): power supplies from hwPwrStatusTable
 * (1.3.6.1.4.1.2011.5.25.31.1.1.18.1) and fans from hwFanStatusTable (...31.1.1.10.1).
 *
 * Both are indexed slot.number (hwEntityPwrSlot.hwEntityPwrSn, hwEntityFanSlot.hwEntityFanSn:
 * "1.5" is the fifth power module of stack member 1), a numbering no column ties to
 * entPhysicalIndex; where ENTITY-MIB also lists the modules, these tables replace its units
 * rather than counting a module twice.
 *
 * hwEntityPwrPresent present(1) absent(2); hwEntityPwrState supply(1) notSupply(2) sleep(3)
 * unknown(4). sleep is VRP's power-saving dormancy of a healthy supply, woken when it is needed:
 * ok. hwEntityFanPresent present(1) absent(2); hwEntityFanState normal(1) abnormal(2).
 *
 * Where a device has no such table but lists its modules in ENTITY-MIB, the entity-indexed
 * hwEntityStateTable (...31.1.1.1.1) gives their state and merges with ENTITY-MIB:
 * hwEntityOperStatus notSupported(1) disabled(2) enabled(3) offline(4) up(11) down(12)
 * connect(13) protocolUp(15) linkUp(16) linkDown(17); enabled/up is ok, disabled/down failed,
 * offline (not registered: removed or not yet up) and the port states say nothing certain.
 * Sources: oid-catalog.json (verified) and the compiled HUAWEI-ENTITY-EXTENT-MIB
 * (cisco-kusanagi mibs.snmplabs.com) for the fan table.
 */
import type { ComponentStatus } from '../../observation.js';
import { PHYSICAL_CLASS } from './entity.js';
import type { ComponentExtractor, Profile } from './types.js';

/** hwEntityPwrState → normalised status. */
export const HW_PWR_STATE: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed', 3: 'ok', 4: 'unknown' };
/** hwEntityFanState → normalised status. */
export const HW_FAN_STATE: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed' };
/** hwEntityOperStatus of a supply or fan entity → normalised status. */
export const HW_ENTITY_OPER: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'failed', 3: 'ok', 4: 'unknown', 11: 'ok', 12: 'failed', 13: 'unknown', 15: 'unknown', 16: 'unknown', 17: 'unknown',
};

const EXT = '1.3.6.1.4.1.2011.5.25.31.1.1';

/** A unit of a slot.number table: its state, absent(2) in its presence column. */
function slotUnit(
  component: 'psu' | 'fan', rows: string, state: string, present: string,
  map: Readonly<Record<number, ComponentStatus>>, name?: string,
): ComponentExtractor {
  return {
    kind: 'component', component, rows,
    status: { column: state, map },
    absentWhen: { column: present, in: [2] },
    name: name === undefined ? [] : [{ column: name }],
    replaces: ['entity', 'huawei-entity-state'],
  };
}

export const huaweiEntityExtentProfile: Profile = {
  id: 'huawei-entity-extent',
  mib: 'HUAWEI-ENTITY-EXTENT-MIB',
  vendors: ['1.3.6.1.4.1.2011'],
  columns: {
    // hwPwrStatusEntry: hwEntityPwrPresent 5, hwEntityPwrState 6, hwEntityPwrDesc 9
    pwrPresent: { oid: `${EXT}.18.1.5`, type: 'int' },
    pwrState: { oid: `${EXT}.18.1.6`, type: 'int' },
    pwrDesc: { oid: `${EXT}.18.1.9`, type: 'string' },
    // hwFanStatusEntry: hwEntityFanPresent 6, hwEntityFanState 7
    fanPresent: { oid: `${EXT}.10.1.6`, type: 'int' },
    fanState: { oid: `${EXT}.10.1.7`, type: 'int' },
  },
  // Rows come from either column (an empty slot may carry only its presence); a row listed in
  // both is one unit, since units of one profile are keyed by their index.
  extract: [
    slotUnit('psu', 'pwrState', 'pwrState', 'pwrPresent', HW_PWR_STATE, 'pwrDesc'),
    slotUnit('psu', 'pwrPresent', 'pwrState', 'pwrPresent', HW_PWR_STATE, 'pwrDesc'),
    slotUnit('fan', 'fanState', 'fanState', 'fanPresent', HW_FAN_STATE),
    slotUnit('fan', 'fanPresent', 'fanState', 'fanPresent', HW_FAN_STATE),
  ],
};

/** hwEntityStateTable: the state of ENTITY-MIB supply and fan entities, merged by entPhysicalIndex. */
export const huaweiEntityStateProfile: Profile = {
  id: 'huawei-entity-state',
  mib: 'HUAWEI-ENTITY-EXTENT-MIB',
  vendors: ['1.3.6.1.4.1.2011'],
  columns: {
    // hwEntityStateEntry: hwEntityOperStatus 2
    operStatus: { oid: `${EXT}.1.1.2`, type: 'int' },
    entClass: { oid: '1.3.6.1.2.1.47.1.1.1.1.5', type: 'int' },
  },
  extract: (['psu', 'fan'] as const).map((component) => ({
    kind: 'component' as const, component, rows: 'operStatus',
    where: [{ column: 'entClass', in: [component === 'psu' ? PHYSICAL_CLASS.powerSupply : PHYSICAL_CLASS.fan] }],
    physicalIndex: { index: 'index' },
    status: { column: 'operStatus', map: HW_ENTITY_OPER },
    name: [{ entity: 'name' as const }, { entity: 'descr' as const }],
  })),
};
