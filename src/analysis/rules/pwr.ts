/**
 * PWR — multiple power supplies (多路电源), protection-policy.md §4.6.
 *
 * PWR-001:  ≥ minWorking PSUs in state ok; a failed or missing PSU, or the device reporting its
 *           power redundancy lost, is degraded. Empty bays (`absent`) are never failures.
 * PWR-001b: the PSUs' feeds share no upstream PDU, panel, UPS, rectifier or ATS (the inventory
 *           power chain is walked; an element whose single loss cuts every PSU is a SPOF). Each
 *           `psus[].match` must name exactly one PSU the device reports, and every installed PSU
 *           must be mapped; after a PSU failure, the PSUs still running are judged again (all on
 *           one element: unprotected, naming it).
 * PWR-002:  the site has utility feeds from ≥ minSources distinct substations (一类市电), and, live,
 *           every mains line the site's devices watch has power: a rectifier controller's AC
 *           inputs or its mains status, a transfer switch's sources, a site monitor's mains-fail
 *           contact. A line without power while another has it is degraded; none with power
 *           (the site on batteries or generator) is unprotected. Where no device at the site
 *           reports its mains, the design verdict stands and the finding says the live state is
 *           unknown, and why.
 * PWR-004:  battery runtime ≥ the class minimum (UPS or DC plant), battery not low/depleted; a
 *           device reporting a DC plant is judged by the DC half in pwr-dc.ts.
 * PWR-005:  the UPS runs on its normal path, not on battery or bypass.
 * Sentences in `pwr-words.ts`.
 */
import { z } from 'zod';
import type { Component } from '../../collect/observation.js';
import type { PowerNodeConfig } from '../../config/schema.js';
import type { Device } from '../../inventory/model.js';
import { normalName } from '../../snapshot/port-names.js';
import type { DeviceSnapshot } from '../../snapshot/types.js';
import { fact, type Bilingual } from '../finding.js';
import { commonDominators, feedDominators } from '../network/power-chain.js';
import { POWER_KIND_NAMES, statusEvidence, whyUnknown } from './common.js';
import { evaluateDcBattery } from './pwr-dc.js';
import { PWR_WORDS } from './pwr-words.js';
import { bi, join } from './words.js';
import { defineRule, type RuleContext } from './types.js';

/** One `psus[]` entry of an inventory device. */
type DevicePsu = Device['psus'][number];

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
        ctx.emit({ ...base, state: 'unknown', reason: 'stale_data', evidence: [statusEvidence(s)], explanation: PWR_WORDS.psuUnknownBecause(s.id, whyUnknown(s)) });
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
        else ctx.emit({ ...base, state: 'unknown', reason: 'no_data', evidence, explanation: PWR_WORDS.noPsuState(s.id) });
        continue;
      }
      const names = (l: readonly { name: string }[]): string => l.map((p) => p.name).join(', ');
      if (failed.length + missing > 0) {
        const what = join([
          ...(failed.length > 0 ? [PWR_WORDS.failed(names(failed))] : []),
          ...(missing > 0 ? [PWR_WORDS.missing(missing, d.expectedPsus ?? 0)] : []),
        ], bi('；', '; '));
        if (ok.length === 0) ctx.emit({ ...base, state: 'unprotected', evidence, explanation: PWR_WORDS.noneOk(s.id, what) });
        else ctx.emit({ ...base, state: 'degraded', evidence, explanation: ok.length === 1 ? PWR_WORDS.aloneOn(s.id, what, ok[0]!.name) : PWR_WORDS.left(s.id, what, ok.length) });
        continue;
      }
      if (ok.length < min) {
        if (unknown.length > 0) {
          ctx.emit({ ...base, state: 'unknown', reason: 'no_data', evidence, explanation: PWR_WORDS.someUnknown(s.id, ok.length, names(unknown)) });
        } else {
          ctx.emit({ ...base, state: 'unprotected', evidence, explanation: PWR_WORDS.tooFew(s.id, ok.length, min) });
        }
        continue;
      }
      if (redundancy?.state === 'nonRedundant') {
        ctx.emit({ ...base, state: 'degraded', evidence, explanation: PWR_WORDS.redundancyLost(s.id) });
        continue;
      }
      ctx.emit({ ...base, state: 'protected', evidence, explanation: PWR_WORDS.psusOk(s.id, ok.length) });
    }
  },
});

function chainText(power: ReadonlyMap<string, PowerNodeConfig>, feed: string): string {
  const doms = feedDominators(power, feed);
  return doms.length > 0 ? doms.join(' ← ') : feed;
}

/** The reported units an inventory `psus[].match` names: exact name or id first, else every name containing it (case-insensitive). */
export function unitsMatching(match: string, units: readonly Component[]): Component[] {
  const m = normalName(match);
  const exact = units.filter((u) => normalName(u.name) === m || normalName(u.id) === m);
  return exact.length > 0 ? exact : units.filter((u) => normalName(u.name).includes(m));
}

/** Each mapped PSU with the unit it names on the device (when exactly one), and what does not fit. */
function checkMapping(psus: readonly DevicePsu[], units: readonly Component[]): { mapped: { psu: DevicePsu; unit: Component | null }[]; notes: Bilingual[] } {
  const notes: Bilingual[] = [];
  const used = new Set<Component>();
  const mapped = psus.map((psu) => {
    const hits = unitsMatching(psu.match, units);
    for (const h of hits) used.add(h);
    if (hits.length === 0) notes.push(PWR_WORDS.matchesNone(psu.match, units.map((u) => u.name)));
    else if (hits.length > 1) notes.push(PWR_WORDS.matchesSeveral(psu.match, hits.map((u) => u.name)));
    return { psu, unit: hits.length === 1 ? hits[0]! : null };
  });
  // installed units nobody mapped (empty bays are not PSUs)
  const unmapped = units.filter((u) => u.status !== 'absent' && !used.has(u)).map((u) => u.name);
  if (unmapped.length > 0) notes.push(PWR_WORDS.unmapped(unmapped));
  return { mapped, notes };
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
      const sharedBy = (feeds: readonly string[]): string[] => commonDominators(power, feeds).filter((x) => !ignoreKinds.includes(power.get(x)?.kind ?? 'mains'));
      const kindOf = (x: string): Bilingual => POWER_KIND_NAMES[power.get(x)?.kind ?? ''] ?? { en: 'power element', zh: '供电设备' };
      const feeds = d.psus.map((p) => p.feed);
      const shared = sharedBy(feeds);
      // the mapping against what the device reports, when it reports PSUs
      const s = ctx.snapshot.devices.get(d.id);
      const units = s?.observation?.powerSupplies ?? [];
      const { mapped, notes } = units.length > 0 ? checkMapping(d.psus, units) : { mapped: d.psus.map((psu) => ({ psu, unit: null })), notes: [] };
      const at = s?.observedAt ?? null;
      const evidence = [
        ...mapped.map(({ psu }) => fact(`PSU ${psu.match} feed`, chainText(power, psu.feed))),
        ...(units.length > 0
          ? mapped.map(({ psu, unit }) => fact(`PSU ${psu.match} on the device`, unit === null ? 'no single match' : `${unit.name}: ${unit.status}`, at))
          : [fact('PSU mapping', 'not checked: the device reports no PSUs now')]),
      ];
      const base = { subject: { kind: 'device' as const, id: d.id }, class: d.class, site: d.site, sites, evidence };
      if (shared.length > 0) {
        const first = shared[0]!;
        const distinct = [...new Set(feeds)];
        const all = PWR_WORDS.allPsus(feeds.length);
        const sentence = distinct.length === 1 && distinct[0] === first
          ? PWR_WORDS.fedFrom(d.id, all, first, kindOf(first))
          : PWR_WORDS.dependOn(d.id, all, distinct, first, kindOf(first));
        ctx.emit({ ...base, state: 'unprotected', explanation: PWR_WORDS.withNotes(sentence, notes) });
        continue;
      }
      // after a failure: the PSUs still running must not hang on one element either
      const down = mapped.filter((m) => m.unit !== null && (m.unit.status === 'failed' || m.unit.status === 'absent'));
      const running = mapped.filter((m) => m.unit?.status === 'ok');
      const left = running.length >= 2 && down.length > 0 ? sharedBy(running.map((m) => m.psu.feed)) : [];
      if (left.length > 0) {
        const first = left[0]!;
        ctx.emit({
          ...base, state: 'unprotected',
          evidence: [...evidence, fact('surviving PSUs share', chainText(power, first), at)],
          explanation: PWR_WORDS.withNotes(PWR_WORDS.survivorsShare(d.id, down.map((m) => m.unit!.name), running.map((m) => m.unit!.name), first, kindOf(first)), notes),
        });
        continue;
      }
      if (notes.length > 0) {
        ctx.emit({ ...base, state: 'degraded', severity: 'evidenceGap', explanation: PWR_WORDS.mappingWrong(d.id, notes) });
        continue;
      }
      ctx.emit({ ...base, state: 'protected', explanation: PWR_WORDS.independent(d.id) });
    }
  },
});

/** One live reading of a mains line at a site: which device says it, about what, and whether power is on it. */
interface MainsReading {
  readonly what: string;
  readonly ok: boolean;
}

/** What the fresh devices at a site say about its mains lines now. */
function liveMains(ctx: RuleContext<unknown>, site: string): MainsReading[] {
  const out: MainsReading[] = [];
  for (const s of ctx.snapshot.devices.values()) {
    const o = s.observation;
    if (s.device.site !== site || s.status !== 'fresh' || o === null) continue;
    for (const input of o.powerInputs ?? []) {
      if (input.role !== 'mains' || (input.state !== 'ok' && input.state !== 'failed')) continue;
      out.push({ what: `${s.id} ${input.name}`, ok: input.state === 'ok' });
    }
    // a controller that lists its AC inputs has said it per line above; its summary adds nothing
    const listsInputs = (o.powerInputs ?? []).some((i) => i.role === 'mains');
    if (!listsInputs) for (const p of o.dcPower) if (p.mains !== 'unknown') out.push({ what: `${s.id} ${p.source}`, ok: p.mains === 'ok' });
    for (const x of o.siteSensors) if (x.purpose === 'mains' && x.alarm !== null) out.push({ what: `${s.id} ${x.name}`, ok: !x.alarm });
  }
  return out;
}

/** Generators at a site whose fresh controllers say they are running (power on their output), by device and name. */
function runningGenerators(ctx: RuleContext<unknown>, site: string): string[] {
  const out: string[] = [];
  for (const s of ctx.snapshot.devices.values()) {
    if (s.device.site !== site || s.status !== 'fresh' || s.observation === null) continue;
    for (const input of s.observation.powerInputs ?? []) if (input.role === 'generator' && input.state === 'ok') out.push(`${s.id} ${input.name}`);
  }
  return out;
}

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
      const live = liveMains(ctx, site.id);
      const lost = live.filter((r) => !r.ok).map((r) => r.what);
      const powered = live.filter((r) => r.ok).length;
      const evidence = [
        ...mains.map((m) => fact(`${m.id} substation`, m.substation ?? null)),
        fact('mains inputs with power (live)', live.length === 0 ? null : powered, ctx.now),
        fact('mains inputs without power (live)', live.length === 0 ? null : lost.join(', '), ctx.now),
      ];
      const base = { subject: { kind: 'site' as const, id: site.id }, class: site.class, site: site.id, sites: [site.id], evidence };
      if (substations.length < minSources) {
        ctx.emit({ ...base, state: 'unprotected', explanation: PWR_WORDS.tooFewSubstations(site.id, substations, minSources) });
      } else if (lost.length > 0 && powered === 0) {
        // every line is dead: a running generator still carries the site, one more loss (the
        // generator) leaves it on batteries; without one the batteries are all there is
        const running = runningGenerators(ctx, site.id);
        if (running.length === 0) ctx.emit({ ...base, state: 'unprotected', explanation: PWR_WORDS.linesLost(site.id, lost, powered) });
        else {
          const withGen = { ...base, evidence: [...evidence, fact('generators running (live)', running.join(', '), ctx.now)] };
          ctx.emit({ ...withGen, state: 'degraded', explanation: PWR_WORDS.onGenerator(site.id, lost, running) });
        }
      } else if (lost.length > 0) {
        ctx.emit({ ...base, state: 'degraded', explanation: PWR_WORDS.linesLost(site.id, lost, powered) });
      } else {
        const note = live.length === 0 ? PWR_WORDS.liveUnknown : PWR_WORDS.livePowered(powered);
        ctx.emit({ ...base, state: 'protected', explanation: PWR_WORDS.withLive(PWR_WORDS.substations(site.id, substations.length), note) });
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
        ctx.emit({ ...base, state: 'unknown', reason: 'stale_data', evidence: [statusEvidence(s)], explanation: PWR_WORDS.batteryUnknownBecause(s.id, whyUnknown(s)) });
        continue;
      }
      const evidence = [
        fact('battery status', u.batteryStatus, s.observedAt),
        fact('minutes remaining', u.minutesRemaining, s.observedAt),
        fact('minimum minutes', Math.round(min * 10) / 10),
      ];
      if (u.batteryStatus === 'low' || u.batteryStatus === 'depleted') {
        ctx.emit({ ...base, state: 'unprotected', evidence, explanation: PWR_WORDS.batteryLow(s.id, u.batteryStatus) });
      } else if (u.minutesRemaining === null) {
        ctx.emit({ ...base, state: 'unknown', reason: 'no_data', evidence, explanation: PWR_WORDS.noRuntime(s.id) });
      } else if (u.minutesRemaining < min) {
        ctx.emit({ ...base, state: 'degraded', evidence, explanation: PWR_WORDS.shortRuntime(s.id, u.minutesRemaining, Math.round(min)) });
      } else {
        ctx.emit({ ...base, state: 'protected', evidence, explanation: PWR_WORDS.runtime(s.id, u.minutesRemaining) });
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
        ctx.emit({ ...base, state: 'unknown', reason: 'stale_data', evidence: [statusEvidence(s)], explanation: PWR_WORDS.pathUnknownBecause(s.id, whyUnknown(s)) });
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
          ctx.emit({ ...base, state: 'protected', evidence, explanation: PWR_WORDS.normalPath(s.id) });
          break;
        case 'battery':
        case 'bypass': {
          const mins = since === undefined ? null : (ctx.now - since) / 60_000;
          const how = u.outputSource === 'battery' ? PWR_WORDS.onBattery : PWR_WORDS.onBypass;
          ctx.emit({
            ...base, evidence,
            state: mins !== null && mins < graceMinutes ? 'degraded' : 'unprotected',
            explanation: PWR_WORDS.offNormal(s.id, how, PWR_WORDS.forMinutes(mins)),
          });
          break;
        }
        case 'none':
          ctx.emit({ ...base, state: 'down', evidence, explanation: PWR_WORDS.noOutput(s.id) });
          break;
        case 'other':
        case 'unknown':
          ctx.emit({ ...base, state: 'unknown', reason: 'no_data', evidence, explanation: PWR_WORDS.sourceUnknown(s.id, u.outputSource) });
          break;
      }
    }
  },
});
