/**
 * The reports an inspector takes away (issue #13): the redundancy audit and risk list, the
 * ledger export (台账), and the half-year and annual safety summaries (三、（三）). Each is a pure model (`buildAuditModel`, `buildLedgerModel`), a document
 * in one language, the shared renderers and the shared signing. `reportOf` picks a kind; the
 * CLI (`redline report`) and the API (`/api/v1/reports/*`) parse their requests with
 * `reportQueryOf`, so both accept and refuse the same things with the same words.
 */
import { PROTECTION_CLASSES, type ProtectionClass } from '../config/schema.js';
import { UsageError } from '../common/errors.js';
import { auditDocument } from './audit-document.js';
import { buildAuditModel, type AuditModel, type ReportScope, type ReportWindow } from './audit-model.js';
import { REPORT_LANGS, type ReportLang } from './document.js';
import { ledgerDocument } from './ledger-document.js';
import { buildLedgerModel, type LedgerModel } from './ledger-model.js';
import type { RenderableReport } from './produce.js';
import { auditInputOf, ledgerInputOf, type ReportSources } from './sources.js';
import { summaryDocument } from './summary-document.js';
import { buildSummaryModel, type SummaryModel } from './summary-model.js';
import { parsePeriod, periodEnd, periodOf, type SummaryPeriod } from './summary-period.js';
import { summaryInputOf } from './summary-sources.js';

/** The report kinds. */
export const REPORT_KINDS = ['audit', 'ledger', 'summary'] as const;
/** One of REPORT_KINDS. */
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A parsed report request. */
export interface ReportQuery {
  readonly window: ReportWindow;
  readonly scope: ReportScope;
  readonly lang: ReportLang;
  /** The summary's period (`period=`); absent: the half year under way. */
  readonly period?: SummaryPeriod;
}

/** A time given by a person: ISO 8601 with a zone (Z or ±hh:mm). */
function timeOf(name: string, v: string, problems: string[]): number | null {
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(v) || !Number.isFinite(Date.parse(v))) {
    problems.push(`--${name} must be an ISO 8601 time with its zone (e.g. 2026-06-30T16:00:00Z or 2026-07-01T00:00:00+08:00), got "${v}"`);
    return null;
  }
  return Date.parse(v);
}

/** Parses a request's scope, window and language; throws a UsageError naming every bad one. */
export function reportQueryOf(raw: { readonly scope?: string; readonly at?: string; readonly from?: string; readonly to?: string; readonly lang?: string; readonly period?: string }, now: number, timeZone = 'Asia/Shanghai'): ReportQuery {
  const problems: string[] = [];
  let period: SummaryPeriod | undefined;
  if (raw.period !== undefined) {
    if (raw.at !== undefined || raw.from !== undefined || raw.to !== undefined) problems.push('give --period, or --at / --from and --to, not both');
    try {
      period = parsePeriod(raw.period, timeZone);
      if (period.from > now) problems.push(`--period ${raw.period} has not begun`);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  const scope: { province?: string; site?: string; class?: ProtectionClass } = {};
  for (const part of (raw.scope ?? 'all').split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== 'all')) {
    const [k, v] = part.split('=', 2) as [string, string | undefined];
    if (v === undefined || v === '') problems.push(`--scope ${part}: write all, province=<name>, site=<id> or class=<PC-…>`);
    else if (k === 'province') scope.province = v;
    else if (k === 'site') scope.site = v;
    else if (k === 'class') {
      if ((PROTECTION_CLASSES as readonly string[]).includes(v)) scope.class = v as ProtectionClass;
      else problems.push(`--scope class=${v}: not a protection class (${PROTECTION_CLASSES.join(', ')})`);
    } else problems.push(`--scope ${part}: unknown part "${k}" (province, site, class)`);
  }
  let window: ReportWindow = { at: now };
  if (raw.at !== undefined && (raw.from !== undefined || raw.to !== undefined)) problems.push('give --at, or --from and --to, not both');
  else if (raw.at !== undefined) {
    const at = timeOf('at', raw.at, problems);
    if (at !== null) {
      if (at > now) problems.push(`--at ${raw.at} is in the future`);
      window = { at };
    }
  } else if (raw.from !== undefined || raw.to !== undefined) {
    if (raw.from === undefined || raw.to === undefined) problems.push('--from and --to go together');
    else {
      const from = timeOf('from', raw.from, problems);
      const to = timeOf('to', raw.to, problems);
      if (from !== null && to !== null) {
        if (from >= to) problems.push(`--from ${raw.from} must be before --to ${raw.to}`);
        window = { from, to: Math.min(to, now) };
      }
    }
  }
  const lang = raw.lang ?? 'zh-CN';
  if (!(REPORT_LANGS as readonly string[]).includes(lang)) problems.push(`--lang ${lang}: choose zh-CN or en`);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  if (period !== undefined) window = { from: period.from, to: periodEnd(period, now) };
  return { window, scope, lang: lang as ReportLang, ...(period === undefined ? {} : { period }) };
}

/** A report of `kind` built from the sources, ready to render. */
export async function reportOf(kind: ReportKind, src: ReportSources, q: ReportQuery, createdAt: number): Promise<RenderableReport<AuditModel> | RenderableReport<LedgerModel> | RenderableReport<SummaryModel>> {
  if (kind === 'summary') {
    const model = buildSummaryModel(await summaryInputOf(src, { period: q.period ?? periodOf(createdAt, src.timeZone), scope: q.scope, createdAt }));
    return { kind, model, toDocument: summaryDocument };
  }
  if (kind === 'audit') {
    const model = buildAuditModel(await auditInputOf(src, { window: q.window, scope: q.scope, createdAt }));
    return { kind, model, toDocument: auditDocument };
  }
  const model = buildLedgerModel(await ledgerInputOf(src, { window: q.window, scope: q.scope, createdAt }));
  return { kind, model, toDocument: ledgerDocument };
}
