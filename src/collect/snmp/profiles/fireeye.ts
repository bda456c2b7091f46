/**
 * FireEye / Trellix appliances (FE-FIREEYE-MIB, enterprise 25597): the MIB gives no per-supply
 * table, only fePowerSupplyOverallIsHealthy (1.3.6.1.4.1.25597.11.3.1.2.0), a TruthValue —
 * true(1) healthy, false(2) not. It is reported as one unit standing for the supplies together.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** TruthValue of fePowerSupplyOverallIsHealthy → normalised status. */
export const FE_HEALTHY: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed' };

/** The fireeye profile, as the engine runs it. */
export const fireeyeProfile: Profile = {
  id: 'fireeye',
  mib: 'FE-FIREEYE-MIB',
  vendors: ['1.3.6.1.4.1.25597'],
  columns: {
    healthy: { oid: '1.3.6.1.4.1.25597.11.3.1.2', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'healthy', status: { column: 'healthy', map: FE_HEALTHY }, name: [{ literal: 'Power supplies (overall)' }] },
  ],
};
