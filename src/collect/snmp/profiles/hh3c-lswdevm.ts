/**
 * HH3C-LswDEVM-MIB (HPE Comware switches): power supplies (hh3cDevMPowerStatusTable,
 * 1.3.6.1.4.1.25506.8.35.9.1.2.1) and fans (hh3cDevMFanStatusTable, ...9.1.1.1), indexed by
 * the switch's own supply / fan number, which no column ties to entPhysicalIndex.
 *
 * The tables list every bay, installed or not, and so replace the units that ENTITY-MIB and the
 * entity-indexed HH3C/H3C-ENTITY-EXT-MIB report for the same hardware (a Comware switch lists
 * its three installed supplies there as entities 74-76 and here as supplies 0-5).
 *
 * DevMStatus: active(1) deactive(2) not-install(3) unsupport(4): an installed unit that is not
 * active is failed, not-install an empty bay, unsupport says nothing.
 * Source: oid-catalog.json (verified).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** hh3cDevMPowerStatus / hh3cDevMFanStatus → normalised status. */
export const DEVM_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'failed', 3: 'absent', 4: 'unknown' };

const REPLACES = ['entity', 'hh3c-entity-ext', 'h3c-entity-ext'];

export const hh3cLswDevmProfile: Profile = {
  id: 'hh3c-lswdevm',
  mib: 'HH3C-LswDEVM-MIB',
  vendors: ['1.3.6.1.4.1.25506'],
  columns: {
    powerStatus: { oid: '1.3.6.1.4.1.25506.8.35.9.1.2.1.2', type: 'int' },
    fanStatus: { oid: '1.3.6.1.4.1.25506.8.35.9.1.1.1.2', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'powerStatus', status: { column: 'powerStatus', map: DEVM_STATUS }, replaces: REPLACES },
    { kind: 'component', component: 'fan', rows: 'fanStatus', status: { column: 'fanStatus', map: DEVM_STATUS }, replaces: REPLACES },
  ],
};
