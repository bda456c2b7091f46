/**
 * LOAD — load sharing (负荷分担), protection-policy.md §4.3.
 *
 * The load-sharing sets are the LAGs the devices report (IEEE8023-LAG-MIB) and any extra sets in
 * the snapshot's utilisation input (ECMP, server pools). Utilisation comes from the optional
 * counter samples of the snapshot (`LoadInput`), turned into rates by `counters.ts`.
 *
 * LOAD-001: N-1 headroom — each active member's peak over the window ≤ (N−1)/N × capacity ×
 *           factor (0.9; 0.8 in special periods). Unknown when a member has no usable samples.
 * LOAD-002: imbalance — the spread of the members' peak utilisation ≤ maxSpreadPoints. Not
 *           evaluated without samples (LOAD-001 already reports that as unknown).
 */
import { z } from 'zod';
import type { ProtectionClass } from '../../config/schema.js';
import type { MemberCounters, Snapshot } from '../../snapshot/types.js';
import { normalName } from '../../snapshot/neighbour-links.js';
import { peakBps } from '../interface-rates.js';
import { type Evidence, fact } from '../finding.js';
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
        ctx.emit({
          ...base, state: 'degraded',
          explanation: { en: `${set.id}: only ${n} of ${set.members.length} members carry traffic; no N-1 headroom left`, zh: `${set.id}：${set.members.length} 个成员中仅 ${n} 个承载流量，已无 N-1 余量` },
        });
        continue;
      }
      const over = loads.filter((l) => l.utilisation !== null && l.utilisation > limit);
      if (over.length > 0) {
        const worst = over.reduce((a, b) => ((a.utilisation ?? 0) >= (b.utilisation ?? 0) ? a : b));
        ctx.emit({
          ...base, state: 'degraded',
          explanation: {
            en: `${set.id}: ${worst.member.interface} peaks at ${pct(worst.utilisation!)} %, above the ${pct(limit)} % that lets ${n - 1} member(s) carry the load of ${n}`,
            zh: `${set.id}：${worst.member.interface} 峰值利用率 ${pct(worst.utilisation!)}%，超过 ${pct(limit)}% 的 N-1 上限，任一成员故障后剩余成员将过载`,
          },
        });
        continue;
      }
      const missing = loads.filter((l) => l.utilisation === null);
      if (missing.length > 0) {
        ctx.emit({
          ...base, state: 'unknown',
          explanation: missing.length === loads.length
            ? { en: `${set.id}: no utilisation samples; N-1 headroom cannot be judged`, zh: `${set.id}：无流量采样数据，无法判断 N-1 余量` }
            : { en: `${set.id}: ${missing.map((m) => m.member.interface).join(', ')}: ${missing[0]!.why ?? 'no data'}`, zh: `${set.id}：${missing.map((m) => m.member.interface).join('、')} 无可用流量数据` },
        });
        continue;
      }
      const peak = Math.max(...loads.map((l) => l.utilisation ?? 0));
      ctx.emit({ ...base, state: 'protected', explanation: { en: `${set.id}: peak ${pct(peak)} % per member, within the ${pct(limit)} % N-1 limit`, zh: `${set.id}：成员峰值利用率 ${pct(peak)}%，在 ${pct(limit)}% 的 N-1 上限之内` } });
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
        ctx.skip('no utilisation samples for every active member');
        continue;
      }
      const utils = loads.map((l) => l.utilisation!);
      const spread = (Math.max(...utils) - Math.min(...utils)) * 100;
      const evidence = [...loadEvidence(loads, []), fact('spread (points)', Math.round(spread * 10) / 10), fact('max spread (points)', maxSpreadPoints)];
      const base = { subject: { kind: set.kind, id: set.id }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence };
      if (spread > maxSpreadPoints) {
        const hi = loads.reduce((a, b) => (a.utilisation! >= b.utilisation! ? a : b));
        const lo = loads.reduce((a, b) => (a.utilisation! <= b.utilisation! ? a : b));
        ctx.emit({
          ...base, state: 'degraded',
          explanation: { en: `${set.id}: members unbalanced, ${hi.member.interface} at ${pct(hi.utilisation!)} % and ${lo.member.interface} at ${pct(lo.utilisation!)} %`, zh: `${set.id}：成员负载不均衡，${hi.member.interface} 为 ${pct(hi.utilisation!)}%，${lo.member.interface} 为 ${pct(lo.utilisation!)}%` },
        });
      } else {
        ctx.emit({ ...base, state: 'protected', explanation: { en: `${set.id}: members balanced within ${Math.round(spread)} points`, zh: `${set.id}：成员负载均衡（相差 ${Math.round(spread)} 个百分点）` } });
      }
    }
  },
});
