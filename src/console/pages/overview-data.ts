/**
 * What the overview reads, each from where the API reads it: the report's overview question
 * (asked where the report lives), the ledger's clearance report (`clearanceNow`, as
 * `GET /api/v1/clearance`), and every device's polling status (`deviceStatus`, as the device list).
 * Also the protection matrix built from them: one row per (site, class), one cell per measure.
 */
import { CATALOGUE } from '../../analysis/catalogue.js';
import { MEASURES, type FindingState, type Measure } from '../../analysis/finding.js';
import { AnalysisUnavailableError, type CoverageRuleDigest, type OverviewAnswer, type ProtectionCell, type ReportPage } from '../../analysis/worker/report-queries.js';
import { clearanceNow } from '../../api/routes/clearance.js';
import { deviceStatus } from '../../api/routes/devices.js';
import type { ClearanceReport } from '../../ledger/clearance.js';
import type { ConsoleDeps } from '../page.js';
import type { DeviceStatusWord } from '../widgets.js';

/** A report answer, or why there is none (no analysis in this daemon, none yet, or its holder busy). */
export type ReportRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly why: 'disabled' | 'not_ready' | 'busy' };

/** Asks the latest report a question; an unavailable report is an answer the page shows, not an error. */
export async function readReport<T>(deps: ConsoleDeps, ask: (latest: NonNullable<ReturnType<NonNullable<ConsoleDeps['analysis']>['latest']>>) => Promise<ReportPage>): Promise<ReportRead<T>> {
  if (deps.analysis === undefined) return { ok: false, why: 'disabled' };
  const latest = deps.analysis.latest();
  if (latest === null) return { ok: false, why: 'not_ready' };
  try {
    const { json } = await ask(latest);
    return { ok: true, value: JSON.parse(json) as T };
  } catch (err) {
    if (err instanceof AnalysisUnavailableError) return { ok: false, why: err.code };
    throw err;
  }
}

/** How many single points of failure the overview lists. */
export const SPOF_LIMIT = 15;
/** How many unreachable or stale devices the overview lists (the devices page has them all). */
export const SICK_LIMIT = 15;

/** Why a cell was not checked: the rules that would judge it and what the coverage statement says of each. */
export interface UncheckedRule {
  readonly rule: string;
  /** The coverage rule (null: the rule did not run at all in this report). */
  readonly coverage: CoverageRuleDigest | null;
}

/** One cell of the matrix. */
export type MatrixCell =
  | { readonly kind: 'judged'; readonly cell: ProtectionCell }
  | { readonly kind: 'unchecked'; readonly rules: readonly UncheckedRule[] }
  /** No rule of the catalogue asks this measure of this class. */
  | { readonly kind: 'notRequired' };

/** One row: a site under one protection class. */
export interface MatrixRow {
  readonly site: string;
  readonly siteName: string | null;
  readonly class: string;
  readonly cells: Readonly<Record<Measure, MatrixCell>>;
  /** The row's worst judged state (rows are listed worst first). */
  readonly worst: FindingState | null;
}

const RANK: Readonly<Record<FindingState, number>> = { down: 0, unprotected: 1, degraded: 2, unknown: 3, protected: 4 };

/**
 * The protection matrix: a row for every site under its own class and under every other class
 * a finding on it carries (a trunk's legs on a core site), a cell per measure holding the worst
 * state of the findings on it; a cell no finding reached is 未核查 when the catalogue asks that
 * measure of the class (with the coverage statement of those rules), else not required.
 */
export function protectionMatrix(sites: ReadonlyMap<string, { readonly class: string; readonly name?: string | undefined }>, answer: Pick<OverviewAnswer, 'cells' | 'coverage'>): MatrixRow[] {
  const byRow = new Map<string, Map<Measure, ProtectionCell>>();
  const rowKey = (site: string, cls: string): string => `${site}\n${cls}`;
  for (const [id, s] of sites) byRow.set(rowKey(id, s.class), new Map<Measure, ProtectionCell>());
  for (const c of answer.cells) {
    const k = rowKey(c.site, c.class);
    let row = byRow.get(k);
    if (row === undefined) byRow.set(k, (row = new Map<Measure, ProtectionCell>()));
    row.set(c.measure, c);
  }
  const coverage = new Map(answer.coverage.map((r) => [r.rule, r]));
  const rows: MatrixRow[] = [];
  for (const [k, judged] of byRow) {
    const [site, cls] = k.split('\n') as [string, string];
    const cells = {} as Record<Measure, MatrixCell>;
    let worst: FindingState | null = null;
    for (const m of MEASURES) {
      const cell = judged.get(m);
      if (cell !== undefined) {
        cells[m] = { kind: 'judged', cell };
        if (worst === null || RANK[cell.worst] < RANK[worst]) worst = cell.worst;
        continue;
      }
      const rules = CATALOGUE.filter((r) => r.measure === m && (r.classes as readonly string[]).includes(cls));
      cells[m] = rules.length === 0 ? { kind: 'notRequired' } : { kind: 'unchecked', rules: rules.map((r) => ({ rule: r.id, coverage: coverage.get(r.id) ?? null })) };
    }
    rows.push({ site, siteName: sites.get(site)?.name ?? null, class: cls, cells, worst });
  }
  const rank = (r: MatrixRow): number => (r.worst === null ? 5 : RANK[r.worst]);
  return rows.sort((a, b) => rank(a) - rank(b) || a.site.localeCompare(b.site) || a.class.localeCompare(b.class));
}

/** Devices that are not answering (unreachable) or whose data is too old (stale), by id. */
export function sickDevices(deps: ConsoleDeps): { readonly unreachable: string[]; readonly stale: string[] } {
  const out = { unreachable: [] as string[], stale: [] as string[] };
  for (const id of [...deps.inventory().devices.keys()].sort()) {
    const s: DeviceStatusWord = deviceStatus(deps.device(id));
    if (s === 'unreachable' || s === 'stale') out[s].push(id);
  }
  return out;
}

/** The clearance report over the last `days` days, or null without a ledger. */
export async function clearanceOf(deps: ConsoleDeps, days: number): Promise<ClearanceReport | null> {
  return deps.ledger === undefined ? null : clearanceNow(deps.ledger, days);
}
