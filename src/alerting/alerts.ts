/**
 * Alerts from the analysis: a degraded or unprotected finding is `redundancyLost` (a warning,
 * coloured by its risk level); a `down` finding is a `serviceDown` incident (critical) opened at
 * its start time. Protected and unknown findings raise nothing, nor does a waived finding (the
 * risk is accepted until the waiver ends). Pure: time and the operator's zone are arguments.
 */
import type { Finding } from '../analysis/finding.js';
import type { Hazard } from '../ledger/types.js';
import { alertDescription, redundancyLostSummary, serviceDownSummary } from './alert-words.js';
import type { Alert } from './types.js';

/** When each cause began, by alert key (kept across passes by the engine so `startsAt` is stable). */
export type StartTimes = Readonly<Record<string, number>>;

/** What alertsFrom reads. */
export interface AlertsInput {
  readonly findings: readonly Finding[];
  readonly hazards: readonly Hazard[];
  /** Known start times by alert key (an incident's first `down` pass, a trap's time). */
  readonly incidents?: StartTimes;
  readonly now: number;
  readonly timeZone: string;
  /** The console's base URL, for the link to the hazard. */
  readonly consoleUrl?: string;
}

/** The alert key of a finding: its fingerprint, or `incident:<kind>:<id>` when its subject is down. */
export function alertKeyOf(f: Finding): string {
  return f.state === 'down' ? `incident:${f.subject.kind}:${f.subject.id}` : f.fingerprint;
}

/** Whether a hazard still wants attention paged (not yet acknowledged): open or reopened. */
export function hazardUnacknowledged(h: Hazard): boolean {
  return h.status === 'open' || h.status === 'reopened';
}

// the hazard's page in the console (/hazards/<id>): its fields, history and the actions a role may take
function hazardUrl(base: string | undefined, id: string): string | null {
  if (base === undefined) return null;
  return `${base.replace(/\/+$/, '')}/hazards/${encodeURIComponent(id)}`;
}

/** The firing alerts for this analysis pass, one per failing finding, in the findings' order. */
export function alertsFrom(input: AlertsInput): Alert[] {
  const byFingerprint = new Map<string, Hazard>();
  for (const h of input.hazards) if (h.fingerprint !== null && h.status !== 'closed') byFingerprint.set(h.fingerprint, h);
  const out: Alert[] = [];
  for (const f of input.findings) {
    if (f.state !== 'degraded' && f.state !== 'unprotected' && f.state !== 'down') continue;
    if (f.waived !== undefined) continue;
    const key = alertKeyOf(f);
    const hazard = byFingerprint.get(f.fingerprint);
    const since = input.incidents?.[key] ?? hazard?.foundAt ?? input.now;
    const down = f.state === 'down';
    const labels: Record<string, string> = { alertname: down ? 'ServiceDown' : 'RedundancyLost', class: f.class, rule: f.rule, measure: f.measure, subject: `${f.subject.kind}:${f.subject.id}` };
    if (f.site !== null) labels['site'] = f.site;
    if (f.subject.kind === 'device') labels['device'] = f.subject.id;
    if (f.colour !== null) labels['colour'] = f.colour;
    out.push({
      key,
      kind: down ? 'serviceDown' : 'redundancyLost',
      severity: down ? 'critical' : 'warning',
      colour: f.colour,
      labels: labels as Alert['labels'],
      summary: down ? serviceDownSummary(f) : redundancyLostSummary(f),
      description: alertDescription(f, since, input.timeZone, hazard === undefined ? null : { id: hazard.id, url: hazardUrl(input.consoleUrl, hazard.id) }),
      ...(hazard === undefined ? {} : { hazardId: hazard.id, acknowledged: !hazardUnacknowledged(hazard) }),
      startsAt: since,
      endsAt: null,
    });
  }
  return out;
}
