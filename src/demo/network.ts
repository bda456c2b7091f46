/**
 * The simulated devices of the embedded demo (config/demo/redline.yaml), described for the
 * synthetic generator: each answers like a real agent, with the standard and Cisco MIBs the
 * production profiles read. The deliberate gaps are in the data, not in code paths.
 */
import type { DeviceDescription, InterfaceSpec } from '../sim/synthetic-devices.js';

const CISCO_NCS = '1.3.6.1.4.1.9.1.2571';
const HUAWEI_VRP = '1.3.6.1.4.1.2011.2.23.291';
const NET_SNMP = '1.3.6.1.4.1.8072.3.2.10';

function ports(names: readonly string[], extra: number, speedMbps: number, prefix: string): InterfaceSpec[] {
  const list: InterfaceSpec[] = names.map((name) => ({ name, speedMbps }));
  for (let k = 0; k < extra; k++) list.push({ name: `${prefix}${k + 10}`, speedMbps, oper: k % 3 === 0 ? 'down' : 'up', admin: k % 3 === 0 ? 'down' : 'up' });
  return list;
}

/** Core router ports: five 100G ports, Bundle-Ether1 (ifIndex 6) over ports 4 and 5, then spares. */
function corePorts(): InterfaceSpec[] {
  return [
    ...ports(['Hu0/0/0/0', 'Hu0/0/0/1', 'Hu0/0/0/2', 'Hu0/0/0/3', 'Hu0/0/0/4'], 0, 100_000, ''),
    { name: 'Bundle-Ether1', type: 161, speedMbps: 200_000 },
    ...ports([], 14, 100_000, 'Hu0/0/1/'),
  ];
}

/** Device id (as in config/demo/redline.yaml) → what its simulated agent serves. */
export const DEMO_DEVICES: Readonly<Record<string, DeviceDescription>> = {
  // cr1 carries the demo's failed PSU; otherwise the pair is symmetric (cr1 is the VRRP master)
  cr1: coreRouter({ name: 'BJ-CR-01', uptimeSeconds: 9_000_000, psu2: 'failed', pair: { name: 'BJ-CR-02', address: '10.0.0.2', routerId: '10.255.0.2' },
    uplink: { name: 'E-AGG-01', port: 'Te0/0/1', address: '10.0.1.2', routerId: '10.255.1.1', ibgp: '10.0.1.6' }, otnPort: 'C1', vrrpRole: 'master' }),
  cr2: coreRouter({ name: 'BJ-CR-02', uptimeSeconds: 9_100_000, psu2: 'ok', pair: { name: 'BJ-CR-01', address: '10.0.0.1', routerId: '10.255.0.1' },
    uplink: { name: 'N-AGG-01', port: 'Te0/0/2', address: '10.0.4.2', routerId: '10.255.1.3', ibgp: '10.0.4.6' }, otnPort: 'C2', vrrpRole: 'backup' }),
  agg1: aggregation('E-AGG-01', 'BJ-CR-01', 'Hu0/0/0/1', 'W-AGG-01', 'Te0/0/1'),
  agg2: aggregation('W-AGG-01', 'E-AGG-01', 'Te0/0/2', 'N-AGG-01', 'Te0/0/1'),
  agg3: aggregation('N-AGG-01', 'W-AGG-01', 'Te0/0/2', 'BJ-CR-02', 'Hu0/0/0/1'),
  'sh-cr1': {
    name: 'SH-CR-01',
    sysObjectID: CISCO_NCS,
    sysDescr: 'Cisco IOS XR Software, Version 7.9.2 (simulated)',
    interfaces: ports(['Hu0/0/0/0', 'Hu0/0/0/1'], 10, 100_000, 'Hu0/0/1/'),
    entity: { psus: [{ name: 'PSU 1', state: 'ok' }, { name: 'PSU 2', state: 'ok' }], fans: ['ok', 'ok'], stateMib: 'cisco-fru' },
    lldp: [{ localIfIndex: 1, remoteName: 'SH-OTN-01', remotePort: 'C1' }],
  },
  'otn-bj': otn('BJ-OTN-01', [['C1', 'BJ-CR-01', 'Hu0/0/0/2'], ['C2', 'BJ-CR-02', 'Hu0/0/0/2'], ['L1', 'SH-OTN-01', 'L1'], ['L2', 'SH-OTN-01', 'L2']]),
  'otn-sh': otn('SH-OTN-01', [['C1', 'SH-CR-01', 'Hu0/0/0/0'], ['L1', 'BJ-OTN-01', 'L1'], ['L2', 'BJ-OTN-01', 'L2']]),
  ups1: {
    name: 'BJ-UPS-01',
    sysObjectID: '1.3.6.1.2.1.33',
    sysDescr: 'UPS 2x120 kVA (simulated)',
    interfaces: 1,
    ups: { outputSource: 'normal', batteryStatus: 'normal', minutesRemaining: 42, inputLineBads: 3 },
  },
  // a healthy -48 V plant: 6 modules of 50 A for 120 A (3 carry it, 3 spare), 4 h of battery
  dc1: {
    name: 'BJ-DC-01',
    sysObjectID: '1.3.6.1.4.1.12148.10',
    sysDescr: 'Eltek Smartpack2 -48 V DC plant (simulated)',
    interfaces: 1,
    dcPlant: { modules: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'absent', 'absent'], loadAmps: 120, moduleRatingAmps: 50, batteryMinutes: 240 },
  },
};

/** What tells the two Beijing core routers apart. */
interface CoreRouter {
  readonly name: string;
  readonly uptimeSeconds: number;
  readonly psu2: 'ok' | 'failed';
  /** The other router of the pair, on Hu0/0/0/0. */
  readonly pair: { readonly name: string; readonly address: string; readonly routerId: string };
  /** The aggregation router on Hu0/0/0/1, and an iBGP peer behind it. */
  readonly uplink: { readonly name: string; readonly port: string; readonly address: string; readonly routerId: string; readonly ibgp: string };
  /** The OTN client port on Hu0/0/0/2. */
  readonly otnPort: string;
  readonly vrrpRole: 'master' | 'backup';
}

/** A Beijing core router: BGP, OSPF and BFD to its pair and its aggregation uplink, VRRP, a LAG, LLDP. */
function coreRouter(c: CoreRouter): DeviceDescription {
  return {
    name: c.name,
    sysObjectID: CISCO_NCS,
    sysDescr: 'Cisco IOS XR Software, Version 7.9.2 (simulated)',
    uptimeSeconds: c.uptimeSeconds,
    interfaces: corePorts(),
    entity: { psus: [{ name: 'PSU 1', state: 'ok' }, { name: 'PSU 2', state: c.psu2 }], fans: ['ok', 'ok', 'ok', 'ok'], stateMib: 'cisco-fru', rows: 30 },
    bgp: {
      localAs: 4134, mib: 'both', peers: [
        { address: c.pair.address, remoteAs: 4134, state: 'established' },
        { address: c.uplink.ibgp, remoteAs: 4134, state: 'established' },
      ],
    },
    ospf: [
      { routerId: c.pair.routerId, address: c.pair.address, state: 'full' },
      { routerId: c.uplink.routerId, address: c.uplink.address, state: 'full' },
    ],
    bfd: [
      { address: c.pair.address, ifIndex: 1, state: 'up' },
      { address: c.uplink.address, ifIndex: 2, state: 'up' },
      { address: c.uplink.ibgp, state: 'up' },
    ],
    vrrp: [{ ifIndex: 5, vrid: 10, role: c.vrrpRole, virtualIp: '10.10.0.1', masterIp: '10.10.0.2' }],
    lldp: [
      { localIfIndex: 1, remoteName: c.pair.name, remotePort: 'Hu0/0/0/0' },
      { localIfIndex: 2, remoteName: c.uplink.name, remotePort: c.uplink.port },
      { localIfIndex: 3, remoteName: 'BJ-OTN-01', remotePort: c.otnPort },
    ],
    lag: [{ aggregateIfIndex: 6, memberIfIndex: 4, inBundle: true }, { aggregateIfIndex: 6, memberIfIndex: 5, inBundle: true }],
  };
}

function aggregation(name: string, westName: string, westPort: string, eastName: string, eastPort: string): DeviceDescription {
  return {
    name,
    sysObjectID: HUAWEI_VRP,
    sysDescr: 'Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180 (simulated)',
    interfaces: ports(['Te0/0/1', 'Te0/0/2'], 22, 10_000, 'GE0/1/'),
    entity: { psus: [{ name: 'PSU 1', state: 'ok' }, { name: 'PSU 2', state: 'ok' }], fans: ['ok', 'ok'] },
    lldp: [
      { localIfIndex: 1, remoteName: westName, remotePort: westPort },
      { localIfIndex: 2, remoteName: eastName, remotePort: eastPort },
    ],
  };
}

function otn(name: string, links: readonly (readonly [string, string, string])[]): DeviceDescription {
  return {
    name,
    sysObjectID: NET_SNMP,
    sysDescr: 'OTN transport node (simulated)',
    interfaces: links.map(([port]) => ({ name: port, speedMbps: 100_000 })),
    entity: { psus: [{ name: 'PSU 1', state: 'ok' }, { name: 'PSU 2', state: 'ok' }], fans: ['ok', 'ok', 'ok'] },
    lldp: links.map(([, remoteName, remotePort], k) => ({ localIfIndex: k + 1, remoteName, remotePort })),
  };
}
