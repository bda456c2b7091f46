/**
 * PWR — multiple power supplies (多路电源), protection-policy.md §4.6.
 *
 * PWR-001:  ≥ minWorking PSUs in state ok; a failed or missing PSU, or the device reporting its
 *           power redundancy lost, is degraded. Empty bays (`absent`) are never failures.
 * PWR-001b: the PSUs' feeds share no upstream PDU, panel, UPS, rectifier or ATS (the inventory
 *           power chain is walked; an element whose single loss cuts every PSU is a SPOF).
 * PWR-002:  the site has utility feeds from ≥ minSources distinct substations (一类市电).
 * PWR-004:  battery runtime ≥ the class minimum (UPS or DC plant), battery not low/depleted; a
 *           device reporting a DC plant is judged by the DC half in pwr-dc.ts.
 * PWR-005:  the UPS runs on its normal path, not on battery or bypass.
 */
import { z } from 'zod';
import type { PowerNodeConfig } from '../../config/schema.js';
import type { DeviceSnapshot } from '../../snapshot/types.js';
import { fact } from '../finding.js';
import { commonDominators, feedDominators } from '../network/power-chain.js';
import { POWER_KIND_NAMES, list, statusEvidence, whyUnknown } from './common.js';
import { evaluateDcBattery } from './pwr-dc.js';
import { defineRule, type RuleContext } from './types.js';

const POWER_KINDS = ['mains', 'generator', 'ats', 'panel', 'ups', 'rectifier', 'battery', 'pdu'] as const;

export const pwr001 = defineRule({
  id: 'PWR-001',
  family: 'PWR',
  thresholds: z.strictObject({ minWorking: z.number().int().min(1).max(16).default(2) }),
  evaluate(ctx) {
    for (const s of ctx.snapshot.devices.values()) {
      const d = s.device;
      const sites = [d.site];
      if (s.status === 'unmonitored' || !ctx.applies(d.class, sites)) continue;
      const { minWorking: min } = ctx.thresholds(d.class, sites);
      const base = { subject: { kind: 'device' as const, id: s.id }, class: d.class, site: d.site, sites };
      const expectsPsus = (d.expectedPsus ?? 0) > 0 || d.psus.length > 0;
      const o = s.observation;
      if (o === null) {
        if (!expectsPsus) {
          ctx.skip('device not answering and no PSUs expected in the inventory');
          continue;
        }
        const w = whyUnknown(s);
        ctx.emit({ ...base, state: 'unknown', evidence: [statusEvidence(s)], explanation: { en: `${s.id}: PSU state unknown; ${w.en}`, zh: `${s.id}：电源状态未知，${w.zh}` } });
        continue;
      }
      const at = s.observedAt;
      const ok = o.powerSupplies.filter((p) => p.status === 'ok');
      const failed = o.powerSupplies.filter((p) => p.status === 'failed');
      const unknown = o.powerSupplies.filter((p) => p.status === 'unknown');
      const installed = ok.length + failed.length + unknown.length;
      const missing = d.expectedPsus === undefined ? 0 : Math.max(0, d.expectedPsus - installed);
      const redundancy = o.redundancy.find((r) => r.subject === 'power');
      const evidence = [
        ...o.powerSupplies.map((p) => fact(`PSU ${p.name}`, p.status, at)),
        ...(d.expectedPsus !== undefined ? [fact('PSUs expected', d.expectedPsus)] : []),
        ...(redundancy !== undefined ? [fact('power redundancy (device)', redundancy.state, at)] : []),
      ];
      if (installed === 0) {
        if (!expectsPsus) ctx.skip('device reports no power supplies and none are expected');
        else ctx.emit({ ...base, state: 'unknown', evidence, explanation: { en: `${s.id}: the device reports no PSU state`, zh: `${s.id}：设备未上报电源状态` } });
        continue;
      }
      const names = (l: readonly { name: string }[]): string => l.map((p) => p.name).join(', ');
      if (failed.length + missing > 0) {
        const what = [
          ...(failed.length > 0 ? [{ en: `${names(failed)} failed`, zh: `${names(failed)} 故障` }] : []),
          ...(missing > 0 ? [{ en: `${missing} of ${d.expectedPsus ?? 0} expected PSU(s) missing`, zh: `应有 ${d.expectedPsus ?? 0} 个电源，缺失 ${missing} 个` }] : []),
        ];
        const en = what.map((w) => w.en).join('; ');
        const zh = what.map((w) => w.zh).join('；');
        if (ok.length === 0) {
          ctx.emit({ ...base, state: 'unprotected', evidence, explanation: { en: `${s.id}: no PSU reports ok (${en})`, zh: `${s.id}：无电源处于正常状态（${zh}）` } });
        } else {
          ctx.emit({
            ...base, state: 'degraded', evidence,
            explanation: ok.length === 1
              ? { en: `${s.id}: ${en}; it runs on ${ok[0]!.name} alone, one failure from an outage`, zh: `${s.id}：${zh}，仅靠 ${ok[0]!.name} 供电，再有一处故障即中断` }
              : { en: `${s.id}: ${en}; ${ok.length} PSUs left`, zh: `${s.id}：${zh}，剩余 ${ok.length} 个电源` },
          });
        }
        continue;
      }
      if (ok.length < min) {
        if (unknown.length > 0) {
          ctx.emit({ ...base, state: 'unknown', evidence, explanation: { en: `${s.id}: ${ok.length} PSU(s) ok, ${names(unknown)} state unknown`, zh: `${s.id}：${ok.length} 个电源正常，${names(unknown)} 状态未知` } });
        } else {
          ctx.emit({
            ...base, state: 'unprotected', evidence,
            explanation: { en: `${s.id}: only ${ok.length} PSU installed, ${min} required; one PSU failure takes it down`, zh: `${s.id}：仅安装 ${ok.length} 个电源（要求 ${min} 个），单个电源故障即导致设备中断` },
          });
        }
        continue;
      }
      if (redundancy?.state === 'nonRedundant') {
        ctx.emit({
          ...base, state: 'degraded', evidence,
          explanation: { en: `${s.id}: all PSUs ok but the device reports power redundancy lost (load exceeds what one PSU can carry, or a combined mode)`, zh: `${s.id}：电源均正常，但设备报告电源冗余已丧失（负载超出单电源能力或为合并模式）` },
        });
        continue;
      }
      ctx.emit({ ...base, state: 'protected', evidence, explanation: { en: `${s.id}: ${ok.length} PSUs ok`, zh: `${s.id}：${ok.length} 个电源正常` } });
    }
  },
});

function chainText(power: ReadonlyMap<string, PowerNodeConfig>, feed: string): string {
  const doms = feedDominators(power, feed);
  return doms.length > 0 ? doms.join(' ← ') : feed;
}

export const pwr001b = defineRule({
  id: 'PWR-001b',
  family: 'PWR',
  thresholds: z.strictObject({
    /** Element kinds left to PWR-002 (a site with one utility feed is a site problem, not a wiring one). */
    ignoreKinds: z.array(z.enum(POWER_KINDS)).default(['mains', 'generator']),
  }),
  evaluate(ctx) {
    const power = ctx.snapshot.inventory.power;
    for (const d of ctx.snapshot.inventory.devices.values()) {
      const sites = [d.site];
      if (!ctx.applies(d.class, sites)) continue;
      if (d.psus.length < 2) {
        ctx.skip('fewer than two PSUs mapped to power feeds in the inventory');
        continue;
      }
      const { ignoreKinds } = ctx.thresholds(d.class, sites);
      const feeds = d.psus.map((p) => p.feed);
      const shared = commonDominators(power, feeds).filter((x) => !ignoreKinds.includes(power.get(x)?.kind ?? 'mains'));
      const evidence = d.psus.map((p) => fact(`PSU ${p.match} feed`, chainText(power, p.feed)));
      const base = { subject: { kind: 'device' as const, id: d.id }, class: d.class, site: d.site, sites, evidence };
      if (shared.length === 0) {
        ctx.emit({ ...base, state: 'protected', explanation: { en: `${d.id}: PSUs on independent feeds`, zh: `${d.id}：各路电源取自相互独立的供电回路` } });
        continue;
      }
      const first = shared[0]!;
      const kind = POWER_KIND_NAMES[power.get(first)?.kind ?? ''] ?? { en: 'power element', zh: '供电设备' };
      const distinct = [...new Set(feeds)];
      const all = feeds.length === 2 ? { en: 'both PSUs', zh: '两路电源' } : { en: `all ${feeds.length} PSUs`, zh: `全部 ${feeds.length} 路电源` };
      const f = list(distinct);
      ctx.emit({
        ...base,
        state: 'unprotected',
        explanation: distinct.length === 1 && distinct[0] === first
          ? { en: `${d.id}: ${all.en} are fed from ${first}; one ${kind.en} failure takes it down`, zh: `${d.id}：${all.zh}均取自 ${first}，单个${kind.zh}故障即导致设备中断` }
          : { en: `${d.id}: ${all.en} (feeds ${f.en}) depend on ${kind.en} ${first}; one ${kind.en} failure takes it down`, zh: `${d.id}：${all.zh}（${f.zh}）均依赖${kind.zh} ${first}，单个${kind.zh}故障即导致设备中断` },
      });
    }
  },
});

export const pwr002 = defineRule({
  id: 'PWR-002',
  family: 'PWR',
  thresholds: z.strictObject({ minSources: z.number().int().min(1).max(8).default(2) }),
  evaluate(ctx) {
    const inv = ctx.snapshot.inventory;
    const mainsBySite = new Map<string, PowerNodeConfig[]>();
    for (const p of inv.power.values()) {
      if (p.kind !== 'mains') continue;
      const l = mainsBySite.get(p.site);
      if (l === undefined) mainsBySite.set(p.site, [p]);
      else l.push(p);
    }
    for (const site of inv.sites.values()) {
      if (!ctx.applies(site.class, [site.id])) continue;
      const mains = mainsBySite.get(site.id);
      if (mains === undefined) {
        ctx.skip('no utility feed (mains) of the site in the inventory');
        continue;
      }
      const { minSources } = ctx.thresholds(site.class, [site.id]);
      const substations = [...new Set(mains.map((m) => m.substation ?? m.id))];
      const evidence = mains.map((m) => fact(`${m.id} substation`, m.substation ?? null));
      const base = { subject: { kind: 'site' as const, id: site.id }, class: site.class, site: site.id, sites: [site.id], evidence };
      if (substations.length >= minSources) {
        ctx.emit({ ...base, state: 'protected', explanation: { en: `${site.id}: utility feeds from ${substations.length} substations`, zh: `${site.id}：市电引自 ${substations.length} 个变电站` } });
      } else {
        ctx.emit({
          ...base, state: 'unprotected',
          explanation: { en: `${site.id}: utility feed from ${substations.length} substation (${substations.join(', ')}), ${minSources} required; one substation outage leaves the site on batteries and generators`, zh: `${site.id}：市电仅引自 ${substations.length} 个变电站（${substations.join('、')}），要求 ${minSources} 个；单一变电站停电即只能依靠电池和油机` },
        });
      }
    }
  },
});

/** Devices that report a UPS or DC plant: fresh ones with UPS state, and those the power chain names. */
function upsDevices(ctx: RuleContext<unknown>): { s: DeviceSnapshot; node: PowerNodeConfig | undefined }[] {
  const byDevice = new Map<string, PowerNodeConfig>();
  for (const p of ctx.snapshot.inventory.power.values()) if (p.device !== undefined) byDevice.set(p.device, p);
  const out: { s: DeviceSnapshot; node: PowerNodeConfig | undefined }[] = [];
  for (const s of ctx.snapshot.devices.values()) {
    const node = byDevice.get(s.id);
    if ((s.observation?.ups ?? null) !== null || (node !== undefined && s.status !== 'fresh' && s.status !== 'unmonitored')) out.push({ s, node });
  }
  return out;
}

export const pwr004 = defineRule({
  id: 'PWR-004',
  family: 'PWR',
  thresholds: z.strictObject({
    /** AC UPS runtime (minutes) to bridge to the generator. */
    upsMinutes: z.number().nonnegative().default(15),
    /** -48 V DC plant battery runtime (minutes), for rectifier/battery elements. */
    dcPlantMinutes: z.number().nonnegative().default(60),
    /** Multiplier on the minimum (1.2 in special periods: alarm below 120 %). */
    factor: z.number().min(1).max(5).default(1),
  }),
  evaluate(ctx) {
    const dc = evaluateDcBattery(ctx); // devices reporting a DC plant: rules/pwr-dc.ts
    for (const { s, node } of upsDevices(ctx)) {
      if (dc.has(s.id)) continue;
      const d = s.device;
      const sites = [d.site];
      if (!ctx.applies(d.class, sites)) continue;
      const t = ctx.thresholds(d.class, sites);
      const dcPlant = node?.kind === 'rectifier' || node?.kind === 'battery';
      const min = (dcPlant ? t.dcPlantMinutes : t.upsMinutes) * t.factor;
      const base = { subject: { kind: 'device' as const, id: s.id }, class: d.class, site: d.site, sites };
      const u = s.observation?.ups ?? null;
      if (u === null) {
        const w = whyUnknown(s);
        ctx.emit({ ...base, state: 'unknown', evidence: [statusEvidence(s)], explanation: { en: `${s.id}: battery state unknown; ${w.en}`, zh: `${s.id}：电池状态未知，${w.zh}` } });
        continue;
      }
      const evidence = [
        fact('battery status', u.batteryStatus, s.observedAt),
        fact('minutes remaining', u.minutesRemaining, s.observedAt),
        fact('minimum minutes', Math.round(min * 10) / 10),
      ];
      if (u.batteryStatus === 'low' || u.batteryStatus === 'depleted') {
        ctx.emit({ ...base, state: 'unprotected', evidence, explanation: { en: `${s.id}: battery ${u.batteryStatus}; a mains failure now drops the load`, zh: `${s.id}：电池${u.batteryStatus === 'low' ? '电量低' : '已耗尽'}，此时市电中断将直接导致负载断电` } });
      } else if (u.minutesRemaining === null) {
        ctx.emit({ ...base, state: 'unknown', evidence, explanation: { en: `${s.id}: the UPS does not report its runtime`, zh: `${s.id}：UPS 未上报后备时长` } });
      } else if (u.minutesRemaining < min) {
        ctx.emit({
          ...base, state: 'degraded', evidence,
          explanation: { en: `${s.id}: ${u.minutesRemaining} min of battery, ${Math.round(min)} min required`, zh: `${s.id}：电池后备 ${u.minutesRemaining} 分钟，低于要求的 ${Math.round(min)} 分钟` },
        });
      } else {
        ctx.emit({ ...base, state: 'protected', evidence, explanation: { en: `${s.id}: ${u.minutesRemaining} min of battery`, zh: `${s.id}：电池后备 ${u.minutesRemaining} 分钟` } });
      }
    }
  },
});

export const pwr005 = defineRule({
  id: 'PWR-005',
  family: 'PWR',
  thresholds: z.strictObject({ graceMinutes: z.number().nonnegative().default(15) }),
  evaluate(ctx) {
    for (const { s } of upsDevices(ctx)) {
      const d = s.device;
      const sites = [d.site];
      if (!ctx.applies(d.class, sites)) continue;
      const { graceMinutes } = ctx.thresholds(d.class, sites);
      const base = { subject: { kind: 'device' as const, id: s.id }, class: d.class, site: d.site, sites };
      const u = s.observation?.ups ?? null;
      if (u === null) {
        const w = whyUnknown(s);
        ctx.emit({ ...base, state: 'unknown', evidence: [statusEvidence(s)], explanation: { en: `${s.id}: UPS output path unknown; ${w.en}`, zh: `${s.id}：UPS 输出状态未知，${w.zh}` } });
        continue;
      }
      const since = s.upsOutputSince;
      const evidence = [
        fact('output source', u.outputSource, s.observedAt),
        ...(since !== undefined ? [fact('output source since', new Date(since).toISOString())] : []),
        fact('input line faults', u.inputLineBads, s.observedAt),
      ];
      switch (u.outputSource) {
        case 'normal':
          ctx.emit({ ...base, state: 'protected', evidence, explanation: { en: `${s.id}: UPS on its normal path`, zh: `${s.id}：UPS 处于正常供电状态` } });
          break;
        case 'battery':
        case 'bypass': {
          const mins = since === undefined ? null : (ctx.now - since) / 60_000;
          const how = u.outputSource === 'battery'
            ? { en: 'on battery', zh: '处于电池供电' }
            : { en: 'on bypass (load unprotected by the UPS)', zh: '处于旁路（负载失去 UPS 保护）' };
          const dur = mins === null ? { en: 'for an unknown time', zh: '持续时间未知' } : { en: `for ${Math.round(mins)} min`, zh: `已持续 ${Math.round(mins)} 分钟` };
          ctx.emit({
            ...base, evidence,
            state: mins !== null && mins < graceMinutes ? 'degraded' : 'unprotected',
            explanation: { en: `${s.id}: UPS ${how.en} ${dur.en}`, zh: `${s.id}：UPS ${how.zh}，${dur.zh}` },
          });
          break;
        }
        case 'none':
          ctx.emit({ ...base, state: 'down', evidence, explanation: { en: `${s.id}: the UPS reports no output`, zh: `${s.id}：UPS 无输出` } });
          break;
        case 'other':
        case 'unknown':
          ctx.emit({ ...base, state: 'unknown', evidence, explanation: { en: `${s.id}: UPS output source ${u.outputSource}`, zh: `${s.id}：UPS 输出来源未知` } });
          break;
      }
    }
  },
});
