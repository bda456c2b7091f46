/**
 * A finding as a person reads it, for tests that pin what a rule says and not only its verdict:
 * the verdict (state and colour), how it counts (severity, the unknown reason), where (sites),
 * the evidence as `what = value` lines (`@ time` when observed) and both sentences.
 */
import type { Evidence, Finding } from '../../src/analysis/finding.js';

export interface FindingView {
  readonly verdict: string;
  readonly severity: Finding['severity'];
  readonly reason: string | null;
  readonly site: string | null;
  readonly sites: readonly string[];
  readonly evidence: readonly string[];
  readonly en: string;
  readonly zh: string;
}

/** One evidence line: `what = value`, the value as JSON (so `null` and `"null"` differ), `@ ISO time` when observed. */
export function evidenceLine(e: Evidence): string {
  return `${e.what} = ${JSON.stringify(e.value)}${e.observedAt === null ? '' : ` @ ${e.observedAt}`}`;
}

/** What one finding says. */
export function said(f: Finding): FindingView {
  return {
    verdict: `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`,
    severity: f.severity,
    reason: f.reason ?? null,
    site: f.site,
    sites: f.sites,
    evidence: f.evidence.map(evidenceLine),
    en: f.explanation.en,
    zh: f.explanation.zh,
  };
}

/** What each finding says, by subject id. */
export function saidBy(findings: readonly Finding[]): Record<string, FindingView> {
  return Object.fromEntries(findings.map((f) => [f.subject.id, said(f)]));
}
