/**
 * A generated carrier network for benchmarks (shared by analysis-bench and daemon-loop-bench):
 * 40 core sites of two router pairs with a power chain and a UPS, a core ring with chords and
 * protection groups, 100 NE services, 400 dual-homed aggregation pairs and access rings of base
 * stations up to `target` devices. Deterministic for a given `rand`.
 */
import type { Inventory } from '../src/inventory/model.js';
import { inventoryFromObject } from '../test/support/snapshot-builders.js';

/** A device as generated. */
export interface Dev { id: string; site: string; room?: string; role: string; cls?: string; pair?: string; psus?: { match: string; feed: string }[]; multihomed?: boolean }
/** A link as generated. */
export interface Lnk { id: string; a: string; ai: string; b: string; bi: string; risks: string[]; protection?: { group: string; leg: 'working' | 'protect' } }

/** The network: its parts as generated and the inventory built from them. */
export interface CarrierNetwork {
  readonly devices: readonly Dev[];
  readonly links: readonly Lnk[];
  readonly services: readonly Record<string, unknown>[];
  readonly inventory: Inventory;
}

/** Generates the network of about `target` devices, drawing from `rand`. */
export function carrierNetwork(target: number, rand: () => number): CarrierNetwork {
  const TARGET = target;

  const sites: Record<string, unknown>[] = [];
  const devices: Dev[] = [];
  const links: Lnk[] = [];
  const power: Record<string, unknown>[] = [];
  const services: Record<string, unknown>[] = [];
  const ports = new Map<string, number>();
  const port = (dev: string): string => {
    const n = (ports.get(dev) ?? 0) + 1;
    ports.set(dev, n);
    return `Te0/0/${n}`;
  };
  const link = (a: string, b: string, risks: string[], protection?: Lnk['protection']): void => {
    links.push({ id: `L${links.length}`, a, ai: port(a), b, bi: port(b), risks, ...(protection !== undefined ? { protection } : {}) });
  };
  const duct = (): string => `D-${Math.floor(rand() * 4000)}`;

  // core: 40 sites, two pairs each (rooms a/b; every 10th pair in one room), a UPS, a power chain
  const CORE_SITES = 40;
  for (let s = 0; s < CORE_SITES; s++) {
    const site = `core-${s}`;
    sites.push({ id: site, class: 'PC-CORE', province: s % 5 === 0 ? 'Guangdong' : 'Beijing', rooms: [{ id: 'a' }, { id: 'b' }] });
    power.push(
      { id: `${site}-m1`, kind: 'mains', site, substation: `S${s}-1` }, { id: `${site}-m2`, kind: 'mains', site, substation: s % 7 === 0 ? `S${s}-1` : `S${s}-2` },
      { id: `${site}-ups-a`, kind: 'ups', site, upstream: [`${site}-m1`], device: `${site}-ups` }, { id: `${site}-ups-b`, kind: 'ups', site, upstream: [`${site}-m2`] },
      { id: `${site}-pa`, kind: 'panel', site, upstream: [`${site}-ups-a`] }, { id: `${site}-pb`, kind: 'panel', site, upstream: [`${site}-ups-b`] },
      { id: `${site}-pdu-a`, kind: 'pdu', site, upstream: [`${site}-pa`] }, { id: `${site}-pdu-b`, kind: 'pdu', site, upstream: [`${site}-pb`] },
    );
    devices.push({ id: `${site}-ups`, site, role: 'ups' });
    for (let p = 0; p < 2; p++) {
      const x = `${site}-cr${p * 2 + 1}`;
      const y = `${site}-cr${p * 2 + 2}`;
      const sameRoom = (s * 2 + p) % 10 === 0;
      const feeds = (s * 2 + p) % 9 === 0 ? ['pdu-a', 'pdu-a'] : ['pdu-a', 'pdu-b'];
      devices.push({ id: x, site, room: 'a', role: 'core', pair: y, multihomed: true, psus: [{ match: 'PSU 1', feed: `${site}-pdu-a` }, { match: 'PSU 2', feed: `${site}-pdu-b` }] });
      devices.push({ id: y, site, room: sameRoom ? 'a' : 'b', role: 'core', pair: x, multihomed: true, psus: feeds.map((f, k) => ({ match: `PSU ${k + 1}`, feed: `${site}-${f}` })) });
      link(x, y, []);
      services.push({ id: `core-${s}-${p}`, class: 'PC-CORE', endpoints: [x, y] });
    }
  }
  // the core ring and chords, over the second pair of each site
  for (let s = 0; s < CORE_SITES; s++) {
    const next = (s + 1) % CORE_SITES;
    link(`core-${s}-cr1`, `core-${next}-cr2`, [duct()]);
    link(`core-${s}-cr3`, `core-${next}-cr4`, [duct()]);
    if (s % 4 === 0) {
      const d = s % 8 === 0 ? duct() : null;
      link(`core-${s}-cr2`, `core-${(s + 7) % CORE_SITES}-cr1`, [d ?? duct()], { group: `pg-${s}`, leg: 'working' });
      link(`core-${s}-cr2`, `core-${(s + 7) % CORE_SITES}-cr1`, [d ?? duct()], { group: `pg-${s}`, leg: 'protect' });
    }
  }
  // NE services between core sites
  for (let k = 0; k < 100; k++) {
    services.push({ id: `ne-${k}`, class: 'PC-NE', endpoints: [`core-${k % CORE_SITES}-cr1`, `core-${(k * 7 + 3) % CORE_SITES}-cr3`] });
  }
  // aggregation: dual-homed pairs; access: rings of 10 between the two routers of a pair
  const AGG_SITES = 400;
  const accTotal = Math.max(0, TARGET - devices.length - AGG_SITES * 2);
  for (let a = 0; a < AGG_SITES; a++) {
    const site = `agg-${a}`;
    sites.push({ id: site, class: 'PC-AGG', rooms: [{ id: 'r1' }] });
    const x = `${site}-1`;
    const y = `${site}-2`;
    devices.push({ id: x, site, room: 'r1', role: 'agg', pair: y }, { id: y, site, room: 'r1', role: 'agg', pair: x });
    const c = a % CORE_SITES;
    link(x, `core-${c}-cr1`, [duct()]);
    link(y, `core-${c}-cr2`, a % 25 === 0 ? [] : [duct()]);
    link(x, y, []);
    const acc = `acc-${a}`;
    if (a % 40 === 0) sites.push({ id: acc, class: 'PC-ACC', flags: ['ACC_K'] });
    else sites.push({ id: acc, class: 'PC-ACC' });
    let prev = x;
    const perAgg = Math.floor(accTotal / AGG_SITES) + (a < accTotal % AGG_SITES ? 1 : 0);
    for (let k = 0; k < perAgg; k++) {
      const id = `${acc}-${k}`;
      devices.push({ id, site: acc, role: 'bts' });
      link(prev, id, [duct()]);
      prev = id;
    }
    link(prev, y, [duct()]);
  }


  const config = {
    sites,
    devices: devices.map((d) => ({
      id: d.id, site: d.site, role: d.role, snmp: { host: '10.0.0.1', credentials: 'c' },
      ...(d.room !== undefined ? { room: d.room } : {}), ...(d.pair !== undefined ? { redundancyPair: d.pair } : {}),
      ...(d.psus !== undefined ? { psus: d.psus, expectedPsus: 2 } : d.role === 'ups' ? {} : { expectedPsus: 2 }),
      ...(d.multihomed === true ? { multihomed: true } : {}),
    })),
    links: links.map((l) => ({ id: l.id, a: { device: l.a, interface: l.ai }, b: { device: l.b, interface: l.bi }, risks: l.risks.map((r) => ({ kind: 'duct', id: r })), ...(l.protection !== undefined ? { protection: l.protection } : {}) })),
    power,
    services,
  };
  return { devices, links, services, inventory: inventoryFromObject(config) };
}
