/**
 * Minimal profiles of the standard MIBs the synthetic generator writes (BGP4-MIB,
 * CISCO-BGP4-MIB, OSPF-MIB, VRRP-MIB, LLDP-MIB, IEEE8023-LAG-MIB, UPS-MIB,
 * CISCO-ENTITY-FRU-CONTROL-MIB), straight from the MIB definitions. They let a test check the
 * generator's tables independently of the vendor profiles being written under
 * `src/collect/snmp/profiles/`; the registered profiles are checked against the same devices.
 */
import { entityProfile } from '../../src/collect/snmp/profiles/entity.js';
import { ifMibProfile } from '../../src/collect/snmp/profiles/if-mib.js';
import { systemProfile } from '../../src/collect/snmp/profiles/system.js';
import type { Profile } from '../../src/collect/snmp/profiles/types.js';

const BGP_STATES = { 1: 'idle', 2: 'connect', 3: 'active', 4: 'opensent', 5: 'openconfirm', 6: 'established' } as const;
const CISCO = ['1.3.6.1.4.1.9'];

/** Reference profiles, one per MIB family the generator writes beyond system/IF-MIB/ENTITY-MIB. */
export const REFERENCE_PROFILES: readonly Profile[] = [
  {
    id: 'ref-cisco-bgp4',
    mib: 'CISCO-BGP4-MIB',
    vendors: CISCO,
    columns: {
      state: { oid: '1.3.6.1.4.1.9.9.187.1.2.5.1.3', type: 'int' },
      admin: { oid: '1.3.6.1.4.1.9.9.187.1.2.5.1.4', type: 'int' },
      remoteAs: { oid: '1.3.6.1.4.1.9.9.187.1.2.5.1.11', type: 'gauge' },
    },
    extract: [{
      kind: 'bgpPeer', rows: 'state', index: [{ name: 'peer', kind: 'inetAddress' }], peer: { index: 'peer' },
      state: { column: 'state', map: BGP_STATES }, admin: { column: 'admin', map: { 1: 'down', 2: 'up' } },
      remoteAs: { column: 'remoteAs' },
    }],
  },
  {
    id: 'ref-bgp4',
    mib: 'BGP4-MIB',
    columns: {
      state: { oid: '1.3.6.1.2.1.15.3.1.2', type: 'int' },
      admin: { oid: '1.3.6.1.2.1.15.3.1.3', type: 'int' },
      remoteAs: { oid: '1.3.6.1.2.1.15.3.1.9', type: 'int' },
    },
    extract: [{
      kind: 'bgpPeer', rows: 'state', index: [{ name: 'peer', kind: 'ipv4' }], peer: { index: 'peer' },
      state: { column: 'state', map: BGP_STATES }, admin: { column: 'admin', map: { 1: 'down', 2: 'up' } },
      remoteAs: { column: 'remoteAs' },
    }],
  },
  {
    id: 'ref-ospf',
    mib: 'OSPF-MIB',
    columns: {
      rtrId: { oid: '1.3.6.1.2.1.14.10.1.3', type: 'ip' },
      state: { oid: '1.3.6.1.2.1.14.10.1.6', type: 'int' },
    },
    extract: [{
      kind: 'ospfNeighbor', rows: 'state', index: [{ name: 'addr', kind: 'ipv4' }, { name: 'ali', kind: 'int' }],
      neighborId: { column: 'rtrId' }, address: { index: 'addr' },
      state: { column: 'state', map: { 1: 'down', 2: 'attempt', 3: 'init', 4: 'twoWay', 5: 'exchangeStart', 6: 'exchange', 7: 'loading', 8: 'full' } },
    }],
  },
  {
    id: 'ref-vrrp',
    mib: 'VRRP-MIB',
    columns: {
      state: { oid: '1.3.6.1.2.1.68.1.3.1.3', type: 'int' },
      master: { oid: '1.3.6.1.2.1.68.1.3.1.7', type: 'ip' },
    },
    extract: [{
      kind: 'fhrp', protocol: 'vrrp', rows: 'state', index: [{ name: 'ifIndex', kind: 'int' }, { name: 'vrid', kind: 'int' }],
      interface: { ifName: { index: 'ifIndex' } }, group: { index: 'vrid' },
      role: { column: 'state', map: { 1: 'init', 2: 'backup', 3: 'master' } },
    }],
  },
  {
    id: 'ref-lldp',
    mib: 'LLDP-MIB',
    columns: {
      portId: { oid: '1.0.8802.1.1.2.1.4.1.1.7', type: 'string' },
      sysName: { oid: '1.0.8802.1.1.2.1.4.1.1.9', type: 'string' },
    },
    extract: [{
      kind: 'neighbor', protocol: 'lldp', rows: 'sysName',
      index: [{ name: 'time', kind: 'int' }, { name: 'port', kind: 'int' }, { name: 'rem', kind: 'int' }],
      localPort: [{ ifName: { index: 'port' } }], remoteName: [{ column: 'sysName' }], remotePort: [{ column: 'portId' }],
    }],
  },
  {
    id: 'ref-lag',
    mib: 'IEEE8023-LAG-MIB',
    columns: {
      selected: { oid: '1.2.840.10006.300.43.1.2.1.1.12', type: 'int' },
      actorOper: { oid: '1.2.840.10006.300.43.1.2.1.1.21', type: 'bits' },
    },
    extract: [{
      kind: 'lagMember', rows: 'selected', aggregate: { ifName: { column: 'selected' } }, member: { ifName: { index: 'index' } },
      inBundle: { column: 'actorOper', bits: [3, 4, 5] },
    }],
  },
  {
    id: 'ref-ups',
    mib: 'UPS-MIB',
    scalars: {
      battery: { oid: '1.3.6.1.2.1.33.1.2.1.0', type: 'int' },
      minutes: { oid: '1.3.6.1.2.1.33.1.2.3.0', type: 'int' },
      lineBads: { oid: '1.3.6.1.2.1.33.1.3.1.0', type: 'counter' },
      source: { oid: '1.3.6.1.2.1.33.1.4.1.0', type: 'int' },
    },
    extract: [{
      kind: 'ups',
      outputSource: { scalar: 'source', map: { 1: 'other', 2: 'none', 3: 'normal', 4: 'bypass', 5: 'battery', 6: 'normal', 7: 'normal' } },
      batteryStatus: { scalar: 'battery', map: { 2: 'normal', 3: 'low', 4: 'depleted' } },
      minutesRemaining: { scalar: 'minutes' },
      inputLineBads: { scalar: 'lineBads' },
    }],
  },
  {
    id: 'ref-cisco-fru',
    mib: 'CISCO-ENTITY-FRU-CONTROL-MIB',
    vendors: CISCO,
    columns: {
      power: { oid: '1.3.6.1.4.1.9.9.117.1.1.2.1.2', type: 'int' },
      fan: { oid: '1.3.6.1.4.1.9.9.117.1.4.1.1.1', type: 'int' },
    },
    extract: [
      {
        kind: 'component', component: 'psu', rows: 'power', physicalIndex: { index: 'index' },
        status: { column: 'power', map: { 2: 'ok', 8: 'failed', 9: 'ok', 12: 'ok' } }, name: [{ entity: 'name' }],
      },
      {
        kind: 'component', component: 'fan', rows: 'fan', physicalIndex: { index: 'index' },
        status: { column: 'fan', map: { 2: 'ok', 3: 'failed', 4: 'ok' } }, name: [{ entity: 'name' }],
      },
    ],
  },
];

/** The standard profiles from src plus the reference ones: what the generator test polls with. */
export const REFERENCE_SET: readonly Profile[] = [systemProfile, ifMibProfile, ...REFERENCE_PROFILES, entityProfile];
