/**
 * HPE Aruba Networking CX (AOS-CX): power supplies from ARUBAWIRED-POWERSUPPLY-MIB and fans from
 * ARUBAWIRED-FAN-MIB (arubaWiredPowerSupply = 1.3.6.1.4.1.47196.4.1.1.3.11.2, arubaWiredFan =
 * ...11.5; index group.slot, and group.tray.slot for fans).
 *
 * The states are read from the enumerated columns arubaWiredPSUStateEnum / arubaWiredFanStateEnum.
 * Older AOS-CX releases only have the free-text arubaWiredPSUState / arubaWiredFanState: their
 * units are still listed (rows come from the name column) but with state unknown, never guessed
 * from text.
 *
 * Sources (verified): compiled ARUBAWIRED-POWERSUPPLY-MIB (DotZero24 pysnmp-mibs, revisions up to
 * 2023-05-09) and ARUBAWIRED-FAN-MIB (DotZero24 pysnmp-mibs and lextudio pysnmp) for the OIDs and
 * both enumerations.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

const PSU = '1.3.6.1.4.1.47196.4.1.1.3.11.2.1.1';
const FAN = '1.3.6.1.4.1.47196.4.1.1.3.11.5.1.1';

/**
 * arubaWiredPSUStateEnum: ok(1) faultAbsent(2) faultInput(3) faultOutput(4) faultPOE(5)
 * faultNoRecov(6) alert(7) unknown(8) unsupported(9) warning(10) init(11) empty(12)
 * faultAirflow(13) faultRedundancy(14). Every fault* state but faultAbsent is failed; alert,
 * warning, unsupported and init do not prove the supply works, nor that it failed.
 */
export const ARUBA_PSU_STATE: Readonly<Record<number, ComponentStatus>> = {
  1: 'ok', 2: 'absent', 3: 'failed', 4: 'failed', 5: 'failed', 6: 'failed', 7: 'unknown',
  8: 'unknown', 9: 'unknown', 10: 'unknown', 11: 'unknown', 12: 'absent', 13: 'failed', 14: 'failed',
};
/** arubaWiredFanStateEnum: unknown(1) empty(2) uninitialized(3) ok(4) fault(5). */
export const ARUBA_FAN_STATE: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'absent', 3: 'unknown', 4: 'ok', 5: 'failed',
};

export const arubaCxProfile: Profile = {
  id: 'aruba-cx',
  mib: 'ARUBAWIRED-POWERSUPPLY-MIB/ARUBAWIRED-FAN-MIB',
  vendors: ['1.3.6.1.4.1.47196'],
  columns: {
    // arubaWiredPowerSupplyEntry: arubaWiredPSUName 3, arubaWiredPSUStateEnum 11
    psuName: { oid: `${PSU}.3`, type: 'string' },
    psuState: { oid: `${PSU}.11`, type: 'int' },
    // arubaWiredFanEntry: arubaWiredFanName 4, arubaWiredFanStateEnum 10
    fanName: { oid: `${FAN}.4`, type: 'string' },
    fanState: { oid: `${FAN}.10`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'psuName', status: { column: 'psuState', map: ARUBA_PSU_STATE }, name: [{ column: 'psuName' }] },
    { kind: 'component', component: 'fan', rows: 'fanName', status: { column: 'fanState', map: ARUBA_FAN_STATE }, name: [{ column: 'fanName' }] },
  ],
};
