/**
 * Alpine Optoelectronics transport shelves (TDCM/EDFA, enterprise 52326): the PSU table
 * (1.3.6.1.4.1.52326.2.1.4.1, one row per slot) has psuPresence (8): on(0) off(1), and
 * powerOutAlarm (10): noAlarm(0) highAlarm(1) lowAlarm(2). A slot whose presence reads off holds
 * no working supply and is reported absent; an output alarm (voltage out of range) is a failure.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** powerOutAlarm → normalised status. */
export const ALPINE_POWER_OUT: Readonly<Record<number, ComponentStatus>> = { 0: 'ok', 1: 'failed', 2: 'failed' };

const PSU = '1.3.6.1.4.1.52326.2.1.4.1';

/** The alpine-oe profile, as the engine runs it. */
export const alpineOeProfile: Profile = {
  id: 'alpine-oe',
  mib: 'ALPINE-OE PSU table',
  vendors: ['1.3.6.1.4.1.52326'],
  columns: {
    presence: { oid: `${PSU}.8`, type: 'int' },
    outAlarm: { oid: `${PSU}.10`, type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'outAlarm', status: { column: 'outAlarm', map: ALPINE_POWER_OUT }, absentWhen: { column: 'presence', in: [1] } },
  ],
};
