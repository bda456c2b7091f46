/**
 * Flap damping: a subject that changes state (firing ⇄ clear) `changes` times within
 * `withinMinutes` is reported once as flapping — under its own key, `<key>#flapping`, so the
 * dispatcher sends one notification (the flapping alert firing) instead of a page per toggle —
 * and stays so until it has not changed for `settleMinutes`. Then the subject is itself again:
 * firing if it fires, silent if not. A clock jump back drops changes "in the future" and counts
 * the settling from now. Pure; the state is plain data.
 */
import type { AlertingConfig } from '../config/schema.js';
import { flappingSummary } from './alert-words.js';
import type { Alert } from './types.js';

/** Per subject: when it changed lately, whether it fired at the last look, and since when it flaps. */
export interface FlapSubject {
  readonly changes: readonly number[];
  readonly firing: boolean;
  readonly flappingSince: number | null;
  /** The last change (kept beyond the counting window: settling is measured from it). */
  readonly lastChangeAt: number | null;
  /** The alert last seen, to keep reporting it while it flaps. */
  readonly last: Alert;
}

/** The damping state, by alert key. */
export interface FlapState {
  readonly subjects: Readonly<Record<string, FlapSubject>>;
}

/** Nothing seen yet. */
export const EMPTY_FLAP: FlapState = { subjects: {} };

/** The key a flapping subject is reported under. */
export function flappingKey(key: string): string {
  return `${key}#flapping`;
}

/** One damping step: the alerts to carry on with (flapping subjects replaced by one flapping alert each). */
export function damp(state: FlapState, alerts: readonly Alert[], now: number, config: AlertingConfig['flap']): { alerts: Alert[]; state: FlapState } {
  const withinMs = config.withinMinutes * 60_000;
  const settleMs = config.settleMinutes * 60_000;
  const current = new Map(alerts.map((a) => [a.key, a]));
  const next: Record<string, FlapSubject> = {};
  const out: Alert[] = [];
  const keys = new Set([...Object.keys(state.subjects), ...current.keys()]);
  for (const key of keys) {
    const prev = state.subjects[key];
    const alert = current.get(key);
    const firing = alert !== undefined;
    const changed = (prev?.firing ?? false) !== firing;
    let changes = [...(prev?.changes ?? []).filter((t) => t <= now && t > now - withinMs), ...(changed ? [now] : [])];
    const lastChangeAt = changed ? now : prev?.lastChangeAt === undefined || prev.lastChangeAt === null ? null : Math.min(prev.lastChangeAt, now);
    let flappingSince = prev?.flappingSince === undefined || prev.flappingSince === null ? null : Math.min(prev.flappingSince, now);
    if (flappingSince === null && changes.length >= config.changes) flappingSince = now;
    else if (flappingSince !== null && lastChangeAt !== null && now - lastChangeAt >= settleMs) {
      flappingSince = null;
      changes = []; // settled: the toggles that made it flap are spent
    }
    const last = alert ?? prev?.last;
    if (last === undefined) continue;
    if (flappingSince !== null) {
      out.push({ ...last, key: flappingKey(key), flapping: true, startsAt: flappingSince, endsAt: null, labels: { ...last.labels, flapping: 'true' }, summary: flappingSummary(last.summary, config.changes, config.withinMinutes) });
    } else if (alert !== undefined) {
      out.push(alert);
    }
    // forget a subject that is quiet and clear: nothing left to count
    if (flappingSince === null && !firing && changes.length === 0) continue;
    next[key] = { changes, firing, flappingSince, lastChangeAt, last };
  }
  return { alerts: out, state: { subjects: next } };
}
