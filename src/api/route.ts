/**
 * A route as data: method, path and handler. Route files return lists of these and `app.ts`
 * mounts them, so what applies to every route (a 405 for other methods, and later the role a
 * caller needs: one more field here, read in one place) is written once, not in each handler.
 */
import type { Request, Response } from 'express';
import type { RouteAccess } from '../auth/types.js';

/** One endpoint. Handlers throw ApiError for expected failures; anything else is a 500. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The access a caller needs (auth/types.ts); read by the auth middleware. */
  readonly access?: RouteAccess;
  /** An express path, e.g. `/api/v1/devices/:id`. */
  readonly path: string;
  readonly handler: (req: Request, res: Response) => void | Promise<void>;
}
