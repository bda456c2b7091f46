/**
 * JUNIPER-MIB (Junos): power supplies / PEMs and fans from jnxOperatingTable
 * (1.3.6.1.4.1.2636.3.1.13.1) and jnxFruTable (...3.1.15.1).
 *
 * Both tables are indexed container.L1.L2.L3 (jnxContentsContainerIndex and the three levels), so
 * one PSU has the same index in both: that index is the unit's join key (as `physicalIndex`; a
 * dotted four-part key cannot collide with an integer entPhysicalIndex). jnxOperatingTable has no
 * type column: its PSUs and fans are recognised by jnxOperatingDescr ("Power Supply 0 @ 0/0/*",
 * "node0 PEM 1", "PSM slot 0" on Junos Evolved, "Fan Tray 0 @ 0/0/*"). jnxFruTable has jnxFruType (powerEntryModule(7), fan(13));
 * agents that leave it out (EX3400) are matched by jnxFruName instead.
 *
 * jnxOperatingState: unknown(1) running(2) ready(3) reset(4) runningAtFullSpeed(5) down(6)
 * standby(7). jnxOperatingTable has no "empty" state: a row whose FRU is empty(2) in jnxFruTable
 * is an empty bay, never a failure.
 * jnxFruState: unknown(1) empty(2) present(3) ready(4) announceOnline(5) online(6)
 * anounceOffline(7) offline(8) diagnostic(9) standby(10). present means inserted but not online:
 * a PEM without input power shows it, so it is a present unit that does not work (failed), as are
 * the offline states; standby is a healthy unit held in reserve.
 * Source: oid-catalog.json (verified).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile, RowFilter } from './types.js';

/** jnxOperatingState → normalised status. */
export const JNX_OPERATING_STATE: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'ok', 3: 'ok', 4: 'unknown', 5: 'ok', 6: 'failed', 7: 'ok',
};

/** jnxFruState → normalised status. */
export const JNX_FRU_STATE: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'absent', 3: 'failed', 4: 'ok', 5: 'ok', 6: 'ok', 7: 'failed', 8: 'failed',
  9: 'unknown', 10: 'ok',
};

/** jnxFruType values. */
const FRU_TYPE = { powerEntryModule: 7, fan: 13 } as const;

const PSU_NAME = '\\b(PEM|PSU|PSM|Power Supply|Power Entry Module)\\b';
const FAN_NAME = '\\bfan\\b';

const psuNamed = (column: string): RowFilter[] => [
  { column, matches: PSU_NAME, flags: 'i' },
  { column, notMatches: FAN_NAME, flags: 'i' },
];
const fanNamed = (column: string): RowFilter[] => [{ column, matches: FAN_NAME, flags: 'i' }];
/** jnxFruType absent from the row (the agent does not fill it). */
const untyped: RowFilter = { column: 'fruType', notMatches: '.' };

export const juniperProfile: Profile = {
  id: 'juniper',
  mib: 'JUNIPER-MIB',
  vendors: ['1.3.6.1.4.1.2636'],
  columns: {
    // jnxOperatingEntry: Descr 5, State 6
    operatingDescr: { oid: '1.3.6.1.4.1.2636.3.1.13.1.5', type: 'string' },
    operatingState: { oid: '1.3.6.1.4.1.2636.3.1.13.1.6', type: 'int' },
    // jnxFruEntry: Name 5, Type 6, State 8
    fruName: { oid: '1.3.6.1.4.1.2636.3.1.15.1.5', type: 'string' },
    fruType: { oid: '1.3.6.1.4.1.2636.3.1.15.1.6', type: 'int' },
    fruState: { oid: '1.3.6.1.4.1.2636.3.1.15.1.8', type: 'int' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'operatingState', where: psuNamed('operatingDescr'),
      physicalIndex: { index: 'index' },
      status: { column: 'operatingState', map: JNX_OPERATING_STATE },
      absentWhen: { column: 'fruState', in: [2] },
      name: [{ column: 'operatingDescr' }],
      replaces: ['entity'],
    },
    {
      kind: 'component', component: 'psu', rows: 'fruState', where: [{ column: 'fruType', in: [FRU_TYPE.powerEntryModule] }],
      physicalIndex: { index: 'index' },
      status: { column: 'fruState', map: JNX_FRU_STATE },
      name: [{ column: 'fruName' }],
      replaces: ['entity'],
    },
    {
      kind: 'component', component: 'psu', rows: 'fruState', where: [untyped, ...psuNamed('fruName')],
      physicalIndex: { index: 'index' },
      status: { column: 'fruState', map: JNX_FRU_STATE },
      name: [{ column: 'fruName' }],
      replaces: ['entity'],
    },
    {
      kind: 'component', component: 'fan', rows: 'operatingState', where: fanNamed('operatingDescr'),
      physicalIndex: { index: 'index' },
      status: { column: 'operatingState', map: JNX_OPERATING_STATE },
      absentWhen: { column: 'fruState', in: [2] },
      name: [{ column: 'operatingDescr' }],
      replaces: ['entity'],
    },
    {
      kind: 'component', component: 'fan', rows: 'fruState', where: [{ column: 'fruType', in: [FRU_TYPE.fan] }],
      physicalIndex: { index: 'index' },
      status: { column: 'fruState', map: JNX_FRU_STATE },
      name: [{ column: 'fruName' }],
      replaces: ['entity'],
    },
    {
      kind: 'component', component: 'fan', rows: 'fruState', where: [untyped, ...fanNamed('fruName')],
      physicalIndex: { index: 'index' },
      status: { column: 'fruState', map: JNX_FRU_STATE },
      name: [{ column: 'fruName' }],
      replaces: ['entity'],
    },
  ],
};
