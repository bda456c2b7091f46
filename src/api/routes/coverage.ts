/**
 * `GET /api/v1/coverage`: the coverage statement of the latest analysis — every rule of the
 * catalogue evaluated on which subjects, or skipped and why. Filters: `status=evaluated|skipped`,
 * `reason=<code>[,<code>…]`, `rule=<id>[,<id>…]` (the totals always describe the whole run).
 */
import type { Request } from 'express';
import type { AnalysisReport } from '../../analysis/analyze.js';
import type { Coverage } from '../../analysis/coverage.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { Route } from '../route.js';
import { analysisOf } from './analysis.js';

/** The answer to a coverage request: a status and a JSON body (an error body when not ready or bad). */
export type CoverageAnswer = { readonly status: 200; readonly body: Coverage } | { readonly status: 400 | 503; readonly body: { readonly error: { readonly code: string; readonly message: string } } };

function listOf(req: Request, name: string): Set<string> | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string') return new Set();
  return new Set(raw.split(',').map((x) => x.trim()).filter((x) => x !== ''));
}

/** The coverage answer for the latest report (null before the first analysis). */
export function coverageAnswer(report: AnalysisReport | null, req: Request): CoverageAnswer {
  if (report === null) return { status: 503, body: { error: { code: 'not_ready', message: 'no analysis yet: it runs once every device has been polled' } } };
  const status = req.query['status'];
  if (status !== undefined && status !== 'evaluated' && status !== 'skipped') return { status: 400, body: { error: { code: 'bad_request', message: 'status must be evaluated or skipped' } } };
  const reasons = listOf(req, 'reason');
  const rules = listOf(req, 'rule');
  const c = report.coverage;
  return {
    status: 200,
    body: {
      ...c,
      rules: c.rules.filter((r) => (status === undefined || r.status === status) && (reasons === null || (r.reason !== null && reasons.has(r.reason))) && (rules === null || rules.has(r.rule))),
    },
  };
}

/** The coverage endpoint. */
export function coverageRoutes(deps: ApiDeps): Route[] {
  return [{
    method: 'GET',
    access: 'read',
    path: '/api/v1/coverage',
    handler: (req, res) => {
      const a = coverageAnswer(analysisOf(deps).latest()?.report ?? null, req);
      // errors go through the shared handler, which adds the request id
      if (a.status !== 200) throw new ApiError(a.status, a.body.error.code, a.body.error.message);
      res.json(a.body);
    },
  }];
}
