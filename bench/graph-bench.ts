/**
 * Graph analysis benchmark (prints figures; never a timed test).
 *
 * 1. Structural analysis of a generated 100,000-node / 300,000-link network with shared-risk
 *    groups: components, articulation points, bridges and risk-group cuts. Target < 1 s.
 * 2. A full N-1 sweep of a 10,000-node network with a few hundred services (every node, link and
 *    risk group: which services it cuts or leaves unprotected). Target < 10 s.
 *
 * The generator is seeded, so every run analyses the same networks: a tree grown with locality
 * (node i attaches near i), then extra links between nearby nodes, a few parallel links, ducts of
 * two or three nearby links and panels feeding a few nearby nodes. Some nodes stay leaves, so the
 * network has articulation points and bridges.
 *
 * Run: npx tsx bench/graph-bench.ts
 */
import { type GraphInput, articulationPoints, bridges, buildGraph, connectedComponents, structureOf } from '../src/analysis/graph/multigraph.js';
import { riskGroupCuts } from '../src/analysis/graph/risk-groups.js';
import { type ServiceSpec, serviceStates, sweep } from '../src/analysis/graph/services.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

function network(nodes: number, links: number, seed: number): GraphInput {
  const rnd = random(seed);
  const near = (i: number, span: number): number => {
    const j = i + Math.round((rnd() * 2 - 1) * span);
    return Math.min(nodes - 1, Math.max(0, j));
  };
  const leaf = new Uint8Array(nodes);
  const list: { id: string; a: string; b: string; riskGroups?: string[] }[] = [];
  const ends: [number, number][] = [];
  const add = (a: number, b: number): void => {
    ends.push([a, b]);
    list.push({ id: `l${list.length}`, a: `n${a}`, b: `n${b}` });
  };
  for (let i = 1; i < nodes; i++) {
    add(i, Math.max(0, i - 1 - Math.floor(rnd() * 20)));
    if (rnd() < 0.05) leaf[i] = 1;
  }
  while (list.length < links) {
    if (rnd() < 0.01) {
      const [x, y] = ends[Math.floor(rnd() * ends.length)]!;
      add(x, y);
      continue;
    }
    const a = Math.floor(rnd() * nodes);
    const b = near(a, 50);
    if (b === a || leaf[a] === 1 || leaf[b] === 1) continue;
    add(a, b);
  }
  // Ducts: two or three links within a short stretch of the link list (nearby links).
  const groups = Math.floor(links / 15);
  for (let gi = 0; gi < groups; gi++) {
    const first = Math.floor(rnd() * (list.length - 10));
    const size = rnd() < 0.7 ? 2 : 3;
    for (let k = 0; k < size; k++) {
      const l = list[first + Math.floor(rnd() * 10)]!;
      (l.riskGroups ??= []).push(`duct-${gi}`);
    }
  }
  const nodeList: { id: string; riskGroups?: string[] }[] = Array.from({ length: nodes }, (_, i) => ({ id: `n${i}` }));
  const panels = Math.floor(nodes / 50);
  for (let p = 0; p < panels; p++) {
    const base = Math.floor(rnd() * (nodes - 5));
    const size = 2 + Math.floor(rnd() * 3);
    for (let k = 0; k < size; k++) (nodeList[base + k]!.riskGroups ??= []).push(`panel-${p}`);
  }
  return { nodes: nodeList, links: list };
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

function memory(): string {
  const m = process.memoryUsage();
  return `RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)} used / ${mb(m.heapTotal)}`;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

// ---- 1. structure of 100,000 nodes / 300,000 links ----
{
  const input = network(100_000, 300_000, 1);
  const [g, buildMs] = time(() => buildGraph(input));
  const [, structMs] = time(() => structureOf(g));
  const comps = connectedComponents(g).count;
  const aps = articulationPoints(g).length;
  const brs = bridges(g).length;
  const [cuts, riskMs] = time(() => riskGroupCuts(g));
  console.log(`structure: ${g.nodeIds.length} nodes, ${g.linkIds.length} links, ${g.groupIds.length} risk groups`);
  console.log(`  build (ids → dense ints, adjacency): ${buildMs.toFixed(0)} ms`);
  console.log(`  components + articulation points + bridges (one DFS): ${structMs.toFixed(0)} ms  → ${comps} components, ${aps} articulation points, ${brs} bridges`);
  console.log(`  risk-group cuts: ${riskMs.toFixed(0)} ms  → ${cuts.length} of ${g.groupIds.length} groups are cuts`);
  console.log(`  analysis total: ${(structMs + riskMs).toFixed(0)} ms (target < 1000 ms); with build ${(buildMs + structMs + riskMs).toFixed(0)} ms`);
  console.log(`  memory: ${memory()}`);
}

// ---- 2. full N-1 sweep of 10,000 nodes with services ----
{
  const input = network(10_000, 30_000, 2);
  const rnd = random(3);
  const services: ServiceSpec[] = [];
  for (let i = 0; i < 300; i++) {
    const a = Math.floor(rnd() * 10_000);
    let b = Math.floor(rnd() * 10_000);
    if (b === a) b = (a + 1) % 10_000;
    services.push({ id: `svc-${i}`, endpoints: [`n${a}`, `n${b}`], requiredPaths: i % 10 === 0 ? 3 : 2 });
  }
  const g = buildGraph(input);
  const [spofs, sweepMs] = time(() => sweep(g, services));
  const states = serviceStates(g, services);
  const count = (s: string): number => states.filter((x) => x.status === s).length;
  const cutting = spofs.filter((s) => s.cuts.length > 0).length;
  const unprotecting = spofs.filter((s) => s.unprotects.length > 0).length;
  console.log(`\nsweep: ${g.nodeIds.length} nodes, ${g.linkIds.length} links, ${g.groupIds.length} risk groups, ${services.length} services ` +
    `(${count('protected')} protected, ${count('unprotected')} unprotected, ${count('cut')} cut)`);
  console.log(`  full N-1 sweep: ${sweepMs.toFixed(0)} ms (target < 10000 ms) → ${spofs.length} single points of failure, ` +
    `${cutting} cut a service, ${unprotecting} leave one unprotected`);
  const top = spofs[0];
  if (top !== undefined) console.log(`  worst: ${top.kind} ${top.id} cuts ${top.cuts.length}, unprotects ${top.unprotects.length}, strands ${top.stranded}`);
  console.log(`  memory: ${memory()}`);
}
