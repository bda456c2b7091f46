/**
 * Where the safety summary's data comes from (through `ReportSources`, as the other reports):
 * the hazards and their history, the findings present at each month's end (the ledger's
 * `findingsAt`, placed by class and sites as the audit places them), the records of the period,
 * and for each cutover whether protection came back: the findings on its elements that began
 * failing in its window (the same reading as OPS-004: findings-history.ts) and their state at the
 * end of the period.
 */
import type { Inventory } from '../inventory/model.js';
import type { LedgerStore } from '../ledger/port.js';
import { devicesOf } from '../records/elements.js';
import { APPEARED_GRACE_MS } from '../records/evidence.js';
import { appearedViaPort } from '../records/findings-history.js';
import type { RecordsStore } from '../records/port.js';
import type { CutoverRecord, RecordKind, RecordOfKind } from '../records/types.js';
import type { ReportScope } from './audit-model.js';
import { allFindingsAt, allHazards, placer, provincesOf, ruleFactsOf, type ReportSources } from './sources.js';
import type { CutoverRestoration, SummaryInput } from './summary-model.js';
import { monthEnds, periodEnd, type SummaryPeriod } from './summary-period.js';

const FAILING = new Set(['down', 'unprotected', 'degraded']);

/** Every record of `kind` whose span overlaps [from, to]. */
async function recordsIn<K extends RecordKind>(records: RecordsStore, kind: K, from: number, to: number): Promise<RecordOfKind[K][]> {
  const out: RecordOfKind[K][] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await records.list({ kind, from, to, limit: 500, offset });
    out.push(...page.items);
    if (page.items.length < 500) return out;
  }
}

/** Whether protection came back after cutover `c`, judged at `end`. */
export async function restorationOf(store: Pick<LedgerStore, 'findingsAt' | 'findingChanges'>, inventory: Inventory, c: CutoverRecord, end: number, place: ReturnType<typeof placer>): Promise<CutoverRestoration> {
  if (c.status === 'draft' || c.status === 'cancelled') return { status: 'notApplicable' };
  const settled = c.windowEnd + APPEARED_GRACE_MS;
  if (settled > end) return { status: 'pending' };
  const devices = devicesOf(c.affected, inventory);
  const appeared = await appearedViaPort(store)(c.windowStart, settled);
  const byFp = new Map((await allFindingsAt(store, settled)).map((f) => [f.fingerprint, f]));
  const onElements = appeared.filter((fp) => {
    const f = byFp.get(fp);
    if (f === undefined) return false;
    const s = f.subject;
    if (s.kind === 'device' && devices.has(s.id)) return true;
    if (s.kind === 'link' && c.affected.links.includes(s.id)) return true;
    if (s.kind === 'pair' && s.id.split('+').some((x) => devices.has(x))) return true;
    return place(fp, s).sites.some((x) => c.affected.sites.includes(x));
  });
  const stillFailing: string[] = [];
  for (const fp of onElements) {
    const last = (await store.findingChanges(fp, { limit: 1, before: end + 1 }))[0];
    if (last !== undefined && FAILING.has(last.to)) stillFailing.push(fp);
  }
  return stillFailing.length === 0 ? { status: 'restored', failedInWindow: onElements.length } : { status: 'notRestored', failedInWindow: onElements.length, stillFailing };
}

/** The summary's input for a period and scope. */
export async function summaryInputOf(src: ReportSources, q: { readonly period: SummaryPeriod; readonly scope: ReportScope; readonly createdAt: number }): Promise<SummaryInput> {
  const end = periodEnd(q.period, q.createdAt);
  src.progress?.('hazards', 0, 1);
  const hazards = await allHazards(src.store, q.createdAt);
  const place = placer(src.inventory, await src.latestFindings(), hazards);
  const months = monthEnds(q.period, end, src.timeZone);
  const samples: SummaryInput['samples'][number][] = [];
  for (const [i, m] of months.entries()) {
    src.progress?.('months', i, months.length);
    const present = await allFindingsAt(src.store, m.at);
    samples.push({ label: m.label, at: m.at, findings: present.map((f) => ({ rule: f.rule, state: f.state, ...place(f.fingerprint, f.subject) })) });
  }
  let records: SummaryInput['records'] = null;
  if (src.records !== undefined) {
    src.progress?.('records', 0, 1);
    const from = q.period.from;
    const cutovers = await recordsIn(src.records, 'cutover', from, end);
    const restored: { record: CutoverRecord; restoration: CutoverRestoration }[] = [];
    for (const c of cutovers) restored.push({ record: c, restoration: await restorationOf(src.store, src.inventory, c, end, place) });
    records = {
      checklists: await recordsIn(src.records, 'checklist', from, end),
      cutovers: restored,
      drills: await recordsIn(src.records, 'drill', from, end),
      incidents: await recordsIn(src.records, 'incident', from, end),
    };
  }
  const coverage = await src.coverage();
  return {
    createdAt: q.createdAt, period: q.period, scope: q.scope, timeZone: src.timeZone, provinces: provincesOf(src.inventory), rules: ruleFactsOf(src.policy),
    hazards, samples, records, policyHash: src.policyHash,
    coverage: coverage === null ? null : { at: coverage.at, catalogue: coverage.catalogue, evaluated: coverage.evaluated, skipped: coverage.skipped.count },
    signingKey: src.signingKey,
  };
}
