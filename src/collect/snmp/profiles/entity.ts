/**
 * ENTITY-MIB (RFC 6933) with ENTITY-STATE-MIB (RFC 4268) and ENTITY-SENSOR-MIB (RFC 3433):
 * power supplies and fans as physical entities, their operational state, and the state of
 * the sensors they contain. Also the join columns every entity-indexed vendor MIB uses for names.
 */
import type { ComponentStatus } from '../../observation.js';
import type { ColumnDef, ComponentExtractor, Profile } from './types.js';

/** ENTITY-MIB columns the engine joins on: names for units, containment for sensors. */
export const ENTITY_JOIN_COLUMNS = {
  descr: { oid: '1.3.6.1.2.1.47.1.1.1.1.2', type: 'string' },
  containedIn: { oid: '1.3.6.1.2.1.47.1.1.1.1.4', type: 'int' },
  name: { oid: '1.3.6.1.2.1.47.1.1.1.1.7', type: 'string' },
} as const satisfies Record<string, ColumnDef>;

/** IANAPhysicalClass values. */
export const PHYSICAL_CLASS = { powerSupply: 6, fan: 7 } as const;

/** entStateOper: unknown(1) disabled(2) enabled(3) testing(4). */
const STATE_OPER: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'failed', 3: 'ok', 4: 'unknown' };
/** entPhySensorOperStatus: ok(1) unavailable(2) nonoperational(3). */
const SENSOR_OPER: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'unknown', 3: 'failed' };

/** PSUs or fans of ENTITY-MIB (by entPhysicalClass) with their state read one way. */
function unitState(component: 'psu' | 'fan', status: ComponentExtractor['status']): ComponentExtractor {
  return {
    kind: 'component',
    component,
    rows: 'class',
    where: [{ column: 'class', in: [component === 'psu' ? PHYSICAL_CLASS.powerSupply : PHYSICAL_CLASS.fan] }],
    physicalIndex: { index: 'index' },
    status,
    name: [{ entity: 'name' }, { entity: 'descr' }],
  };
}

export const entityProfile: Profile = {
  id: 'entity',
  mib: 'ENTITY-MIB/ENTITY-STATE-MIB/ENTITY-SENSOR-MIB',
  columns: {
    class: { oid: '1.3.6.1.2.1.47.1.1.1.1.5', type: 'int' },
    // entStateOper: unknown(1) disabled(2) enabled(3) testing(4)
    stateOper: { oid: '1.3.6.1.2.1.131.1.1.1.3', type: 'int' },
    // entPhySensorOperStatus: ok(1) unavailable(2) nonoperational(3)
    sensorOper: { oid: '1.3.6.1.2.1.99.1.1.1.5', type: 'int' },
  },
  // Each unit (PSU, fan) three ways: its entStateOper; its own entPhySensorOperStatus (Cumulus
  // makes the supply entity a sensor itself); the sensors it contains (Arista). Merged per unit.
  extract: (['psu', 'fan'] as const).flatMap((component) => [
    unitState(component, { column: 'stateOper', map: STATE_OPER }),
    unitState(component, { column: 'sensorOper', map: SENSOR_OPER }),
    unitState(component, { column: 'sensorOper', map: SENSOR_OPER, from: 'descendants' }),
  ]),
};
