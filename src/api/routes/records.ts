/**
 * `/api/v1/records/…`: the records the notice asks for — cutovers and upgrades
 * (`cutovers`), emergency plans (`plans`), drills (`drills`), incidents (`incidents`) and
 * special-period checklists (`checklists`). Each kind has a list with filters and paging, one
 * record, `POST` to create and `PATCH` with the version read (409 when stale); cutovers move
 * through their statuses with `POST …/actions` and are approved by an admin with
 * `POST …/approve`; plans are reviewed or retired with `POST …/actions`; a checklist's items are
 * checked one by one. Operators and admins write; inspectors and viewers read. Every write is in
 * the audit trail (who, what, before/after) with the record, in one transaction. Times are ISO
 * 8601 in UTC, with `labels` in the operator's zone (zone named) and statuses in both languages.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import { actorOf } from '../../auth/middleware.js';
import { formatTime } from '../../analysis/rules/words.js';
import {
  approveCutover, checkItem, checkItemInput, CREATE_SCHEMAS, cutoverActionInput, cutoverMoves, cutoverRejectInput, moveCutover, movePlan, patchRecord,
  PATCH_SCHEMAS, planActionInput, rejectCutover, reportedInTime, reviewDue, reviewOverdue, type Writer,
} from '../../records/lifecycle.js';
import type { RecordChange, RecordQuery, RecordsApi } from '../../records/port.js';
import {
  CHECKLIST_STATUSES, CUTOVER_STATUSES, DRILL_STATUSES, INCIDENT_STATUSES, PLAN_STATUSES,
  type AnyRecord, type RecordKind, type RecordOfKind,
} from '../../records/types.js';
import {
  CHECK_CATEGORY_LABELS, CHECK_RESULT_LABELS, CHECKLIST_STATUS_LABELS, CUTOVER_CATEGORY_LABELS, CUTOVER_STATUS_LABELS, DRILL_RESULT_LABELS,
  DRILL_STATUS_LABELS, FLAG_LABELS, INCIDENT_GRADE_LABELS, INCIDENT_STATUS_LABELS, KIND_LABELS, PLAN_STATUS_LABELS,
} from '../../records/words.js';
import type { ApiDeps } from '../deps.js';
import { changeRecord, createRecordAs, drillObserved, recordWriter } from '../record-ops.js';
import { ApiError } from '../errors.js';
import { intParam, iso, listParam } from '../params.js';
import type { Route } from '../route.js';
import { bodyOf, ledgerRoute, pathParam, timeParam } from './ledger-http.js';

/** Each kind's path segment and statuses. */
export const KINDS: readonly { readonly kind: RecordKind; readonly path: string; readonly statuses: readonly string[] }[] = [
  { kind: 'cutover', path: 'cutovers', statuses: CUTOVER_STATUSES },
  { kind: 'plan', path: 'plans', statuses: PLAN_STATUSES },
  { kind: 'drill', path: 'drills', statuses: DRILL_STATUSES },
  { kind: 'incident', path: 'incidents', statuses: INCIDENT_STATUSES },
  { kind: 'checklist', path: 'checklists', statuses: CHECKLIST_STATUSES },
];

/** The records, or a 404 when this daemon runs without them. */
export function recordsOf(deps: ApiDeps): RecordsApi {
  if (deps.records === undefined) throw new ApiError(404, 'not_found', 'the records are not enabled');
  return deps.records;
}

/** Every time member of a record as ISO text (`null` stays). */
const TIME_KEYS = ['createdAt', 'updatedAt', 'windowStart', 'windowEnd', 'approvedAt', 'startedAt', 'finishedAt', 'lastReviewedAt', 'start', 'end', 'reportedAt', 'dueAt'] as const;

/** A record as the API answers it: ISO times, computed flags, and labels in both languages and the operator's zone. */
export function recordView(r: AnyRecord, now: number, zone: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r };
  const labels: Record<string, unknown> = { kind: KIND_LABELS[r.kind] };
  for (const k of TIME_KEYS) {
    const v = (r as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number') {
      out[k] = iso(v);
      labels[k] = formatTime(v, zone);
    }
  }
  switch (r.kind) {
    case 'cutover':
      labels['status'] = CUTOVER_STATUS_LABELS[r.status];
      labels['category'] = CUTOVER_CATEGORY_LABELS[r.category];
      out['allowedActions'] = cutoverMoves(r);
      out['rejection'] = r.rejection == null ? null : { ...r.rejection, at: iso(r.rejection.at) };
      if (r.rejection != null) labels['rejectedAt'] = formatTime(r.rejection.at, zone);
      break;
    case 'plan': {
      const overdue = reviewOverdue(r, now);
      labels['status'] = PLAN_STATUS_LABELS[r.status];
      out['reviews'] = r.reviews.map((x) => ({ ...x, at: iso(x.at) }));
      out['nextReviewDue'] = iso(reviewDue(r));
      labels['nextReviewDue'] = formatTime(reviewDue(r), zone);
      out['reviewOverdue'] = overdue;
      if (overdue) labels['flag'] = FLAG_LABELS.reviewOverdue;
      break;
    }
    case 'drill':
      labels['status'] = DRILL_STATUS_LABELS[r.status];
      if (r.result !== null) labels['result'] = DRILL_RESULT_LABELS[r.result];
      out['observed'] = r.observed.map((o) => ({ ...o, at: iso(o.at) }));
      break;
    case 'incident': {
      const inTime = reportedInTime(r, now);
      labels['status'] = INCIDENT_STATUS_LABELS[r.status];
      labels['grade'] = INCIDENT_GRADE_LABELS[r.grade];
      out['reportDue'] = iso(r.start + r.reportDeadlineMinutes * 60_000);
      out['reportedInTime'] = inTime;
      labels['report'] = inTime === true ? FLAG_LABELS.reportedInTime : r.reportedAt !== null ? FLAG_LABELS.reportedLate : inTime === false ? FLAG_LABELS.notReported : null;
      break;
    }
    case 'checklist':
      labels['status'] = CHECKLIST_STATUS_LABELS[r.status];
      out['items'] = r.items.map((i) => ({
        ...i, checkedAt: iso(i.checkedAt),
        labels: { category: CHECK_CATEGORY_LABELS[i.category], ...(i.result !== null ? { result: CHECK_RESULT_LABELS[i.result] } : {}), ...(i.checkedAt !== null ? { checkedAt: formatTime(i.checkedAt, zone) } : {}) },
      }));
      break;
  }
  out['labels'] = labels;
  return out;
}

/** The list filters: `status`, `from`/`to` (span overlap, ISO times), `device`, `site`, `link`, `group`, `service`; plans also `overdue=true`. */
function queryOf<K extends RecordKind>(req: Request, kind: K, statuses: readonly string[], now: number): RecordQuery<K> {
  const status = listParam(req, 'status', statuses);
  const from = timeParam(req, 'from');
  const to = timeParam(req, 'to');
  const element: string[] = [];
  let anyElement = false;
  for (const k of ['device', 'site', 'link', 'group', 'service'] as const) {
    const v = listParam(req, k);
    if (v === null) continue;
    anyElement = true;
    element.push(...[...v].map((x) => `${k}:${x}`));
  }
  const overdue = req.query['overdue'];
  if (overdue !== undefined && (kind !== 'plan' || overdue !== 'true')) throw new ApiError(400, 'bad_request', 'overdue=true filters emergency plans only');
  return {
    kind,
    ...(status !== null ? { status: [...status] } : overdue === 'true' ? { status: ['active'] } : {}),
    ...(from !== null ? { from } : {}),
    ...(to !== null ? { to } : {}),
    ...(overdue === 'true' ? { endBefore: now } : {}),
    ...(anyElement ? { element } : {}),
    limit: intParam(req, 'limit', 100, 1, 1000),
    offset: intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** The record endpoints, five kinds. */
export function recordRoutes(deps: ApiDeps): Route[] {
  const writer = (api: RecordsApi, res: Parameters<Route['handler']>[1]): Writer => recordWriter(api, actorOf(res));
  /** A drill's observed changes: the recorded transitions on its devices in its window. */
  const observed = drillObserved(deps);
  /** Applies a change, tells the analysis, answers the record. */
  const apply = async <K extends RecordKind>(api: RecordsApi, kind: K, id: string, version: number, change: RecordChange<RecordOfKind[K]>): Promise<Record<string, unknown>> =>
    recordView(await changeRecord(api, kind, id, version, change), api.now(), api.timeZone());
  const routes: Route[] = [];
  for (const { kind, path, statuses } of KINDS) {
    const base = `/api/v1/records/${path}`;
    const create = CREATE_SCHEMAS[kind];
    const patch = PATCH_SCHEMAS[kind];
    routes.push(
      {
        method: 'GET', path: base, access: 'read',
        handler: async (req, res) => {
          const api = recordsOf(deps);
          const now = api.now();
          const q = queryOf(req, kind, statuses, now);
          const page = await api.store.list(q);
          res.json({ at: iso(now), timeZone: api.timeZone(), total: page.total, offset: q.offset, limit: q.limit, items: page.items.map((r) => recordView(r, now, api.timeZone())) });
        },
      },
      {
        method: 'POST', path: base, access: 'work', body: create,
        handler: async (_req, res) => {
          const api = recordsOf(deps);
          const input = bodyOf(create, res) as z.output<(typeof CREATE_SCHEMAS)[typeof kind]>;
          const saved = await createRecordAs(deps, api, kind, input, actorOf(res));
          res.status(201).setHeader('Location', `${base}/${saved.id}`);
          res.json(recordView(saved, api.now(), api.timeZone()));
        },
      },
      {
        method: 'GET', path: `${base}/:id`, access: 'read',
        handler: async (req, res) => {
          const api = recordsOf(deps);
          const id = pathParam(req, 'id');
          const r = await api.store.get(kind, id);
          if (r === null) throw new ApiError(404, 'not_found', `no ${kind} "${id}"`);
          res.json(recordView(r, api.now(), api.timeZone()));
        },
      },
      {
        method: 'PATCH', path: `${base}/:id`, access: 'work', body: patch,
        handler: async (req, res) => {
          const api = recordsOf(deps);
          const { version, ...fields } = bodyOf(patch, res) as { version: number } & Record<string, unknown>;
          res.json(await apply(api, kind, pathParam(req, 'id'), version, patchRecord(fields, writer(api, res), observed)));
        },
      },
    );
  }
  routes.push(
    {
      method: 'POST', path: '/api/v1/records/cutovers/:id/approve', access: 'admin', body: cutoverActionInput.options[0].pick({ version: true }),
      handler: async (req, res) => {
        const api = recordsOf(deps);
        const { version } = bodyOf(cutoverActionInput.options[0], res);
        res.json(await apply(api, 'cutover', pathParam(req, 'id'), version, approveCutover(writer(api, res))));
      },
    },
    {
      method: 'POST', path: '/api/v1/records/cutovers/:id/reject', access: 'admin', body: cutoverRejectInput,
      handler: async (req, res) => {
        const api = recordsOf(deps);
        const input = bodyOf(cutoverRejectInput, res);
        res.json(await apply(api, 'cutover', pathParam(req, 'id'), input.version, rejectCutover(input, writer(api, res))));
      },
    },
    {
      method: 'POST', path: '/api/v1/records/cutovers/:id/actions', access: 'work', body: cutoverActionInput,
      handler: async (req, res) => {
        const api = recordsOf(deps);
        const input = bodyOf(cutoverActionInput, res);
        res.json(await apply(api, 'cutover', pathParam(req, 'id'), input.version, moveCutover(input, writer(api, res))));
      },
    },
    {
      method: 'POST', path: '/api/v1/records/plans/:id/actions', access: 'work', body: planActionInput,
      handler: async (req, res) => {
        const api = recordsOf(deps);
        const input = bodyOf(planActionInput, res);
        res.json(await apply(api, 'plan', pathParam(req, 'id'), input.version, movePlan(input, writer(api, res))));
      },
    },
    {
      method: 'POST', path: '/api/v1/records/checklists/:id/items/:item/check', access: 'work', body: checkItemInput,
      handler: async (req, res) => {
        const api = recordsOf(deps);
        const input = bodyOf(checkItemInput, res);
        res.json(await apply(api, 'checklist', pathParam(req, 'id'), input.version, checkItem(pathParam(req, 'item'), input, writer(api, res))));
      },
    },
  );
  return routes.map(ledgerRoute);
}
