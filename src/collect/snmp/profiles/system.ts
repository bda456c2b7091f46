/** SNMPv2-MIB system group and SNMP-FRAMEWORK-MIB engine time (to unwrap sysUpTime). */
import type { Profile } from './types.js';

export const systemProfile: Profile = {
  id: 'system',
  mib: 'SNMPv2-MIB',
  scalars: {
    descr: { oid: '1.3.6.1.2.1.1.1.0', type: 'string' },
    objectId: { oid: '1.3.6.1.2.1.1.2.0', type: 'oid' },
    uptime: { oid: '1.3.6.1.2.1.1.3.0', type: 'ticks' },
    name: { oid: '1.3.6.1.2.1.1.5.0', type: 'string' },
    engineTime: { oid: '1.3.6.1.6.3.10.2.1.3.0', type: 'int' },
  },
  extract: [{ kind: 'system', name: 'name', descr: 'descr', objectId: 'objectId', uptime: 'uptime', engineTime: 'engineTime' }],
};
