/**
 * What every answer of the API gets whatever the route: a request id, security headers, the
 * Host check and request body limits. Authentication and per-route roles come after these, per
 * route (src/auth/middleware.ts, reading the `Route`'s access), without touching the route files.
 */
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ApiError } from './errors.js';
import { hostAllowed } from './hosts.js';

/** Largest request body read (JSON or otherwise); a larger one is answered 413 unread. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** The request id of this request (set by `requestId`). */
export function requestIdOf(res: Response): string {
  const id: unknown = res.locals['requestId'];
  return typeof id === 'string' ? id : 'unknown';
}

/** Gives every request a fresh id, echoed in `X-Request-Id` (and, by the error handler, in error bodies). */
export const requestId: RequestHandler = (_req, res, next) => {
  const id = randomUUID();
  res.locals['requestId'] = id;
  res.setHeader('X-Request-Id', id);
  next();
};

/** Headers on every answer: no sniffing, no framing, no caching, no referrer, nothing fetched by a JSON document. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
};

/** Where the Host check reads the listen host and the operator's allowed names (read per request: reloads apply). */
export type HostSource = () => { readonly listenHost: string; readonly allowed: readonly string[] };

/** Refuses (421) a request whose Host is not this server's: the DNS rebinding defence. */
export function hostGuard(hosts: HostSource): RequestHandler {
  return (req, _res, next) => {
    const { listenHost, allowed } = hosts();
    if (hostAllowed(req.headers.host, { listenHost, port: req.socket.localPort ?? 0, allowed })) {
      next();
      return;
    }
    next(new ApiError(421, 'unknown_host', 'the Host header does not name this server; add the name to settings.api.allowedHosts'));
  };
}

/** An evidence file sent to a hazard: its route reads the body itself, under settings.ledger.maxAttachmentKB. */
function evidenceUpload(req: Request): boolean {
  return req.method === 'POST' && /^\/api\/v1\/hazards\/[^/]+\/evidence\/?$/.test(req.path);
}

/** Reads request bodies up to BODY_LIMIT_BYTES: JSON parsed, anything else kept as bytes (evidence files excepted). */
export function bodyLimits(): RequestHandler[] {
  return [
    express.json({ limit: BODY_LIMIT_BYTES, strict: true }),
    express.raw({ limit: BODY_LIMIT_BYTES, type: (req) => !evidenceUpload(req as Request) }),
  ];
}

/** The error body and status for anything that reached the error handler. */
export function errorAnswer(err: unknown): { status: number; code: string; message: string } {
  if (err instanceof ApiError) return { status: err.status, code: err.code, message: err.message };
  const e = typeof err === 'object' && err !== null ? err as { status?: unknown; statusCode?: unknown; type?: unknown } : {};
  const raw = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  const status = raw >= 400 && raw <= 599 ? raw : 500;
  // express's and body-parser's own errors: a fixed sentence per kind, never their message
  switch (e.type) {
    case 'entity.too.large': return { status: 413, code: 'payload_too_large', message: `the request body is over ${BODY_LIMIT_BYTES / 1024} KiB` };
    case 'entity.parse.failed': return { status: 400, code: 'bad_json', message: 'the request body is not valid JSON' };
    case 'encoding.unsupported':
    case 'charset.unsupported': return { status: 415, code: 'unsupported_media_type', message: 'the request body encoding is not supported' };
    default: break;
  }
  if (status >= 500) return { status, code: 'internal', message: 'internal error' };
  return { status, code: 'bad_request', message: 'bad request' };
}

/** What the error handler logs a 5xx with; `expected` is true for an ApiError (e.g. 503 before the first analysis). */
export type ServerErrorLog = (fields: { requestId: string; method: string; path: string; status: number; expected: boolean; err: unknown }) => void;

/** The last handler: every error, whoever threw it, answered as `{ error: { code, message, requestId } }`. */
export function errorHandler(log: ServerErrorLog): (err: unknown, req: Request, res: Response, next: NextFunction) => void {
  // express recognises an error handler by its four parameters
  return (err, req, res, _next) => {
    const answer = errorAnswer(err);
    const id = requestIdOf(res);
    if (answer.status >= 500) log({ requestId: id, method: req.method, path: req.path, status: answer.status, expected: err instanceof ApiError, err });
    if (res.headersSent) {
      // too late for an error body: end the broken answer rather than hand it to express's HTML page
      res.destroy();
      return;
    }
    res.status(answer.status).json({ error: { code: answer.code, message: answer.message, requestId: id } });
  };
}
