/** IF-MIB (RFC 2863): interfaces, their names (ifName, ifDescr, ifAlias: neighbours name ports by any), states and speeds. */
import type { ColumnDef, Profile } from './types.js';

/** IF-MIB columns the engine joins on to name an ifIndex. */
export const INTERFACE_NAME_COLUMNS = {
  descr: { oid: '1.3.6.1.2.1.2.2.1.2', type: 'string' },
  name: { oid: '1.3.6.1.2.1.31.1.1.1.1', type: 'string' },
} as const satisfies Record<string, ColumnDef>;

export const ifMibProfile: Profile = {
  id: 'if-mib',
  mib: 'IF-MIB',
  columns: {
    descr: INTERFACE_NAME_COLUMNS.descr,
    name: INTERFACE_NAME_COLUMNS.name,
    speed: { oid: '1.3.6.1.2.1.2.2.1.5', type: 'gauge' },
    admin: { oid: '1.3.6.1.2.1.2.2.1.7', type: 'int' },
    oper: { oid: '1.3.6.1.2.1.2.2.1.8', type: 'int' },
    highSpeed: { oid: '1.3.6.1.2.1.31.1.1.1.15', type: 'gauge' },
    alias: { oid: '1.3.6.1.2.1.31.1.1.1.18', type: 'string' },
    // 64-bit octet counters for utilisation (LOAD rules); 32-bit ones would wrap within
    // minutes on 10G links and are not walked (a reset or wrap shows in sysUpTime or the rate).
    hcInOctets: { oid: '1.3.6.1.2.1.31.1.1.1.6', type: 'counter' },
    hcOutOctets: { oid: '1.3.6.1.2.1.31.1.1.1.10', type: 'counter' },
  },
  extract: [
    {
      kind: 'interfaces',
      rows: 'oper',
      name: [{ column: 'name' }, { column: 'descr' }],
      oper: { column: 'oper', map: { 1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'notPresent', 7: 'lowerLayerDown' } },
      admin: { column: 'admin', map: { 1: 'up', 2: 'down', 3: 'testing' } },
      speedMbps: 'highSpeed',
      speedBps: 'speed',
      descr: 'descr',
      alias: 'alias',
      counters: { hcIn: 'hcInOctets', hcOut: 'hcOutOctets' },
    },
  ],
};
