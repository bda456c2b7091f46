/**
 * The HTTP API (an express app factory; `listen` belongs to the composition root).
 * Routes live in `routes/<resource>.ts` as data (`Route`); this file puts what every answer
 * gets in front of them (`hygiene.ts`) and answers every error in one stable shape:
 * `{ "error": { "code": "...", "message": "...", "requestId": "..." } }`.
 */
import express from 'express';
import { errorMessage } from '../common/errors.js';
import type { ApiDeps } from './deps.js';
import { ApiError } from './errors.js';
import { bodyLimits, errorHandler, hostGuard, requestId, securityHeaders } from './hygiene.js';
import type { Route } from './route.js';
import { auditRoutes } from './routes/audit.js';
import { clearanceRoutes } from './routes/clearance.js';
import { coverageRoutes } from './routes/coverage.js';
import { deviceRoutes } from './routes/devices.js';
import { findingRoutes } from './routes/findings.js';
import { hazardRoutes } from './routes/hazards.js';
import { healthCheckRoutes } from './routes/health-checks.js';
import { ledgerFindingRoutes } from './routes/ledger-findings.js';
import { metricsRoutes } from './routes/metrics.js';
import { readinessRoutes } from './routes/readiness.js';
import { waiverRoutes } from './routes/waivers.js';
import { whatIfRoutes } from './routes/whatif.js';

export type { AnalysisView, ApiDeps, DeviceState, HealthView, TransitionView } from './deps.js';
export { ApiError } from './errors.js';
export { deviceStatus } from './routes/devices.js';

/** Every route of the API, one list per resource file. */
function routes(deps: ApiDeps): Route[] {
  return [
    ...readinessRoutes(deps),
    ...metricsRoutes(deps),
    ...deviceRoutes(deps),
    ...healthCheckRoutes(deps),
    ...ledgerFindingRoutes(deps, findingRoutes(deps)),
    ...hazardRoutes(deps),
    ...waiverRoutes(deps),
    ...auditRoutes(deps),
    ...clearanceRoutes(deps),
    ...coverageRoutes(deps),
    ...whatIfRoutes(deps),
  ];
}

/** How each method is mounted on express. */
const MOUNT: Readonly<Record<Route['method'], (app: express.Express, route: Route) => void>> = {
  GET: (app, route) => { app.get(route.path, route.handler); },
  POST: (app, route) => { app.post(route.path, route.handler); },
  PATCH: (app, route) => { app.patch(route.path, route.handler); },
  DELETE: (app, route) => { app.delete(route.path, route.handler); },
};

/** Builds the express app. */
export function createApiApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(requestId, securityHeaders);
  app.use(hostGuard(deps.hosts ?? (() => ({ listenHost: '127.0.0.1', allowed: [] }))));
  app.use(bodyLimits());

  const all = routes(deps);
  for (const route of all) MOUNT[route.method](app, route);
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
