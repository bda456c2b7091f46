/**
 * Shared by the ledger routes: the ledger port (404 when this daemon runs without it), the
 * body the route's schema checked, the ledger's errors as HTTP answers (409 with the current
 * version, 422 naming the allowed transitions or every bad input, 404, 503), and a hazard as
 * JSON: ISO times, `overdue` and `allowedActions` computed, labels in both languages, the
 * deadline in the operator's zone with the zone named.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { COLOURS, RISK_LEVEL_ZH, type Colour } from '../../analysis/finding.js';
import { formatTime, HAZARD_GRADE_LABELS, RISK_LEVELS } from '../../analysis/rules/words.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerRuleError, LedgerStoreError } from '../../ledger/errors.js';
import type { HazardQuery } from '../../ledger/port.js';
import { isOverdue } from '../../ledger/deadlines.js';
import { allowedActions, LifecycleInputError } from '../../ledger/lifecycle.js';
import { HAZARD_GRADES, HAZARD_STATUSES, type Hazard } from '../../ledger/types.js';
import { statusLabel } from '../../ledger/words.js';
import { PROTECTION_CLASSES } from '../../config/schema.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { requestIdOf } from '../hygiene.js';
import type { LedgerApi } from '../ledger-port.js';
import { intParam, iso, listParam } from '../params.js';
import { inputOf, type Route } from '../route.js';

/** The ledger, or a 404 when this daemon runs without it. */
export function ledgerOf(deps: ApiDeps): LedgerApi {
  if (deps.ledger === undefined) throw new ApiError(404, 'not_found', 'the hazard ledger is not enabled');
  return deps.ledger;
}

/** A required path parameter. */
export function pathParam(req: Request, name: string): string {
  const v: unknown = req.params[name];
  if (typeof v !== 'string' || v === '') throw new ApiError(404, 'not_found', `no ${name} named`);
  return v;
}

/** The body the route's schema validated (app.ts checks it before the handler: 422 naming every problem). */
export function bodyOf<S extends z.ZodType>(_schema: S, res: Response): z.output<S> {
  return inputOf(res).body as z.output<S>;
}

/** Parses a JSON body the route could not declare (it also takes other media types); 422 naming every problem, like app.ts. */
export function parseBody<S extends z.ZodType>(schema: S, req: Pick<Request, 'body'>): z.output<S> {
  const r = schema.safeParse(Buffer.isBuffer(req.body) ? undefined : req.body);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `body${i.path.map((k) => `.${String(k)}`).join('')}: ${i.message}`);
  throw new ApiError(422, 'invalid_input', problems.join('; '));
}

/** An ISO 8601 time parameter (`?at=`), or null when absent. */
export function timeParam(req: Request, name: string): number | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  const ms = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(raw) ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms)) throw new ApiError(400, 'bad_request', `${name} must be an ISO 8601 time such as 2026-03-10T04:00:00Z`);
  return ms;
}

/** The error body every answer uses, with extra members (the current version, the allowed transitions). */
function answer(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error: { code, message, requestId: requestIdOf(res), ...extra } });
}

/** A route whose ledger errors become their HTTP answers (the rest goes to the app's error handler). */
export function ledgerRoute(route: Route): Route {
  return {
    ...route,
    handler: async (req, res) => {
      try {
        await route.handler(req, res);
      } catch (err) {
        if (err instanceof LedgerConflictError) answer(res, 409, 'conflict', err.message, { currentVersion: err.currentVersion });
        else if (err instanceof LifecycleInputError) answer(res, 422, 'invalid_input', err.message, { issues: err.issues });
        else if (err instanceof LedgerRuleError) answer(res, 422, 'refused', err.message, { allowed: err.allowed });
        else if (err instanceof LedgerNotFoundError) answer(res, 404, 'not_found', err.message);
        else if (err instanceof LedgerStoreError) {
          if (err.retryable) res.setHeader('Retry-After', '1');
          throw new ApiError(503, 'ledger_unavailable', 'the ledger could not be read or written; try again');
        } else throw err;
      }
    },
  };
}

/** A hazard as the API answers it. */
export function hazardView(h: Hazard, ledger: LedgerApi, now: number): Record<string, unknown> {
  const zone = ledger.timeZone();
  return {
    ...h,
    foundAt: iso(h.foundAt),
    deadline: iso(h.deadline),
    lastMeasuredAt: iso(h.lastMeasuredAt),
    fixedAt: iso(h.fixedAt),
    closedAt: iso(h.closedAt),
    createdAt: iso(h.createdAt),
    updatedAt: iso(h.updatedAt),
    verification: h.verification === null ? null : { ...h.verification, at: iso(h.verification.at) },
    overdue: isOverdue(h, now),
    allowedActions: allowedActions(h),
    labels: {
      status: statusLabel(h, now),
      riskLevel: RISK_LEVELS[h.colour].level,
      colour: RISK_LEVELS[h.colour].colour,
      grade: h.grade === null ? null : HAZARD_GRADE_LABELS[h.grade],
      suggestedGrade: h.suggestedGrade === null ? null : HAZARD_GRADE_LABELS[h.suggestedGrade],
      deadline: formatTime(h.deadline, zone),
      foundAt: formatTime(h.foundAt, zone),
    },
  };
}

/** The list filters from the query string (comma-separated lists; `riskLevel` takes 重大风险 … or colours). */
export function hazardQueryOf(req: Request, now: number): HazardQuery {
  const status = listParam(req, 'status', HAZARD_STATUSES);
  const colours = new Set<Colour>(listParam(req, 'colour', COLOURS) ?? []);
  const levels = listParam(req, 'riskLevel', [...COLOURS, ...Object.values(RISK_LEVEL_ZH)]);
  for (const l of levels ?? []) colours.add(COLOURS.find((c) => c === l || RISK_LEVEL_ZH[c] === l)!);
  const site = listParam(req, 'site');
  const cls = listParam(req, 'class', PROTECTION_CLASSES);
  const owner = listParam(req, 'owner');
  const rule = listParam(req, 'rule');
  const grade = listParam(req, 'grade', [...HAZARD_GRADES, 'none']);
  const overdueRaw = req.query['overdue'];
  if (overdueRaw !== undefined && overdueRaw !== 'true' && overdueRaw !== 'false') throw new ApiError(400, 'bad_request', 'overdue must be true or false');
  return {
    ...(status !== null ? { status: [...status] } : {}),
    ...(colours.size > 0 ? { colour: [...colours] } : {}),
    ...(site !== null ? { site: [...site] } : {}),
    ...(cls !== null ? { protectionClass: [...cls] } : {}),
    ...(owner !== null ? { owner: [...owner] } : {}),
    ...(rule !== null ? { rule: [...rule] } : {}),
    ...(grade !== null ? { grade: [...grade] } : {}),
    ...(overdueRaw !== undefined ? { overdue: overdueRaw === 'true' } : {}),
    now,
    limit: intParam(req, 'limit', 100, 1, 1000),
    offset: intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}
