/**
 * Cisco UCS (1.3.6.1.4.1.9.9.719): cucsEquipmentPsuTable's power column (10): unknown(0) on(1)
 * test(2) off(3) online(4) offline(5) offduty(6) degraded(7) powerSave(8) error(9) ok(10)
 * failed(11) notSupported(100).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** cucsEquipmentPsuPower → normalised status. */
export const UCS_PSU_POWER: Readonly<Record<number, ComponentStatus>> = { 0: 'unknown', 1: 'ok', 2: 'unknown', 3: 'unknown', 4: 'ok', 5: 'unknown', 6: 'unknown', 7: 'failed', 8: 'ok', 9: 'failed', 10: 'ok', 11: 'failed', 100: 'unknown' };

export const ciscoUcsProfile: Profile = {
  id: 'cisco-ucs',
  mib: 'CISCO-UNIFIED-COMPUTING-EQUIPMENT-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  columns: {
    power: { oid: '1.3.6.1.4.1.9.9.719.1.15.56.1.10', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'power', status: { column: 'power', map: UCS_PSU_POWER } },
  ],
};
