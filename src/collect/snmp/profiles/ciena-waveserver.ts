/**
 * Ciena Waveserver (enterprise 1271.3): no PSU table; the defined-alarm table
 * (1.3.6.1.4.1.1271.3.5.4.5.1) lists each alarm the platform can raise with its active state
 * (4): active(1) clear(2), and its text (9). The alarms whose text names a power supply stand for
 * the supplies: clear is ok, active is failed.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** Defined alarm state → normalised status of what it watches. */
export const WAVESERVER_ALARM_STATE: Readonly<Record<number, ComponentStatus>> = { 1: 'failed', 2: 'ok' };

const ALARM = '1.3.6.1.4.1.1271.3.5.4.5.1';

/** The ciena-waveserver profile, as the engine runs it. */
export const cienaWaveserverProfile: Profile = {
  id: 'ciena-waveserver',
  mib: 'CIENA-WS-ALARM-MIB',
  vendors: ['1.3.6.1.4.1.1271.3'],
  columns: {
    active: { oid: `${ALARM}.4`, type: 'int' },
    text: { oid: `${ALARM}.9`, type: 'string' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'active', where: [{ column: 'text', matches: '\\bpower supply\\b', flags: 'i' }],
      status: { column: 'active', map: WAVESERVER_ALARM_STATE }, name: [{ column: 'text' }],
    },
  ],
};
