/**
 * `redline whatif`: design-time what-if on a bare topology (JSON, GraphML or GML).
 *
 *   --sweep        every single point of failure, ranked by what it takes down
 *   --fail a,b     what losing these elements together does (N-1, N-2 …)
 *
 * `--json` prints exactly one JSON object. For `--sweep`:
 * `{"singlePointsOfFailure": [{"kind", "id", "endpoints"?, "cuts"}]}` (plus `"unprotects"` on each
 * entry when the topology has services). The analysis itself lives in `src/analysis/` and knows
 * nothing of files or of the command line.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, errorMessage } from '../common/errors.js';
import { type ElementKind, type ElementRef, type Graph, elementsNamed } from '../analysis/graph.js';
import type { Disjointness } from '../analysis/graph-paths.js';
import { type PathBounds, type SinglePointOfFailure, type WhatIfResult, sweep, whatIf } from '../analysis/graph-whatif.js';
import { type Topology, parseTopologyText, topologyFormatOf, topologyGraph } from '../analysis/topology.js';
import type { ProbeIo } from './probe.js';

/** The usage text of `redline whatif`. */
export const WHATIF_USAGE = `usage: redline whatif --topology <file.json|.graphml|.gml> (--sweep | --fail <element>[,<element>…]) [--json]
                      [--disjointness srlg|node]
  --sweep           list every single point of failure, ranked by what it takes down
  --fail            fail these elements together; an element is an id, or kind:id when ids
                    of different kinds coincide (node:, link:, riskGroup:)
  --disjointness    how a service's routes must differ (default srlg: no shared node, link or risk group)
  --json            one JSON object instead of a table`;

const KINDS: readonly ElementKind[] = ['node', 'link', 'riskGroup'];

/** Resolves command-line element names (`id` or `kind:id`) against a graph; collects every problem. */
export function resolveElements(g: Graph, names: readonly string[], problems: string[]): ElementRef[] {
  const out: ElementRef[] = [];
  for (const name of names) {
    const colon = name.indexOf(':');
    const kind = colon > 0 ? KINDS.find((k) => k === name.slice(0, colon)) : undefined;
    if (kind !== undefined) {
      const id = name.slice(colon + 1);
      const found = elementsNamed(g, id).find((r) => r.kind === kind);
      if (found !== undefined) {
        out.push(found);
        continue;
      }
    }
    const named = elementsNamed(g, name);
    if (named.length === 1) out.push(named[0]!);
    else if (named.length === 0) problems.push(`--fail: no node, link or risk group "${name}"`);
    else problems.push(`--fail: "${name}" names ${named.map((r) => r.kind).join(' and ')}; write ${named.map((r) => `${r.kind}:${name}`).join(' or ')}`);
  }
  return out;
}

function table(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`).join('\n') + '\n';
}

function list(ids: readonly string[], max = 6): string {
  if (ids.length === 0) return '—';
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} … (+${ids.length - max})`;
}

function bounds(p: PathBounds): string {
  return p.lower === p.upper ? String(p.lower) : `${p.lower}–${p.upper}`;
}

/** The JSON document of a sweep (the `--sweep --json` contract). */
export function sweepDocument(spofs: readonly SinglePointOfFailure[], withServices: boolean): { singlePointsOfFailure: Record<string, unknown>[] } {
  return {
    singlePointsOfFailure: spofs.map((s) => ({
      kind: s.kind,
      id: s.id,
      ...(s.endpoints !== undefined ? { endpoints: s.endpoints } : {}),
      cuts: s.cuts,
      ...(withServices ? { unprotects: s.unprotects } : {}),
    })),
  };
}

function formatSweep(source: string, t: Topology, g: Graph, spofs: readonly SinglePointOfFailure[]): string {
  const head = `${source}: ${t.nodes.length} nodes, ${t.links.length} links, ${g.groupIds.length} risk groups, ${t.services.length} services\n`;
  if (spofs.length === 0) return `${head}no single point of failure\n`;
  const withServices = t.services.length > 0;
  const rows = [
    ['KIND', 'ID', 'ENDPOINTS', 'STRANDS', ...(withServices ? ['CUTS', 'UNPROTECTS'] : [])],
    ...spofs.map((s) => [
      s.kind,
      s.id,
      s.endpoints === undefined ? '' : `${s.endpoints[0]} – ${s.endpoints[1]}`,
      String(s.stranded),
      ...(withServices ? [list(s.cuts), list(s.unprotects)] : []),
    ]),
  ];
  return `${head}${spofs.length} single point${spofs.length === 1 ? '' : 's'} of failure, worst first:\n${table(rows)}`;
}

function formatWhatIf(r: WhatIfResult): string {
  const lines = [`failing ${r.failed.map((f) => `${f.kind} ${f.id}`).join(', ')}`];
  lines.push(`  network: ${r.componentsBefore} component${r.componentsBefore === 1 ? '' : 's'} before, ${r.componentsAfter} after; ${r.stranded} surviving node${r.stranded === 1 ? '' : 's'} stranded`);
  if (r.services.length === 0) return `${lines.join('\n')}\n  (the topology has no services)\n`;
  lines.push(`  services cut: ${list(r.cut, 20)}`);
  lines.push(`  services left unprotected: ${list(r.unprotected, 20)}`);
  const rows = [
    ['SERVICE', 'REQUIRED', 'BEFORE', 'PATHS', 'AFTER', 'PATHS'],
    ...r.services.map((s) => [
      s.id, String(s.required), s.before, bounds(s.pathsBefore), s.endpointLost ? 'cut (endpoint lost)' : s.after, bounds(s.pathsAfter),
    ]),
  ];
  return `${lines.join('\n')}\n${table(rows)}`;
}

function readTopology(path: string): Topology {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${errorMessage(err)}`);
  }
  const trimmed = text.trimStart();
  const format = topologyFormatOf(path) ?? (trimmed.startsWith('{') ? 'json' : trimmed.startsWith('<') ? 'graphml' : 'gml');
  return parseTopologyText(text, format, path);
}

/** Runs `redline whatif`; returns the exit code (0 done, 1 usage or invalid input). */
export function runWhatIf(argv: readonly string[], io: ProbeIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        topology: { type: 'string' },
        config: { type: 'string' },
        sweep: { type: 'boolean' },
        fail: { type: 'string', multiple: true },
        disjointness: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`${errorMessage(err)}\n${WHATIF_USAGE}\n`);
    return 1;
  }
  const v = parsed.values;
  if (v.help === true) {
    io.out(`${WHATIF_USAGE}\n`);
    return 0;
  }
  const problems: string[] = [];
  if (v.config !== undefined) problems.push('--config is not supported yet: describe the network with --topology');
  if (v.topology === undefined && v.config === undefined) problems.push('--topology <file> is required');
  const failNames = (v.fail ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
  if (v.sweep === true && v.fail !== undefined) problems.push('--sweep and --fail exclude each other');
  if (v.sweep !== true && v.fail === undefined) problems.push('say --sweep or --fail <elements>');
  if (v.fail !== undefined && failNames.length === 0) problems.push('--fail needs at least one element');
  const disjointness = v.disjointness ?? 'srlg';
  if (disjointness !== 'srlg' && disjointness !== 'node') problems.push('--disjointness must be srlg or node');
  if (problems.length > 0 || v.topology === undefined) {
    io.err(`${problems.join('\n')}\n${WHATIF_USAGE}\n`);
    return 1;
  }
  let topology: Topology;
  try {
    topology = readTopology(v.topology);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const g = topologyGraph(topology);
  const opts = { disjointness: disjointness as Disjointness };
  if (v.sweep === true) {
    const spofs = sweep(g, topology.services, opts);
    io.out(v.json === true
      ? `${JSON.stringify(sweepDocument(spofs, topology.services.length > 0))}\n`
      : formatSweep(basename(v.topology), topology, g, spofs));
    return 0;
  }
  const failed = resolveElements(g, failNames, problems);
  if (problems.length > 0) {
    io.err(`${problems.join('\n')}\n`);
    return 1;
  }
  const result = whatIf(g, failed, topology.services, opts);
  io.out(v.json === true ? `${JSON.stringify(result)}\n` : formatWhatIf(result));
  return 0;
}
