/**
 * RTE — multiple routes (多重路由), protection-policy.md §4.2.
 *
 * RTE-001: a service keeps ≥ requiredPaths SRLG-disjoint routes between its endpoints on the live
 *          network (declared and discovered links, minus links down or shut), and a device the
 *          inventory marks `multihomed` has live links to ≥2 neighbours that share no risk.
 *          When links of unknown state decide the verdict, the verdict is unknown.
 * RTE-002: a protection group's working and protect legs share no shared-risk group (duct,
 *          cable, pole route, bridge, trench, building entrance).
 * RTE-005: a declared inter-site replication service (`replication: true`, NE/SMS) keeps ≥2
 *          SRLG-disjoint routes between its sites.
 * RTE-001a: (§3.2 PC-AGG) an aggregation node reaches the core over two routes that share no
 *          device, link or risk group: a closed ring or dual uplinks.
 */
import { z } from 'zod';
import type { ProtectionClass } from '../../config/schema.js';
import type { Snapshot } from '../../snapshot/types.js';
import type { ElementRef, Graph } from '../graph/multigraph.js';
import { type ServiceSpec, serviceStates, sweep } from '../graph/services.js';
import { fact } from '../finding.js';
import { linkRiskGroups, networkGraph } from '../network/inventory-graph.js';
import { riskWords } from './common.js';
import { aggregationHomings, apartPair, commonTo } from './homing.js';
import { DISJOINTNESS, RTE_WORDS as W } from './rte-words.js';
import { defineRule, type Outcome, type RuleContext } from './types.js';

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
  return e.kind === 'node' ? { en: e.id, zh: e.id } : W.link(e.id);
}

/** The live network (links down or shut left out), and the same without the links of unknown state. */
function liveGraphs(ctx: RuleContext<unknown>): { down: Snapshot['links']; unknown: Snapshot['links']; live: Graph; bleak: Graph } {
  const snap = ctx.snapshot;
  const down = snap.links.filter((l) => l.state === 'down' || l.state === 'adminDown');
  // a link no end of which is monitored is taken as declared; one whose monitored ends are silent is unknown
  const unknown = snap.links.filter((l) => l.state === 'unknown' && l.monitored);
  const live = down.length === 0 ? ctx.derived.routeGraph() : networkGraph(snap.inventory, snap, { liveOnly: true });
  const bleak = unknown.length === 0 ? live : networkGraph(snap.inventory, snap, { liveOnly: true, without: new Set(unknown.map((l) => l.link.id)) });
  return { down, unknown, live, bleak };
}

export const rte001 = defineRule({
  id: 'RTE-001',
  family: 'RTE',
  thresholds: z.strictObject({ disjointness: z.enum(['srlg', 'node']).default('srlg') }),
  evaluate(ctx) {
    const snap = ctx.snapshot;
    const inv = snap.inventory;
    const { down, unknown, live: liveGraph, bleak: bleakGraph } = liveGraphs(ctx);
    const { byService, offGraph } = ctx.derived.services();
    const offSet = new Set(offGraph);

    // services, grouped by the disjointness their thresholds ask for
    const wanted: { id: string; cls: ProtectionClass; sites: string[]; specs: ServiceSpec[]; disjointness: 'srlg' | 'node' }[] = [];
    for (const svc of inv.services.values()) {
      const sites = [...new Set(svc.endpoints.map((e) => ctx.derived.siteOf(e)).filter((s): s is string => s !== null))].sort();
      if (!ctx.applies(svc.class, sites)) continue;
      if (offSet.has(svc.id)) {
        ctx.skip('service endpoint without links in the inventory (its routes are not described)', 'no_data');
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
        const words = DISJOINTNESS[mode];
        if (worstSpec === undefined || worstVerdict === undefined) {
          const spec = w.specs[0]!;
          const v = optimistic.get(spec.id)!;
          ctx.emit({ ...base, state: 'protected', evidence: [fact('disjoint routes', v.lower), fact('required', spec.requiredPaths ?? 2), ...downNote], explanation: W.routes(w.id, v.lower, words) });
          continue;
        }
        const [a, b] = worstSpec.endpoints;
        const req = worstSpec.requiredPaths ?? 2;
        const evidence = [fact('endpoints', `${a}, ${b}`), fact('disjoint routes (proven)', worstVerdict.lower), fact('disjoint routes (upper bound)', worstVerdict.upper), fact('required', req), ...downNote];
        if (best !== worst) {
          ctx.emit({
            ...base, state: 'unknown', reason: 'links_state_unknown',
            evidence: [...evidence, fact('links of unknown state', unknown.map((l) => l.link.id).join(', '))],
            explanation: W.dependsOnUnknown(w.id, unknown.map((l) => l.link.id)),
          });
          continue;
        }
        if (worst === 'down') {
          ctx.emit({ ...base, state: 'down', evidence, explanation: W.disconnected(w.id, a, b) });
          continue;
        }
        const cuts = worst === 'unprotected' ? cutsOf.get(worstSpec.id) ?? [] : [];
        ctx.emit({
          ...base, state: worst,
          evidence: [...evidence, ...(cuts.length > 0 ? [fact('single points of failure', cuts.map((c) => `${c.kind}:${c.id}`).join(', '))] : [])],
          explanation: cuts.length > 0
            ? W.tooFewWithCuts(w.id, worstVerdict.lower, words, a, b, req, cuts.map(elementWords))
            : W.tooFew(w.id, worstVerdict.lower, words, a, b, req),
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
        ctx.emit({ ...base, state: 'protected', explanation: W.multihomed(d.id) });
      } else if (maybe) {
        ctx.emit({ ...base, state: 'unknown', reason: 'links_state_unknown', explanation: W.multihomingUnknown(d.id) });
      } else if (legs.length === 0) {
        ctx.emit({ ...base, state: 'down', explanation: W.noLiveLink(d.id) });
      } else {
        const peers = [...new Set(legs.map((l) => l.peer))];
        const shared = legs.flatMap((l) => l.risks).filter((r, i, all) => all.indexOf(r) !== i);
        ctx.emit({ ...base, state: 'unprotected', explanation: peers.length === 1 ? W.singleHomed(d.id, peers[0]!) : W.sharedRisk(d.id, peers, [...new Set(shared)].map(riskWords)) });
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
        ctx.emit({ ...base, state: 'unprotected', explanation: W.missingLeg(id, g.working.length === 0 ? W.working() : W.protect()) });
        continue;
      }
      const shared = [...g.risksW].filter((r) => g.risksP.has(r));
      if (shared.length === 0) {
        ctx.emit({ ...base, state: 'protected', explanation: W.legsApart(id) });
        continue;
      }
      const w = shared.map(riskWords);
      ctx.emit({ ...base, state: 'unprotected', explanation: shared.length === 1 ? W.legsShareOne(id, w[0]!) : W.legsShareMany(id, w) });
    }
  },
});

export const rte005 = defineRule({
  id: 'RTE-005',
  family: 'RTE',
  thresholds: z.strictObject({ disjointness: z.enum(['srlg', 'node']).default('srlg') }),
  evaluate(ctx) {
    const { byService, offGraph } = ctx.derived.services();
    const offSet = new Set(offGraph);
    const wanted: { id: string; cls: ProtectionClass; sites: string[]; specs: ServiceSpec[]; mode: 'srlg' | 'node' }[] = [];
    for (const svc of ctx.snapshot.inventory.services.values()) {
      if (svc.replication !== true) continue;
      const sites = [...new Set(svc.endpoints.map((e) => ctx.derived.siteOf(e)).filter((s): s is string => s !== null))].sort();
      if (!ctx.applies(svc.class, sites)) continue;
      if (sites.length < 2) {
        ctx.skip('replication service with every endpoint on one site', 'not_applicable');
        continue;
      }
      if (offSet.has(svc.id)) {
        ctx.skip('service endpoint without links in the inventory (its routes are not described)', 'no_data');
        continue;
      }
      wanted.push({ id: svc.id, cls: svc.class, sites, specs: byService.get(svc.id) ?? [], mode: ctx.thresholds(svc.class, sites).disjointness });
    }
    if (wanted.length === 0) return;
    const { unknown, live, bleak } = liveGraphs(ctx);
    for (const w of wanted) {
      const base = { subject: { kind: 'service' as const, id: w.id }, class: w.cls, site: null, sites: w.sites };
      const how = DISJOINTNESS[w.mode];
      let worst: { state: Outcome['state']; spec: ServiceSpec; v: Verdict } | null = null;
      let changes = false;
      for (const spec of w.specs) {
        const req = spec.requiredPaths ?? 2;
        const o = verdicts(live, [spec], w.mode).get(spec.id)!;
        const p = bleak === live ? o : verdicts(bleak, [spec], w.mode).get(spec.id)!;
        if (stateOf(o, req) !== stateOf(p, req)) changes = true;
        const st = stateOf(p, req);
        if (worst === null || RANK[st] > RANK[worst.state]) worst = { state: st, spec, v: p };
      }
      if (worst === null) continue;
      const [a, b] = worst.spec.endpoints;
      const req = worst.spec.requiredPaths ?? 2;
      const evidence = [fact('endpoints', `${a}, ${b}`), fact('sites', w.sites.join(', ')), fact('disjoint routes (proven)', worst.v.lower), fact('required', req)];
      if (changes) ctx.emit({ ...base, state: 'unknown', reason: 'links_state_unknown', evidence, explanation: W.dependsOnUnknown(w.id, unknown.map((l) => l.link.id)) });
      else if (worst.state === 'protected') ctx.emit({ ...base, state: 'protected', evidence, explanation: W.routes(w.id, worst.v.lower, how) });
      else if (worst.state === 'down') ctx.emit({ ...base, state: 'down', evidence, explanation: W.disconnected(w.id, a, b) });
      else ctx.emit({ ...base, state: worst.state, evidence, explanation: W.tooFew(w.id, worst.v.lower, how, a, b, req) });
    }
  },
});

export const rte001a = defineRule({
  id: 'RTE-001a',
  family: 'RTE',
  thresholds: z.strictObject({ routeLimit: z.number().int().min(10).max(100_000).default(500) }),
  evaluate(ctx) {
    for (const { device: d, routes, truncated } of aggregationHomings(ctx, 'route to')) {
      const sure = apartPair(routes, { distinctCores: false, risks: true, use: (r) => r.known });
      const maybe = sure ?? apartPair(routes, { distinctCores: false, risks: true, use: () => true });
      const base = { subject: { kind: 'device' as const, id: d.id }, class: d.class, site: d.site, sites: [d.site] };
      const evidence = [fact('routes to the core', routes.length), ...routes.slice(0, 4).map((r) => fact(`route to ${r.core}`, `${r.links.join(' → ')}${r.risks.length > 0 ? ` via ${r.risks.join(', ')}` : ''}`))];
      if (sure !== null) ctx.emit({ ...base, state: 'protected', evidence, explanation: W.aggDiverse(d.id, sure[0].links, sure[1].links) });
      else if (maybe !== null) ctx.emit({ ...base, state: 'unknown', reason: 'links_state_unknown', evidence, explanation: W.aggUnknown(d.id) });
      else if (truncated) ctx.emit({ ...base, state: 'unknown', reason: 'search_limit', evidence, explanation: W.aggSearchLimit(d.id) });
      else if (routes.length === 0) ctx.emit({ ...base, state: 'down', evidence, explanation: W.aggNoRoute(d.id) });
      else if (routes.length === 1) ctx.emit({ ...base, state: 'unprotected', evidence, explanation: W.aggSingleRoute(d.id, routes[0]!.links) });
      else {
        const c = commonTo(routes);
        const shared = [...c.risks.map(riskWords), ...c.devices.map((x) => ({ zh: x, en: x })), ...c.links.map(W.link)];
        ctx.emit({ ...base, state: 'unprotected', evidence, explanation: shared.length > 0 ? W.aggShared(d.id, shared) : W.aggNoTwoApart(d.id, routes.length) });
      }
    }
  },
});
