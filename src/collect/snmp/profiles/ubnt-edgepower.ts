/**
 * Ubiquiti EdgePower / EdgeSwitch PSUs (UBNT-EdgeMAX-MIB, enterprise 41112; the agent reports
 * the older 10002 sysObjectID): ubntPsuTable (1.3.6.1.4.1.41112.1.5.3.2.1), one row per supply,
 * with ubntPsuOperStatus (4): offline(0) online(1).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** ubntPsuOperStatus → normalised status. */
export const UBNT_PSU_OPER: Readonly<Record<number, ComponentStatus>> = { 0: 'failed', 1: 'ok' };

/** The ubnt-edgepower profile, as the engine runs it. */
export const ubntEdgePowerProfile: Profile = {
  id: 'ubnt-edgepower',
  mib: 'UBNT-EdgeMAX-MIB',
  vendors: ['1.3.6.1.4.1.41112', '1.3.6.1.4.1.10002'],
  columns: {
    oper: { oid: '1.3.6.1.4.1.41112.1.5.3.2.1.4', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'oper', status: { column: 'oper', map: UBNT_PSU_OPER } },
  ],
};
