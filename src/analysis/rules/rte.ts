/**
 * RTE — multiple routes (多重路由), protection-policy.md §4.2.
 *
 * RTE-001: a service keeps ≥ requiredPaths SRLG-disjoint routes between its endpoints on the live
 *          network (declared and discovered links, minus links down or shut), and a device the
 *          inventory marks `multihomed` has live links to ≥2 neighbours that share no risk.
 *          When links of unknown state decide the verdict, the verdict is unknown.
 * RTE-002: a protection group's working and protect legs share no shared-risk group (duct,
 *          cable, pole route, bridge, trench, building entrance).
 */
import { z } from 'zod';
import type { ProtectionClass } from '../../config/schema.js';
import type { ElementRef, Graph } from '../graph/multigraph.js';
import { type ServiceSpec, serviceStates, sweep } from '../graph/services.js';
import { fact } from '../finding.js';
import { linkRiskGroups, networkGraph } from '../network/inventory-graph.js';
import { list, riskWords } from './common.js';
import { defineRule, type Outcome } from './types.js';

type Verdict = { status: 'protected' | 'unprotected' | 'cut'; lower: number; upper: number };

function verdicts(g: Graph, specs: readonly ServiceSpec[], disjointness: 'srlg' | 'node'): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  if (specs.length === 0) return out;
  for (const s of serviceStates(g, specs, { disjointness })) out.set(s.id, { status: s.status, lower: s.paths.lower, upper: s.paths.upper });
  return out;
}

function stateOf(v: Verdict, required: number): Outcome['state'] {
  if (v.status === 'cut') return 'down';
  if (v.lower >= required) return 'protected';
  return v.lower >= 2 ? 'degraded' : 'unprotected';
}

const RANK: Readonly<Record<Outcome['state'], number>> = { protected: 0, unknown: 1, degraded: 2, unprotected: 3, down: 4 };

function elementWords(e: ElementRef): { en: string; zh: string } {
  if (e.kind === 'riskGroup') return riskWords(e.id);
  return e.kind === 'node' ? { en: e.id, zh: e.id } : { en: `link ${e.id}`, zh: `链路 ${e.id}` };
}

export const rte001 = defineRule({
  id: 'RTE-001',
  family: 'RTE',
  thresholds: z.strictObject({ disjointness: z.enum(['srlg', 'node']).default('srlg') }),
  evaluate(ctx) {
    const snap = ctx.snapshot;
    const inv = snap.inventory;
    const down = snap.links.filter((l) => l.state === 'down' || l.state === 'adminDown');
    // a link no end of which is monitored is taken as declared; one whose monitored ends are silent is unknown
    const unknown = snap.links.filter((l) => l.state === 'unknown' && l.monitored);
    // the live network (links down or shut left out), and the same without the links of unknown state
    const liveGraph = down.length === 0 ? ctx.derived.routeGraph() : networkGraph(inv, snap, { liveOnly: true });
    const bleakGraph = unknown.length === 0 ? liveGraph : networkGraph(inv, snap, { liveOnly: true, without: new Set(unknown.map((l) => l.link.id)) });
    const { byService, offGraph } = ctx.derived.services();
    const offSet = new Set(offGraph);

    // services, grouped by the disjointness their thresholds ask for
    const wanted: { id: string; cls: ProtectionClass; sites: string[]; specs: ServiceSpec[]; disjointness: 'srlg' | 'node' }[] = [];
    for (const svc of inv.services.values()) {
      const sites = [...new Set(svc.endpoints.map((e) => ctx.derived.siteOf(e)).filter((s): s is string => s !== null))].sort();
      if (!ctx.applies(svc.class, sites)) continue;
      if (offSet.has(svc.id)) {
        ctx.skip('service endpoint without links in the inventory (its routes are not described)');
        continue;
      }
      wanted.push({ id: svc.id, cls: svc.class, sites, specs: byService.get(svc.id) ?? [], disjointness: ctx.thresholds(svc.class, sites).disjointness });
    }
    for (const mode of ['srlg', 'node'] as const) {
      const group = wanted.filter((w) => w.disjointness === mode);
      const specs = group.flatMap((w) => w.specs);
      if (specs.length === 0) continue;
      const optimistic = verdicts(liveGraph, specs, mode);
      const pessimistic = bleakGraph === liveGraph ? optimistic : verdicts(bleakGraph, specs, mode);
      // the single points of failure of every service left with one route, from one sweep
      const single = specs.filter((sp) => { const o = optimistic.get(sp.id)!; return o.status !== 'cut' && o.lower === 1 && pessimistic.get(sp.id)!.lower === 1; });
      const cutsOf = new Map<string, ElementRef[]>();
      if (single.length > 0) {
        for (const spof of sweep(liveGraph, single, { disjointness: mode })) {
          for (const id of spof.cuts) {
            const list = cutsOf.get(id);
            if (list === undefined) cutsOf.set(id, [{ kind: spof.kind, id: spof.id }]);
            else list.push({ kind: spof.kind, id: spof.id });
          }
        }
      }
      for (const w of group) {
        let best: Outcome['state'] = 'protected';
        let worst: Outcome['state'] = 'protected';
        let worstSpec: ServiceSpec | undefined;
        let worstVerdict: Verdict | undefined;
        for (const spec of w.specs) {
          const req = spec.requiredPaths ?? 2;
          const o = stateOf(optimistic.get(spec.id)!, req);
          const p = stateOf(pessimistic.get(spec.id)!, req);
          if (RANK[o] > RANK[best]) best = o;
          if (RANK[p] > RANK[worst]) {
            worst = p;
            worstSpec = spec;
            worstVerdict = pessimistic.get(spec.id)!;
          }
        }
        const base = { subject: { kind: 'service' as const, id: w.id }, class: w.cls, site: w.sites.length === 1 ? w.sites[0]! : null, sites: w.sites };
        const downNote = down.length > 0 ? [fact('links down or shut', down.map((l) => l.link.id).join(', '))] : [];
        const words = mode === 'srlg' ? { en: 'SRLG-disjoint', zh: '不共享风险的' } : { en: 'node-disjoint', zh: '节点不重叠的' };
        if (worstSpec === undefined || worstVerdict === undefined) {
          const spec = w.specs[0]!;
          const v = optimistic.get(spec.id)!;
          ctx.emit({ ...base, state: 'protected', evidence: [fact('disjoint routes', v.lower), fact('required', spec.requiredPaths ?? 2), ...downNote], explanation: { en: `${w.id}: ${v.lower} ${words.en} routes`, zh: `${w.id}：${v.lower} 条${words.zh}路由` } });
          continue;
        }
        const [a, b] = worstSpec.endpoints;
        const req = worstSpec.requiredPaths ?? 2;
        const evidence = [fact('endpoints', `${a}, ${b}`), fact('disjoint routes (proven)', worstVerdict.lower), fact('disjoint routes (upper bound)', worstVerdict.upper), fact('required', req), ...downNote];
        if (best !== worst) {
          ctx.emit({
            ...base, state: 'unknown',
            evidence: [...evidence, fact('links of unknown state', unknown.map((l) => l.link.id).join(', '))],
            explanation: { en: `${w.id}: the verdict depends on links of unknown state (${list(unknown.map((l) => l.link.id)).en})`, zh: `${w.id}：结论取决于状态未知的链路（${list(unknown.map((l) => l.link.id)).zh}）` },
          });
          continue;
        }
        if (worst === 'down') {
          ctx.emit({ ...base, state: 'down', evidence, explanation: { en: `${w.id}: ${a} and ${b} are no longer connected`, zh: `${w.id}：${a} 与 ${b} 之间已无连通路由` } });
          continue;
        }
        const cuts = worst === 'unprotected' ? cutsOf.get(worstSpec.id) ?? [] : [];
        const cutWords = cuts.map(elementWords);
        const cutList = { en: list(cutWords.map((c) => c.en)).en, zh: list(cutWords.map((c) => c.zh)).zh };
        ctx.emit({
          ...base, state: worst,
          evidence: [...evidence, ...(cuts.length > 0 ? [fact('single points of failure', cuts.map((c) => `${c.kind}:${c.id}`).join(', '))] : [])],
          explanation: cuts.length > 0
            ? { en: `${w.id}: only ${worstVerdict.lower} ${words.en} route(s) between ${a} and ${b} (${req} required); one loss of ${cutList.en} cuts it`, zh: `${w.id}：${a} 与 ${b} 之间仅有 ${worstVerdict.lower} 条${words.zh}路由（要求 ${req} 条），${cutList.zh}任一中断即导致业务中断` }
            : { en: `${w.id}: only ${worstVerdict.lower} ${words.en} route(s) between ${a} and ${b} (${req} required)`, zh: `${w.id}：${a} 与 ${b} 之间仅有 ${worstVerdict.lower} 条${words.zh}路由（要求 ${req} 条）` },
        });
      }
    }

    // devices the inventory marks multihomed: ≥2 live links to different neighbours, no shared risk
    for (const d of inv.devices.values()) {
      if (d.multihomed !== true || !ctx.applies(d.class, [d.site])) continue;
      type Leg = { id: string; peer: string; risks: string[]; known: boolean };
      const legs: Leg[] = [];
      for (const l of snap.links) {
        if (l.link.a.device !== d.id && l.link.b.device !== d.id) continue;
        if (l.state === 'down' || l.state === 'adminDown') continue;
        legs.push({ id: l.link.id, peer: l.link.a.device === d.id ? l.link.b.device : l.link.a.device, risks: linkRiskGroups(l.link), known: l.state !== 'unknown' || !l.monitored });
      }
      for (const x of snap.discovered) {
        if (x.a.device === d.id || x.b.device === d.id) legs.push({ id: x.id, peer: x.a.device === d.id ? x.b.device : x.a.device, risks: [], known: true });
      }
      const diverse = (pool: readonly Leg[]): boolean => pool.some((p, i) => pool.some((q, j) => j > i && p.peer !== q.peer && !p.risks.some((r) => q.risks.includes(r))));
      const sure = diverse(legs.filter((l) => l.known));
      const maybe = diverse(legs);
      const evidence = legs.map((l) => fact(`link ${l.id}`, `to ${l.peer}${l.risks.length > 0 ? ` via ${l.risks.join(', ')}` : ''}${l.known ? '' : ' (state unknown)'}`));
      const base = { subject: { kind: 'device' as const, id: d.id }, class: d.class, site: d.site, sites: [d.site], evidence };
      if (sure) {
        ctx.emit({ ...base, state: 'protected', explanation: { en: `${d.id}: multihomed over risk-disjoint links`, zh: `${d.id}：经不共享风险的链路多归属接入` } });
      } else if (maybe) {
        ctx.emit({ ...base, state: 'unknown', explanation: { en: `${d.id}: multihoming depends on links of unknown state`, zh: `${d.id}：多归属情况取决于状态未知的链路` } });
      } else if (legs.length === 0) {
        ctx.emit({ ...base, state: 'down', explanation: { en: `${d.id}: no live link`, zh: `${d.id}：无可用链路` } });
      } else {
        const peers = [...new Set(legs.map((l) => l.peer))];
        const shared = legs.flatMap((l) => l.risks).filter((r, i, all) => all.indexOf(r) !== i);
        ctx.emit({
          ...base, state: 'unprotected',
          explanation: peers.length === 1
            ? { en: `${d.id}: single-homed, every live link goes to ${peers[0]!}`, zh: `${d.id}：单归属，所有可用链路均接至 ${peers[0]!}` }
            : { en: `${d.id}: its links to ${list(peers).en} share ${list([...new Set(shared)].map((r) => riskWords(r).en)).en}`, zh: `${d.id}：至 ${list(peers).zh} 的链路共用${list([...new Set(shared)].map((r) => riskWords(r).zh)).zh}` },
        });
      }
    }
  },
});

export const rte002 = defineRule({
  id: 'RTE-002',
  family: 'RTE',
  thresholds: z.strictObject({}),
  evaluate(ctx) {
    const groups = new Map<string, { working: string[]; protect: string[]; risksW: Set<string>; risksP: Set<string>; cls: ProtectionClass | null; sites: Set<string> }>();
    for (const l of ctx.snapshot.inventory.links) {
      if (l.protection === undefined) continue;
      let g = groups.get(l.protection.group);
      if (g === undefined) {
        g = { working: [], protect: [], risksW: new Set(), risksP: new Set(), cls: null, sites: new Set() };
        groups.set(l.protection.group, g);
      }
      const leg = l.protection.leg === 'working' ? g.working : g.protect;
      leg.push(l.id);
      for (const r of linkRiskGroups(l)) (l.protection.leg === 'working' ? g.risksW : g.risksP).add(r);
      const c = ctx.derived.linkClass(l);
      g.cls = g.cls === null ? c : ctx.derived.higherClass(g.cls, c);
      for (const dev of [l.a.device, l.b.device]) {
        const s = ctx.derived.siteOf(dev);
        if (s !== null) g.sites.add(s);
      }
    }
    for (const [id, g] of groups) {
      const cls = g.cls ?? 'PC-TRUNK';
      const sites = [...g.sites].sort();
      if (!ctx.applies(cls, sites)) continue;
      const evidence = [
        fact('working leg', g.working.join(', ')), fact('working risks', [...g.risksW].join(', ') || null),
        fact('protect leg', g.protect.join(', ')), fact('protect risks', [...g.risksP].join(', ') || null),
      ];
      const base = { subject: { kind: 'protectionGroup' as const, id }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence };
      if (g.working.length === 0 || g.protect.length === 0) {
        const missing = g.working.length === 0 ? { en: 'working', zh: '工作' } : { en: 'protect', zh: '保护' };
        ctx.emit({ ...base, state: 'unprotected', explanation: { en: `${id}: no ${missing.en} leg in the inventory`, zh: `${id}：资源清单中无${missing.zh}路由` } });
        continue;
      }
      const shared = [...g.risksW].filter((r) => g.risksP.has(r));
      if (shared.length === 0) {
        ctx.emit({ ...base, state: 'protected', explanation: { en: `${id}: working and protect legs share no risk`, zh: `${id}：工作与保护路由无共用风险` } });
        continue;
      }
      const w = shared.map(riskWords);
      const en = list(w.map((x) => x.en)).en;
      const zh = list(w.map((x) => x.zh)).zh;
      ctx.emit({
        ...base, state: 'unprotected',
        explanation: shared.length === 1
          ? { en: `${id}: working and protect legs both run through ${en}; one cut there takes down both`, zh: `${id}：工作与保护路由同经${zh}，该处单点中断即导致两路同时中断` }
          : { en: `${id}: working and protect legs share ${en}; one cut in any of them takes down both`, zh: `${id}：工作与保护路由共用${zh}，任一处中断即导致两路同时中断` },
      });
    }
  },
});
