/**
 * `GET /api/v1/coverage`: the coverage statement of the latest analysis — every rule of the
 * catalogue evaluated on which subjects, or skipped and why. Filters: `status=evaluated|skipped`,
 * `reason=<code>[,<code>…]`, `rule=<id>[,<id>…]` (the totals always describe the whole run).
 * The statement is filtered where the report is held (the analysis worker).
 */
import type { Request } from 'express';
import type { CoverageQuery } from '../../analysis/worker/report-queries.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { Route } from '../route.js';
import { analysisOf, sendReportPage } from './analysis.js';

function listOf(req: Request, name: string): string[] | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string') return [];
  return [...new Set(raw.split(',').map((x) => x.trim()).filter((x) => x !== ''))];
}

/** The coverage filters of a request; throws a 400 ApiError on a bad `status`. */
export function coverageQuery(req: Request): CoverageQuery {
  const status = req.query['status'];
  if (status !== undefined && status !== 'evaluated' && status !== 'skipped') throw new ApiError(400, 'bad_request', 'status must be evaluated or skipped');
  return { status: status ?? null, reasons: listOf(req, 'reason'), rules: listOf(req, 'rule') };
}

/** The coverage endpoint. */
export function coverageRoutes(deps: ApiDeps): Route[] {
  return [{
    method: 'GET',
    access: 'read',
    path: '/api/v1/coverage',
    handler: async (req, res) => {
      const latest = analysisOf(deps).latest();
      if (latest === null) throw new ApiError(503, 'not_ready', 'no analysis yet: it runs once every device has been polled');
      await sendReportPage(res, latest.coverage(coverageQuery(req)));
    },
  }];
}
