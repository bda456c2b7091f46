/**
 * The HTTP API (an express app factory; `listen` belongs to the composition root).
 * Routes live in `routes/<resource>.ts` as data (`Route`); this file mounts them and answers
 * every error in one stable shape: `{ "error": { "code": "...", "message": "..." } }`.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApiDeps } from './deps.js';
import { ApiError } from './errors.js';
import type { Route } from './route.js';
import { deviceRoutes } from './routes/devices.js';
import { findingRoutes } from './routes/findings.js';
import { healthCheckRoutes } from './routes/health-checks.js';
import { metricsRoutes } from './routes/metrics.js';
import { readinessRoutes } from './routes/readiness.js';
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
    ...findingRoutes(deps),
    ...whatIfRoutes(deps),
  ];
}

/** How each method is mounted on express. */
const MOUNT: Readonly<Record<Route['method'], (app: express.Express, route: Route) => void>> = {
  GET: (app, route) => { app.get(route.path, route.handler); },
};

/** Builds the express app. */
export function createApiApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  for (const route of routes(deps)) MOUNT[route.method](app, route);

  app.use((_req, _res, next) => {
    next(new ApiError(404, 'not_found', 'no such endpoint'));
  });

  // express recognises an error handler by its four parameters
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    res.status(status).json({ error: { code: status === 500 ? 'internal' : 'bad_request', message: status === 500 ? 'internal error' : 'bad request' } });
  });
  return app;
}
