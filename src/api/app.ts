/**
 * The HTTP API (an express app factory; `listen` belongs to the composition root).
 * Routes live in `routes/<resource>.ts` as data (`Route`); this file puts what every answer
 * gets in front of them (`hygiene.ts`), then each route's guard (authentication and role,
 * src/auth/middleware.ts) and input validation, and answers every error in one stable shape:
 * `{ "error": { "code": "...", "message": "...", "requestId": "..." } }`.
 */
import express, { type RequestHandler } from 'express';
import type { ZodType } from 'zod';
import { authGuard, type ApiAuth } from '../auth/middleware.js';
import { consoleRouter, type ConsoleParts } from '../console/app.js';
import { consoleParts } from '../console/pages/index.js';
import { errorMessage } from '../common/errors.js';
import { formatPath } from '../config/validate.js';
import type { ApiDeps } from './deps.js';
import { ApiError } from './errors.js';
import { bodyLimits, errorHandler, hostGuard, requestId, securityHeaders } from './hygiene.js';
import type { Route } from './route.js';
import { ackRoutes } from './routes/ack.js';
import { alertingRoutes } from './routes/alerting.js';
import { auditRoutes } from './routes/audit.js';
import { clearanceRoutes } from './routes/clearance.js';
import { coverageRoutes } from './routes/coverage.js';
import { deviceRoutes } from './routes/devices.js';
import { findingRoutes } from './routes/findings.js';
import { hazardRoutes } from './routes/hazards.js';
import { healthCheckRoutes } from './routes/health-checks.js';
import { ledgerFindingRoutes } from './routes/ledger-findings.js';
import { reportRoutes } from './routes/reports.js';
import { metricsRoutes } from './routes/metrics.js';
import { readinessRoutes } from './routes/readiness.js';
import { recordRoutes } from './routes/records.js';
import { sessionRoutes } from './routes/session.js';
import { waiverRoutes } from './routes/waivers.js';
import { whatIfRoutes } from './routes/whatif.js';

export type { AnalysisView, ApiDeps, DeviceState, HealthView, TransitionView } from './deps.js';
export type { ApiAuth } from '../auth/middleware.js';
export { ApiError } from './errors.js';
export { deviceStatus } from './routes/devices.js';

/** Every route of the API, one list per resource file (the route × role matrix test walks it). */
export function apiRoutes(deps: ApiDeps, auth: ApiAuth): Route[] {
  return [
    ...readinessRoutes(deps),
    ...metricsRoutes(deps, auth.metricsRequireToken ? 'read' : 'public'),
    ...sessionRoutes(auth),
    ...deviceRoutes(deps),
    ...healthCheckRoutes(deps),
    ...ledgerFindingRoutes(deps, findingRoutes(deps)),
    ...hazardRoutes(deps),
    ...waiverRoutes(deps),
    ...auditRoutes(deps),
    ...clearanceRoutes(deps),
    ...coverageRoutes(deps),
    ...whatIfRoutes(deps),
    ...alertingRoutes(deps),
    ...ackRoutes(deps),
    ...recordRoutes(deps),
    ...reportRoutes(deps),
  ];
}

/** The first 20 problems of a failed parse as one sentence, each with its path (`body.token: …`). */
function problems(where: 'body' | 'query', issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const listed = issues.slice(0, 20).map((i) => `${formatPath([where, ...i.path])}: ${i.message}`);
  return listed.join('; ') + (issues.length > 20 ? `; and ${issues.length - 20} more` : '');
}

/** Checks the body and query against the route's schemas (422 naming every problem) and keeps the parsed values. */
function validated(route: Route): RequestHandler {
  return (req, res, next) => {
    const parse = (where: 'body' | 'query', schema: ZodType | undefined, value: unknown): unknown => {
      if (schema === undefined) return undefined;
      const r = schema.safeParse(value);
      if (!r.success) throw new ApiError(422, 'invalid_input', problems(where, r.error.issues));
      return r.data;
    };
    // a body that is not JSON arrives as bytes (bodyLimits): a schema then reads it as missing
    const body: unknown = Buffer.isBuffer(req.body) || req.body === undefined ? undefined : req.body;
    res.locals['input'] = { body: parse('body', route.body, body), query: parse('query', route.query, { ...req.query }) };
    next();
  };
}

/** How each method is mounted on express: the guard, the validation, then the handler. */
function mount(app: express.Express, route: Route, auth: ApiAuth): void {
  const chain: RequestHandler[] = [
    authGuard(route.access, auth, (status, code, message) => new ApiError(status, code, message)),
    validated(route),
    (req, res, next) => { Promise.resolve(route.handler(req, res)).catch(next); },
  ];
  switch (route.method) {
    case 'GET': app.get(route.path, ...chain); return;
    case 'POST': app.post(route.path, ...chain); return;
    case 'PATCH': app.patch(route.path, ...chain); return;
    case 'PUT': app.put(route.path, ...chain); return;
    case 'DELETE': app.delete(route.path, ...chain); return;
  }
}

/** Builds the express app; `auth` decides who may call each route; `consoleOf`: the console's pages (tests pass their own). */
export function createApiApp(deps: ApiDeps, auth: ApiAuth, consoleOf: ConsoleParts = consoleParts()): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(requestId, securityHeaders);
  app.use(hostGuard(deps.hosts ?? (() => ({ listenHost: '127.0.0.1', allowed: [] }))));
  app.use(bodyLimits());

  const all = apiRoutes(deps, auth);
  for (const route of all) mount(app, route, auth);
  // a known path asked with another method: 405 naming the methods it has
  const methods = new Map<string, Set<string>>();
  for (const r of all) methods.set(r.path, (methods.get(r.path) ?? new Set()).add(r.method));
  for (const [path, allowed] of methods) {
    const allow = [...allowed, ...(allowed.has('GET') ? ['HEAD'] : [])].join(', ');
    app.all(path, (_req, res, next) => {
      res.setHeader('Allow', allow);
      next(new ApiError(405, 'method_not_allowed', `this endpoint answers ${allow}`));
    });
  }

  // the web console: HTML pages at /, /devices, /hazards…, its login and its files (src/console/)
  app.use(consoleRouter(deps, auth, consoleOf));

  app.use((_req, _res, next) => {
    next(new ApiError(404, 'not_found', 'no such endpoint'));
  });
  app.use(errorHandler(({ requestId: id, method, path, status, expected, err }) => {
    // an answered 503 (no analysis yet) is a warning; anything thrown unexpectedly is an error
    if (expected) deps.logger?.warn({ requestId: id, method, path, status, err: errorMessage(err) }, 'API request answered with a server error');
    else deps.logger?.error({ requestId: id, method, path, status, err }, 'API request failed');
  }));
  return app;
}
