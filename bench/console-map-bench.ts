/**
 * The map at 10,000 devices: server time to compute the highlights (SPOFs, shared risks) and to
 * lay out and render the site-level map (200 sites) and one site's device map (50 devices),
 * printed as figures (no assertion). Run: npx tsx bench/console-map-bench.ts
 */
import { performance } from 'node:perf_hooks';
import { mapFacts } from '../src/console/graph/facts.js';
import { layoutMap, renderMapSvg, type MapEdge, type MapNode } from '../src/console/graph/layout.js';
import { inventoryFromObject } from '../test/support/snapshot-builders.js';

const SITES = 200;
const DEVICES = 10_000;
const sites = Array.from({ length: SITES }, (_, i) => ({ id: `s${i}`, class: 'PC-AGG' }));
const devices = Array.from({ length: DEVICES }, (_, i) => ({ id: `d${i}`, site: `s${i % SITES}`, role: 'edge' }));
const links = Array.from({ length: DEVICES - 1 }, (_, i) => ({ id: `l${i}`, a: { device: `d${i}`, interface: 'a' }, b: { device: `d${i + 1}`, interface: 'b' }, risks: [{ kind: 'duct', id: `D-${i % 3000}` }] }));
const inv = inventoryFromObject({ sites, devices, links });

let t = performance.now();
const facts = mapFacts(inv);
console.log(`facts (SPOFs ${facts.spofDevices.size}, shared risks ${facts.sharedRisks.size}) at ${DEVICES} devices: ${(performance.now() - t).toFixed(0)} ms`);

// the site-level map: one node per site, one edge per connected pair
const pairs = new Map<string, MapEdge>();
for (const l of links) {
  const a = `s${Number(l.a.device.slice(1)) % SITES}`, b = `s${Number(l.b.device.slice(1)) % SITES}`;
  if (a !== b) pairs.set(a < b ? `${a}~${b}` : `${b}~${a}`, { id: `${a}~${b}`, a, b, name: `${a}-${b}` });
}
const siteNodes: MapNode[] = sites.map((s) => ({ id: s.id, label: s.id, group: null, href: `/map?site=${s.id}`, name: s.id }));
t = performance.now();
const laid = await layoutMap([], siteNodes, [...pairs.values()]);
const svg = renderMapSvg(laid, { title: 'map' }).toString();
console.log(`site-level map (${SITES} sites, ${pairs.size} edges): layout+render ${(performance.now() - t).toFixed(0)} ms, ${(svg.length / 1024).toFixed(0)} KB SVG`);

const one = devices.filter((d) => d.site === 's0').map((d): MapNode => ({ id: d.id, label: d.id, group: 's0', href: `/devices/${d.id}`, name: d.id }));
t = performance.now();
const laidSite = await layoutMap([{ id: 's0', label: 's0' }], one, []);
renderMapSvg(laidSite, { title: 'site' });
console.log(`one site's devices (${one.length}): layout+render ${(performance.now() - t).toFixed(0)} ms`);
