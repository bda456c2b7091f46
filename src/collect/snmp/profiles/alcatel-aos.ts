/**
 * Alcatel-Lucent Enterprise OmniSwitch (AOS 6 and AOS 7/8): power supplies and fans from
 * ALCATEL-IND1-CHASSIS-MIB.
 *
 * chasEntPhysicalTable extends entPhysicalTable (INDEX entPhysicalIndex): chasEntPhysOperStatus
 * is read on the entities that ENTITY-MIB classes as powerSupply(6), and the units merge with
 * the ENTITY-MIB profile's by entPhysicalIndex. Fans come from alaChasEntPhysFanTable (INDEX
 * entPhysicalIndex of the chassis, alaChasEntPhysFanLocalIndex). Fan-class entities are read
 * through chasEntPhysOperStatus only when that fan table is empty.
 *
 * The same module lives under two roots: hardentIND1Physical = 1.3.6.1.4.1.6486.800.1.1.1.1 on
 * AOS 6 and 1.3.6.1.4.1.6486.801.1.1.1.1 on AOS 7/8 (ALCATEL-IND1-BASE of each release).
 *
 * Sources (verified): ALCATEL-IND1-CHASSIS-MIB text for AOS 7 (librenms mibs/nokia/aos7, with
 * the per-class meaning of each chasEntPhysOperStatus value) and AOS 6 (librenms mibs/nokia/aos6,
 * where idle(9) and unpoweredLicMismatch(10) are commented out); OIDs from the compiled modules
 * (lextudio pysnmp ALCATEL-IND1-CHASSIS-MIB for both releases: chasEntPhysOperStatus
 * ...1.1.1.1.1.1.1.2, alaChasEntPhysFanStatus ...1.1.1.3.1.1.11.1.2 noStatus(0) notRunning(1)
 * running(2)); sysObjectID roots 6486.800.1.1.2.1 / 6486.801.1.1.2.1 from Observium's os table.
 */
import type { ComponentStatus } from '../../observation.js';
import { PHYSICAL_CLASS } from './entity.js';
import type { ComponentExtractor, Profile } from './types.js';

const AOS6 = '1.3.6.1.4.1.6486.800.1.1.1';
const AOS7 = '1.3.6.1.4.1.6486.801.1.1.1';

/**
 * chasEntPhysOperStatus, AOS 7/8: up(1) down(2) testing(3) unknown(4) secondary(5) notPresent(6)
 * unpowered(7) master(8) idle(9) pwrsave(10). For a supply the MIB says: down = administratively
 * down, unpowered = not plugged in (no feed), pwrsave = turned off by power-save mode. Neither
 * 'down' nor 'unpowered' supplies power; a supply parked by power-save is not proven healthy, so
 * it is unknown. secondary/master/idle describe control and fabric modules, not supplies.
 */
export const AOS7_OPER_STATUS: Readonly<Record<number, ComponentStatus>> = {
  1: 'ok', 2: 'failed', 3: 'unknown', 4: 'unknown', 5: 'unknown', 6: 'absent', 7: 'failed', 8: 'unknown', 9: 'unknown', 10: 'unknown',
};
/** chasEntPhysOperStatus, AOS 6: up(1) down(2) testing(3) unknown(4) secondary(5) notPresent(6) unpowered(7) master(8). */
export const AOS6_OPER_STATUS: Readonly<Record<number, ComponentStatus>> = {
  1: 'ok', 2: 'failed', 3: 'unknown', 4: 'unknown', 5: 'unknown', 6: 'absent', 7: 'failed', 8: 'unknown',
};
/** alaChasEntPhysFanStatus: noStatus(0) notRunning(1) running(2). */
export const AOS_FAN_STATUS: Readonly<Record<number, ComponentStatus>> = { 0: 'unknown', 1: 'failed', 2: 'ok' };

function perRelease(oper: string, fan: string, map: Readonly<Record<number, ComponentStatus>>): ComponentExtractor[] {
  return [
    {
      kind: 'component', component: 'psu', rows: oper,
      where: [{ column: 'class', in: [PHYSICAL_CLASS.powerSupply] }],
      physicalIndex: { index: 'index' },
      status: { column: oper, map },
      name: [{ entity: 'name' }, { entity: 'descr' }],
    },
    {
      kind: 'component', component: 'fan', rows: fan,
      status: { column: fan, map: AOS_FAN_STATUS },
    },
    {
      kind: 'component', component: 'fan', rows: oper, unlessRows: fan,
      where: [{ column: 'class', in: [PHYSICAL_CLASS.fan] }],
      physicalIndex: { index: 'index' },
      status: { column: oper, map },
      name: [{ entity: 'name' }, { entity: 'descr' }],
    },
  ];
}

export const alcatelAosProfile: Profile = {
  id: 'alcatel-aos',
  mib: 'ALCATEL-IND1-CHASSIS-MIB',
  vendors: ['1.3.6.1.4.1.6486.800', '1.3.6.1.4.1.6486.801'],
  columns: {
    // ENTITY-MIB entPhysicalClass, to pick the supplies and fans out of chasEntPhysicalTable
    class: { oid: '1.3.6.1.2.1.47.1.1.1.1.5', type: 'int' },
    // chasEntPhysOperStatus { chasEntPhysicalEntry 2 }; chasEntPhysicalTable = { alcatelIND1ChassisPhysMIBObjects 1 },
    // alcatelIND1ChassisPhysMIBObjects = { hardentIND1Physical 1 }, hardentIND1Physical = base 1
    aos6Oper: { oid: `${AOS6}.1.1.1.1.2`, type: 'int' },
    aos7Oper: { oid: `${AOS7}.1.1.1.1.2`, type: 'int' },
    // alaChasEntPhysFanStatus { alaChasEntPhysFanEntry 2 } under hardentIND1Chassis (= base 3)
    aos6Fan: { oid: `${AOS6}.3.1.1.11.1.2`, type: 'int' },
    aos7Fan: { oid: `${AOS7}.3.1.1.11.1.2`, type: 'int' },
  },
  extract: [
    ...perRelease('aos6Oper', 'aos6Fan', AOS6_OPER_STATUS),
    ...perRelease('aos7Oper', 'aos7Fan', AOS7_OPER_STATUS),
  ],
};
