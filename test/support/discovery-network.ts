/**
 * A simulated network for discovery tests: 32 answering devices on their own loopback
 * addresses (127.77.x.y, one replay agent each, all on one UDP port) whose LLDP and CDP tables
 * point at each other with management addresses, three neighbours that never answer, and one
 * neighbour advertised at an address outside 127.77.0.0/16 that nothing may contact.
 */
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { syntheticEntries, type DeviceDescription } from '../../src/sim/synthetic-devices.js';
import type { SimEntry } from '../../src/sim/table.js';

/** One simulated device. */
export interface NetNode {
  readonly name: string;
  readonly host: string;
  readonly location: string;
  /** Cisco sysObjectID and CDP instead of LLDP. */
  readonly cdp: boolean;
  /** Listed in its neighbours' tables but never answers. */
  readonly silent: boolean;
  readonly ports: string[];
}

/** One cable between two ports. */
export interface NetLink {
  readonly a: string;
  readonly aPort: string;
  readonly b: string;
  readonly bPort: string;
}

/** The network as built. */
export interface DiscoveryNetwork {
  readonly nodes: readonly NetNode[];
  readonly links: readonly NetLink[];
  /** A neighbour advertised outside the allowed prefix (no agent behind it). */
  readonly outside: { readonly name: string; readonly host: string; readonly seenBy: string };
  readonly allow: string;
  readonly community: string;
}

/** Builds the description of the network (no sockets). */
export function discoveryNetwork(): DiscoveryNetwork {
  const nodes = new Map<string, NetNode>();
  const links: NetLink[] = [];
  const add = (name: string, host: string, location: string, opts: { cdp?: boolean; silent?: boolean } = {}): void => {
    nodes.set(name, { name, host, location, cdp: opts.cdp ?? false, silent: opts.silent ?? false, ports: [] });
  };
  const link = (a: string, aPort: string, b: string, bPort: string): void => {
    nodes.get(a)!.ports.push(aPort);
    nodes.get(b)!.ports.push(bPort);
    links.push({ a, aPort, b, bPort });
  };
  add('BJ-CR-01', '127.77.0.1', 'bj-core/core-a', { cdp: true });
  add('BJ-CR-02', '127.77.0.2', 'bj-core/core-b', { cdp: true });
  link('BJ-CR-01', 'Gi0/0', 'BJ-CR-02', 'Gi0/0');
  for (let s = 1; s <= 6; s++) {
    const a = `AGG-0${s}-A`;
    const b = `AGG-0${s}-B`;
    add(a, `127.77.1.${s * 2 - 1}`, `site=agg-0${s};room=r1`);
    add(b, `127.77.1.${s * 2}`, `site=agg-0${s};room=r1`);
    link(a, 'Te0/0', b, 'Te0/0');
    link(a, 'Te0/1', 'BJ-CR-01', `Gi0/${s}`);
    link(b, 'Te0/1', 'BJ-CR-02', `Gi0/${s}`);
  }
  for (let n = 1; n <= 18; n++) {
    const name = `ACC-${String(n).padStart(2, '0')}`;
    add(name, `127.77.2.${n}`, n <= 2 ? 'lab, 2nd floor' : `site=acc-${String(n).padStart(2, '0')}`);
    const s = ((n - 1) % 6) + 1;
    link(name, 'Gi0/1', `AGG-0${s}-${n % 2 === 0 ? 'B' : 'A'}`, `Gi0/${10 + n}`);
  }
  for (let k = 1; k <= 3; k++) {
    const name = `SILENT-0${k}`;
    add(name, `127.77.9.${k}`, 'site=nowhere', { silent: true });
    link(name, 'Gi0/1', `AGG-0${k}-A`, `Gi0/${30 + k}`);
  }
  const outside = { name: 'EXT-PEER', host: '127.78.0.9', seenBy: 'BJ-CR-01' };
  nodes.get('BJ-CR-01')!.ports.push('Gi0/9');
  return { nodes: [...nodes.values()], links, outside, allow: '127.77.0.0/16', community: 'disco-lab' };
}

function addrIndex(host: string): string {
  return host.split('.').join('.');
}

/** The SNMP table of one node: synthetic MIB plus sysLocation, management addresses and CDP. */
export function nodeEntries(net: DiscoveryNetwork, node: NetNode): SimEntry[] {
  const byName = new Map(net.nodes.map((n) => [n.name, n]));
  const ifIndex = (port: string): number => node.ports.indexOf(port) + 1;
  type Nb = { local: string; name: string; port: string; host: string };
  const nbs: Nb[] = [];
  for (const l of net.links) {
    if (l.a === node.name) nbs.push({ local: l.aPort, name: l.b, port: l.bPort, host: byName.get(l.b)!.host });
    if (l.b === node.name) nbs.push({ local: l.bPort, name: l.a, port: l.aPort, host: byName.get(l.a)!.host });
  }
  if (node.name === net.outside.seenBy) nbs.push({ local: 'Gi0/9', name: net.outside.name, port: 'eth0', host: net.outside.host });
  const desc: DeviceDescription = {
    name: node.name,
    ...(node.cdp ? { sysObjectID: '1.3.6.1.4.1.9.1.1745' } : {}),
    interfaces: node.ports.map((name) => ({ name })),
    entity: { psus: ['ok', 'ok'] },
    ...(node.cdp ? {} : { lldp: nbs.map((n) => ({ localIfIndex: ifIndex(n.local), remoteName: n.name, remotePort: n.port })) }),
  };
  const out = syntheticEntries(desc);
  out.push({ oid: '1.3.6.1.2.1.1.6.0', value: { type: 'octets', value: node.location } });
  nbs.forEach((n, k) => {
    const bytes = Buffer.from(n.host.split('.').map(Number));
    if (node.cdp) {
      const idx = `${ifIndex(n.local)}.${k + 1}`;
      const e = '1.3.6.1.4.1.9.9.23.1.2.1.1';
      out.push({ oid: `${e}.3.${idx}`, value: { type: 'int', value: 1 } });
      out.push({ oid: `${e}.4.${idx}`, value: { type: 'octets', value: bytes } });
      out.push({ oid: `${e}.6.${idx}`, value: { type: 'octets', value: n.name } });
      out.push({ oid: `${e}.7.${idx}`, value: { type: 'octets', value: n.port } });
    } else {
      // lldpRemManAddrIfSubtype.<timeMark 0>.<localPort>.<remIndex>.<ipv4 = 1>.<4>.<a.b.c.d> = ifIndex(2)
      out.push({ oid: `1.0.8802.1.1.2.1.4.2.1.3.0.${ifIndex(n.local)}.${k + 1}.1.4.${addrIndex(n.host)}`, value: { type: 'int', value: 2 } });
    }
  });
  return out;
}

/** The network served: one replay agent per node on its address, all on `port`. */
export interface RunningNetwork {
  readonly net: DiscoveryNetwork;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts every node's agent (silent nodes answer nothing); stop() closes them all. */
export async function startDiscoveryNetwork(net: DiscoveryNetwork = discoveryNetwork()): Promise<RunningNetwork> {
  const agents: ReplayAgent[] = [];
  let port = 0;
  try {
    for (const node of net.nodes) {
      const agent = new ReplayAgent([{
        community: net.community,
        table: nodeEntries(net, node),
        ...(node.silent ? { faults: [{ kind: 'silent' as const }] } : {}),
      }], { host: node.host, port });
      agents.push(agent);
      port = await agent.start();
    }
  } catch (err) {
    await Promise.all(agents.map((a) => a.stop()));
    throw err;
  }
  return { net, port, stop: async () => { await Promise.all(agents.map((a) => a.stop())); } };
}
