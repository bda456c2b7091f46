/**
 * PWR — DC power plants (动环 rectifier controllers), protection-policy.md §4.6.
 *
 * PWR-003: healthy rectifier modules ≥ the modules the load needs + spares (one per ≤ sparePer
 *          modules, at least one): fewer than the load needs is unprotected, fewer than that
 *          plus the spares is degraded. The load's need comes from load ÷ module rating, or
 *          from the used capacity (used % × installed modules) when the controller gives that.
 * PWR-004 (DC half, called by PWR-004): battery not in fault, ≥ 2 strings where the controller
 *          counts them, minutes left ≥ the class's DC minimum × factor.
 * Every field the controller does not report makes the verdict `unknown`, with what is missing.
 */
import { z } from 'zod';
import type { DcPowerPlant } from '../../collect/observation.js';
import type { DeviceSnapshot } from '../../snapshot/types.js';
import { fact, type Evidence } from '../finding.js';
import { statusEvidence, whyUnknown } from './common.js';
import { PWR_DC_WORDS as W } from './pwr-dc-words.js';
import { defineRule, type Outcome, type RuleContext } from './types.js';

/** Devices to judge as DC plants: those reporting one, and those the power chain names as a rectifier. */
function dcPlantDevices(ctx: RuleContext<unknown>): DeviceSnapshot[] {
  const rectifierDevices = new Set<string>();
  for (const p of ctx.snapshot.inventory.power.values()) if (p.device !== undefined && p.kind === 'rectifier') rectifierDevices.add(p.device);
  return [...ctx.snapshot.devices.values()].filter((s) => s.status !== 'unmonitored' && ((s.observation?.dcPower.length ?? 0) > 0 || rectifierDevices.has(s.id)));
}

/** The plant a fresh device reports, or why there is none. */
function plantOf(s: DeviceSnapshot): DcPowerPlant | 'stale' | 'none' {
  if (s.status !== 'fresh' || s.observation === null) return 'stale';
  return s.observation.dcPower[0] ?? 'none';
}

/** Modules the load needs, from load ÷ rating or from the used share of the installed modules. */
export function modulesNeeded(p: DcPowerPlant): number | null {
  const installed = p.rectifiers === null ? 0 : p.rectifiers.ok + p.rectifiers.failed + p.rectifiers.unknown;
  if (p.loadAmps !== null && p.moduleRatingAmps !== null && p.moduleRatingAmps > 0) return Math.max(1, Math.ceil(p.loadAmps / p.moduleRatingAmps));
  if (p.capacityUsedPercent !== null && installed > 0) return Math.max(1, Math.ceil((p.capacityUsedPercent / 100) * installed - 1e-9));
  return null;
}

function plantEvidence(p: DcPowerPlant, at: number | null): Evidence[] {
  return [
    fact('rectifier modules ok', p.rectifiers?.ok ?? null, at),
    fact('rectifier modules failed', p.rectifiers?.failed ?? null, at),
    fact('load (A)', p.loadAmps, at),
    fact('module rating (A)', p.moduleRatingAmps, at),
    fact('capacity used (%)', p.capacityUsedPercent, at),
    fact('source', p.source),
  ];
}

export const pwr003 = defineRule({
  id: 'PWR-003',
  family: 'PWR',
  thresholds: z.strictObject({
    /** One spare module per this many modules the load needs (at least one spare). */
    sparePer: z.number().int().min(1).max(100).default(10),
  }),
  evaluate(ctx) {
    for (const s of dcPlantDevices(ctx)) {
      const d = s.device;
      const sites = [d.site];
      if (!ctx.applies(d.class, sites)) continue;
      const { sparePer } = ctx.thresholds(d.class, sites);
      const base = { subject: { kind: 'device' as const, id: s.id }, class: d.class, site: d.site, sites };
      const p = plantOf(s);
      if (p === 'stale') { ctx.emit({ ...base, state: 'unknown', evidence: [statusEvidence(s)], explanation: W.unknownDevice(s.id, whyUnknown(s)) }); continue; }
      if (p === 'none') { ctx.emit({ ...base, state: 'unknown', evidence: [statusEvidence(s)], explanation: W.noPlantData(s.id) }); continue; }
      const evidence = plantEvidence(p, s.observedAt);
      const needed = modulesNeeded(p);
      if (p.rectifiers === null) { ctx.emit({ ...base, state: 'unknown', evidence, explanation: W.noRectifiers(s.id) }); continue; }
      if (needed === null) { ctx.emit({ ...base, state: 'unknown', evidence, explanation: W.noHeadroomData(s.id) }); continue; }
      const spares = Math.max(1, Math.ceil(needed / sparePer));
      const ok = p.rectifiers.ok;
      evidence.push(fact('modules needed for the load', needed), fact('spares required', spares));
      if (ok < needed) ctx.emit({ ...base, state: 'unprotected', evidence, explanation: W.overloaded(s.id, ok, needed) });
      else if (ok < needed + spares) ctx.emit({ ...base, state: 'degraded', evidence, explanation: W.noSpare(s.id, ok, needed, spares) });
      else ctx.emit({ ...base, state: 'protected', evidence, explanation: W.nPlusOne(s.id, ok, needed) });
    }
  },
});

/** PWR-004's thresholds, as the DC half reads them. */
export interface DcBatteryThresholds {
  readonly dcPlantMinutes: number;
  readonly factor: number;
}

/**
 * The DC half of PWR-004: judges the battery of every device that reports a DC plant and
 * returns their ids, so that PWR-004's UPS half leaves them alone.
 */
export function evaluateDcBattery(ctx: RuleContext<DcBatteryThresholds>): Set<string> {
  const handled = new Set<string>();
  for (const s of ctx.snapshot.devices.values()) {
    const p = s.observation?.dcPower[0];
    if (p === undefined || s.status === 'unmonitored') continue;
    handled.add(s.id);
    const d = s.device;
    const sites = [d.site];
    if (!ctx.applies(d.class, sites)) continue;
    const t = ctx.thresholds(d.class, sites);
    const min = Math.round(t.dcPlantMinutes * t.factor * 10) / 10;
    const base = { subject: { kind: 'device' as const, id: s.id }, class: d.class, site: d.site, sites };
    if (s.status !== 'fresh') { ctx.emit({ ...base, state: 'unknown', evidence: [statusEvidence(s)], explanation: W.unknownDevice(s.id, whyUnknown(s)) }); continue; }
    const b = p.battery;
    const evidence = [
      fact('battery state', b.state, s.observedAt),
      fact('battery strings', b.strings, s.observedAt),
      fact('minutes remaining', b.minutesRemaining, s.observedAt),
      fact('minimum minutes', min),
      fact('source', p.source),
    ];
    const out = (state: Outcome['state'], explanation: Outcome['explanation']): void => { ctx.emit({ ...base, state, evidence, explanation }); };
    if (b.state === 'fault') out('unprotected', W.batteryFault(s.id));
    else if (b.strings !== null && b.strings < 2) out('unprotected', W.oneString(s.id, b.strings));
    else if (b.minutesRemaining === null) out('unknown', W.noMinutes(s.id));
    else if (b.minutesRemaining < min) out('degraded', W.short(s.id, b.minutesRemaining, min));
    else out('protected', W.enough(s.id, b.minutesRemaining, b.state));
  }
  return handled;
}
