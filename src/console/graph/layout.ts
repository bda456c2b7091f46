/**
 * The map's drawing: a compound graph (groups such as sites holding nodes such as devices, and
 * edges between nodes) laid out on the server by the Eclipse Layout Kernel (elkjs, layered
 * algorithm, groups as containers) and written as SVG with the console's `html` template, so
 * every label is escaped text, every node is a real link with an accessible name, and the map
 * needs no script in the browser (it works by keyboard and prints).
 *
 * Edges are drawn as straight lines between node centres (parallel edges fanned apart), which
 * keeps the SVG independent of ELK's routing coordinates across containers.
 */
import elkBundled from 'elkjs/lib/elk.bundled.js';
import { cssToken, html, type SafeHtml } from '../html.js';

/** A container (a site). */
export interface MapGroup {
  readonly id: string;
  readonly label: string;
  readonly classes?: readonly string[];
}

/** A node (a device, or a site on the site-level map). */
export interface MapNode {
  readonly id: string;
  readonly label: string;
  readonly group: string | null;
  readonly href: string;
  /** The accessible name (label plus what is highlighted about it). */
  readonly name: string;
  readonly classes?: readonly string[];
}

/** An edge between two nodes. */
export interface MapEdge {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  /** What the edge is (shown as its tooltip and accessible name). */
  readonly name: string;
  readonly classes?: readonly string[];
  /** `data-risk` values: the shared risk groups this edge runs through. */
  readonly risks?: readonly string[];
}

interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/** A laid-out map. */
export interface LaidMap {
  readonly width: number;
  readonly height: number;
  readonly groups: readonly (MapGroup & Box)[];
  readonly nodes: readonly (MapNode & Box)[];
  readonly edges: readonly MapEdge[];
}

const NODE_H = 34;
const CHAR_W = 7.5;
const PAD = 12;
/** A label's width estimate: wide (CJK) characters count about twice a Latin one. */
function nodeWidth(label: string): number {
  let w = 0;
  for (const ch of label) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 * CHAR_W - 2 : CHAR_W;
  return Math.min(240, Math.max(70, w + 2 * PAD));
}

interface ElkOut { id: string; x?: number; y?: number; width?: number; height?: number; children?: ElkOut[] }

// elk.bundled.js is CommonJS: under Node ESM its default import is module.exports, whose `default` is the constructor
const elk = new elkBundled.default();

/** Lays the graph out (groups as ELK containers); nodes whose group is unknown sit at the top level. */
export async function layoutMap(groups: readonly MapGroup[], nodes: readonly MapNode[], edges: readonly MapEdge[]): Promise<LaidMap> {
  const groupIds = new Set(groups.map((g) => g.id));
  const children = new Map<string | null, MapNode[]>();
  for (const n of nodes) {
    const key = n.group !== null && groupIds.has(n.group) ? n.group : null;
    const list = children.get(key) ?? [];
    list.push(n);
    children.set(key, list);
  }
  const nodeIds = new Set(nodes.map((n) => n.id));
  // ELK ids are unique across containers and nodes: prefix them so a site and a device may share an id
  const elkNode = (n: MapNode): Record<string, unknown> => ({ id: `n:${n.id}`, width: nodeWidth(n.label), height: NODE_H });
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: [
      ...groups.map((g) => ({
        id: `g:${g.id}`,
        // wide enough for the site's name above its devices
        layoutOptions: { 'elk.padding': '[top=34,left=14,bottom=14,right=14]', 'elk.nodeSize.constraints': 'MINIMUM_SIZE', 'elk.nodeSize.minimum': `(${nodeWidth(g.label) + 8}, 60)` },
        children: (children.get(g.id) ?? []).map(elkNode),
      })),
      ...(children.get(null) ?? []).map(elkNode),
    ],
    edges: edges
      .filter((e) => nodeIds.has(e.a) && nodeIds.has(e.b) && e.a !== e.b)
      .map((e, i) => ({ id: `e:${i}`, sources: [`n:${e.a}`], targets: [`n:${e.b}`] })),
  };
  const out = (await elk.layout(graph as never)) as unknown as ElkOut;
  const boxes = new Map<string, Box>();
  const walk = (n: ElkOut, ox: number, oy: number): void => {
    const x = ox + (n.x ?? 0);
    const y = oy + (n.y ?? 0);
    boxes.set(n.id, { x, y, w: n.width ?? 0, h: n.height ?? 0 });
    for (const c of n.children ?? []) walk(c, x, y);
  };
  for (const c of out.children ?? []) walk(c, 0, 0);
  const zero: Box = { x: 0, y: 0, w: 0, h: 0 };
  return {
    width: Math.ceil(out.width ?? 0),
    height: Math.ceil(out.height ?? 0),
    groups: groups.map((g) => ({ ...g, ...(boxes.get(`g:${g.id}`) ?? zero) })),
    nodes: nodes.map((n) => ({ ...n, ...(boxes.get(`n:${n.id}`) ?? zero) })),
    edges: edges.filter((e) => nodeIds.has(e.a) && nodeIds.has(e.b) && e.a !== e.b),
  };
}

const classes = (base: string, extra: readonly string[] | undefined): string => [base, ...(extra ?? []).map(cssToken)].join(' ');
const r1 = (v: number): number => Math.round(v * 10) / 10;

/** The map as SVG: groups as labelled boxes, edges as lines with a tooltip, nodes as links. */
export function renderMapSvg(map: LaidMap, opts: { readonly title: string; readonly id?: string }): SafeHtml {
  const at = new Map(map.nodes.map((n) => [n.id, n]));
  // parallel edges between the same pair are fanned apart so each stays visible
  const pairCount = new Map<string, number>();
  const pairKey = (e: MapEdge): string => (e.a < e.b ? `${e.a}\u0000${e.b}` : `${e.b}\u0000${e.a}`);
  for (const e of map.edges) pairCount.set(pairKey(e), (pairCount.get(pairKey(e)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();
  const edgeSvg = map.edges.map((e) => {
    const a = at.get(e.a)!;
    const b = at.get(e.b)!;
    const k = pairKey(e);
    const idx = pairSeen.get(k) ?? 0;
    pairSeen.set(k, idx + 1);
    const off = (idx - ((pairCount.get(k) ?? 1) - 1) / 2) * 8;
    const ax = a.x + a.w / 2, ay = a.y + a.h / 2, bx = b.x + b.w / 2, by = b.y + b.h / 2;
    const len = Math.hypot(bx - ax, by - ay) || 1;
    const nx = (-(by - ay) / len) * off, ny = ((bx - ax) / len) * off;
    return html`<g class="${classes('edge', e.classes)}" data-edge="${e.id}"${(e.risks ?? []).length > 0 ? html` data-risk="${(e.risks ?? []).join(' ')}"` : ''}><title>${e.name}</title><line x1="${r1(ax + nx)}" y1="${r1(ay + ny)}" x2="${r1(bx + nx)}" y2="${r1(by + ny)}"/></g>`;
  });
  const groupSvg = map.groups.map((g) => html`<g class="${classes('group', g.classes)}" data-group="${g.id}"><rect x="${r1(g.x)}" y="${r1(g.y)}" width="${r1(g.w)}" height="${r1(g.h)}" rx="6"/><text x="${r1(g.x + 10)}" y="${r1(g.y + 20)}">${g.label}</text></g>`);
  const nodeSvg = map.nodes.map((n) => html`<a class="${classes('node', n.classes)}" href="${n.href}" data-node="${n.id}" aria-label="${n.name}"><title>${n.name}</title><rect x="${r1(n.x)}" y="${r1(n.y)}" width="${r1(n.w)}" height="${r1(n.h)}" rx="4"/><text x="${r1(n.x + n.w / 2)}" y="${r1(n.y + n.h / 2 + 4)}" text-anchor="middle">${n.label}</text></a>`);
  return html`<svg class="map" xmlns="http://www.w3.org/2000/svg" role="group" aria-label="${opts.title}" viewBox="0 0 ${Math.max(1, map.width)} ${Math.max(1, map.height)}" width="${Math.max(1, map.width)}" height="${Math.max(1, map.height)}"${opts.id !== undefined ? html` id="${cssToken(opts.id)}"` : ''}>${groupSvg}${edgeSvg}${nodeSvg}</svg>`;
}
