/**
 * A route as data: method, path, the access it needs, optional input schemas and the handler.
 * Route files return lists of these and `app.ts` mounts them, so what applies to every route —
 * authentication and the role check (`access`, read by the auth middleware), input validation
 * (422 naming every problem), a 405 for other methods — is written once, not in each handler.
 */
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import type { RouteAccess } from '../auth/types.js';

/** The methods a route may answer. */
export const ROUTE_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
/** One of ROUTE_METHODS. */
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** One endpoint. Handlers throw ApiError for expected failures; anything else is a 500. */
export interface Route {
  readonly method: RouteMethod;
  /** An express path, e.g. `/api/v1/devices/:id`. */
  readonly path: string;
  /** Who may call it (src/auth/types.ts): public, read, audit, work or admin. */
  readonly access: RouteAccess;
  /** The JSON body's schema, checked before the handler; the parsed value is `inputOf(res).body`. */
  readonly body?: ZodType;
  /** The query string's schema, checked before the handler; the parsed value is `inputOf(res).query`. */
  readonly query?: ZodType;
  readonly handler: (req: Request, res: Response) => void | Promise<void>;
}

/** The validated input of this request (what the route's schemas returned; undefined without a schema). */
export function inputOf(res: Response): { readonly body: unknown; readonly query: unknown } {
  const input: unknown = res.locals['input'];
  return typeof input === 'object' && input !== null ? input as { body: unknown; query: unknown } : { body: undefined, query: undefined };
}
