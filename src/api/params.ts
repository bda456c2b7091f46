/** Reading query parameters strictly (a bad value is a 400 naming the parameter) and writing times. */
import type { Request } from 'express';
import { ApiError } from './errors.js';

/** An ISO 8601 time, or null. */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** An integer query parameter within [min, max], `fallback` when absent. */
export function intParam(req: Request, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError(400, 'bad_request', `${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** A comma-separated list parameter, each value one of `allowed` when given; null when absent. */
export function listParam<T extends string>(req: Request, name: string, allowed?: readonly T[]): Set<T> | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || raw.trim() === '') throw new ApiError(400, 'bad_request', `${name} must be a comma-separated list`);
  const values = raw.split(',').map((v) => v.trim()).filter((v) => v !== '');
  const bad = allowed === undefined ? [] : values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length > 0) throw new ApiError(400, 'bad_request', `${name}: unknown value ${bad.map((b) => `"${b}"`).join(', ')} (expected ${allowed!.join(', ')})`);
  return new Set(values as T[]);
}
