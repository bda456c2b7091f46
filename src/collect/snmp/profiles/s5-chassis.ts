/**
 * Avaya/Nortel BayStack and ERS (BOSS) S5-CHASSIS-MIB (1.3.6.1.4.1.45.1.6.3.3.1): s5ChasComTable,
 * indexed by (group, index, sub-index); group 4 holds the power supplies, so only that part of
 * s5ChasComOperState (column 10) is walked. States: other(1) notAvail(2) removed(3)
 * disabled(4) normal(5) resetInProg(6) testing(7) warning(8) nonFatalErr(9) fatalErr(10)
 * notConfig(11) obsoleted(12). Only normal is ok; removed is an empty bay; the error states are
 * failed; a disabled or unconfigured supply is neither (unknown).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** s5ChasComOperState → normalised status. */
export const S5_COM_OPER: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'unknown', 3: 'absent', 4: 'unknown', 5: 'ok', 6: 'unknown', 7: 'unknown', 8: 'unknown', 9: 'failed', 10: 'failed', 11: 'unknown', 12: 'unknown',
};

export const s5ChassisProfile: Profile = {
  id: 's5-chassis',
  mib: 'S5-CHASSIS-MIB',
  vendors: ['1.3.6.1.4.1.45'],
  columns: {
    // s5ChasComOperState (10) of group 4 (power supplies): rows are index.subIndex
    psOper: { oid: '1.3.6.1.4.1.45.1.6.3.3.1.1.10.4', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'psOper', status: { column: 'psOper', map: S5_COM_OPER }, replaces: ['entity'] },
  ],
};
