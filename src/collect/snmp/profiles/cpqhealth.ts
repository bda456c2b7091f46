/**
 * HPE ProLiant (iLO) CPQHLTH-MIB (1.3.6.1.4.1.232.6): cpqHeFltTolPowerSupplyTable, indexed by
 * (chassis, bay). cpqHeFltTolPowerSupplyPresent: other(1) absent(2) present(3);
 * cpqHeFltTolPowerSupplyCondition: other(1) ok(2) degraded(3) failed(4).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** cpqHeFltTolPowerSupplyCondition → normalised status. */
export const CPQ_CONDITION: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'ok', 3: 'failed', 4: 'failed' };

export const cpqHealthProfile: Profile = {
  id: 'cpqhealth',
  mib: 'CPQHLTH-MIB',
  vendors: ['1.3.6.1.4.1.232'],
  columns: {
    // cpqHeFltTolPowerSupplyEntry: Present 3, Condition 4, Model 10
    present: { oid: '1.3.6.1.4.1.232.6.2.9.3.1.3', type: 'int' },
    condition: { oid: '1.3.6.1.4.1.232.6.2.9.3.1.4', type: 'int' },
    model: { oid: '1.3.6.1.4.1.232.6.2.9.3.1.10', type: 'string' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'condition',
      status: { column: 'condition', map: CPQ_CONDITION }, absentWhen: { column: 'present', in: [2] }, replaces: ['entity'],
    },
  ],
};
