/**
 * Cross-reference checks the schema cannot express: unique ids, references that resolve,
 * power chains without cycles, redundancy pairs that point both ways. Pure: config in, issues out.
 */
import { isLoopbackHost, listenHostOf } from '../auth/loopback.js';
import type { RedlineConfig } from './schema.js';

/** One problem in a configuration, with the path of the offending value. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** Formats a zod-style path as `devices[3].snmp.version`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

function uniqueIds(list: readonly { id: string }[], section: string, issues: ConfigIssue[]): Set<string> {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) issues.push({ path: `${section}[${i}].id`, message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
  return seen;
}

/** Every cross-reference problem in a schema-valid config. */
export function validateReferences(c: RedlineConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const sites = uniqueIds(c.sites, 'sites', issues);
  const devices = uniqueIds(c.devices, 'devices', issues);
  uniqueIds(c.links, 'links', issues);
  const power = uniqueIds(c.power, 'power', issues);
  const services = uniqueIds(c.services, 'services', issues);
  const health = uniqueIds(c.health, 'health', issues);
  const roomsBySite = new Map(c.sites.map((s) => [s.id, new Set(s.rooms.map((r) => r.id))]));
  c.sites.forEach((s, i) => uniqueIds(s.rooms, `sites[${i}].rooms`, issues));

  const checkRoom = (path: string, site: string, room: string | undefined): void => {
    if (room === undefined) return;
    const rooms = roomsBySite.get(site);
    if (rooms !== undefined && !rooms.has(room)) issues.push({ path, message: `room "${room}" is not a room of site "${site}"` });
  };

  c.devices.forEach((d, i) => {
    const p = `devices[${i}]`;
    if (!sites.has(d.site)) issues.push({ path: `${p}.site`, message: `unknown site "${d.site}"` });
    checkRoom(`${p}.room`, d.site, d.room);
    if (d.snmp !== undefined && !(d.snmp.credentials in c.credentials)) {
      issues.push({ path: `${p}.snmp.credentials`, message: `unknown credentials "${d.snmp.credentials}" (define it under credentials)` });
    }
    if (d.redundancyPair !== undefined) {
      if (d.redundancyPair === d.id) issues.push({ path: `${p}.redundancyPair`, message: 'a device cannot be its own redundancy pair' });
      else if (!devices.has(d.redundancyPair)) issues.push({ path: `${p}.redundancyPair`, message: `unknown device "${d.redundancyPair}"` });
    }
    d.psus.forEach((psu, k) => {
      if (!power.has(psu.feed)) issues.push({ path: `${p}.psus[${k}].feed`, message: `unknown power element "${psu.feed}"` });
    });
    if (d.expectedPsus !== undefined && d.psus.length > d.expectedPsus) {
      issues.push({ path: `${p}.psus`, message: `${d.psus.length} PSUs mapped but expectedPsus is ${d.expectedPsus}` });
    }
  });

  c.links.forEach((l, i) => {
    for (const end of ['a', 'b'] as const) {
      if (!devices.has(l[end].device)) issues.push({ path: `links[${i}].${end}.device`, message: `unknown device "${l[end].device}"` });
    }
    if (l.a.device === l.b.device && l.a.interface === l.b.interface) issues.push({ path: `links[${i}]`, message: 'a link cannot join an interface to itself' });
  });

  const powerById = new Map(c.power.map((n) => [n.id, n]));
  c.power.forEach((n, i) => {
    const p = `power[${i}]`;
    if (!sites.has(n.site)) issues.push({ path: `${p}.site`, message: `unknown site "${n.site}"` });
    checkRoom(`${p}.room`, n.site, n.room);
    n.upstream.forEach((u, k) => {
      if (!power.has(u)) issues.push({ path: `${p}.upstream[${k}]`, message: `unknown power element "${u}"` });
    });
    if (n.device !== undefined && !devices.has(n.device)) issues.push({ path: `${p}.device`, message: `unknown device "${n.device}"` });
    if (n.kind === 'mains' && n.upstream.length > 0) issues.push({ path: `${p}.upstream`, message: 'a mains feed has no upstream' });
  });
  // cycles in the power chain
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (nodeId: string, trail: string[]): void => {
    const s = state.get(nodeId);
    if (s === 'done') return;
    if (s === 'visiting') {
      const idx = c.power.findIndex((n) => n.id === nodeId);
      issues.push({ path: `power[${idx}].upstream`, message: `power chain loops: ${[...trail, nodeId].join(' → ')}` });
      return;
    }
    state.set(nodeId, 'visiting');
    for (const u of powerById.get(nodeId)?.upstream ?? []) if (powerById.has(u)) visit(u, [...trail, nodeId]);
    state.set(nodeId, 'done');
  };
  for (const n of c.power) visit(n.id, []);

  c.services.forEach((s, i) => {
    s.endpoints.forEach((e, k) => {
      if (!devices.has(e)) issues.push({ path: `services[${i}].endpoints[${k}]`, message: `unknown device "${e}"` });
    });
    s.health.forEach((h, k) => {
      if (!health.has(h)) issues.push({ path: `services[${i}].health[${k}]`, message: `unknown health check "${h}"` });
    });
  });

  c.health.forEach((h, i) => {
    const sf = h.standsFor;
    if (sf === undefined) return;
    if (sf.service !== undefined && !services.has(sf.service)) issues.push({ path: `health[${i}].standsFor.service`, message: `unknown service "${sf.service}"` });
    if (sf.device !== undefined && !devices.has(sf.device)) issues.push({ path: `health[${i}].standsFor.device`, message: `unknown device "${sf.device}"` });
    if (sf.site !== undefined && !sites.has(sf.site)) issues.push({ path: `health[${i}].standsFor.site`, message: `unknown site "${sf.site}"` });
  });

  const auth = c.settings.auth;
  if (!auth.enabled && !isLoopbackHost(listenHostOf(c.settings.listen))) {
    issues.push({ path: 'settings.auth.enabled', message: `authentication can be off only on a loopback address; settings.listen is ${c.settings.listen}` });
  }
  const tokenNames = new Set<string>();
  auth.tokens.forEach((t, i) => {
    if (tokenNames.has(t.name)) issues.push({ path: `settings.auth.tokens[${i}].name`, message: `duplicate token name "${t.name}"` });
    tokenNames.add(t.name);
  });

  for (const [name, cred] of Object.entries(c.credentials)) {
    if (cred.version !== '3') continue;
    if (cred.privKey !== undefined && cred.authKey === undefined) issues.push({ path: `credentials.${name}.privKey`, message: 'privacy needs authentication too (authPriv): add authKey' });
    if (cred.authProtocol !== undefined && cred.authKey === undefined) issues.push({ path: `credentials.${name}.authKey`, message: 'authProtocol is set but authKey is missing' });
  }
  return issues;
}
