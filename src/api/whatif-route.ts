/**
 * `GET /api/v1/whatif`: `?sweep=true` answers the single points of failure computed with the
 * latest analysis pass (never computed per request), `?fail=a,b` asks the analysis worker what
 * losing those elements together does: bounded in size (400), one at a time (429 with
 * Retry-After while another runs; the same question asked twice shares one answer).
 * Errors have the API's one shape: `{ "error": { "code": "...", "message": "..." } }`.
 */
import type { Request, Response } from 'express';
import type { Disjointness } from '../analysis/graph/disjoint-paths.js';
import type { SinglePointOfFailure, WhatIfResult } from '../analysis/graph/services.js';
import { WhatIfBusyError } from '../analysis/worker/analysis-runner.js';
import { UsageError } from '../common/errors.js';

/** The sweep as it was cached with a pass. */
export interface CachedSweep {
  /** The time of the pass it was computed in (ms). */
  readonly computedAt: number;
  /** True when later passes failed: this is the last good sweep. */
  readonly stale: boolean;
  readonly items: readonly SinglePointOfFailure[];
}

/** What the route reads. */
export interface WhatIfView {
  /** The sweep of the latest pass, or null before the first. */
  readonly sweep: (disjointness: Disjointness) => CachedSweep | null;
  /** What losing these elements does; rejects with UsageError (a bad question) or WhatIfBusyError. */
  readonly whatIf: (fail: readonly string[], disjointness: Disjointness) => Promise<WhatIfResult>;
}

/** At most this many names in one `fail=` list. */
export const MAX_FAIL_NAMES = 16;
/** At most this long, each name. */
export const MAX_NAME_LENGTH = 256;

/** An answer before it is written: status, JSON body, and a Retry-After when busy. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterSeconds?: number;
}

const error = (status: number, code: string, message: string): Answer => ({ status, body: { error: { code, message } } });

/** The answer to one request. */
async function answer(view: WhatIfView | undefined, req: Request): Promise<Answer> {
  return whatIfAnswer(view, { disjointness: req.query['disjointness'], fail: req.query['fail'], sweep: req.query['sweep'] });
}

/** The answer to a what-if question given as the query's raw values (the API's route and the console's page). */
export async function whatIfAnswer(view: WhatIfView | undefined, q: { readonly disjointness: unknown; readonly fail: unknown; readonly sweep: unknown }): Promise<Answer> {
  if (view === undefined) return error(404, 'not_found', 'the protection analysis is not enabled');
  const d = q.disjointness ?? 'srlg';
  const disjointness: Disjointness | null = d === 'srlg' || d === 'node' ? d : null;
  if (disjointness === null) return error(400, 'bad_request', 'disjointness must be srlg or node');
  const failRaw = q.fail;
  if (q.sweep === 'true') {
    if (failRaw !== undefined) return error(400, 'bad_request', 'sweep and fail exclude each other');
    const s = view.sweep(disjointness);
    if (s === null) return error(503, 'not_ready', 'no analysis yet: the sweep is computed with each analysis pass');
    return { status: 200, body: { computedAt: new Date(s.computedAt).toISOString(), stale: s.stale, disjointness, singlePointsOfFailure: s.items } };
  }
  if (failRaw === undefined) return error(400, 'bad_request', 'say fail=<element>[,<element>…] or sweep=true');
  if (typeof failRaw !== 'string' || failRaw.trim() === '') return error(400, 'bad_request', 'fail must be a comma-separated list');
  const names = [...new Set(failRaw.split(',').map((v) => v.trim()).filter((v) => v !== ''))];
  if (names.length > MAX_FAIL_NAMES) return error(400, 'bad_request', `fail names ${names.length} elements; at most ${MAX_FAIL_NAMES} at once (sweep=true lists every single point of failure)`);
  if (names.some((n) => n.length > MAX_NAME_LENGTH)) return error(400, 'bad_request', `fail: a name longer than ${MAX_NAME_LENGTH} characters`);
  try {
    return { status: 200, body: await view.whatIf(names, disjointness) };
  } catch (err) {
    if (err instanceof UsageError) return error(400, 'bad_request', err.message);
    if (err instanceof WhatIfBusyError) return { ...error(429, 'busy', err.message), retryAfterSeconds: err.retryAfterSeconds };
    throw err;
  }
}

/** Where the route is mounted. */
export const WHATIF_PATH = '/api/v1/whatif';

/** The route's handler (a GET on WHATIF_PATH); without a view (analysis disabled) it answers 404. */
export function whatIfHandler(view: WhatIfView | undefined): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const a = await answer(view, req);
    if (a.retryAfterSeconds !== undefined) res.set('Retry-After', String(a.retryAfterSeconds));
    res.status(a.status).json(a.body);
  };
}
