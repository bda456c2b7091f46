/**
 * `/map`: the inventory's topology drawn on the server (elkjs layout, SVG through the `html`
 * template): sites as boxes, devices as links to their pages, links as lines; single points of
 * failure, shared risk groups (ducts, cables …) and redundancy pairs sharing a room or power
 * highlighted, with a legend and the same facts as a list (keyboard, screen reader and print).
 * Above MAP_DEVICE_LIMIT devices the whole network is drawn site by site (one node per site,
 * one edge per connected pair of sites) and a site opens its devices (`/map?site=`): the layout
 * never takes 10,000 nodes at once.
 *
 * `/map/power/:site`: the site's power chain (mains, generators, ATS, UPS/DC plants, panels,
 * PDUs) down to the devices it feeds, with single feeds and devices' common power dependencies
 * highlighted and elements whose monitoring device is unknown marked.
 */
import type { Inventory } from '../../inventory/model.js';
import { deviceRiskGroups } from '../../analysis/network/inventory-graph.js';
import { mapFacts, type MapFacts } from '../graph/facts.js';
import { layoutMap, renderMapSvg, type MapEdge, type MapGroup, type MapNode } from '../graph/layout.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { ConsoleError, type ConsoleContext, type ConsolePage } from '../page.js';
import { MAP_WORDS as W } from './map-words.js';

/** Above this many devices (in the whole network or a site) the map is drawn at site level. */
export const MAP_DEVICE_LIMIT = 400;

/** A device's label on the map: its name when it has one, else its id (device text made visible). */
function deviceLabel(inv: Inventory, id: string): string {
  const d = inv.devices.get(id);
  return deviceText(d?.name ?? id);
}

function siteLabel(inv: Inventory, id: string): string {
  return deviceText(inv.sites.get(id)?.name ?? id);
}

/** The device-level map of `deviceIds` (their sites as groups) with the facts as classes and names. */
function deviceGraph(ctx: ConsoleContext, inv: Inventory, facts: MapFacts, deviceIds: ReadonlySet<string>, highlight: ReadonlySet<string> = new Set()): { groups: MapGroup[]; nodes: MapNode[]; edges: MapEdge[] } {
  const sites = new Set<string>();
  const nodes: MapNode[] = [];
  for (const id of deviceIds) {
    const d = inv.devices.get(id);
    if (d === undefined) continue;
    sites.add(d.site);
    const cls: string[] = [];
    const notes: string[] = [];
    if (facts.spofDevices.has(id)) { cls.push('spof'); notes.push(ctx.t(W.spof)); }
    const pair = facts.sharedWithPair.get(id);
    if (pair !== undefined) {
      cls.push('shared-pair');
      if (pair.some((g) => g.startsWith('room:'))) cls.push('shared-room');
      if (pair.some((g) => g.startsWith('power:'))) cls.push('shared-power');
      notes.push(`${ctx.t(W.sharedPair)} ${d.redundancyPair ?? ''}: ${pair.join(', ')}`);
    }
    const power = facts.singlePower.get(id);
    if (power !== undefined) { cls.push('single-power'); notes.push(`${ctx.t(W.onePower)}: ${power.join(', ')}`); }
    if (highlight.has(`node:${id}`) || highlight.has(id)) cls.push('failed');
    const label = deviceLabel(inv, id);
    nodes.push({ id, label, group: d.site, href: href(['devices', id]), name: [label === id ? id : `${label} (${id})`, ...notes].join('; '), classes: cls });
  }
  const edges: MapEdge[] = [];
  for (const l of inv.links) {
    if (!deviceIds.has(l.a.device) || !deviceIds.has(l.b.device)) continue;
    const shared = l.risks.map((r) => `${r.kind}:${r.id}`).filter((r) => facts.sharedRisks.has(r));
    const cls: string[] = [];
    const notes: string[] = [];
    if (shared.length > 0) { cls.push('shared-risk'); notes.push(`${ctx.t(W.sharedRisk)} ${shared.join(', ')}`); }
    if (facts.spofLinks.has(l.id)) { cls.push('spof'); notes.push(ctx.t(W.spof)); }
    if (highlight.has(`link:${l.id}`) || highlight.has(l.id) || l.risks.some((r) => highlight.has(`riskGroup:${r.kind}:${r.id}`) || highlight.has(`${r.kind}:${r.id}`))) cls.push('failed');
    edges.push({ id: l.id, a: l.a.device, b: l.b.device, name: [`${ctx.t(W.link)} ${l.id}: ${l.a.device}–${l.b.device}`, ...notes].join('; '), classes: cls, risks: shared });
  }
  const groups = [...sites].map((s) => ({ id: s, label: siteLabel(inv, s), classes: highlight.has(`site:${s}`) ? ['failed'] : [] }));
  return { groups, nodes, edges };
}

/** The site-level map: one node per site (opening its devices), one edge per connected pair of sites. */
function siteGraph(ctx: ConsoleContext, inv: Inventory, facts: MapFacts): { groups: MapGroup[]; nodes: MapNode[]; edges: MapEdge[] } {
  const count = new Map<string, number>();
  const flagged = new Set<string>();
  for (const d of inv.devices.values()) {
    count.set(d.site, (count.get(d.site) ?? 0) + 1);
    if (facts.spofDevices.has(d.id) || facts.sharedWithPair.has(d.id)) flagged.add(d.site);
  }
  const nodes: MapNode[] = [...inv.sites.keys()].map((s) => {
    const label = siteLabel(inv, s);
    return {
      id: s, label, group: null, href: href('/map', { site: s }),
      name: `${label} (${s}): ${count.get(s) ?? 0} ${ctx.t(W.devices)}${flagged.has(s) ? `; ${ctx.t(W.highlights)}` : ''}`,
      classes: ['site', ...(flagged.has(s) ? ['spof'] : [])],
    };
  });
  const pairs = new Map<string, { a: string; b: string; n: number; shared: Set<string> }>();
  for (const l of inv.links) {
    const a = inv.devices.get(l.a.device)?.site;
    const b = inv.devices.get(l.b.device)?.site;
    if (a === undefined || b === undefined || a === b) continue;
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${x}\u0000${y}`;
    const p = pairs.get(key) ?? { a: x, b: y, n: 0, shared: new Set<string>() };
    p.n++;
    for (const r of l.risks) if (facts.sharedRisks.has(`${r.kind}:${r.id}`)) p.shared.add(`${r.kind}:${r.id}`);
    pairs.set(key, p);
  }
  const edges: MapEdge[] = [...pairs.values()].map((p) => ({
    id: `${p.a}~${p.b}`, a: p.a, b: p.b,
    name: `${p.a}–${p.b}: ${p.n} ${ctx.t(W.links)}${p.shared.size > 0 ? `; ${ctx.t(W.sharedRisk)} ${[...p.shared].join(', ')}` : ''}`,
    classes: p.shared.size > 0 ? ['shared-risk'] : [],
    risks: [...p.shared],
  }));
  return { groups: [], nodes, edges };
}

const LIST_LIMIT = 50;

/** The highlighted facts as lists (what the SVG shows, for keyboard, screen readers and print). */
function factLists(ctx: ConsoleContext, facts: MapFacts, inSite: (device: string) => boolean): SafeHtml {
  const findingsOf = (device: string): SafeHtml => html` <a class="to-findings" href="${href('/findings', { device })}">${ctx.t(W.findings)}</a>`;
  const dev = (id: string): SafeHtml => html`<a href="${href(['devices', id])}">${id}</a>`;
  const risks = [...facts.sharedRisks].filter(([, links]) => links.length > 0);
  const pairs = [...facts.sharedWithPair].filter(([d]) => inSite(d));
  const spofs = [...facts.spofDevices].filter(inSite);
  const power = [...facts.singlePower].filter(([d]) => inSite(d));
  const none = html`<p>${ctx.t(W.noneFound)}</p>`;
  const more = (n: number): SafeHtml | '' => (n > LIST_LIMIT ? html`<li>… (${n - LIST_LIMIT})</li>` : '');
  return html`<section class="card map-facts"><h2>${ctx.t(W.highlights)}</h2>
<h3>${ctx.t(W.sharedRisks)}</h3>${risks.length === 0 ? none : html`<ul class="shared-risks">${risks.slice(0, LIST_LIMIT).map(([r, links]) => html`<li data-risk="${r}"><span class="mark mark-shared-risk"></span><strong>${r}</strong>: ${ctx.t(W.linksThrough)} ${links.join(', ')}</li>`)}${more(risks.length)}</ul>`}
<h3>${ctx.t(W.sharedPlaces)}</h3>${pairs.length === 0 ? none : html`<ul class="shared-pairs">${pairs.slice(0, LIST_LIMIT).map(([d, groups]) => html`<li data-device="${d}"><span class="mark mark-shared-pair"></span>${dev(d)} ${ctx.t(W.sharesWith)}: ${groups.join(', ')}${findingsOf(d)}</li>`)}${more(pairs.length)}</ul>`}
<h3>${ctx.t(W.spofs)}</h3>${spofs.length === 0 ? none : html`<ul class="spofs">${spofs.slice(0, LIST_LIMIT).map((d) => html`<li><span class="mark mark-spof"></span>${dev(d)}${findingsOf(d)}</li>`)}${more(spofs.length)}</ul>`}
<h3>${ctx.t(W.singlePower)}</h3>${power.length === 0 ? none : html`<ul class="single-powers">${power.slice(0, LIST_LIMIT).map(([d, els]) => html`<li><span class="mark mark-single-power"></span>${dev(d)}: ${els.join(', ')}${findingsOf(d)}</li>`)}${more(power.length)}</ul>`}
</section>`;
}

function legend(ctx: ConsoleContext): SafeHtml {
  const item = (cls: string, w: (typeof W)[keyof typeof W]): SafeHtml => html`<li><span class="mark mark-${cls}"></span>${ctx.t(w)}</li>`;
  return html`<section class="card map-legend" aria-labelledby="legend-h"><h2 id="legend-h">${ctx.t(W.legend)}</h2><ul>
${item('device', W.lgDevice)}${item('spof', W.lgSpof)}${item('shared-risk', W.lgShared)}${item('shared-pair', W.lgPair)}${item('single-power', W.lgPower)}</ul></section>`;
}

/** The SVG map of the inventory (or one site) with `highlight` element refs (`node:x`, `link:y`, `site:s`, `riskGroup:k:id`) marked failed. */
export async function mapSvg(ctx: ConsoleContext, inv: Inventory, site: string | null, highlight: ReadonlySet<string> = new Set()): Promise<{ svg: SafeHtml; siteLevel: boolean }> {
  const facts = mapFacts(inv);
  let devices: Set<string>;
  if (site !== null) {
    devices = new Set([...inv.devices.values()].filter((d) => d.site === site).map((d) => d.id));
    // the site's neighbours elsewhere, so its links leave somewhere
    if (devices.size <= MAP_DEVICE_LIMIT) {
      const own = new Set(devices);
      for (const l of inv.links) {
        if (own.has(l.a.device)) devices.add(l.b.device);
        else if (own.has(l.b.device)) devices.add(l.a.device);
      }
    }
  } else devices = new Set(inv.devices.keys());
  const siteLevel = devices.size > MAP_DEVICE_LIMIT;
  const g = siteLevel ? siteGraph(ctx, inv, facts) : deviceGraph(ctx, inv, facts, devices, highlight);
  const laid = await layoutMap(g.groups, g.nodes, g.edges);
  return { svg: renderMapSvg(laid, { title: ctx.t(W.svgTitle), id: 'network-map' }), siteLevel };
}

async function renderMap(ctx: ConsoleContext): Promise<{ title: string; body: SafeHtml }> {
  const inv = ctx.deps.inventory();
  const siteQ = ctx.query.site;
  const site = siteQ !== undefined && siteQ !== '' ? siteQ : null;
  if (site !== null && !inv.sites.has(site)) throw new ConsoleError(404, W.unknownSite);
  const { svg, siteLevel } = await mapSvg(ctx, inv, site);
  const facts = mapFacts(inv);
  const inSite = (d: string): boolean => site === null || inv.devices.get(d)?.site === site;
  const sites = [...inv.sites.keys()];
  return {
    title: site === null ? ctx.t(W.title) : `${ctx.t(W.title)} · ${siteLabel(inv, site)}`,
    body: html`${site !== null ? html`<p><a href="/map">${ctx.t(W.allSites)}</a> · <a href="${href(['map', 'power', site])}">${ctx.t(W.powerView)}</a></p>` : ''}
${siteLevel ? html`<p class="notice">${ctx.t(W.siteLevel)}</p>` : ''}
<div class="map-wrap">${svg}</div>
${legend(ctx)}
${factLists(ctx, facts, inSite)}
${site === null && sites.length <= LIST_LIMIT * 4 ? html`<section class="card"><h2>${ctx.t(W.powerView)}</h2><ul class="inline-list">${sites.map((s) => html`<li><a href="${href(['map', 'power', s])}">${siteLabel(inv, s)}</a></li>`)}</ul></section>` : ''}`,
  };
}

async function renderPower(ctx: ConsoleContext): Promise<{ title: string; body: SafeHtml }> {
  const inv = ctx.deps.inventory();
  const site = ctx.params.site ?? '';
  if (!inv.sites.has(site)) throw new ConsoleError(404, W.unknownSite);
  const elements = [...inv.power.values()].filter((p) => p.site === site);
  const ids = new Set(elements.map((e) => e.id));
  // upstream elements at other sites still appear, as the sources they are
  for (const e of elements) for (const u of e.upstream) ids.add(u);
  const groupsOf = deviceRiskGroups(inv);
  const dominators = new Map<string, string[]>();
  const devices = [...inv.devices.values()].filter((d) => d.site === site && d.psus.length > 0);
  for (const d of devices) {
    for (const g of groupsOf.get(d.id) ?? []) {
      if (!g.startsWith('power:')) continue;
      const el = g.slice('power:'.length);
      dominators.set(el, [...(dominators.get(el) ?? []), d.id]);
    }
  }
  const nodes: MapNode[] = [...ids].map((id) => {
    const e = inv.power.get(id);
    const cls: string[] = ['power', `power-${e?.kind ?? 'mains'}`];
    const notes: string[] = [e?.kind ?? ''];
    if (e !== undefined && e.upstream.length === 1) { cls.push('single-feed'); notes.push(ctx.t(W.singleFeed)); }
    const down = dominators.get(id);
    if (down !== undefined) { cls.push('power-spof'); notes.push(`${ctx.t(W.takesDown)} ${down.join(', ')}`); }
    if (e?.device !== undefined) {
      const st = ctx.deps.device(e.device);
      if (st === null || st.observation === null || st.stale) { cls.push('state-unknown'); notes.push(ctx.t(W.stateUnknown)); }
    }
    const link = e?.device !== undefined ? href(['devices', e.device]) : href(['map', 'power', e?.site ?? site]);
    return { id: `p:${id}`, label: id, group: null, href: link, name: `${id}: ${notes.filter((n) => n !== '').join('; ')}`, classes: cls };
  });
  for (const d of devices) {
    const label = deviceLabel(inv, d.id);
    const cls = ['device', ...(groupsOf.get(d.id) ?? []).some((g) => g.startsWith('power:')) ? ['single-power'] : []];
    nodes.push({ id: `d:${d.id}`, label, group: null, href: href(['devices', d.id]), name: label === d.id ? d.id : `${label} (${d.id})`, classes: cls });
  }
  const edges: MapEdge[] = [];
  for (const e of elements) for (const u of e.upstream) edges.push({ id: `${u}>${e.id}`, a: `p:${u}`, b: `p:${e.id}`, name: `${u} → ${e.id}` });
  for (const d of devices) for (const p of d.psus) if (ids.has(p.feed)) edges.push({ id: `${p.feed}>${d.id}`, a: `p:${p.feed}`, b: `d:${d.id}`, name: `${p.feed} → ${d.id}` });
  const laid = await layoutMap([], nodes, edges);
  const item = (cls: string, w: (typeof W)[keyof typeof W]): SafeHtml => html`<li><span class="mark mark-${cls}"></span>${ctx.t(w)}</li>`;
  return {
    title: `${ctx.t(W.powerTitle)} · ${siteLabel(inv, site)}`,
    body: html`<p><a href="${href('/map', { site })}">${ctx.t(W.title)}</a></p>
${elements.length === 0 ? html`<p>${ctx.t(W.powerNone)}</p>` : html`<div class="map-wrap">${renderMapSvg(laid, { title: ctx.t(W.powerSvg), id: 'power-map' })}</div>
<section class="card map-legend"><h2>${ctx.t(W.legend)}</h2><ul>${item('power', W.lgElement)}${item('single-feed', W.lgSingleFeed)}${item('power-spof', W.lgPowerSpof)}${item('state-unknown', W.lgStateBad)}${item('device', W.lgDevice)}</ul></section>`}`,
  };
}

export const mapPages: ConsolePage[] = [
  { path: '/map', access: 'read', nav: { label: W.nav, order: 30 }, render: renderMap },
  { path: '/map/power/:site', access: 'read', render: renderPower },
];
