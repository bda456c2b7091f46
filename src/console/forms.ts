/**
 * Shared by the console's form actions: the API's domain errors as console errors (the status the
 * API would answer, its message in both languages' frames), a zod result as one 422 naming every
 * bad field, form fields read plainly, and a local date-time of the operator's zone as an instant.
 */
import type { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { LedgerConflictError, LedgerNotFoundError, LedgerRuleError } from '../ledger/errors.js';
import { ConsoleError } from './page.js';

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

/** A trimmed field, undefined when empty. */
export function field(form: URLSearchParams, name: string): string | undefined {
  const v = form.get(name)?.trim();
  return v === undefined || v === '' ? undefined : v;
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

function offsetMs(at: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const n = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}

/** `YYYY-MM-DDTHH:MM` read in `zone` as an instant (ms); null when not such a time. */
export function zonedInstant(local: string | undefined, zone: string): number | null {
  const m = local === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (m === null) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (!Number.isFinite(asUtc)) return null;
  const first = asUtc - offsetMs(asUtc, zone);
  return asUtc - offsetMs(first, zone);
}
