/** Shared by the analysis routes: the analysis port (404 when not enabled), the disjointness parameter, and sending a page of the report. */
import type { Request, Response } from 'express';
import { AnalysisUnavailableError, type ReportPage } from '../../analysis/worker/report-queries.js';
import type { AnalysisView, ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';

/** The protection analysis, or a 404 when this daemon runs without it. */
export function analysisOf(deps: ApiDeps): AnalysisView {
  if (deps.analysis === undefined) throw new ApiError(404, 'not_found', 'the protection analysis is not enabled');
  return deps.analysis;
}

/** `?disjointness=srlg|node` (default srlg). */
export function disjointnessParam(req: Request): 'srlg' | 'node' {
  const d = req.query['disjointness'] ?? 'srlg';
  if (d !== 'srlg' && d !== 'node') throw new ApiError(400, 'bad_request', 'disjointness must be srlg or node');
  return d;
}

/**
 * Sends a page the report's holder answered (JSON text, sent as is: this thread does not parse
 * or serialise the findings); a holder that is busy, restarting or without a report is a 503
 * (with Retry-After when busy).
 */
export async function sendReportPage(res: Response, page: Promise<ReportPage>): Promise<void> {
  let json: string;
  try {
    ({ json } = await page);
  } catch (err) {
    if (!(err instanceof AnalysisUnavailableError)) throw err;
    if (err.code === 'busy') res.set('Retry-After', String(err.retryAfterSeconds));
    throw new ApiError(503, err.code, err.message);
  }
  res.type('application/json').send(json);
}
