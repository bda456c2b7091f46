/**
 * BFD-STD-MIB (RFC 7331) bfdSessTable, index bfdSessIndex: BFD sessions, their state, the
 * interface (bfdSessInterface, 0 for a multihop session), the remote address
 * (bfdSessDstAddr) and the detection time, bfdSessNegotiatedInterval (BfdIntervalTC,
 * microseconds, BFD-TC-STD-MIB RFC 7330) × bfdSessNegotiatedDetectMult. The scalar bfdAdminStatus
 * (bfdScalarObjects 1) is read so a device that implements the MIB with no session shows it does.
 */
import type { BfdSessionState } from '../../observation.js';
import type { Profile } from './types.js';

/** bfdSessState (IANAbfdSessStateTC): adminDown(1) down(2) init(3) up(4) failing(5). */
export const BFD_SESS_STATE: Readonly<Record<number, BfdSessionState>> = { 1: 'adminDown', 2: 'down', 3: 'init', 4: 'up', 5: 'failing' };

/** bfdSessEntry: 1.3.6.1.2.1.222.1.2.1. */
const ENTRY = '1.3.6.1.2.1.222.1.2.1';

export const bfdStdMibProfile: Profile = {
  id: 'bfd-std-mib',
  mib: 'BFD-STD-MIB',
  scalars: {
    adminStatus: { oid: '1.3.6.1.2.1.222.1.1.1.0', type: 'int' },
  },
  columns: {
    state: { oid: `${ENTRY}.11`, type: 'int' },
    interface: { oid: `${ENTRY}.18`, type: 'int' },
    dstAddr: { oid: `${ENTRY}.22`, type: 'ip' },
    negotiatedInterval: { oid: `${ENTRY}.29`, type: 'gauge' },
    negotiatedDetectMult: { oid: `${ENTRY}.31`, type: 'gauge' },
  },
  extract: [
    {
      kind: 'bfdSession',
      rows: 'state',
      index: [{ name: 'session', kind: 'int' }],
      neighbor: { column: 'dstAddr', decode: 'ip' },
      interface: { ifIndex: { column: 'interface' }, none: ['0'] },
      state: { column: 'state', map: BFD_SESS_STATE },
      detection: { interval: 'negotiatedInterval', multiplier: 'negotiatedDetectMult', intervalUnitMs: 0.001 },
    },
  ],
};
