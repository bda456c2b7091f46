/**
 * `GET /api/v1/reports/audit`, `GET /api/v1/reports/ledger` and `GET /api/v1/reports/summary`
 * (access `audit`: inspector and admin): the redundancy audit and risk list, the ledger export
 * (台账), or the half-year / annual safety summary (`period=2026-H1|2026-H2|2026`, default the half
 * year under way), for `scope`, `at` or `from`+`to`, in `lang` (zh-CN default, en). Without `format`: the signed export as a .tar
 * (`archive=` lists its formats, default html,csv,xlsx,json). With `format=html|pdf|csv|xlsx|json`:
 * that one file, unsigned (`table=` picks the CSV table). Every export appends an audit record
 * (action `export`) before the answer leaves.
 */
import type { Request } from 'express';
import type { Coverage } from '../../analysis/coverage.js';
import { FINDING_STATES, type Finding } from '../../analysis/finding.js';
import { AnalysisUnavailableError } from '../../analysis/worker/report-queries.js';
import { actorOf } from '../../auth/middleware.js';
import { UsageError, errorMessage } from '../../common/errors.js';
import { reportOf, reportQueryOf, type ReportKind } from '../../reports/index.js';
import { parseFormats, renderReport, produceSignedReport, type RenderableReport } from '../../reports/produce.js';
import { exportTar } from '../../reports/signed-export.js';
import type { ReportSources } from '../../reports/sources.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { Route } from '../route.js';
import { ledgerOf } from './ledger-http.js';

const MEDIA: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

function str(req: Request, name: string): string | undefined {
  const v = req.query[name];
  // an empty field of the console's form is an absent one
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new ApiError(400, 'bad_request', `${name} must be given once`);
  return v;
}

/** The latest analysis's coverage and findings, or nulls when none is held (or its holder is busy); the scheduled summaries read it too. */
export async function latestOf(latest: ReturnType<NonNullable<ApiDeps['analysis']>['latest']>): Promise<{ coverage: Coverage | null; findings: Map<string, Pick<Finding, 'class' | 'sites'>> | null }> {
  if (latest === null) return { coverage: null, findings: null };
  try {
    const coverage = JSON.parse((await latest.coverage({ status: null, reasons: null, rules: null })).json) as Coverage;
    const page = JSON.parse((await latest.findings({ states: [...FINDING_STATES], colours: null, classes: null, sites: null, rules: null, limit: Number.MAX_SAFE_INTEGER, offset: 0 })).json) as { items: Finding[] };
    return { coverage, findings: new Map(page.items.map((f) => [f.fingerprint, { class: f.class, sites: f.sites }])) };
  } catch (err) {
    if (err instanceof AnalysisUnavailableError) return { coverage: null, findings: null };
    throw err;
  }
}

function reportRoute(deps: ApiDeps, kind: ReportKind): Route {
  return {
    method: 'GET',
    path: `/api/v1/reports/${kind}`,
    access: 'audit',
    handler: async (req, res) => {
      const ledger = ledgerOf(deps);
      const reports = deps.reports;
      if (reports === undefined) throw new ApiError(404, 'not_found', 'signed reports are not enabled');
      const now = ledger.now();
      const format = str(req, 'format');
      let query;
      let formats;
      try {
        const scope = str(req, 'scope');
        const at = str(req, 'at');
        const from = str(req, 'from');
        const to = str(req, 'to');
        const lang = str(req, 'lang');
        const period = str(req, 'period');
        if (period !== undefined && kind !== 'summary') throw new UsageError('period is for the summary only');
        if (kind === 'summary' && (at !== undefined || from !== undefined || to !== undefined)) throw new UsageError('the summary covers a period: give period=2026-H1, 2026-H2 or 2026, not at, from or to');
        query = reportQueryOf({ ...(scope !== undefined ? { scope } : {}), ...(at !== undefined ? { at } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(lang !== undefined ? { lang } : {}), ...(period !== undefined ? { period } : {}) }, now, ledger.timeZone());
        formats = format !== undefined ? parseFormats(format) : parseFormats(str(req, 'archive') ?? 'html,csv,xlsx,json');
        if (format !== undefined && formats.length !== 1) throw new UsageError('format takes one format; archive= takes a list');
      } catch (err) {
        if (err instanceof UsageError) throw new ApiError(400, 'bad_request', err.message.replace(/--/g, ''));
        throw err;
      }
      const { policy, hash } = reports.policy();
      const latest = await latestOf(deps.analysis?.latest() ?? null);
      const src: ReportSources = {
        store: ledger.store, inventory: deps.inventory(), policy, policyHash: hash, timeZone: ledger.timeZone(),
        coverage: () => Promise.resolve(latest.coverage), latestFindings: () => Promise.resolve(latest.findings),
        signingKey: { keyId: reports.signer.keyId, fingerprint: reports.signer.fingerprint },
        ...(deps.records === undefined ? {} : { records: deps.records.store }),
      };
      const report = await reportOf(kind, src, query, now) as RenderableReport<unknown>;
      let files;
      try {
        files = format === undefined
          ? await produceSignedReport(report, { lang: query.lang, formats, createdAt: now }, reports.signer)
          : await renderReport(report, { lang: query.lang, formats, createdAt: now });
      } catch (err) {
        if (err instanceof UsageError) throw new ApiError(501, 'not_available', errorMessage(err));
        throw err;
      }
      const stamp = new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15);
      const folder = `redline-${kind}-${stamp}Z`;
      // recorded before the answer leaves: an export nobody can see in the audit trail never happens
      await ledger.store.appendAudit({
        at: now, actor: actorOf(res), action: 'export', target: `reports/${kind}`, before: null,
        after: { format: format ?? 'archive', formats, lang: query.lang, scope: query.scope, ...(kind === 'summary' ? { period: (report.model as { period: { id: string } }).period.id } : {}), window: 'at' in query.window ? { at: new Date(query.window.at).toISOString() } : { from: new Date(query.window.from).toISOString(), to: new Date(query.window.to).toISOString() }, files: files.map((f) => f.name) },
      });
      if (format === undefined) {
        res.setHeader('Content-Type', 'application/x-tar');
        res.setHeader('Content-Disposition', `attachment; filename="${folder}.tar"`);
        res.send(exportTar(folder, files, now));
        return;
      }
      const table = str(req, 'table');
      const file = format === 'csv'
        ? (table === undefined ? files[0] : files.find((f) => f.name === `${kind}-${table}.csv`))
        : files[0];
      if (file === undefined) throw new ApiError(400, 'bad_request', `table must be one of ${files.map((f) => f.name.replace(`${kind}-`, '').replace('.csv', '')).join(', ')}`);
      res.setHeader('Content-Type', MEDIA[format] ?? 'application/octet-stream');
      res.setHeader('Content-Disposition', `attachment; filename="${folder}-${file.name}"`);
      res.send(file.bytes);
    },
  };
}

/** The report routes. */
export function reportRoutes(deps: ApiDeps): Route[] {
  return [reportRoute(deps, 'audit'), reportRoute(deps, 'ledger'), reportRoute(deps, 'summary')];
}
