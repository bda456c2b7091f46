/**
 * The record forms on a record's page and the actions every record form posts to: create and
 * edit (a form refused field by field comes back at once, 422, with each problem beside its field
 * and what was typed kept; a stale version is a 409 page), a cutover's start, finish and cancel,
 * an administrator's approval or refusal (驳回, with a reason) of its plan, a plan's review or
 * retirement, a checklist item's check. Every write is the API's (src/api/record-ops.ts and the
 * records' lifecycle), so its rules, its version check and its audit record (actor = the person
 * signed in) are the same whichever door was used. Only the forms the role and the record's
 * status allow are shown; the console checks the role again on every post (app.ts).
 */
import { changeRecord, createRecordAs, drillObserved, recordWriter } from '../../api/record-ops.js';
import {
  approveCutover, checkItem, checkItemInput, cutoverActionInput, cutoverRejectInput, moveCutover, movePlan, patchRecord, planActionInput,
  RecordProblemsError, rejectCutover, type CREATE_SCHEMAS,
} from '../../records/lifecycle.js';
import { CHECK_RESULTS, type ChecklistRecord, type CutoverRecord, type PlanRecord, type RecordKind } from '../../records/types.js';
import { CHECK_RESULT_LABELS } from '../../records/words.js';
import { field, parseForm, versionField } from '../forms.js';
import { href, html, type SafeHtml } from '../html.js';
import { words, type Word } from '../i18n.js';
import { csrfField } from '../layout.js';
import type { ConsoleAction, ConsoleContext } from '../page.js';
import { ledgerWrite } from './hazards-ledger.js';
import { entryOf, formPage, kindOf, portOf, recordOf, W as RW, type KindEntry } from './records-common.js';
import { problemErrors, readForm, typedValues, type FieldErrors } from './records-fields.js';
import type { z } from 'zod';

const A = words({
  approve: { zh: '审批通过', en: 'Approve' },
  approveHelp: { zh: '以您的名义审批此割接方案（操作方案、回退预案、窗口和影响网元）。', en: 'Approve this cutover\'s plan (operation plan, rollback plan, window, affected elements) in your name.' },
  confirmApprove: { zh: '确认审批通过此割接方案？', en: 'Approve this cutover plan?' },
  reject: { zh: '驳回', en: 'Reject' },
  reason: { zh: '驳回理由', en: 'Reason' },
  start: { zh: '开始实施', en: 'Start' },
  finish: { zh: '结束实施', en: 'Finish' },
  outcome: { zh: '结果', en: 'Outcome' },
  done: { zh: '已完成', en: 'done' },
  rolledBack: { zh: '已回退', en: 'rolled back' },
  cancel: { zh: '取消割接', en: 'Cancel the cutover' },
  confirmCancel: { zh: '确认取消此割接？', en: 'Cancel this cutover?' },
  notes: { zh: '说明', en: 'Notes' },
  review: { zh: '记录一次评审', en: 'Record a review' },
  reviewVersion: { zh: '评审的预案版本（留空：当前版本）', en: 'Plan version reviewed (blank: the current one)' },
  retire: { zh: '废止预案', en: 'Retire the plan' },
  confirmRetire: { zh: '确认废止此预案？', en: 'Retire this plan?' },
  note: { zh: '说明', en: 'Note' },
  check: { zh: '登记检查', en: 'Record the check' },
  result: { zh: '检查结果', en: 'Result' },
  adminOnly: { zh: '割接方案由管理员审批或驳回。', en: 'An administrator approves or rejects the cutover plan.' },
  forms: { zh: '操作', en: 'Actions' },
});

function textField(ctx: ConsoleContext, id: string, name: string, label: Word, opts: { required?: boolean; area?: boolean } = {}): SafeHtml {
  const req = opts.required === true ? html` required` : html``;
  return html`<p class="field"><label for="${id}">${ctx.t(label)}</label>${opts.area === true ? html`<textarea id="${id}" name="${name}"${req}></textarea>` : html`<input id="${id}" name="${name}" type="text"${req}>`}</p>`;
}

/** One action form: a titled box posting to `path` with the CSRF token and the version read. */
function actionForm(ctx: ConsoleContext, path: string, key: string, title: Word, version: number, body: SafeHtml | string, opts: { confirm?: Word; danger?: boolean } = {}): SafeHtml {
  return html`<form class="hz-form" method="post" action="${path}" aria-labelledby="rf-${key}"${opts.confirm !== undefined ? html` data-confirm="${ctx.t(opts.confirm)}"` : ''}>
<h3 id="rf-${key}">${ctx.t(title)}</h3>${csrfField(ctx)}<input type="hidden" name="version" value="${version}">
${body}<p><button type="submit"${opts.danger === true ? html` class="danger"` : ''}>${ctx.t(title)}</button></p></form>`;
}

function section(ctx: ConsoleContext, parts: readonly SafeHtml[]): SafeHtml {
  return parts.length === 0 ? html`` : html`<section class="card" aria-labelledby="rec-forms"><h2 id="rec-forms">${ctx.t(A.forms)}</h2><div class="hz-forms">${parts}</div></section>`;
}

/** A cutover's forms: approve and reject (admins, while approval is possible), start, finish, cancel (operators and admins). */
export function cutoverForms(ctx: ConsoleContext, c: CutoverRecord, moves: readonly string[]): SafeHtml {
  if (!ctx.can('work')) return html``;
  const path = (name: string): string => href(['records', 'cutovers', c.id, name]);
  const parts: SafeHtml[] = [];
  if (moves.includes('approve')) {
    if (ctx.can('admin')) {
      parts.push(actionForm(ctx, path('approve'), 'approve', A.approve, c.version, html`<p class="help">${ctx.t(A.approveHelp)}</p>`, { confirm: A.confirmApprove }));
      parts.push(actionForm(ctx, path('reject'), 'reject', A.reject, c.version, textField(ctx, 'rj-reason', 'reason', A.reason, { required: true, area: true }), { danger: true }));
    } else {
      parts.push(html`<p class="muted">${ctx.t(A.adminOnly)}</p>`);
    }
  }
  if (moves.includes('start')) parts.push(actionForm(ctx, path('start'), 'start', A.start, c.version, ''));
  if (moves.includes('finish')) {
    parts.push(actionForm(ctx, path('finish'), 'finish', A.finish, c.version, html`<fieldset><legend>${ctx.t(A.outcome)}</legend>
<p><input type="radio" id="fin-done" name="outcome" value="done" checked> <label for="fin-done">${ctx.t(A.done)}</label></p>
<p><input type="radio" id="fin-rb" name="outcome" value="rolled_back"> <label for="fin-rb">${ctx.t(A.rolledBack)}</label></p></fieldset>
${textField(ctx, 'fin-notes', 'notes', A.notes, { area: true })}`));
  }
  if (moves.includes('cancel')) parts.push(actionForm(ctx, path('cancel'), 'cancel', A.cancel, c.version, textField(ctx, 'cn-notes', 'notes', A.notes, { area: true }), { confirm: A.confirmCancel, danger: true }));
  return section(ctx, parts);
}

/** A plan's forms (operators and admins, while it is in force): record a review, retire it. */
export function planForms(ctx: ConsoleContext, p: PlanRecord): SafeHtml {
  if (!ctx.can('work') || p.status !== 'active') return html``;
  const path = (name: string): string => href(['records', 'plans', p.id, name]);
  return section(ctx, [
    actionForm(ctx, path('review'), 'review', A.review, p.version, html`${textField(ctx, 'rv-version', 'planVersion', A.reviewVersion)}${textField(ctx, 'rv-note', 'note', A.note, { area: true })}`),
    actionForm(ctx, path('retire'), 'retire', A.retire, p.version, textField(ctx, 'rt-note', 'note', A.note, { area: true }), { confirm: A.confirmRetire, danger: true }),
  ]);
}

/** A checklist item's check form, per item (operators and admins), or null for a role that reads only. */
export function checklistItemForms(ctx: ConsoleContext, c: ChecklistRecord): ((itemId: string) => SafeHtml) | null {
  if (!ctx.can('work')) return null;
  return (itemId) => {
    const id = `ck-${itemId}`;
    return html`<form class="inline-form" method="post" action="${href(['records', 'checklists', c.id, 'items', itemId, 'check'])}">${csrfField(ctx)}<input type="hidden" name="version" value="${c.version}">
<label for="${id}-result">${ctx.t(A.result)}</label> <select id="${id}-result" name="result">${CHECK_RESULTS.map((r) => html`<option value="${r}">${ctx.t(CHECK_RESULT_LABELS[r])}</option>`)}</select>
<label for="${id}-note">${ctx.t(A.note)}</label> <input id="${id}-note" name="note" type="text">
<button type="submit">${ctx.t(A.check)}</button></form>`;
  };
}

/** Where to go back to from an error page about record `id`. */
function back(k: KindEntry, id: string): { href: string; label: Word } {
  return { href: href(['records', k.path, id]), label: RW.reload };
}

/** Runs a record write; a stale version → 409 page, a refused move → 422 page, no such record → 404 page. */
function write<T>(k: KindEntry, id: string, fn: () => Promise<T>): Promise<T> {
  return ledgerWrite(back(k, id), RW.conflict, fn);
}

/** Runs a create or edit; a record refused for its invariants comes back as its problems by field. */
async function saveOrErrors<T>(kind: RecordKind, fn: () => Promise<T>): Promise<{ saved: T } | { errors: FieldErrors }> {
  try {
    return { saved: await fn() };
  } catch (err) {
    if (err instanceof RecordProblemsError) return { errors: problemErrors(kind, err) };
    throw err;
  }
}

/** An action on one record of a fixed kind: the record page's path and a change made from the form. */
function recordAction<K extends RecordKind>(kind: K, path: string, access: 'work' | 'admin', changeOf: (ctx: ConsoleContext, f: URLSearchParams, actor: string, api: ReturnType<typeof portOf>) => { version: number; change: Parameters<typeof changeRecord<K>>[4] }): ConsoleAction {
  return {
    path, access,
    handle: async (ctx, f) => {
      const api = portOf(ctx);
      const k = entryOf(kind);
      const id = ctx.params['id'] ?? '';
      const { version, change } = changeOf(ctx, f, ctx.principal.name, api);
      await write(k, id, () => changeRecord(api, kind, id, version, change));
      return { redirect: href(['records', k.path, id]) };
    },
  };
}

/** The record forms' actions. */
export const recordActions: ConsoleAction[] = [
  {
    path: '/records/:kind/new',
    access: 'work',
    handle: async (ctx, f) => {
      const api = portOf(ctx);
      const k = kindOf(ctx);
      const read = readForm(k.kind, 'create', f, ctx.zone);
      if (!read.ok) return { page: formPage(ctx, k, null, typedValues(f), read.errors) };
      const out = await saveOrErrors(k.kind, () => createRecordAs(ctx.deps, api, k.kind, read.input as z.output<(typeof CREATE_SCHEMAS)[typeof k.kind]>, ctx.principal.name));
      if ('errors' in out) return { page: formPage(ctx, k, null, typedValues(f), out.errors) };
      return { redirect: href(['records', k.path, out.saved.id]) };
    },
  },
  {
    path: '/records/:kind/:id/edit',
    access: 'work',
    handle: async (ctx, f) => {
      const api = portOf(ctx);
      const k = kindOf(ctx);
      const r = await recordOf(ctx, api, k);
      const version = versionField(f);
      const target = { id: r.id, version: String(version), approved: r.kind === 'cutover' && r.status === 'approved' };
      const read = readForm(k.kind, 'edit', f, ctx.zone);
      if (!read.ok) return { page: formPage(ctx, k, target, typedValues(f), read.errors) };
      const change = patchRecord<RecordKind>(read.input, recordWriter(api, ctx.principal.name), drillObserved(ctx.deps));
      const out = await write(k, r.id, () => saveOrErrors(k.kind, () => changeRecord(api, k.kind, r.id, version, change)));
      if ('errors' in out) return { page: formPage(ctx, k, target, typedValues(f), out.errors) };
      return { redirect: href(['records', k.path, r.id]) };
    },
  },
  recordAction('cutover', '/records/cutovers/:id/approve', 'admin', (_ctx, f, actor, api) => ({ version: versionField(f), change: approveCutover(recordWriter(api, actor)) })),
  recordAction('cutover', '/records/cutovers/:id/reject', 'admin', (_ctx, f, actor, api) => {
    const input = parseForm(cutoverRejectInput, { version: versionField(f), reason: field(f, 'reason') ?? '' });
    return { version: input.version, change: rejectCutover(input, recordWriter(api, actor)) };
  }),
  ...(['start', 'finish', 'cancel'] as const).map((action) => recordAction('cutover', `/records/cutovers/:id/${action}`, 'work', (_ctx, f, actor, api) => {
    const version = versionField(f);
    const notes = field(f, 'notes');
    const input = parseForm(cutoverActionInput, action === 'start' ? { version, action }
      : action === 'finish' ? { version, action, outcome: field(f, 'outcome') ?? '', ...(notes !== undefined ? { notes } : {}) }
        : { version, action, ...(notes !== undefined ? { notes } : {}) });
    return { version, change: moveCutover(input, recordWriter(api, actor)) };
  })),
  ...(['review', 'retire'] as const).map((action) => recordAction('plan', `/records/plans/:id/${action}`, 'work', (_ctx, f, actor, api) => {
    const version = versionField(f);
    const planVersion = field(f, 'planVersion');
    const input = parseForm(planActionInput, { version, action, note: field(f, 'note') ?? '', ...(action === 'review' && planVersion !== undefined ? { planVersion } : {}) });
    return { version, change: movePlan(input, recordWriter(api, actor)) };
  })),
  {
    path: '/records/checklists/:id/items/:item/check',
    access: 'work',
    handle: async (ctx, f) => {
      const api = portOf(ctx);
      const k = entryOf('checklist');
      const id = ctx.params['id'] ?? '';
      const input = parseForm(checkItemInput, { version: versionField(f), result: field(f, 'result') ?? '', note: field(f, 'note') ?? '' });
      const change = checkItem(ctx.params['item'] ?? '', input, recordWriter(api, ctx.principal.name));
      await write(k, id, () => changeRecord(api, 'checklist', id, input.version, change));
      return { redirect: href(['records', k.path, id]) };
    },
  },
];
