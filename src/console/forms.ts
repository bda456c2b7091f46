/**
 * Reading the console's forms and filters: trimmed text fields (blank = not given), a time a
 * person typed in the operator's zone (`<input type="datetime-local">`, no zone of its own) as an
 * instant and as ISO 8601 with the zone's offset, and the same instant back as the input's value.
 * Shared by the pages whose forms take times (hazards, accepted risks, the audit log, on-call).
 * Also: the API's domain errors as console errors (the status the API would answer, its message),
 * a zod result as one 422 naming every bad field, list and version fields.
 */
import type { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { zoneOffset } from '../ledger/clearance.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerRuleError } from '../ledger/errors.js';
import { ConsoleError } from './page.js';

/** A field's trimmed text, or undefined when blank or absent. */
export function field(form: URLSearchParams | Readonly<Record<string, string>>, name: string): string | undefined {
  const v = form instanceof URLSearchParams ? form.get(name) : form[name];
  if (v === null || v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** The fields given (not blank), as an object to hand to a schema. */
export function fieldsOf(form: URLSearchParams, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = field(form, n);
    if (v !== undefined) out[n] = v;
  }
  return out;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** A wall-clock time in `zone` (`YYYY-MM-DDTHH:mm`, or a date: its midnight) as an instant (ms), or null when it is not one. */
export function zonedInstant(local: string | undefined, zone: string): number | null {
  if (local === undefined) return null;
  const m = LOCAL.exec(local);
  if (m === null) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (!Number.isFinite(wall)) return null;
  // the offset at the guess, then at the corrected instant (right across a DST change)
  const first = wall - zoneOffset(wall, zone);
  return wall - zoneOffset(first, zone);
}

/** A wall-clock time in `zone` as ISO 8601 with that zone's offset (`2027-01-15T18:00:00+08:00`), or null. */
export function zonedIso(local: string, zone: string): string | null {
  const at = zonedInstant(local, zone);
  if (at === null) return null;
  const off = zoneOffset(at, zone) / 60_000;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${new Date(at + off * 60_000).toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

/** An instant as the value of a datetime-local input in `zone` (`YYYY-MM-DDTHH:mm`). */
export function localInputValue(at: number, zone: string): string {
  return new Date(at + zoneOffset(at, zone)).toISOString().slice(0, 16);
}

/** Rethrows a domain error of the API's functions as the console error with the API's status and message. */
export function asConsoleError(err: unknown): never {
  const status = err instanceof ApiError ? err.status
    : err instanceof LedgerConflictError ? 409
      : err instanceof LedgerNotFoundError ? 404
        : err instanceof LedgerRuleError ? 422 : null;
  if (status === null) throw err;
  const msg = (err as Error).message;
  const head = status === 409 ? { zh: '已被他人修改，请刷新后重试：', en: 'Changed by someone else; reload and try again: ' } : { zh: '未接受：', en: 'Not accepted: ' };
  throw new ConsoleError(status, { zh: `${head.zh}${msg}`, en: `${head.en}${msg}` });
}

/** Runs a domain write, its refusals as console errors. */
export async function attempt<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    return asConsoleError(err);
  }
}

/** Parses form input with `schema`: 422 naming every bad field. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.map(String).join('.') || '(form)'}: ${i.message}`).join('; ');
  throw new ConsoleError(422, { zh: `表单有误：${problems}`, en: `The form has problems: ${problems}` });
}

/** A comma- or space-separated list field, undefined when empty. */
export function listField(form: URLSearchParams, name: string): string[] | undefined {
  const all = form.getAll(name).flatMap((v) => v.split(/[,\s，]+/)).map((s) => s.trim()).filter((s) => s !== '');
  return all.length === 0 ? undefined : all;
}

/** The version field of a change form (the version read). */
export function versionField(form: URLSearchParams): number {
  const v = form.get('version') ?? '';
  if (!/^\d+$/.test(v)) throw new ConsoleError(422, { zh: '表单缺少版本号', en: 'The form names no version' });
  return Number(v);
}
