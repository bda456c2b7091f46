/**
 * LOAD — load sharing (负荷分担), protection-policy.md §4.3.
 *
 * The load-sharing sets are the LAGs the devices report (IEEE8023-LAG-MIB) and any extra sets in
 * the snapshot's utilisation input (ECMP, server pools). Utilisation comes from the optional
 * counter samples of the snapshot (`LoadInput`), turned into rates by `counters.ts`.
 *
 * LOAD-001: N-1 headroom — each active member's peak over the window ≤ (N−1)/N × capacity ×
 *           factor (0.9; 0.8 in special periods). One active member left is no redundancy
 *           (unprotected); a member out of the bundle fails the set (degraded). Unknown when a
 *           member has no usable samples.
 * LOAD-002: imbalance — the spread of the members' peak utilisation ≤ maxSpreadPoints. Not
 *           evaluated without samples (LOAD-001 already reports that as unknown).
 * LOAD-004: every active member carries traffic — its share of the set's traffic at peak is
 *           above minSharePercent (5 %): no active-standby set masquerading as load sharing.
 */
import { z } from 'zod';
import type { ProtectionClass } from '../../config/schema.js';
import type { MemberCounters, Snapshot } from '../../snapshot/types.js';
import { normalName } from '../../snapshot/neighbour-links.js';
import { peakBps } from '../interface-rates.js';
import { type Evidence, fact } from '../finding.js';
import { LOAD_WORDS as W } from './load-words.js';
import { defineRule, type RuleContext } from './types.js';

interface Member {
  readonly device: string;
  readonly interface: string;
  readonly active: boolean;
}

interface LoadShareSet {
  readonly kind: 'lag' | 'loadSet';
  readonly id: string;
  readonly device: string | null;
  readonly members: readonly Member[];
}

function loadSets(snapshot: Snapshot): LoadShareSet[] {
  const out: LoadShareSet[] = [];
  for (const s of snapshot.devices.values()) {
    const lags = new Map<string, Member[]>();
    for (const m of s.observation?.lagMembers ?? []) {
      const list = lags.get(m.aggregate);
      const member = { device: s.id, interface: m.member, active: m.inBundle };
      if (list === undefined) lags.set(m.aggregate, [member]);
      else list.push(member);
    }
    for (const [agg, members] of lags) if (members.length >= 2) out.push({ kind: 'lag', id: `${s.id}:${agg}`, device: s.id, members });
  }
  for (const set of snapshot.load?.sets ?? []) {
    out.push({ kind: 'loadSet', id: set.id, device: set.device ?? null, members: set.members.map((m) => ({ ...m, active: true })) });
  }
  return out;
}

interface MemberLoad {
  readonly member: Member;
  /** Peak utilisation over the window (0…1), or null with the reason. */
  readonly utilisation: number | null;
  readonly peakBps: number | null;
  readonly capacityBps: number | null;
  readonly why: string | null;
}

function capacityMbps(snapshot: Snapshot, m: Member, series: MemberCounters | undefined): number | null {
  if (series?.capacityMbps !== undefined) return series.capacityMbps;
  const n = normalName(m.interface);
  const i = snapshot.devices.get(m.device)?.observation?.interfaces.find((x) => normalName(x.name) === n);
  if (i?.speedMbps !== null && i?.speedMbps !== undefined && i.speedMbps > 0) return i.speedMbps;
  const l = snapshot.inventory.links.find((x) => (x.a.device === m.device && normalName(x.a.interface) === n) || (x.b.device === m.device && normalName(x.b.interface) === n));
  return l?.capacityMbps ?? null;
}

function memberLoads(ctx: RuleContext<unknown>, set: LoadShareSet, windowMinutes: number): MemberLoad[] {
  const series = new Map<string, MemberCounters>();
  for (const m of ctx.snapshot.load?.members ?? []) series.set(`${m.device}|${normalName(m.interface)}`, m);
  return set.members.filter((m) => m.active).map((m): MemberLoad => {
    const s = series.get(`${m.device}|${normalName(m.interface)}`);
    const capMbps = capacityMbps(ctx.snapshot, m, s);
    const capacityBps = capMbps === null ? null : capMbps * 1e6;
    if (s === undefined) return { member: m, utilisation: null, peakBps: null, capacityBps, why: 'no counter samples' };
    if (capacityBps === null) return { member: m, utilisation: null, peakBps: null, capacityBps, why: 'capacity unknown' };
    const peak = peakBps(s.samples, s.counterBits, ctx.now - windowMinutes * 60_000, ctx.now, capacityBps);
    if (peak === null) return { member: m, utilisation: null, peakBps: null, capacityBps, why: 'no usable interval in the window (reset, wrap ambiguity or too few samples)' };
    return { member: m, utilisation: peak / capacityBps, peakBps: peak, capacityBps, why: null };
  });
}

function setScope(ctx: RuleContext<unknown>, set: LoadShareSet): { cls: ProtectionClass; sites: string[] } {
  let cls: ProtectionClass | null = null;
  const sites = new Set<string>();
  for (const m of set.members) {
    const d = ctx.snapshot.inventory.devices.get(m.device);
    if (d === undefined) continue;
    cls = cls === null ? d.class : ctx.derived.higherClass(cls, d.class);
    sites.add(d.site);
  }
  return { cls: cls ?? 'PC-ACC', sites: [...sites].sort() };
}

const pct = (x: number): number => Math.round(x * 1000) / 10;

function loadEvidence(loads: readonly MemberLoad[], inactive: readonly Member[]): Evidence[] {
  return [
    ...loads.map((l) => fact(`${l.member.device} ${l.member.interface} peak utilisation (%)`, l.utilisation === null ? l.why : pct(l.utilisation))),
    ...inactive.map((m) => fact(`${m.device} ${m.interface}`, 'not in bundle')),
  ];
}

export const load001 = defineRule({
  id: 'LOAD-001',
  family: 'LOAD',
  thresholds: z.strictObject({
    factor: z.number().gt(0).max(1).default(0.9),
    windowMinutes: z.number().int().min(1).max(1440).default(15),
  }),
  evaluate(ctx) {
    for (const set of loadSets(ctx.snapshot)) {
      const { cls, sites } = setScope(ctx, set);
      if (!ctx.applies(cls, sites)) continue;
      const { factor, windowMinutes } = ctx.thresholds(cls, sites);
      const active = set.members.filter((m) => m.active);
      const inactive = set.members.filter((m) => !m.active);
      const n = active.length;
      const limit = n <= 1 ? 0 : ((n - 1) / n) * factor;
      const loads = memberLoads(ctx, set, windowMinutes);
      const evidence = [...loadEvidence(loads, inactive), fact('active members', n), fact('limit per member (%)', pct(limit)), fact('factor', factor)];
      const base = { subject: { kind: set.kind, id: set.id }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence };
      if (n <= 1) {
        ctx.emit({ ...base, state: 'unprotected', explanation: W.oneActive(set.id, n, set.members.length) });
        continue;
      }
      if (inactive.length > 0) {
        ctx.emit({ ...base, state: 'degraded', explanation: W.outOfBundle(set.id, inactive.map((m) => m.interface)) });
        continue;
      }
      const over = loads.filter((l) => l.utilisation !== null && l.utilisation > limit);
      if (over.length > 0) {
        const worst = over.reduce((a, b) => ((a.utilisation ?? 0) >= (b.utilisation ?? 0) ? a : b));
        ctx.emit({ ...base, state: 'degraded', explanation: W.overLimit(set.id, worst.member.interface, pct(worst.utilisation!), pct(limit), n) });
        continue;
      }
      const missing = loads.filter((l) => l.utilisation === null);
      if (missing.length > 0) {
        ctx.emit({
          ...base, state: 'unknown', reason: 'no_samples',
          explanation: missing.length === loads.length ? W.noSamples(set.id) : W.someSamplesMissing(set.id, missing.map((m) => m.member.interface), missing[0]!.why ?? 'no data'),
        });
        continue;
      }
      const peak = Math.max(...loads.map((l) => l.utilisation ?? 0));
      ctx.emit({ ...base, state: 'protected', explanation: W.withinLimit(set.id, pct(peak), pct(limit)) });
    }
  },
});

export const load002 = defineRule({
  id: 'LOAD-002',
  family: 'LOAD',
  thresholds: z.strictObject({
    maxSpreadPoints: z.number().min(0).max(100).default(20),
    windowMinutes: z.number().int().min(1).max(1440).default(15),
  }),
  evaluate(ctx) {
    for (const set of loadSets(ctx.snapshot)) {
      const { cls, sites } = setScope(ctx, set);
      if (!ctx.applies(cls, sites)) continue;
      const { maxSpreadPoints, windowMinutes } = ctx.thresholds(cls, sites);
      const loads = memberLoads(ctx, set, windowMinutes);
      if (loads.length < 2 || loads.some((l) => l.utilisation === null)) {
        ctx.skip('no utilisation samples for every active member', 'no_data');
        continue;
      }
      const utils = loads.map((l) => l.utilisation!);
      const spread = (Math.max(...utils) - Math.min(...utils)) * 100;
      const evidence = [...loadEvidence(loads, []), fact('spread (points)', Math.round(spread * 10) / 10), fact('max spread (points)', maxSpreadPoints)];
      const base = { subject: { kind: set.kind, id: set.id }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence };
      if (spread > maxSpreadPoints) {
        const hi = loads.reduce((a, b) => (a.utilisation! >= b.utilisation! ? a : b));
        const lo = loads.reduce((a, b) => (a.utilisation! <= b.utilisation! ? a : b));
        ctx.emit({ ...base, state: 'degraded', explanation: W.unbalanced(set.id, hi.member.interface, pct(hi.utilisation!), lo.member.interface, pct(lo.utilisation!)) });
      } else {
        ctx.emit({ ...base, state: 'protected', explanation: W.balanced(set.id, Math.round(spread)) });
      }
    }
  },
});

export const load004 = defineRule({
  id: 'LOAD-004',
  family: 'LOAD',
  thresholds: z.strictObject({
    minSharePercent: z.number().min(0).max(50).default(5),
    windowMinutes: z.number().int().min(1).max(1440).default(15),
  }),
  evaluate(ctx) {
    for (const set of loadSets(ctx.snapshot)) {
      const { cls, sites } = setScope(ctx, set);
      if (!ctx.applies(cls, sites)) continue;
      const { minSharePercent, windowMinutes } = ctx.thresholds(cls, sites);
      const loads = memberLoads(ctx, set, windowMinutes);
      if (loads.length < 2) continue; // one active member: LOAD-001's business
      if (loads.some((l) => l.peakBps === null)) {
        ctx.skip('no utilisation samples for every active member', 'no_data');
        continue;
      }
      const total = loads.reduce((t, l) => t + l.peakBps!, 0);
      if (total <= 0) {
        ctx.skip('no traffic on the set in the window', 'no_data');
        continue;
      }
      const shares = loads.map((l) => ({ l, share: (l.peakBps! / total) * 100 }));
      const idle = shares.filter((x) => x.share <= minSharePercent);
      const evidence = [...shares.map((x) => fact(`${x.l.member.device} ${x.l.member.interface} share of peak traffic (%)`, Math.round(x.share * 10) / 10)), fact('minimum share (%)', minSharePercent)];
      const base = { subject: { kind: set.kind, id: set.id }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence };
      if (idle.length > 0) ctx.emit({ ...base, state: 'degraded', explanation: W.idleMembers(set.id, idle.map((x) => x.l.member.interface), minSharePercent) });
      else ctx.emit({ ...base, state: 'protected', explanation: W.allCarry(set.id, loads.length, Math.round(Math.min(...shares.map((x) => x.share)) * 10) / 10) });
    }
  },
});
