/**
 * The bare topology: a network described without a full redline configuration, for design-time
 * what-if analysis (`redline whatif --topology`). JSON of this shape:
 *
 * ```json
 * { "nodes":    [{ "id": "bj-1", "class"?: "PC-CORE", "name"?: "Beijing 1", "riskGroups"?: ["panel-3"] }],
 *   "links":    [{ "id"?: "L0", "a": "bj-1", "b": "sh-1", "riskGroups"?: ["duct-7"] }],
 *   "services"?: [{ "id": "sms", "endpoints": ["bj-1", "sh-1"], "requiredPaths"?: 2 }] }
 * ```
 *
 * Parallel links are allowed (each is its own element); a link without an id is `L<index>`
 * (its position in `links`); a self-loop is accepted and ignored by the analysis. A node's
 * `riskGroups` name groups whose loss takes the node down (devices on one panel). Validation is
 * strict (unknown keys are errors) and reports every problem at once, each with its path.
 * GraphML and GML (the Internet Topology Zoo's formats) are imported into this same shape.
 */
import { z } from 'zod';
import { UsageError } from '../../common/errors.js';
import { type Graph, buildGraph } from '../graph/multigraph.js';
import type { ServiceSpec } from '../graph/services.js';
import { gmlToTopology } from './import-gml.js';
import { graphmlToTopology } from './import-graphml.js';
import type { TopologyIssue } from './import-result.js';

export type { TopologyIssue } from './import-result.js';

const id = z.string().min(1, 'expected a non-empty id').max(256, 'an id is at most 256 characters');

const topologySchema = z.strictObject({
  nodes: z.array(z.strictObject({
    id,
    class: z.string().min(1).optional(),
    name: z.string().optional(),
    riskGroups: z.array(id).optional(),
  })),
  links: z.array(z.strictObject({
    id: id.optional(),
    a: id,
    b: id,
    riskGroups: z.array(id).optional(),
  })),
  services: z.array(z.strictObject({
    id,
    endpoints: z.tuple([id, id]),
    requiredPaths: z.number().int().min(1).max(16).optional(),
  })).optional(),
});

type RawTopology = z.infer<typeof topologySchema>;

/** A node of a bare topology. */
export interface TopologyNode {
  readonly id: string;
  readonly class?: string;
  readonly name?: string;
  readonly riskGroups?: readonly string[];
}

/** A link of a bare topology (its id filled in). */
export interface TopologyLink {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly riskGroups?: readonly string[];
}

/** A valid bare topology. */
export interface Topology {
  readonly nodes: readonly TopologyNode[];
  readonly links: readonly TopologyLink[];
  readonly services: readonly ServiceSpec[];
}

/** A topology that could not be read: every issue, each with its path. */
export class TopologyError extends UsageError {
  readonly issues: readonly TopologyIssue[];
  constructor(source: string, issues: readonly TopologyIssue[]) {
    super(`${source}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.issues = issues;
  }
}

/** The formats a topology can be read from. */
export type TopologyFormat = 'json' | 'graphml' | 'gml';

/** The format a file name implies (.json, .graphml/.xml, .gml), or undefined. */
export function topologyFormatOf(fileName: string): TopologyFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.graphml') || lower.endsWith('.xml')) return 'graphml';
  if (lower.endsWith('.gml')) return 'gml';
  return undefined;
}

/** Formats a path as `links[3].riskGroups[0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

function entries(raw: unknown, key: string): Record<string, unknown>[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const list = (raw as Record<string, unknown>)[key];
  return Array.isArray(list) ? list.map((x) => (typeof x === 'object' && x !== null ? x as Record<string, unknown> : {})) : [];
}

/**
 * Cross-reference problems (duplicate ids, unknown nodes, equal endpoints). Lenient about shape,
 * so that they are reported together with the schema's problems in one pass.
 */
function referenceIssues(raw: unknown): TopologyIssue[] {
  const issues: TopologyIssue[] = [];
  const nodes = new Set<string>();
  entries(raw, 'nodes').forEach((node, i) => {
    if (typeof node['id'] !== 'string') return;
    if (nodes.has(node['id'])) issues.push({ path: `nodes[${i}].id`, message: `duplicate node id "${node['id']}"` });
    nodes.add(node['id']);
  });
  const linkIds = new Map<string, { index: number; implicit: boolean }>();
  const unnamed = (index: number, implicit: boolean): string => (implicit ? `, named L${index} because it has no id` : '');
  entries(raw, 'links').forEach((link, i) => {
    const explicit = typeof link['id'] === 'string' ? link['id'] : undefined;
    const linkId = explicit ?? `L${i}`;
    const earlier = linkIds.get(linkId);
    if (earlier !== undefined) {
      issues.push({
        path: explicit === undefined ? `links[${i}]` : `links[${i}].id`,
        message: `duplicate link id "${linkId}"${unnamed(i, explicit === undefined)} (also links[${earlier.index}]${unnamed(earlier.index, earlier.implicit)})`,
      });
    } else linkIds.set(linkId, { index: i, implicit: explicit === undefined });
    for (const end of ['a', 'b'] as const) {
      const v = link[end];
      if (typeof v === 'string' && v !== '' && !nodes.has(v)) issues.push({ path: `links[${i}].${end}`, message: `unknown node "${v}"` });
    }
  });
  const serviceIds = new Set<string>();
  entries(raw, 'services').forEach((svc, i) => {
    if (typeof svc['id'] === 'string') {
      if (serviceIds.has(svc['id'])) issues.push({ path: `services[${i}].id`, message: `duplicate service id "${svc['id']}"` });
      serviceIds.add(svc['id']);
    }
    const ends: unknown = svc['endpoints'];
    if (!Array.isArray(ends)) return;
    ends.forEach((e: unknown, k) => {
      if (typeof e === 'string' && e !== '' && !nodes.has(e)) issues.push({ path: `services[${i}].endpoints[${k}]`, message: `unknown node "${e}"` });
    });
    if (ends.length === 2 && typeof ends[0] === 'string' && ends[0] === ends[1]) {
      issues.push({ path: `services[${i}].endpoints`, message: 'the two endpoints must differ' });
    }
  });
  return issues;
}

function toTopology(raw: RawTopology): Topology {
  return {
    nodes: raw.nodes.map((node) => ({
      id: node.id,
      ...(node.class !== undefined ? { class: node.class } : {}),
      ...(node.name !== undefined ? { name: node.name } : {}),
      ...(node.riskGroups !== undefined ? { riskGroups: node.riskGroups } : {}),
    })),
    links: raw.links.map((link, i) => ({
      id: link.id ?? `L${i}`,
      a: link.a,
      b: link.b,
      ...(link.riskGroups !== undefined ? { riskGroups: link.riskGroups } : {}),
    })),
    services: (raw.services ?? []).map((svc) => ({
      id: svc.id,
      endpoints: svc.endpoints,
      ...(svc.requiredPaths !== undefined ? { requiredPaths: svc.requiredPaths } : {}),
    })),
  };
}

/** Validates a parsed JSON value as a topology: the topology, or every issue found (shape and references). */
export function validateTopology(raw: unknown): { ok: true; topology: Topology } | { ok: false; issues: TopologyIssue[] } {
  const parsed = topologySchema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
  issues.push(...referenceIssues(raw));
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, topology: toTopology(parsed.data) };
}

/** Reads a topology from text in the given format; throws TopologyError listing every problem. */
export function parseTopologyText(text: string, format: TopologyFormat, source = 'topology'): Topology {
  let raw: unknown;
  switch (format) {
    case 'json':
      try {
        raw = JSON.parse(text);
      } catch (err) {
        throw new TopologyError(source, [{ path: '(json)', message: err instanceof Error ? err.message : String(err) }]);
      }
      break;
    case 'graphml':
    case 'gml': {
      const imported = format === 'gml' ? gmlToTopology(text) : graphmlToTopology(text);
      if (!imported.ok) throw new TopologyError(source, imported.issues);
      raw = imported.topology;
      break;
    }
  }
  const result = validateTopology(raw);
  if (!result.ok) throw new TopologyError(source, result.issues);
  return result.topology;
}

/** The analysis graph of a valid topology. */
export function topologyGraph(t: Topology): Graph {
  return buildGraph(t);
}
