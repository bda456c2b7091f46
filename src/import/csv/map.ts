/**
 * Spreadsheet tables → redline inventory. Every cell is checked and every bad one reported with
 * its file, row and column heading; references (a device's site and room, a link's devices, a
 * PSU's feed, a power element's upstream) resolve by id or by name. Pure: tables in, a draft
 * or the list of problems out — never half of an inventory.
 */
import { isIP } from 'node:net';
import { PROTECTION_CLASSES, RISK_KINDS, SITE_FLAGS, type ProtectionClass } from '../../config/schema.js';
import type { ConfigInput } from '../draft.js';
import { IdAllocator, idFor, isId } from '../ids.js';
import { parseSharedRisks, type SharedRisk } from '../shared-risks.js';
import { COLUMNS, columnsOf, type TableKind } from './columns.js';
import type { CsvRow } from './parse.js';

/** One table read from one file. */
export interface Table {
  readonly file: string;
  readonly kind: TableKind;
  readonly headings: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** A bad cell or row. */
export interface RowProblem {
  readonly file: string;
  readonly row: number;
  /** The heading as written in the file (empty for a whole-row problem). */
  readonly column: string;
  readonly message: string;
}

const POWER_KIND_WORDS: Readonly<Record<string, string>> = {
  mains: 'mains', 市电: 'mains', generator: 'generator', 油机: 'generator', 发电机: 'generator', ats: 'ats',
  panel: 'panel', 配电屏: 'panel', 配电柜: 'panel', 列头柜: 'panel', ups: 'ups', rectifier: 'rectifier', 整流器: 'rectifier',
  开关电源: 'rectifier', battery: 'battery', 蓄电池: 'battery', 电池组: 'battery', pdu: 'pdu',
};

/** Cells of a row by column name, with the heading each came from. */
class RowView {
  constructor(private readonly t: Table, private readonly row: CsvRow, private readonly cols: (string | null)[], private readonly problems: RowProblem[]) {}

  heading(col: string): string {
    const k = this.cols.indexOf(col);
    return k < 0 ? (COLUMNS[this.t.kind][col]?.[0] ?? col) : this.t.headings[k]!;
  }

  get(col: string): string {
    const k = this.cols.indexOf(col);
    return k < 0 ? '' : (this.row.cells[k] ?? '').trim();
  }

  problem(col: string, message: string): void {
    this.problems.push({ file: this.t.file, row: this.row.row, column: col === '' ? '' : this.heading(col), message });
  }

  required(col: string): string | null {
    const v = this.get(col);
    if (v === '') {
      this.problem(col, 'empty; a value is required');
      return null;
    }
    return v;
  }
}

function rowsOf(tables: readonly Table[], kind: TableKind, problems: RowProblem[]): RowView[] {
  const out: RowView[] = [];
  for (const t of tables.filter((x) => x.kind === kind)) {
    const cols = columnsOf(kind, t.headings);
    for (const r of t.rows) if (r.cells.some((c) => c.trim() !== '')) out.push(new RowView(t, r, cols, problems));
  }
  return out;
}

const split = (v: string): string[] => v.split(/[,;、，；/]/).map((x) => x.trim()).filter((x) => x !== '');

/** Maps the tables; the draft is null when any problem was found. */
export function mapTables(tables: readonly Table[]): { draft: ConfigInput | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];

  // sites: by id and by name
  type Site = { id: string; name?: string; class: ProtectionClass; flags?: string[]; province?: string; rooms: { id: string; name?: string; fireCompartment?: string }[] };
  const sites: Site[] = [];
  const siteRef = new Map<string, Site>();
  const siteIds = new IdAllocator();
  for (const r of rowsOf(tables, 'sites', problems)) {
    const name = r.required('name');
    const clsText = r.required('class');
    const explicit = r.get('id');
    if (explicit !== '' && !isId(explicit)) r.problem('id', `"${explicit}" is not an id: letters, digits, . _ : -`);
    const cls = clsText?.toUpperCase().replace(/^PC[-_ ]?/, 'PC-');
    if (clsText !== null && !(PROTECTION_CLASSES as readonly string[]).includes(cls ?? '')) r.problem('class', `"${clsText}" is not one of ${PROTECTION_CLASSES.join(', ')}`);
    const flags = split(r.get('flags')).map((f) => f.toUpperCase());
    for (const f of flags) if (!(SITE_FLAGS as readonly string[]).includes(f)) r.problem('flags', `"${f}" is not one of ${SITE_FLAGS.join(', ')}`);
    if (name === null || clsText === null) continue;
    const id = siteIds.take(explicit !== '' && isId(explicit) ? explicit : idFor(name, 'site'));
    if (siteRef.has(name) || (explicit !== '' && siteRef.has(explicit))) r.problem('name', `site "${name}" is listed twice`);
    const s: Site = { id, ...(name !== id ? { name } : {}), class: cls as ProtectionClass, ...(flags.length > 0 ? { flags } : {}), ...(r.get('province') !== '' ? { province: r.get('province') } : {}), rooms: [] };
    sites.push(s);
    siteRef.set(name, s);
    siteRef.set(id, s);
  }
  const siteOf = (r: RowView, col: string): Site | null => {
    const v = r.required(col);
    if (v === null) return null;
    const s = siteRef.get(v);
    if (s === undefined) r.problem(col, `no site "${v}" in the sites table`);
    return s ?? null;
  };
  // rooms
  const roomRef = new Map<string, Map<string, string>>(); // site id → room name/id → room id
  const roomOf = (r: RowView, site: Site, col: string): string | undefined | null => {
    const v = r.get(col);
    if (v === '') return undefined;
    const room = roomRef.get(site.id)?.get(v);
    if (room === undefined) {
      r.problem(col, `no room "${v}" of site "${site.name ?? site.id}" in the rooms table`);
      return null;
    }
    return room;
  };
  for (const r of rowsOf(tables, 'rooms', problems)) {
    const site = siteOf(r, 'site');
    const name = r.required('room');
    const explicit = r.get('id');
    if (explicit !== '' && !isId(explicit)) r.problem('id', `"${explicit}" is not an id: letters, digits, . _ : -`);
    if (site === null || name === null) continue;
    const refs = roomRef.get(site.id) ?? new Map<string, string>();
    roomRef.set(site.id, refs);
    if (refs.has(name)) {
      r.problem('room', `room "${name}" of site "${site.name ?? site.id}" is listed twice`);
      continue;
    }
    const taken = new IdAllocator(site.rooms.map((x) => x.id));
    const id = taken.take(explicit !== '' && isId(explicit) ? explicit : idFor(name, 'room'));
    site.rooms.push({ id, ...(name !== id ? { name } : {}), ...(r.get('fireCompartment') !== '' ? { fireCompartment: r.get('fireCompartment') } : {}) });
    refs.set(name, id);
    refs.set(id, id);
  }

  // power elements (before devices: PSUs and monitored devices refer across)
  type Power = { id: string; kind: string; site: string; room?: string; upstream: string[]; substation?: string; device?: string };
  const power: Power[] = [];
  const powerRows: [RowView, Power][] = [];
  const powerIds = new Set<string>();
  for (const r of rowsOf(tables, 'power', problems)) {
    const id = r.required('id');
    const kindText = r.required('kind');
    const site = siteOf(r, 'site');
    const kind = kindText === null ? undefined : POWER_KIND_WORDS[kindText.toLowerCase()];
    if (kindText !== null && kind === undefined) r.problem('kind', `"${kindText}" is not a power element kind (${Object.keys(POWER_KIND_WORDS).join(', ')})`);
    if (id !== null && !isId(id)) r.problem('id', `"${id}" is not an id: letters, digits, . _ : -`);
    if (id !== null && powerIds.has(id)) r.problem('id', `power element "${id}" is listed twice`);
    if (id === null || site === null || kind === undefined || !isId(id)) continue;
    powerIds.add(id);
    const room = roomOf(r, site, 'room');
    const p: Power = { id, kind, site: site.id, ...(typeof room === 'string' ? { room } : {}), upstream: [], ...(r.get('substation') !== '' ? { substation: r.get('substation') } : {}) };
    power.push(p);
    powerRows.push([r, p]);
  }
  for (const [r, p] of powerRows) {
    for (const u of split(r.get('upstream'))) {
      if (!powerIds.has(u)) r.problem('upstream', `no power element "${u}" in the power table`);
      else p.upstream.push(u);
    }
    if (p.kind === 'mains' && p.upstream.length > 0) r.problem('upstream', 'a mains feed has no upstream');
  }

  // devices
  type Device = Record<string, unknown> & { id: string; name?: string; site: string; role: string };
  const devices: Device[] = [];
  const deviceRef = new Map<string, Device>();
  const deviceIds = new IdAllocator();
  const pairs: [RowView, Device, string][] = [];
  for (const r of rowsOf(tables, 'devices', problems)) {
    const name = r.required('name');
    const site = siteOf(r, 'site');
    const role = r.required('role');
    const explicit = r.get('id');
    if (explicit !== '' && !isId(explicit)) r.problem('id', `"${explicit}" is not an id: letters, digits, . _ : -`);
    const address = r.get('address');
    if (address !== '' && isIP(address) === 0) r.problem('address', `"${address}" is not an IP address`);
    const clsText = r.get('class');
    const cls = clsText.toUpperCase().replace(/^PC[-_ ]?/, 'PC-');
    if (clsText !== '' && !(PROTECTION_CLASSES as readonly string[]).includes(cls)) r.problem('class', `"${clsText}" is not one of ${PROTECTION_CLASSES.join(', ')}`);
    const psusText = r.get('expectedPsus');
    const psus = Number(psusText);
    if (psusText !== '' && (!Number.isInteger(psus) || psus < 0 || psus > 16)) r.problem('expectedPsus', `"${psusText}" is not a whole number from 0 to 16`);
    if (name !== null && deviceRef.has(name)) r.problem('name', `device "${name}" is listed twice`);
    if (name === null || site === null || role === null) continue;
    const room = roomOf(r, site, 'room');
    const id = deviceIds.take(explicit !== '' && isId(explicit) ? explicit : idFor(name, 'dev'));
    const d: Device = {
      id, ...(name !== id ? { name } : {}), site: site.id, ...(typeof room === 'string' ? { room } : {}), role,
      ...(clsText !== '' ? { class: cls } : {}),
      ...(address !== '' && isIP(address) !== 0 ? { snmp: { host: address, credentials: 'snmp' } } : {}),
      ...(psusText !== '' && Number.isInteger(psus) ? { expectedPsus: psus } : {}),
    };
    devices.push(d);
    deviceRef.set(name, d);
    deviceRef.set(id, d);
    if (r.get('pair') !== '') pairs.push([r, d, r.get('pair')]);
  }
  for (const [r, d, pair] of pairs) {
    const other = deviceRef.get(pair);
    if (other === undefined) r.problem('pair', `no device "${pair}" in the devices table`);
    else if (other === d) r.problem('pair', 'a device cannot be its own redundancy pair');
    else d.redundancyPair = other.id;
  }
  const deviceOf = (r: RowView, col: string): Device | null => {
    const v = r.required(col);
    if (v === null) return null;
    const d = deviceRef.get(v);
    if (d === undefined) r.problem(col, `no device "${v}" in the devices table`);
    return d ?? null;
  };

  // PSUs
  for (const r of rowsOf(tables, 'psus', problems)) {
    const d = deviceOf(r, 'device');
    const psu = r.required('psu');
    const feed = r.required('feed');
    if (feed !== null && !powerIds.has(feed)) r.problem('feed', `no power element "${feed}" in the power table`);
    if (d === null || psu === null || feed === null || !powerIds.has(feed)) continue;
    const list = (d.psus ?? []) as { match: string; feed: string }[];
    if (list.some((p) => p.match === psu)) r.problem('psu', `PSU "${psu}" of "${d.name ?? d.id}" is listed twice`);
    list.push({ match: psu, feed });
    d.psus = list;
  }
  for (const d of devices) {
    const n = ((d.psus ?? []) as unknown[]).length;
    if (typeof d.expectedPsus === 'number' && n > d.expectedPsus) {
      problems.push({ file: '(psus)', row: 0, column: '', message: `device "${d.name ?? d.id}": ${n} PSUs listed but its PSU count is ${d.expectedPsus}` });
    }
  }

  // links
  const links: (Record<string, unknown> & { id: string; a: { device: string; interface: string }; b: { device: string; interface: string } })[] = [];
  const linkIds = new IdAllocator();
  for (const r of rowsOf(tables, 'links', problems)) {
    const a = deviceOf(r, 'aDevice');
    const ap = r.required('aPort');
    const b = deviceOf(r, 'bDevice');
    const bp = r.required('bPort');
    const explicit = r.get('id');
    if (explicit !== '' && !isId(explicit)) r.problem('id', `"${explicit}" is not an id: letters, digits, . _ : -`);
    const capText = r.get('capacityMbps');
    const cap = Number(capText);
    if (capText !== '' && !(cap > 0)) r.problem('capacityMbps', `"${capText}" is not a positive number`);
    const risks: SharedRisk[] = [];
    const parsed = parseSharedRisks(r.get('risks'));
    for (const p of parsed.problems) r.problem('risks', p);
    risks.push(...parsed.risks);
    for (const kind of ['duct', 'cable', 'poleRoute'] as const) {
      for (const v of split(r.get(kind))) {
        if (!isId(v)) r.problem(kind, `"${v}" is not a usable ${kind} id (letters, digits, . _ : -)`);
        else if (!risks.some((x) => x.kind === kind && x.id === v)) risks.push({ kind, id: v });
      }
    }
    if (a === null || b === null || ap === null || bp === null) continue;
    if (a === b && ap === bp) {
      r.problem('bPort', 'a link cannot join a port to itself');
      continue;
    }
    links.push({
      id: linkIds.take(explicit !== '' && isId(explicit) ? explicit : idFor(`${a.id}--${b.id}`, 'link')),
      a: { device: a.id, interface: ap }, b: { device: b.id, interface: bp },
      ...(capText !== '' && cap > 0 ? { capacityMbps: cap } : {}),
      ...(risks.length > 0 ? { risks: risks.filter((x) => (RISK_KINDS as readonly string[]).includes(x.kind)) } : {}),
    });
  }

  if (problems.length > 0) return { draft: null, problems };
  const anySnmp = devices.some((d) => d.snmp !== undefined);
  const draft = {
    version: 1 as const,
    ...(anySnmp ? { credentials: { snmp: { version: '2c' as const, community: { env: 'REDLINE_SNMP_COMMUNITY' } } } } : {}),
    sites: sites.map(({ rooms, ...s }) => (rooms.length > 0 ? { ...s, rooms } : s)),
    devices,
    links,
    power,
  } as ConfigInput;
  return { draft, problems };
}
