/**
 * From a crawl to a draft inventory and a report of what discovery could not decide: devices
 * (sysName, guessed role, site and room from sysLocation), links seen from both ends, sites
 * with a guessed class; one-sided links, unknown sites, silent and out-of-bounds neighbours
 * go to the report, never into the draft. Pure.
 */
import { targetLabel, type AuthProtocol, type PrivProtocol } from '../collect/snmp/transport.js';
import type { ProtectionClass, SecretRef } from '../config/schema.js';
import type { ConfigInput } from '../import/draft.js';
import { IdAllocator, idFor } from '../import/ids.js';
import { normalName } from '../snapshot/neighbour-links.js';
import type { CrawlResult, DiscoveredDevice } from './crawl.js';
import { guessRole, guessSiteClass, parseLocation } from './guesses.js';

/** The site of devices whose sysLocation redline could not read. */
export const UNASSIGNED_SITE = 'unassigned';

/** A link reported by one end only. */
export interface OneSidedLink {
  readonly device: string;
  readonly port: string;
  readonly neighbour: string;
  readonly neighbourPort: string;
  readonly why: string;
}

/** What discovery could not decide, for a person to settle. */
export interface DiscoveryReport {
  readonly devices: number;
  links: number;
  readonly unknownSites: { readonly device: string; readonly sysLocation: string | null }[];
  readonly guessedRoles: { readonly device: string; readonly role: string; readonly why: string }[];
  readonly guessedClasses: { readonly site: string; readonly class: ProtectionClass }[];
  readonly oneSidedLinks: OneSidedLink[];
  readonly silent: { readonly address: string; readonly name: string | null; readonly seenBy: string | null }[];
  readonly outsideAllowlist: { readonly address: string; readonly name: string | null; readonly seenBy: string | null }[];
  readonly notProbed: { readonly address: string; readonly name: string | null; readonly reason: string }[];
  readonly noManagementAddress: { readonly name: string; readonly seenBy: string }[];
  readonly duplicates: { readonly address: string; readonly sameAs: string }[];
}

/** How the draft refers to credentials: one id and its references (never the secrets). */
export type DraftCredential =
  | { readonly id: string; readonly version: '1' | '2c'; readonly community: SecretRef }
  | {
      readonly id: string;
      readonly version: '3';
      readonly user: string;
      readonly authProtocol?: AuthProtocol;
      readonly authKey?: SecretRef;
      readonly privProtocol?: PrivProtocol;
      readonly privKey?: SecretRef;
    };

interface Placed {
  readonly d: DiscoveredDevice;
  readonly id: string;
  readonly name: string;
}

/** Builds the draft and the report. */
export function buildDiscoveryDraft(crawl: CrawlResult, credential: DraftCredential): { draft: ConfigInput; report: DiscoveryReport } {
  const ids = new IdAllocator();
  const placed: Placed[] = crawl.devices.map((d) => {
    const name = d.observation.system.name ?? targetLabel(d.target);
    return { d, id: ids.take(idFor(name, 'dev')), name };
  });
  const byName = new Map<string, Placed>();
  for (const p of placed) {
    const n = normalName(p.name);
    byName.set(n, p);
    const dot = n.indexOf('.');
    if (dot > 0 && /[a-z]/.test(n.slice(0, dot)) && !byName.has(n.slice(0, dot))) byName.set(n.slice(0, dot), p);
  }
  const lookup = (name: string): Placed | undefined => byName.get(normalName(name)) ?? byName.get(normalName(name).split('.')[0] ?? '');

  const report: DiscoveryReport = {
    devices: placed.length, links: 0, unknownSites: [], guessedRoles: [], guessedClasses: [], oneSidedLinks: [],
    silent: crawl.silent.map((c) => ({ address: targetLabel(c.target), name: c.name, seenBy: c.seenBy })),
    outsideAllowlist: crawl.outside.map((c) => ({ address: targetLabel(c.target), name: c.name, seenBy: c.seenBy })),
    notProbed: crawl.notProbed.map((c) => ({ address: targetLabel(c.target), name: c.name, reason: c.reason })),
    noManagementAddress: crawl.noAddress.map((x) => ({ ...x })),
    duplicates: crawl.duplicates.map((x) => ({ address: targetLabel(x.target), sameAs: x.sameAs })),
  };

  // sites and rooms
  const siteIds = new IdAllocator();
  const sites = new Map<string, { id: string; name: string; rooms: Map<string, string>; roles: string[] }>();
  const siteOf = (label: string): { id: string; name: string; rooms: Map<string, string>; roles: string[] } => {
    let s = sites.get(label);
    if (s === undefined) {
      s = { id: label === UNASSIGNED_SITE ? UNASSIGNED_SITE : siteIds.take(idFor(label, 'site')), name: label, rooms: new Map(), roles: [] };
      sites.set(label, s);
    }
    return s;
  };
  const devices: Record<string, unknown>[] = [];
  for (const p of placed) {
    const o = p.d.observation;
    const hasRouting = o.bgpPeers.length + o.ospfNeighbors.length + o.isisAdjacencies.length > 0;
    const role = guessRole(o.system.name, o.system.objectId, o.profiles, hasRouting);
    report.guessedRoles.push({ device: p.id, role: role.value, why: role.why });
    const loc = parseLocation(p.d.location);
    if (loc === null) report.unknownSites.push({ device: p.id, sysLocation: p.d.location });
    const site = siteOf(loc?.site ?? UNASSIGNED_SITE);
    site.roles.push(role.value);
    let room: string | undefined;
    if (loc?.room !== null && loc?.room !== undefined) {
      room = site.rooms.get(loc.room);
      if (room === undefined) {
        room = idFor(loc.room, 'room');
        while ([...site.rooms.values()].includes(room)) room = `${room}-x`;
        site.rooms.set(loc.room, room);
      }
    }
    const installed = o.powerSupplies.filter((u) => u.status !== 'absent').length;
    devices.push({
      id: p.id,
      ...(p.name !== p.id ? { name: p.name } : {}),
      site: site.id,
      ...(room !== undefined ? { room } : {}),
      role: role.value,
      snmp: { host: p.d.target.host, ...(p.d.target.port !== 161 ? { port: p.d.target.port } : {}), credentials: credential.id },
      ...(installed > 0 ? { expectedPsus: installed } : {}),
    });
  }

  // links: both ends must report each other on the same pair of ports
  const missing = new Map<string, string>();
  for (const c of crawl.silent) if (c.name !== null) missing.set(normalName(c.name), `${c.name} did not answer at ${targetLabel(c.target)}`);
  for (const c of crawl.outside) if (c.name !== null) missing.set(normalName(c.name), `${c.name} is at ${targetLabel(c.target)}, outside the allowed prefixes`);
  for (const c of crawl.notProbed) if (c.name !== null) missing.set(normalName(c.name), `${c.name} was not probed (${c.reason})`);
  const links: Record<string, unknown>[] = [];
  const linkIds = new IdAllocator();
  const done = new Set<string>();
  for (const p of placed) {
    for (const nb of p.d.observation.neighbors) {
      const other = lookup(nb.remoteName);
      if (other === undefined) {
        report.oneSidedLinks.push({
          device: p.id, port: nb.localPort, neighbour: nb.remoteName, neighbourPort: nb.remotePort,
          why: missing.get(normalName(nb.remoteName)) ?? `${nb.remoteName} was not discovered (no usable management address)`,
        });
        continue;
      }
      const back = other.d.observation.neighbors.find((m) => lookup(m.remoteName) === p &&
        normalName(m.localPort) === normalName(nb.remotePort) && normalName(m.remotePort) === normalName(nb.localPort));
      if (back === undefined) {
        report.oneSidedLinks.push({ device: p.id, port: nb.localPort, neighbour: other.id, neighbourPort: nb.remotePort, why: `${other.id} does not report ${p.id} on ${nb.remotePort}` });
        continue;
      }
      const ends = [`${p.id}|${normalName(nb.localPort)}`, `${other.id}|${normalName(back.localPort)}`].sort();
      const k = ends.join('~');
      if (done.has(k)) continue;
      done.add(k);
      links.push({ id: linkIds.take(idFor(`${p.id}--${other.id}`, 'link')), a: { device: p.id, interface: nb.localPort }, b: { device: other.id, interface: back.localPort } });
    }
  }
  report.links = links.length;

  const siteList = [...sites.values()].map((s) => {
    const cls = guessSiteClass(s.roles);
    report.guessedClasses.push({ site: s.id, class: cls });
    return {
      id: s.id,
      ...(s.name !== s.id ? { name: s.name } : {}),
      class: cls,
      ...(s.rooms.size > 0 ? { rooms: [...s.rooms].map(([name, id]) => (name === id ? { id } : { id, name })) } : {}),
    };
  });
  const draft = {
    version: 1 as const,
    credentials: { [credential.id]: (({ id: _id, ...rest }) => rest)(credential) },
    sites: siteList,
    devices,
    links,
  } as ConfigInput;
  return { draft, report };
}

/** The report as text for people. */
export function formatReport(r: DiscoveryReport): string {
  const out: string[] = [`discovered ${r.devices} devices and ${r.links} links seen from both ends · 发现设备 ${r.devices} 台、双端确认链路 ${r.links} 条`];
  const section = <T>(title: string, list: readonly T[], line: (x: T) => string): void => {
    if (list.length === 0) return;
    out.push('', `${title} (${list.length}):`, ...list.map((x) => `  ${line(x)}`));
  };
  section('did not answer · 未应答', r.silent, (x) => `${x.address}${x.name === null ? '' : ` (${x.name})`}${x.seenBy === null ? ' — seed' : ` — neighbour of ${x.seenBy}`}`);
  section('outside the allowed prefixes, not probed · 超出允许网段，未探测', r.outsideAllowlist, (x) => `${x.address}${x.name === null ? '' : ` (${x.name})`}${x.seenBy === null ? ' — seed' : ` — neighbour of ${x.seenBy}`}`);
  section('allowed but not probed · 未探测', r.notProbed, (x) => `${x.address}${x.name === null ? '' : ` (${x.name})`} — ${x.reason}`);
  section('links seen from one end only, not in the draft · 仅单端可见的链路（未写入草稿）', r.oneSidedLinks, (x) => `${x.device} ${x.port} → ${x.neighbour} ${x.neighbourPort}: ${x.why}`);
  section('site unknown (sysLocation not in the form site=…;room=… or SITE/ROOM), placed in site "unassigned" · 站点未知', r.unknownSites, (x) => `${x.device}: ${x.sysLocation === null ? '(no sysLocation)' : JSON.stringify(x.sysLocation)}`);
  section('neighbours without a management address · 邻居未通告管理地址', r.noManagementAddress, (x) => `${x.name} — neighbour of ${x.seenBy}`);
  section('addresses answering as a device already found · 重复地址', r.duplicates, (x) => `${x.address} = ${x.sameAs}`);
  section('roles guessed, confirm them · 设备角色为推测，请确认', r.guessedRoles, (x) => `${x.device}: ${x.role} (${x.why})`);
  section('site classes guessed from their devices\' roles, confirm them · 站点保护等级为推测，请确认', r.guessedClasses, (x) => `${x.site}: ${x.class}`);
  return `${out.join('\n')}\n`;
}
