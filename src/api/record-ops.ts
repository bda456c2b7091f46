/**
 * The record writes a person makes, shared by the API (`routes/records.ts`) and the console's
 * record pages: create a record of a kind from its validated input, and apply a change (an edit,
 * a cutover's approval, refusal or move, a plan's review, a checklist item's check) against the
 * version read. Both go through the records' pure lifecycle and the store, so the rules, the
 * version check (LedgerConflictError → 409), the audit record in the same transaction (actor =
 * the caller), a drill's observed evidence and the analysis being told are the same whichever
 * door a person used.
 */
import type { z } from 'zod';
import { devicesOf, observedInWindow } from '../records/elements.js';
import { newRecord, recordAudit, type CREATE_SCHEMAS, type Writer } from '../records/lifecycle.js';
import type { RecordChange, RecordsApi } from '../records/port.js';
import type { DrillRecord, ObservedChange, RecordKind, RecordOfKind } from '../records/types.js';
import type { ApiDeps } from './deps.js';

/** Who writes now: `actor` at the records' clock. */
export function recordWriter(api: RecordsApi, actor: string): Writer {
  return { actor, now: api.now() };
}

/** What redline observed on a drill's devices in its window (the state store's transitions): stored with the drill. */
export function drillObserved(deps: Pick<ApiDeps, 'transitions' | 'inventory'>): (d: DrillRecord) => readonly ObservedChange[] {
  return (d) => observedInWindow(deps.transitions, devicesOf(d.elements, deps.inventory()), d.start, d.end);
}

/** Creates a record of `kind` from its validated input by `actor` (RecordProblemsError naming every broken invariant), audited as `record.<kind>.create`. */
export async function createRecordAs<K extends RecordKind>(
  deps: Pick<ApiDeps, 'transitions' | 'inventory'>, api: RecordsApi, kind: K, input: z.output<(typeof CREATE_SCHEMAS)[K]>, actor: string,
): Promise<RecordOfKind[K]> {
  let r: RecordOfKind[RecordKind] = newRecord(kind, input, recordWriter(api, actor));
  if (r.kind === 'drill') r = { ...r, observed: drillObserved(deps)(r) };
  const saved = await api.store.create(r, recordAudit('create', null, r));
  api.changed();
  return saved as RecordOfKind[K];
}

/** Applies `change` (made for `actor` with recordWriter) to record `id` if it is still at `version`, then tells the analysis. */
export async function changeRecord<K extends RecordKind>(api: RecordsApi, kind: K, id: string, version: number, change: RecordChange<RecordOfKind[K]>): Promise<RecordOfKind[K]> {
  const r = await api.store.update(kind, id, version, change);
  api.changed();
  return r;
}
