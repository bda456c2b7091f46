/**
 * The ledger export (隐患排查治理台账, issue #13 item 2) as data: one row per hazard under the
 * Chinese headings of protection-policy.md §6.1 (the columns of `GET /api/v1/hazards/export`),
 * each hazard's rectification history through verification and closure (销号), and for each
 * 重大隐患 its governance plan (治理方案, six parts) and the record of its report to the
 * administration. Pure; the JSON export is this model (docs/schemas/ledger-report.schema.json).
 */
import type { Bilingual } from '../analysis/finding.js';
import type { GovernancePlan, Hazard, HazardEvent, HazardEventKind, HazardStatus, RegulatorReport } from '../ledger/types.js';
import { inScope, statusAt, type ReportScope, type ReportWindow } from './audit-model.js';
import { LEDGER_COLUMNS, type LedgerValue } from './ledger-columns.js';

/** One entry of a hazard's rectification history. */
export interface LedgerHistoryEntry {
  readonly hazardId: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly kind: HazardEventKind;
  readonly from: HazardStatus | null;
  readonly to: HazardStatus | null;
  /** The fields changed, by name. */
  readonly changed: readonly string[];
  readonly text: string | null;
}

/** A 重大隐患's plan and report. */
export interface LedgerMajor {
  readonly hazardId: string;
  readonly governancePlan: GovernancePlan | null;
  readonly regulatorReport: RegulatorReport | null;
  readonly supervised: boolean;
}

/** The ledger export. */
export interface LedgerModel {
  readonly schema: 'redline/ledger-report/1';
  readonly kind: 'ledger';
  readonly createdAt: string;
  readonly timeZone: string;
  readonly window: { readonly at: string } | { readonly from: string; readonly to: string };
  readonly scope: ReportScope;
  readonly signingKey: { readonly keyId: string; readonly fingerprint: string } | null;
  readonly columns: readonly { readonly key: string; readonly zh: string; readonly en: string }[];
  readonly rows: readonly Readonly<Record<string, LedgerValue>>[];
  readonly history: readonly LedgerHistoryEntry[];
  readonly major: readonly LedgerMajor[];
  readonly totals: { readonly hazards: number; readonly closed: number; readonly major: number; readonly majorReported: number };
}

/** What the ledger export is built from. */
export interface LedgerInput {
  readonly createdAt: number;
  readonly window: ReportWindow;
  readonly scope: ReportScope;
  readonly timeZone: string;
  readonly provinces: ReadonlyMap<string, string>;
  readonly hazards: readonly { readonly hazard: Hazard; readonly events: readonly HazardEvent[] }[];
  readonly signingKey: { readonly keyId: string; readonly fingerprint: string } | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The hazards of a window and scope: found by its end, and (over a range) not closed before it began. */
export function hazardsInWindow(input: Pick<LedgerInput, 'window' | 'scope' | 'provinces' | 'hazards'>): LedgerInput['hazards'] {
  const end = 'at' in input.window ? input.window.at : input.window.to;
  const start = 'at' in input.window ? input.window.at : input.window.from;
  return input.hazards.filter(({ hazard: h, events }) => {
    const sites = h.location.sites.length > 0 ? h.location.sites : h.location.siteId === null ? [] : [h.location.siteId];
    if (!inScope(input.scope, h.protectionClass, sites, input.provinces)) return false;
    const then = statusAt(h, events, end);
    return then !== null && !(then === 'closed' && h.closedAt !== null && h.closedAt < start);
  });
}

/** Builds the ledger export (pure). Rows show each hazard as the ledger holds it when the export is made. */
export function buildLedgerModel(input: LedgerInput): LedgerModel {
  const picked = hazardsInWindow(input).slice().sort((a, b) => a.hazard.foundAt - b.hazard.foundAt || a.hazard.id.localeCompare(b.hazard.id));
  const ctx = { zone: input.timeZone, now: input.createdAt };
  const rows = picked.map(({ hazard }) => Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.en, c.value(hazard, ctx)])));
  const history = picked.flatMap(({ hazard, events }) => events.map((e): LedgerHistoryEntry => ({
    hazardId: hazard.id, seq: e.seq, at: iso(e.at), actor: e.actor, kind: e.kind, from: e.from ?? null, to: e.to ?? null,
    changed: Object.keys(e.changes ?? {}).sort(), text: e.text ?? null,
  })));
  const major = picked
    .filter(({ hazard }) => hazard.grade === '重大隐患')
    .map(({ hazard }) => ({ hazardId: hazard.id, governancePlan: hazard.governancePlan, regulatorReport: hazard.regulatorReport, supervised: hazard.supervised }));
  return {
    schema: 'redline/ledger-report/1',
    kind: 'ledger',
    createdAt: iso(input.createdAt),
    timeZone: input.timeZone,
    window: 'at' in input.window ? { at: iso(input.window.at) } : { from: iso(input.window.from), to: iso(input.window.to) },
    scope: input.scope,
    signingKey: input.signingKey,
    columns: LEDGER_COLUMNS.map((c) => ({ key: c.en, zh: c.zh, en: c.en })),
    rows,
    history,
    major,
    totals: {
      hazards: rows.length,
      closed: picked.filter(({ hazard }) => hazard.status === 'closed').length,
      major: major.length,
      majorReported: major.filter((m) => m.regulatorReport !== null).length,
    },
  };
}

/** The hazard event kinds in words (复查记录). */
export const EVENT_KIND_LABELS: Readonly<Record<HazardEventKind, Bilingual>> = {
  opened: { zh: '发现', en: 'opened' },
  status: { zh: '状态变更', en: 'status change' },
  update: { zh: '信息更新', en: 'update' },
  measured: { zh: '复测', en: 're-measured' },
  comment: { zh: '备注', en: 'comment' },
  evidence: { zh: '佐证材料', en: 'evidence' },
};
