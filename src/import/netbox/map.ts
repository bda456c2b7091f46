/**
 * NetBox objects → redline inventory. Sites (protection class from the custom field
 * `protection_class` or a tag `pc-core`…), locations as rooms, devices (role, platform, primary
 * IP), cables between interfaces as links, circuits as links with their provider as a shared
 * risk, and the power chain: power panels; power feeds lead to their panel; devices with power
 * outlets are PDUs (or UPSes) fed through their own power ports; every other device's power
 * ports are its PSUs, fed by whatever the cable on them reaches. Shared risks come from the
 * custom field `shared_risks` ("duct:D-7, cable:F1") or tags named `duct:D-7`. Pure: objects
 * in, draft and one error per object it cannot map out.
 */
import { z } from 'zod';
import { PROTECTION_CLASSES, type ProtectionClass, type SecretRef } from '../../config/schema.js';
import type { ConfigInput } from '../draft.js';
import { IdAllocator, idFor, isId } from '../ids.js';
import { parseSharedRisks, type SharedRisk } from '../shared-risks.js';
import type { NetboxData } from './client.js';

const ref = z.looseObject({ id: z.number().int(), name: z.string().nullish(), slug: z.string().nullish() });
const choice = z.looseObject({ value: z.string() }).nullish();
const tags = z.array(z.looseObject({ name: z.string(), slug: z.string() })).nullish();
const customFields = z.record(z.string(), z.unknown()).nullish();
const base = { id: z.number().int(), tags, custom_fields: customFields };

const siteSchema = z.looseObject({ ...base, name: z.string(), slug: z.string(), status: choice });
const locationSchema = z.looseObject({ ...base, name: z.string(), slug: z.string(), site: ref });
const rackSchema = z.looseObject({ ...base, name: z.string(), site: ref, location: ref.nullish() });
const deviceSchema = z.looseObject({
  ...base, name: z.string().nullable(), role: ref.nullish(), device_role: ref.nullish(), platform: ref.nullish(),
  site: ref, location: ref.nullish(), rack: ref.nullish(), primary_ip: z.looseObject({ address: z.string() }).nullish(), status: choice,
});
const interfaceSchema = z.looseObject({ ...base, device: ref, name: z.string() });
const termination = z.looseObject({ object_type: z.string(), object_id: z.number().int() });
/** NetBox ≥ 3.3 lists terminations per end; NetBox before 3.3 and Nautobot name one per end (termination_a_type/_id). */
const cableSchema = z.union([
  z.looseObject({ ...base, label: z.string().nullish(), status: choice, a_terminations: z.array(termination), b_terminations: z.array(termination) }),
  z.looseObject({
    ...base, label: z.string().nullish(), status: choice,
    termination_a_type: z.string(), termination_a_id: z.number().int(), termination_b_type: z.string(), termination_b_id: z.number().int(),
  }).transform((c) => ({
    ...c,
    a_terminations: [{ object_type: c.termination_a_type, object_id: c.termination_a_id }],
    b_terminations: [{ object_type: c.termination_b_type, object_id: c.termination_b_id }],
  })),
]);
const circuitSchema = z.looseObject({
  ...base, cid: z.string(), provider: ref,
  termination_a: z.looseObject({ id: z.number().int() }).nullish(), termination_z: z.looseObject({ id: z.number().int() }).nullish(),
});
const panelSchema = z.looseObject({ ...base, name: z.string(), site: ref, location: ref.nullish() });
const feedSchema = z.looseObject({ ...base, name: z.string(), power_panel: ref, type: choice, status: choice });
const powerPortSchema = z.looseObject({ ...base, name: z.string(), label: z.string().nullish(), device: ref });
const outletSchema = z.looseObject({ ...base, name: z.string(), device: ref, power_port: ref.nullish() });

/** Device statuses that mean "not carrying traffic": such devices are left out, with a note. */
const NOT_IN_SERVICE: readonly string[] = ['planned', 'inventory', 'decommissioning', 'offline'];

/** An object the importer could not map, and why. */
export interface MappingError {
  readonly object: string;
  readonly message: string;
}

/** The result of mapping: a draft when there were no errors; notes about what was left out on purpose. */
export interface NetboxMapping {
  readonly draft: ConfigInput;
  readonly errors: MappingError[];
  readonly notes: string[];
}

/** Options of the mapping. */
export interface NetboxMapOptions {
  /** When set, devices with a primary IP get SNMP polling with this credential reference. */
  readonly credential?: { readonly id: string; readonly version: '1' | '2c'; readonly community: SecretRef };
}

type Parsed<S extends z.ZodType> = z.infer<S>;

function parseAll<S extends z.ZodType>(list: readonly unknown[], schema: S, kind: string, errors: MappingError[]): Parsed<S>[] {
  const out: Parsed<S>[] = [];
  list.forEach((raw, k) => {
    const r = schema.safeParse(raw);
    if (r.success) out.push(r.data);
    else {
      const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number' ? `#${(raw as { id: number }).id}` : `[${k}]`;
      errors.push({ object: `${kind} ${id}`, message: `unexpected shape: ${r.error.issues.map((i) => `${i.path.join('.') || '(object)'} ${i.message}`).join('; ')}` });
    }
  });
  return out;
}

function classOf(o: { custom_fields?: Record<string, unknown> | null | undefined; tags?: { slug: string }[] | null | undefined }): ProtectionClass | null | 'invalid' {
  const cf = o.custom_fields?.['protection_class'];
  if (typeof cf === 'string' && cf !== '') return (PROTECTION_CLASSES as readonly string[]).includes(cf.toUpperCase()) ? cf.toUpperCase() as ProtectionClass : 'invalid';
  const tag = (o.tags ?? []).map((t) => t.slug.toUpperCase()).find((s) => (PROTECTION_CLASSES as readonly string[]).includes(s));
  return (tag as ProtectionClass | undefined) ?? null;
}

function risksOf(o: { custom_fields?: Record<string, unknown> | null | undefined; tags?: { name: string }[] | null | undefined }): { risks: SharedRisk[]; problems: string[] } {
  const texts: string[] = [];
  const cf = o.custom_fields?.['shared_risks'];
  if (typeof cf === 'string') texts.push(cf);
  else if (Array.isArray(cf)) texts.push(...cf.filter((x): x is string => typeof x === 'string'));
  for (const t of o.tags ?? []) if (/^[^:：]+[:：].+$/.test(t.name)) texts.push(t.name);
  return parseSharedRisks(texts.join(','));
}

const name = (kind: string, o: { id: number; name?: string | null }): string => `${kind} #${o.id}${o.name === null || o.name === undefined ? '' : ` "${o.name}"`}`;

/** Maps the objects read from NetBox into a draft inventory. */
export function mapNetbox(data: NetboxData, opts: NetboxMapOptions = {}): NetboxMapping {
  const errors: MappingError[] = [];
  const notes: string[] = [];
  const sitesIn = parseAll(data.sites, siteSchema, 'dcim.site', errors);
  const locations = parseAll(data.locations, locationSchema, 'dcim.location', errors);
  const racks = parseAll(data.racks, rackSchema, 'dcim.rack', errors);
  const devicesIn = parseAll(data.devices, deviceSchema, 'dcim.device', errors);
  const interfaces = parseAll(data.interfaces, interfaceSchema, 'dcim.interface', errors);
  const cables = parseAll(data.cables, cableSchema, 'dcim.cable', errors);
  const circuits = parseAll(data.circuits, circuitSchema, 'circuits.circuit', errors);
  const panels = parseAll(data.powerPanels, panelSchema, 'dcim.powerpanel', errors);
  const feeds = parseAll(data.powerFeeds, feedSchema, 'dcim.powerfeed', errors);
  const ports = parseAll(data.powerPorts, powerPortSchema, 'dcim.powerport', errors);
  const outlets = parseAll(data.powerOutlets, outletSchema, 'dcim.poweroutlet', errors);

  // sites and rooms
  const siteSlug = new Map<number, string>();
  const sites: { id: string; name?: string; class: ProtectionClass; rooms: { id: string; name?: string }[] }[] = [];
  for (const s of sitesIn) {
    const cls = classOf(s);
    if (!isId(s.slug)) {
      errors.push({ object: name('dcim.site', s), message: `slug "${s.slug}" is not a usable id` });
      continue;
    }
    if (cls === null || cls === 'invalid') {
      errors.push({ object: name('dcim.site', s), message: cls === null
        ? `no protection class: set the custom field protection_class or a tag ${PROTECTION_CLASSES.map((c) => c.toLowerCase()).join('|')}`
        : `custom field protection_class "${String(s.custom_fields?.['protection_class'])}" is not one of ${PROTECTION_CLASSES.join(', ')}` });
      continue;
    }
    siteSlug.set(s.id, s.slug);
    sites.push({ id: s.slug, ...(s.name !== s.slug ? { name: s.name } : {}), class: cls, rooms: [] });
  }
  const roomOf = new Map<number, { site: string; room: string }>();
  for (const l of locations) {
    const site = siteSlug.get(l.site.id);
    const entry = sites.find((s) => s.id === site);
    if (site === undefined || entry === undefined) {
      errors.push({ object: name('dcim.location', l), message: `its site #${l.site.id} was not imported` });
      continue;
    }
    const id = idFor(l.slug, 'room');
    entry.rooms.push({ id, ...(l.name !== id ? { name: l.name } : {}) });
    roomOf.set(l.id, { site, room: id });
  }
  const rackLocation = new Map<number, number>();
  for (const r of racks) if (r.location !== null && r.location !== undefined) rackLocation.set(r.id, r.location.id);
  const roomFor = (site: string, location: { id: number } | null | undefined, rack: { id: number } | null | undefined): string | undefined => {
    const locId = location?.id ?? (rack === null || rack === undefined ? undefined : rackLocation.get(rack.id));
    const r = locId === undefined ? undefined : roomOf.get(locId);
    return r !== undefined && r.site === site ? r.room : undefined;
  };

  // power elements: panels, PDUs/UPSes (devices with outlets)
  const power: Record<string, unknown>[] = [];
  const powerIds = new IdAllocator();
  const panelNode = new Map<number, string>();
  for (const p of panels) {
    const site = siteSlug.get(p.site.id);
    if (site === undefined) {
      errors.push({ object: name('dcim.powerpanel', p), message: `its site #${p.site.id} was not imported` });
      continue;
    }
    const id = powerIds.take(idFor(`${site}-${p.name}`, 'panel'));
    panelNode.set(p.id, id);
    const room = roomFor(site, p.location, null);
    power.push({ id, kind: 'panel', site, ...(room !== undefined ? { room } : {}) });
  }
  const feedPanel = new Map<number, string>();
  for (const f of feeds) {
    const panel = panelNode.get(f.power_panel.id);
    if (panel === undefined) errors.push({ object: name('dcim.powerfeed', f), message: `its power panel #${f.power_panel.id} was not imported` });
    else feedPanel.set(f.id, panel);
  }
  const hasOutlets = new Set(outlets.map((o) => o.device.id));
  const outletDevice = new Map(outlets.map((o) => [o.id, o.device.id]));
  const portsByDevice = new Map<number, Parsed<typeof powerPortSchema>[]>();
  for (const p of ports) {
    const l = portsByDevice.get(p.device.id);
    if (l === undefined) portsByDevice.set(p.device.id, [p]);
    else l.push(p);
  }

  // devices
  const deviceIds = new IdAllocator();
  const deviceId = new Map<number, string>();
  const powerNodeOfDevice = new Map<number, string>();
  const devices: Record<string, unknown>[] = [];
  const deviceSite = new Map<number, string>();
  for (const d of devicesIn) {
    if (d.name === null || d.name.trim() === '') {
      errors.push({ object: name('dcim.device', d), message: 'has no name' });
      continue;
    }
    if (d.status?.value !== undefined && NOT_IN_SERVICE.includes(d.status.value)) {
      notes.push(`${name('dcim.device', d)} is ${d.status.value}: left out`);
      continue;
    }
    const site = siteSlug.get(d.site.id);
    if (site === undefined) {
      errors.push({ object: name('dcim.device', d), message: `its site #${d.site.id} was not imported` });
      continue;
    }
    deviceSite.set(d.id, site);
    const role = d.role ?? d.device_role;
    const room = roomFor(site, d.location, d.rack);
    if (hasOutlets.has(d.id)) {
      const kind = /ups/i.test(role?.slug ?? role?.name ?? '') ? 'ups' : 'pdu';
      const id = powerIds.take(idFor(d.name, kind));
      powerNodeOfDevice.set(d.id, id);
      power.push({ id, kind, site, ...(room !== undefined ? { room } : {}), upstream: [] });
      continue;
    }
    if (role === null || role === undefined) {
      errors.push({ object: name('dcim.device', d), message: 'has no role' });
      continue;
    }
    const cls = classOf(d);
    if (cls === 'invalid') {
      errors.push({ object: name('dcim.device', d), message: `custom field protection_class "${String(d.custom_fields?.['protection_class'])}" is not one of ${PROTECTION_CLASSES.join(', ')}` });
      continue;
    }
    const id = deviceIds.take(idFor(d.name, 'dev'));
    deviceId.set(d.id, id);
    const host = d.primary_ip?.address.replace(/\/\d+$/, '');
    devices.push({
      id,
      ...(d.name !== id ? { name: d.name } : {}),
      site,
      ...(room !== undefined ? { room } : {}),
      role: role.slug ?? role.name ?? 'unknown',
      ...(cls !== null ? { class: cls } : {}),
      ...(host !== undefined && opts.credential !== undefined ? { snmp: { host, credentials: opts.credential.id } } : {}),
      ...(d.platform?.slug !== undefined && d.platform.slug !== null ? { tags: [`platform:${d.platform.slug}`] } : {}),
    });
  }

  // cables: what each termination is joined to
  const key = (t: { object_type: string; object_id: number }): string => `${t.object_type}:${t.object_id}`;
  const peer = new Map<string, { object_type: string; object_id: number }>();
  const ifaceById = new Map(interfaces.map((i) => [i.id, i]));
  const links: Record<string, unknown>[] = [];
  const linkIds = new IdAllocator();
  const circuitEnd = new Map<number, { object_type: string; object_id: number }>();
  type End = { device: string; interface: string };
  const endOf = (t: { object_type: string; object_id: number }, cable: string): End | { skip: string } | string => {
    const i = ifaceById.get(t.object_id);
    if (i === undefined) return `${cable}: interface #${t.object_id} is not in /api/dcim/interfaces/`;
    const dev = deviceId.get(i.device.id);
    if (dev === undefined && powerNodeOfDevice.has(i.device.id)) return { skip: `${cable}: joins the management interface of power element ${powerNodeOfDevice.get(i.device.id)!}; not a network link, left out` };
    if (dev === undefined) return `${cable}: interface "${i.name}" belongs to device #${i.device.id}, which was not imported`;
    return { device: dev, interface: i.name };
  };
  for (const c of cables) {
    const label = name('dcim.cable', { id: c.id, name: c.label ?? null });
    if (c.status?.value !== undefined && c.status.value !== 'connected') {
      notes.push(`${label} is ${c.status.value}: left out`);
      continue;
    }
    if (c.a_terminations.length !== 1 || c.b_terminations.length !== 1) {
      errors.push({ object: label, message: `has ${c.a_terminations.length}/${c.b_terminations.length} terminations per end; redline maps cables with one termination on each end` });
      continue;
    }
    const a = c.a_terminations[0]!;
    const b = c.b_terminations[0]!;
    peer.set(key(a), b);
    peer.set(key(b), a);
    const types = [a.object_type, b.object_type].sort().join('+');
    if (types === 'dcim.interface+dcim.interface') {
      const ea = endOf(a, label);
      const eb = endOf(b, label);
      if (typeof ea === 'string' || typeof eb === 'string') {
        errors.push({ object: label, message: [ea, eb].filter((x): x is string => typeof x === 'string').map((m) => m.slice(label.length + 2)).join('; ') });
        continue;
      }
      if ('skip' in ea || 'skip' in eb) {
        notes.push('skip' in ea ? ea.skip : (eb as { skip: string }).skip);
        continue;
      }
      const r = risksOf(c);
      for (const p of r.problems) errors.push({ object: label, message: `shared_risks: ${p}` });
      links.push({ id: linkIds.take(idFor(c.label !== null && c.label !== undefined && c.label !== '' ? c.label : `cable-${c.id}`, 'cable')), a: ea, b: eb, ...(r.risks.length > 0 ? { risks: r.risks } : {}) });
    } else if (types === 'circuits.circuittermination+dcim.interface') {
      const [t, i] = a.object_type === 'dcim.interface' ? [b, a] : [a, b];
      circuitEnd.set(t.object_id, i);
    } else if (/^dcim\.power(port|outlet|feed)\+dcim\.power(port|outlet|feed)$/.test(types)) {
      // read below, from each power port's peer
    } else {
      notes.push(`${label} joins ${a.object_type} and ${b.object_type}: not a link or power connection redline maps (patch panels are not traced)`);
    }
  }

  // what a power port is fed by: a PDU/UPS (through an outlet) or a panel (through a feed)
  const upstreamOfPort = (p: Parsed<typeof powerPortSchema>): string | null | { error: string } => {
    const other = peer.get(`dcim.powerport:${p.id}`);
    if (other === undefined) return null;
    if (other.object_type === 'dcim.powerfeed') {
      return feedPanel.get(other.object_id) ?? { error: `its power feed #${other.object_id} was not imported` };
    }
    if (other.object_type === 'dcim.poweroutlet') {
      const dev = outletDevice.get(other.object_id);
      const node = dev === undefined ? undefined : powerNodeOfDevice.get(dev);
      return node ?? { error: `its power outlet #${other.object_id} belongs to no imported PDU or UPS` };
    }
    return { error: `it is cabled to ${other.object_type}, not to a power outlet or power feed` };
  };
  for (const [devNb, node] of powerNodeOfDevice) {
    const entry = power.find((n) => n.id === node)!;
    const ups: string[] = [];
    for (const p of portsByDevice.get(devNb) ?? []) {
      const u = upstreamOfPort(p);
      if (u === null) continue;
      if (typeof u === 'object') errors.push({ object: name('dcim.powerport', p), message: u.error });
      else if (!ups.includes(u)) ups.push(u);
    }
    if (ups.length === 0) notes.push(`${node}: none of its power ports is cabled to a feed or outlet; it has no upstream`);
    entry.upstream = ups;
  }
  for (const dev of devices) {
    const nb = [...deviceId].find(([, id]) => id === dev.id)![0];
    const psus: { match: string; feed: string }[] = [];
    const list = portsByDevice.get(nb) ?? [];
    for (const p of list) {
      const u = upstreamOfPort(p);
      if (u === null) {
        notes.push(`${String(dev.id)}: power port "${p.name}" is not cabled`);
        continue;
      }
      if (typeof u === 'object') {
        errors.push({ object: name('dcim.powerport', p), message: u.error });
        continue;
      }
      const match = p.custom_fields?.['redline_match'];
      psus.push({ match: typeof match === 'string' && match !== '' ? match : (p.label ?? '') !== '' ? p.label! : p.name, feed: u });
    }
    if (list.length > 0) dev.expectedPsus = list.length;
    if (psus.length > 0) dev.psus = psus;
  }

  // circuits: the interfaces cabled to their two terminations, the provider as a shared risk
  for (const c of circuits) {
    const label = `circuits.circuit #${c.id} "${c.cid}"`;
    const ends = [c.termination_a, c.termination_z].map((t) => (t === null || t === undefined ? undefined : circuitEnd.get(t.id)));
    if (ends[0] === undefined || ends[1] === undefined) {
      errors.push({ object: label, message: 'both terminations must be cabled to device interfaces to make a link' });
      continue;
    }
    const ea = endOf(ends[0], label);
    const eb = endOf(ends[1], label);
    if (typeof ea === 'string' || typeof eb === 'string' || 'skip' in ea || 'skip' in eb) {
      const why = [ea, eb].map((x) => (typeof x === 'string' ? x : 'skip' in x ? x.skip : null)).filter((x): x is string => x !== null);
      errors.push({ object: label, message: why.map((m) => m.slice(label.length + 2)).join('; ') });
      continue;
    }
    const r = risksOf(c);
    for (const p of r.problems) errors.push({ object: label, message: `shared_risks: ${p}` });
    const provider = c.provider.slug ?? `provider-${c.provider.id}`;
    const risks: SharedRisk[] = isId(provider) ? [{ kind: 'provider', id: provider }, ...r.risks] : r.risks;
    links.push({ id: linkIds.take(idFor(c.cid, 'circuit')), a: ea, b: eb, risks });
  }

  const draft = {
    version: 1 as const,
    ...(opts.credential !== undefined ? { credentials: { [opts.credential.id]: { version: opts.credential.version, community: opts.credential.community } } } : {}),
    sites: sites.map((s) => (s.rooms.length > 0 ? s : { id: s.id, ...(s.name !== undefined ? { name: s.name } : {}), class: s.class })),
    devices,
    links,
    power,
  } as ConfigInput;
  return { draft, errors, notes };
}
