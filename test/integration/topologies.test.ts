/**
 * `redline whatif` on real networks: for each of the twelve Topology Zoo networks in
 * `../shared/topologies/`, the built CLI's sweep must list exactly what the reference
 * implementation (networkx) found — the articulation points, the bridges (as node pairs) and the
 * risk-group cuts, nothing more, nothing less. Then the importers end to end: one network written
 * as JSON, GraphML and GML gives one topology and one sweep; services, failures and invalid input
 * through the CLI.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTopologyText } from '../../src/analysis/design/bare-topology.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { REPO_ROOT, SHARED_DIR, sharedAvailable } from '../support/shared.js';

const TOPOLOGY_DIR = resolve(SHARED_DIR, 'topologies');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'topologies');

interface SweepEntry {
  kind: 'node' | 'link' | 'riskGroup';
  id: string;
  endpoints?: [string, string];
  cuts: string[];
  unprotects?: string[];
}

interface Truth {
  articulationPoints: string[];
  bridges: [string, string][];
  riskGroupCuts: string[];
}

async function sweepOf(file: string, extra: string[] = []): Promise<SweepEntry[]> {
  const r = await runCli(['whatif', '--topology', file, '--sweep', '--json', ...extra]);
  expect(r.hung).toBe(false);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { singlePointsOfFailure: SweepEntry[] };
  expect(Object.keys(doc)).toEqual(['singlePointsOfFailure']);
  return doc.singlePointsOfFailure;
}

const pair = (p: readonly string[]): string => [...p].sort().join(' — ');

const available = sharedAvailable('topologies');
const networks = available
  ? readdirSync(TOPOLOGY_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.truth.json')).sort()
  : [];

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe.skipIf(!available)('sweep of the Topology Zoo networks equals networkx', () => {
  it('finds the twelve networks', () => {
    expect(networks).toHaveLength(12);
  });

  for (const file of networks) {
    it(file.replace('.json', ''), async () => {
      const truth = JSON.parse(readFileSync(join(TOPOLOGY_DIR, file.replace('.json', '.truth.json')), 'utf8')) as Truth;
      const spofs = await sweepOf(join(TOPOLOGY_DIR, file));
      for (const s of spofs) {
        expect(Object.keys(s).sort()).toEqual(s.kind === 'link' ? ['cuts', 'endpoints', 'id', 'kind'] : ['cuts', 'id', 'kind']);
        expect(s.cuts).toEqual([]);
      }
      expect(spofs.filter((s) => s.kind === 'node').map((s) => s.id).sort()).toEqual([...truth.articulationPoints].sort());
      expect(spofs.filter((s) => s.kind === 'link').map((s) => pair(s.endpoints!)).sort()).toEqual(truth.bridges.map(pair).sort());
      expect(spofs.filter((s) => s.kind === 'riskGroup').map((s) => s.id).sort()).toEqual([...truth.riskGroupCuts].sort());
    });
  }
});

describe('importers end to end', () => {
  const formats = ['json', 'graphml', 'gml'] as const;

  it('one network as JSON, GraphML and GML is one topology', () => {
    const [json, ...others] = formats.map((f) => parseTopologyText(readFileSync(join(FIXTURES, `ring-tail.${f}`), 'utf8'), f, f));
    for (const t of others) expect(t).toEqual(json);
    expect(json!.nodes.map((n) => n.name)).toEqual(['Beijing', 'Shanghai', 'Guangzhou & Shenzhen', 'Wuhan', 'Chengdu "West"', "Xi'an <north>"]);
    expect(json!.links.map((l) => l.id)).toEqual(['L0', 'L1', 'L2', 'L3', 'wh-cd-a', 'wh-cd-b', 'L6', 'L7']);
  });

  it('and one sweep through the CLI', async () => {
    const expected: SweepEntry[] = [
      { kind: 'node', id: '3', cuts: [] },
      { kind: 'riskGroup', id: 'duct-1', cuts: [] },
      { kind: 'node', id: '4', cuts: [] },
      { kind: 'link', id: 'L6', endpoints: ['4', '5'], cuts: [] },
    ];
    for (const f of formats) expect(await sweepOf(join(FIXTURES, `ring-tail.${f}`))).toEqual(expected);
  });
});

describe('whatif with services', () => {
  const file = join(FIXTURES, 'ring-services.json');

  it('--sweep ranks what cuts a service before what only unprotects one', async () => {
    expect(await sweepOf(file)).toEqual([
      { kind: 'node', id: '3', cuts: ['bj-xa'], unprotects: [] },
      { kind: 'node', id: '4', cuts: ['bj-xa'], unprotects: [] },
      { kind: 'link', id: 'L6', endpoints: ['4', '5'], cuts: ['bj-xa'], unprotects: [] },
      { kind: 'riskGroup', id: 'panel-9', cuts: ['bj-xa'], unprotects: [] },
      { kind: 'link', id: 'L8', endpoints: ['0', '2'], cuts: [], unprotects: ['bj-gz'] },
      { kind: 'riskGroup', id: 'duct-1', cuts: [], unprotects: ['bj-gz'] },
    ]);
  });

  it('--disjointness node counts the two routes through the duct apart (L8 is no longer a single point of failure), yet failing the duct still takes both', async () => {
    // bj-gz has three node-disjoint routes (L8; L0-L1; L3-L2), two of them in duct-1: under node
    // disjointness losing L8 leaves two, so L8 drops out; losing duct-1 leaves one, whatever the mode
    expect(await sweepOf(file, ['--disjointness', 'node'])).toEqual([
      { kind: 'node', id: '3', cuts: ['bj-xa'], unprotects: [] },
      { kind: 'node', id: '4', cuts: ['bj-xa'], unprotects: [] },
      { kind: 'link', id: 'L6', endpoints: ['4', '5'], cuts: ['bj-xa'], unprotects: [] },
      { kind: 'riskGroup', id: 'panel-9', cuts: ['bj-xa'], unprotects: [] },
      { kind: 'riskGroup', id: 'duct-1', cuts: [], unprotects: ['bj-gz'] },
    ]);
    const r = await runCli(['whatif', '--topology', file, '--fail', 'duct-1', '--disjointness', 'node', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { unprotected: string[] }).unprotected).toEqual(['bj-gz']);
  });

  it('--fail reports what a double failure cuts and unprotects', async () => {
    const r = await runCli(['whatif', '--topology', file, '--fail', 'L8,link:L1', '--fail', '3', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { failed: unknown[]; cut: string[]; unprotected: string[]; services: { id: string; after: string }[] };
    expect(doc.failed).toEqual([{ kind: 'link', id: 'L8' }, { kind: 'link', id: 'L1' }, { kind: 'node', id: '3' }]);
    expect(doc.cut).toEqual(['bj-gz', 'bj-xa']);
    expect(doc.unprotected).toEqual([]);
  });

  it('--fail without --json prints a table', async () => {
    const r = await runCli(['whatif', '--topology', file, '--fail', 'duct-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('services left unprotected: bj-gz');
    expect(r.stdout).toMatch(/bj-gz\s+2\s+protected\s+2\s+unprotected\s+1/);
  });
});

describe('whatif usage and invalid input (exit 1, every problem listed)', () => {
  it('lists every problem of an invalid topology with its path', async () => {
    const r = await runCli(['whatif', '--topology', join(FIXTURES, 'invalid.json'), '--sweep', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('9 problems');
    for (const p of ['nodes[2]: Unrecognized key: "colour"', 'links[0].b: unknown node "zz"', 'services[1].endpoints[1]: unknown node "nowhere"', 'nodes[1].id: duplicate node id "a"']) {
      expect(r.stderr).toContain(p);
    }
  });

  it('lists every unknown element of --fail', async () => {
    const r = await runCli(['whatif', '--topology', join(FIXTURES, 'ring-tail.json'), '--fail', 'nope,L0,riskGroup:zz']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no node, link or risk group "nope"');
    expect(r.stderr).toContain('no node, link or risk group "riskGroup:zz"');
  });

  it('rejects bad usage', async () => {
    for (const args of [['--sweep'], ['--topology', 'x.json'], ['--topology', 'x.json', '--sweep', '--fail', 'a'], ['--topology', 'x.json', '--sweep', '--bogus'], ['--topology', join(FIXTURES, 'missing.json'), '--sweep']]) {
      const r = await runCli(['whatif', ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).not.toBe('');
    }
    const help = await runCli(['whatif', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: redline whatif');
  });
});
