/**
 * `redline whatif`: what-if on a bare topology (JSON, GraphML or GML), or on the network of a
 * redline configuration (`--config`: its devices, links and their shared risks, devices in their
 * room, site and power risk groups, plus — when the daemon's state file exists — the links
 * LLDP/CDP discovered, minus links down now).
 *
 *   --sweep        every single point of failure, ranked by what it takes down
 *   --fail a,b     what losing these elements together does (N-1, N-2 …)
 *
 * `--json` prints exactly one JSON object. For `--sweep`:
 * `{"singlePointsOfFailure": [{"kind", "id", "endpoints"?, "cuts"}]}` (plus `"unprotects"` on each
 * entry when the topology has services). The analysis itself lives in `src/analysis/` and knows
 * nothing of files or of the command line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, errorMessage } from '../common/errors.js';
import { type ElementKind, type ElementRef, type Graph, elementsNamed } from '../analysis/graph/multigraph.js';
import type { Disjointness } from '../analysis/graph/disjoint-paths.js';
import { type PathBounds, type SinglePointOfFailure, type WhatIfResult, sweep, whatIf } from '../analysis/graph/services.js';
import { type Topology, parseTopologyText, topologyFormatOf, topologyGraph } from '../analysis/design/bare-topology.js';
import { type WhatIfNetwork, resolveNames, sweepNetwork, whatIfNetwork } from '../analysis/network/whatif.js';
import { SecretRegistry } from '../common/secrets.js';
import { neutralise } from '../common/text.js';
import { ConfigError, configFileOf, parseConfig } from '../config/load.js';
import { buildInventory } from '../inventory/model.js';
import { buildSnapshot } from '../snapshot/build.js';
import { openSqliteStateStore } from '../state/store.js';
import type { ProbeIo } from './probe.js';

/** The usage text of `redline whatif`. */
export const WHATIF_USAGE = `usage: redline whatif (--topology <file.json|.graphml|.gml> | --config <dir|file>) (--sweep | --fail <element>[,<element>…])
                      [--json] [--disjointness srlg|node]
  --config          the network of a redline configuration; with its state file, the live one
                    (elements: device and link ids, risk groups such as duct:D-7 or D-7,
                    room:<site>/<room>, site:<site>, power:<element>)
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
  // ids and names come from topology files and from devices (LLDP): made visible, never acting
  const safe = rows.map((r) => r.map(neutralise));
  const widths = safe[0]!.map((_, c) => Math.max(...safe.map((r) => (r[c] ?? '').length)));
  return safe.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`).join('\n') + '\n';
}

function list(ids: readonly string[], max = 6): string {
  if (ids.length === 0) return '—';
  const safe = ids.map(neutralise);
  return safe.length <= max ? safe.join(', ') : `${safe.slice(0, max).join(', ')} … (+${safe.length - max})`;
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
  return formatSweepWith(`${source}: ${t.nodes.length} nodes, ${t.links.length} links, ${g.groupIds.length} risk groups, ${t.services.length} services\n`, t.services.length > 0, spofs);
}

function formatSweepWith(head: string, withServices: boolean, spofs: readonly SinglePointOfFailure[]): string {
  if (spofs.length === 0) return `${head}no single point of failure\n`;
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
  const lines = [`failing ${r.failed.map((f) => `${f.kind} ${neutralise(f.id)}`).join(', ')}`];
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
  if (v.config !== undefined && v.topology !== undefined) problems.push('--topology and --config exclude each other');
  if (v.topology === undefined && v.config === undefined) problems.push('--topology <file> or --config <dir> is required');
  const failNames = (v.fail ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
  if (v.sweep === true && v.fail !== undefined) problems.push('--sweep and --fail exclude each other');
  if (v.sweep !== true && v.fail === undefined) problems.push('say --sweep or --fail <elements>');
  if (v.fail !== undefined && failNames.length === 0) problems.push('--fail needs at least one element');
  const disjointness = v.disjointness ?? 'srlg';
  if (disjointness !== 'srlg' && disjointness !== 'node') problems.push('--disjointness must be srlg or node');
  if (problems.length > 0 || (v.topology === undefined && v.config === undefined)) {
    io.err(`${problems.join('\n')}\n${WHATIF_USAGE}\n`);
    return 1;
  }
  if (v.config !== undefined) return runOnConfig(v.config, v.sweep === true ? null : failNames, v.json === true, disjointness as Disjointness, io);
  if (v.topology === undefined) return 1;
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

/** The network of a configuration: the inventory, and the live state when the daemon's state file exists. */
function configNetwork(path: string): { net: WhatIfNetwork; head: string } {
  const file = configFileOf(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, [{ path: '(file)', message: 'cannot read the configuration file' }]);
  }
  const config = parseConfig(text, file);
  // the graph needs no credentials: none are resolved, so no secret has to be at hand
  const loaded = { file, dir: dirname(file), config, credentials: new Map(), healthHeaders: new Map(), authTokens: [], secrets: new SecretRegistry(), stateFile: '' };
  const inventory = buildInventory(loaded);
  const stateFile = isAbsolute(config.settings.stateFile) ? config.settings.stateFile : join(loaded.dir, config.settings.stateFile);
  let net: WhatIfNetwork;
  let live = '';
  if (existsSync(stateFile)) {
    const store = openSqliteStateStore(stateFile, { staleAfterMissed: config.settings.poll.staleAfterMissed });
    try {
      const now = Date.now();
      const intervalMs = config.settings.poll.intervalSeconds * 1000;
      const snapshot = buildSnapshot(inventory, store.latestDevices({ now, intervalMs }), [], now, { pollIntervalMs: intervalMs, staleAfterMissed: config.settings.poll.staleAfterMissed });
      net = whatIfNetwork(inventory, snapshot);
      live = `; live from ${basename(stateFile)}: ${net.discoveredLinks} discovered link(s), ${net.linksDown.length} link(s) down${net.linksDown.length > 0 ? ` (${list(net.linksDown)})` : ''}`;
    } finally {
      store.close();
    }
  } else {
    net = whatIfNetwork(inventory);
  }
  const g = net.graph;
  const off = net.servicesOffGraph.length > 0 ? `; services without links in the inventory: ${list(net.servicesOffGraph)}` : '';
  return { net, head: `${basename(file)}: ${g.nodeIds.length} devices, ${g.linkIds.length} links, ${g.groupIds.length} risk groups, ${net.services.length} services${live}${off}\n` };
}

function runOnConfig(path: string, failNames: readonly string[] | null, json: boolean, disjointness: Disjointness, io: ProbeIo): number {
  let built: { net: WhatIfNetwork; head: string };
  try {
    built = configNetwork(path);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { net, head } = built;
  const opts = { disjointness };
  if (failNames === null) {
    const spofs = sweepNetwork(net, disjointness);
    io.out(json ? `${JSON.stringify(sweepDocument(spofs, net.services.length > 0))}\n` : formatSweepWith(head, net.services.length > 0, spofs));
    return 0;
  }
  const problems: string[] = [];
  const { failed, groups } = resolveNames(net, failNames, problems);
  if (problems.length > 0) {
    io.err(`${problems.map((p) => `--fail: ${p}`).join('\n')}\n`);
    return 1;
  }
  const result = { ...whatIf(net.graph, failed, net.services, opts), groups };
  const expanded = Object.entries(groups).map(([g, ds]) => `  ${neutralise(g)} = ${ds.map(neutralise).join(', ')}\n`).join('');
  io.out(json ? `${JSON.stringify(result)}\n` : `${head}${expanded}${formatWhatIf(result)}`);
  return 0;
}
