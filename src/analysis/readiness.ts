/**
 * Readiness sweeps before a special period (protection-policy.md §5 and the clarification that
 * preparation is due in advance): at T−7 d and T−1 d before a period's first day, the failing and
 * unknown findings in the period's scope are listed on their own, coloured as they will be once
 * the period starts, so the duty officer can clear them before it does. Pure: time is an argument.
 */
import type { Inventory } from '../inventory/model.js';
import { raiseColour, RISK_LEVEL_ZH, type Bilingual, type Colour, type Finding } from './finding.js';
import { periodCovers, type Policy, type SpecialPeriod } from './policy.js';
import { bi, formatLocalDate, RISK_LEVELS } from './rules/words.js';

const DAY = 86_400_000;

/** One readiness sweep: a period about to start, the sweep it is due for, and the findings to clear. */
export interface ReadinessSweep {
  readonly period: { readonly id: string; readonly name: string; readonly label: Bilingual; readonly kind: SpecialPeriod['kind']; readonly start: string; readonly end: string };
  /** `T-7`, `T-1` (days before the first day). */
  readonly sweep: string;
  readonly daysBefore: number;
  /** What the sweep says, in both languages. */
  readonly explanation: Bilingual;
  /** Failing and unknown findings in the period's scope, coloured as during the period. */
  readonly findings: readonly Finding[];
}

/** The sweep due at `now` for a period: the nearest of the readiness days already reached, or null. */
export function sweepDue(p: SpecialPeriod, readinessDays: readonly number[], now: number): number | null {
  if (now >= p.startMs) return null;
  const due = readinessDays.filter((d) => now >= p.startMs - d * DAY);
  return due.length === 0 ? null : Math.min(...due);
}

/** The readiness sweeps due at `now`, over the findings of a run. */
export function readinessSweeps(policy: Policy, inventory: Inventory, findings: readonly Finding[], now: number, timeZone: string): ReadinessSweep[] {
  const out: ReadinessSweep[] = [];
  for (const p of policy.periods.calendar) {
    if (!p.inForce) continue;
    const days = sweepDue(p, policy.periods.readinessDays, now);
    if (days === null) continue;
    const inScope = findings
      .filter((f) => f.state !== 'protected' && f.waived === undefined && periodCovers(p, inventory, f.class, f.sites))
      .map((f): Finding => {
        const colour: Colour | null = f.colour === null ? null : raiseColour(f.colour, policy.periods.raise);
        return { ...f, colour, riskLevel: colour === null ? null : RISK_LEVEL_ZH[colour], risk: colour === null ? null : RISK_LEVELS[colour], period: { id: p.id, name: p.name } };
      });
    const date = formatLocalDate(p.startDate, timeZone);
    out.push({
      period: { id: p.id, name: p.name, label: p.label, kind: p.kind, start: new Date(p.startMs).toISOString(), end: new Date(p.endMs).toISOString() },
      sweep: `T-${days}`,
      daysBefore: days,
      explanation: inScope.length === 0
        ? bi(`${p.label.zh}自 ${date.zh}起，提前 ${days} 天检查：范围内无未消除的风险`, `${p.label.en} starts ${date.en}; readiness sweep ${days} day(s) before: nothing left to clear in its scope`)
        : bi(`${p.label.zh}自 ${date.zh}起，提前 ${days} 天检查：范围内仍有 ${inScope.length} 项风险须在保障期前消除`, `${p.label.en} starts ${date.en}; readiness sweep ${days} day(s) before: ${inScope.length} finding(s) in its scope to clear before it starts`),
      findings: inScope,
    });
  }
  return out;
}
