/**
 * Asentria SiteBoss site monitors (SITEBOSS-571-STD-MIB, 1.3.6.1.4.1.3052.14): esPointTable
 * (.1.1.1.1), indexed by (event sensor, point class, point): esIndexPC (2) is the class —
 * temperature(1), contact closure(2), humidity(3), analog(5), relay/power output(6, not an
 * input: skipped) —, esPointName (4), esPointInEventState (5) and esPointValueInt (6). In the
 * event state column 1 is an input in its alarm (event) state, 2 one that is not and 3 a point
 * for which the monitor keeps no event state (sensors), as the recorded SiteBoss 571 shows
 * (closed doors 2, energised outputs 1, sensors 3).
 */
import type { Profile } from './types.js';

export const sitebossProfile: Profile = {
  id: 'siteboss',
  mib: 'SITEBOSS-571-STD-MIB',
  vendors: ['1.3.6.1.4.1.3052'],
  columns: {
    pointClass: { oid: '1.3.6.1.4.1.3052.14.1.1.1.1.2', type: 'int' },
    name: { oid: '1.3.6.1.4.1.3052.14.1.1.1.1.4', type: 'string' },
    inEvent: { oid: '1.3.6.1.4.1.3052.14.1.1.1.1.5', type: 'int' },
    value: { oid: '1.3.6.1.4.1.3052.14.1.1.1.1.6', type: 'int' },
  },
  extract: [
    {
      kind: 'siteSensor',
      rows: 'pointClass',
      sensorKind: { column: 'pointClass', map: { 1: 'temperature', 2: 'contact', 3: 'humidity', 5: 'analog' } },
      name: [{ column: 'name' }],
      alarm: { column: 'inEvent', in: [1], notApplicable: [3] },
      value: { column: 'value' },
    },
  ],
};
