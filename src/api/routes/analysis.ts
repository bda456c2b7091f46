/** Shared by the analysis routes: the analysis port (404 when not enabled) and the disjointness parameter. */
import type { Request } from 'express';
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
