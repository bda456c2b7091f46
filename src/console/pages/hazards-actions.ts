/**
 * The hazard page's forms and the actions they post to: acknowledge (with the owner), assign,
 * plan (remediation, interim controls, deadline with its reason; a 重大隐患's governance plan and
 * report to the regulator), confirm the grade, start rectification, request verification (mark a
 * filed hazard fixed), verify (销号 or back to rectification), reopen, comment. Each form carries
 * the version it was read at; each action is the API's (`applyHazardAction`, `addComment`), so the
 * lifecycle's rules, the 409 on a stale version and the audit record (actor = the logged-in
 * person) are the same. Only the forms the role and the hazard's status allow are shown; the
 * console checks the role again on every post (app.ts).
 */
import { addComment, applyHazardAction } from '../../api/hazard-ops.js';
import { HAZARD_GRADE_LABELS } from '../../analysis/rules/words.js';
import { allowedActions } from '../../ledger/lifecycle.js';
import { HAZARD_GRADES, type Hazard } from '../../ledger/types.js';
import { ACTION_LABELS, GOVERNANCE_PART_LABELS, REGULATOR_REPORT_LABELS, type LifecycleAction } from '../../ledger/words.js';
import { field, fieldsOf, zonedIso } from '../forms.js';
import { href, html, type SafeHtml } from '../html.js';
import type { Word } from '../i18n.js';
import { csrfField } from '../layout.js';
import { ConsoleError, type ConsoleAction, type ConsoleContext } from '../page.js';
import { ledgerOr404, ledgerWrite, versionOf } from './hazards-ledger.js';
import { HW } from './hazards-words.js';

const GOVERNANCE_KEYS = Object.keys(GOVERNANCE_PART_LABELS) as (keyof typeof GOVERNANCE_PART_LABELS)[];
const REPORT_KEYS = Object.keys(REGULATOR_REPORT_LABELS) as (keyof typeof REGULATOR_REPORT_LABELS)[];

/** The console action paths under `/hazards/:id/`, and the form each shows. */
type FormName = 'acknowledge' | 'assign' | 'plan' | 'grade' | 'rectify' | 'fixed' | 'verify' | 'reopen' | 'comment';

function actionPath(h: Hazard, form: FormName): string {
  return href(['hazards', h.id, form]);
}

function input(ctx: ConsoleContext, id: string, name: string, label: Word, opts: { value?: string | null | undefined; required?: boolean; type?: string } = {}): SafeHtml {
  return html`<p class="field"><label for="${id}">${ctx.t(label)}</label>
<input id="${id}" name="${name}" type="${opts.type ?? 'text'}" value="${opts.value ?? ''}"${opts.required === true ? html` required` : ''}></p>`;
}

function textarea(ctx: ConsoleContext, id: string, name: string, label: Word, opts: { value?: string | null | undefined; required?: boolean } = {}): SafeHtml {
  return html`<p class="field"><label for="${id}">${ctx.t(label)}</label>
<textarea id="${id}" name="${name}"${opts.required === true ? html` required` : ''}>${opts.value ?? ''}</textarea></p>`;
}

/** One action form: a titled box posting to its action with the CSRF token and the version read. */
function form(ctx: ConsoleContext, h: Hazard, name: FormName, title: Word, body: SafeHtml, opts: { submit?: Word; confirm?: Word; danger?: boolean } = {}): SafeHtml {
  return html`<form class="hz-form" method="post" action="${actionPath(h, name)}" aria-labelledby="hzf-${name}"${opts.confirm !== undefined ? html` data-confirm="${ctx.t(opts.confirm)}"` : ''}>
<h3 id="hzf-${name}">${ctx.t(title)}</h3>
${csrfField(ctx)}<input type="hidden" name="version" value="${h.version}">
${body}
<p><button type="submit"${opts.danger === true ? html` class="danger"` : ''}>${ctx.t(opts.submit ?? title)}</button></p>
</form>`;
}

function ownerFields(ctx: ConsoleContext, prefix: string, h: Hazard | null): SafeHtml {
  return html`${input(ctx, `${prefix}-ownerOrg`, 'ownerOrg', HW.ownerOrg, { value: h?.ownerOrg, required: true })}
${input(ctx, `${prefix}-ownerPerson`, 'ownerPerson', HW.ownerPerson, { value: h?.ownerPerson, required: true })}
${input(ctx, `${prefix}-contractorOrg`, 'contractorOrg', HW.contractorOrg, { value: h?.contractorOrg })}
${input(ctx, `${prefix}-contractorPerson`, 'contractorPerson', HW.contractorPerson, { value: h?.contractorPerson })}`;
}

function planForm(ctx: ConsoleContext, h: Hazard): SafeHtml {
  const major = h.grade === '重大隐患';
  const governance = major
    ? html`<fieldset><legend>${ctx.t(HW.governance)}</legend>${GOVERNANCE_KEYS.map((k) => textarea(ctx, `plan-gp-${k}`, `gp-${k}`, GOVERNANCE_PART_LABELS[k], { value: h.governancePlan?.[k] }))}</fieldset>
<fieldset><legend>${ctx.t(HW.regulator)}</legend>${REPORT_KEYS.map((k) => input(ctx, `plan-rr-${k}`, `rr-${k}`, REGULATOR_REPORT_LABELS[k], { value: h.regulatorReport?.[k], type: k === 'date' ? 'date' : 'text' }))}</fieldset>`
    : '';
  return form(ctx, h, 'plan', HW.plan, html`${textarea(ctx, 'plan-remediationPlan', 'remediationPlan', HW.remediationPlan, { value: h.remediationPlan })}
${textarea(ctx, 'plan-interimControls', 'interimControls', HW.interimControls, { value: h.interimControls })}
${input(ctx, 'plan-deadline', 'deadline', HW.newDeadline, { type: 'datetime-local' })}
<p class="help">${ctx.t(HW.deadline)}: ${ctx.time(h.deadline)}</p>
${input(ctx, 'plan-deadlineReason', 'deadlineReason', HW.deadlineReason)}
${governance}
${textarea(ctx, 'plan-note', 'note', HW.note)}`, { submit: HW.save });
}

/** The forms this principal may use on this hazard now (none for a role that cannot work hazards). */
export function hazardForms(ctx: ConsoleContext, h: Hazard): SafeHtml {
  if (!ctx.can('work')) return html``;
  const allowed = new Set<LifecycleAction>(allowedActions(h));
  const parts: SafeHtml[] = [];
  if (allowed.has('acknowledge')) {
    parts.push(form(ctx, h, 'acknowledge', ACTION_LABELS.acknowledge, html`${ownerFields(ctx, 'ack', null)}${textarea(ctx, 'ack-note', 'note', HW.note)}`));
  }
  if (allowed.has('update')) {
    parts.push(form(ctx, h, 'assign', HW.assign, html`${ownerFields(ctx, 'assign', h)}${textarea(ctx, 'assign-note', 'note', HW.note)}`, { submit: HW.save }));
    parts.push(planForm(ctx, h));
  }
  if (allowed.has('confirmGrade')) {
    const current = h.grade ?? h.suggestedGrade;
    parts.push(form(ctx, h, 'grade', ACTION_LABELS.confirmGrade, html`<p class="help">${ctx.t(HW.gradeHelp)}</p>
<p class="field"><label for="grade-grade">${ctx.t(HW.grade)}</label><select id="grade-grade" name="grade">${HAZARD_GRADES.map((g) => html`<option value="${g}"${g === current ? html` selected` : ''}>${ctx.t(HAZARD_GRADE_LABELS[g])}</option>`)}</select></p>
${textarea(ctx, 'grade-note', 'note', HW.note)}`));
  }
  if (allowed.has('startRectification')) {
    parts.push(form(ctx, h, 'rectify', ACTION_LABELS.startRectification, textarea(ctx, 'rectify-note', 'note', HW.note)));
  }
  if (allowed.has('markFixed')) {
    parts.push(form(ctx, h, 'fixed', HW.requestVerification, textarea(ctx, 'fixed-note', 'note', HW.note)));
  } else if (h.status === 'rectifying' && h.fingerprint !== null) {
    parts.push(html`<p class="notice info">${ctx.t(HW.measuredFix)}</p>`);
  }
  if (allowed.has('verify')) {
    parts.push(form(ctx, h, 'verify', ACTION_LABELS.verify, html`<p>${ctx.t(HW.verifyAs)} <strong>${ctx.principal.name}</strong></p><p class="help">${ctx.t(HW.verifyHelp)}</p>
<fieldset><legend>${ctx.t(HW.result)}</legend>
<p><input type="radio" id="verify-passed" name="result" value="passed" checked> <label for="verify-passed">${ctx.t(HW.passed)}</label></p>
<p><input type="radio" id="verify-failed" name="result" value="failed"> <label for="verify-failed">${ctx.t(HW.failed)}</label></p></fieldset>
${textarea(ctx, 'verify-note', 'note', HW.note)}`, { confirm: HW.confirmClose }));
  }
  if (allowed.has('reopen')) {
    parts.push(form(ctx, h, 'reopen', ACTION_LABELS.reopen, textarea(ctx, 'reopen-reason', 'reason', HW.reason, { required: true }), { danger: true }));
  }
  if (parts.length === 0) parts.push(html`<p class="muted">${ctx.t(HW.noActions)}</p>`);
  parts.push(form(ctx, h, 'comment', HW.addComment, textarea(ctx, 'comment-text', 'text', HW.commentText, { required: true })));
  return html`<div class="hz-forms">${parts}</div>`;
}

/** The plan form's fields as the lifecycle's update input. */
function planInput(ctx: ConsoleContext, f: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = fieldsOf(f, ['remediationPlan', 'interimControls', 'deadlineReason', 'note']);
  const deadline = field(f, 'deadline');
  if (deadline !== undefined) {
    const iso = zonedIso(deadline, ctx.zone);
    if (iso === null) throw new ConsoleError(422, HW.badDeadline);
    out['deadline'] = iso;
  }
  if (GOVERNANCE_KEYS.some((k) => f.has(`gp-${k}`))) {
    out['governancePlan'] = Object.fromEntries(GOVERNANCE_KEYS.map((k) => [k, field(f, `gp-${k}`) ?? '']));
  }
  if (REPORT_KEYS.some((k) => field(f, `rr-${k}`) !== undefined)) {
    out['regulatorReport'] = Object.fromEntries(REPORT_KEYS.map((k) => [k, field(f, `rr-${k}`) ?? '']));
  }
  return out;
}

/** What each form posts as the lifecycle's action and input. */
const FORM_ACTIONS: Readonly<Record<Exclude<FormName, 'comment'>, { action: LifecycleAction; input: (ctx: ConsoleContext, f: URLSearchParams) => Record<string, unknown> }>> = {
  acknowledge: { action: 'acknowledge', input: (_c, f) => fieldsOf(f, ['ownerOrg', 'ownerPerson', 'contractorOrg', 'contractorPerson', 'note']) },
  assign: { action: 'update', input: (_c, f) => fieldsOf(f, ['ownerOrg', 'ownerPerson', 'contractorOrg', 'contractorPerson', 'note']) },
  plan: { action: 'update', input: planInput },
  grade: { action: 'confirmGrade', input: (_c, f) => fieldsOf(f, ['grade', 'note']) },
  rectify: { action: 'startRectification', input: (_c, f) => fieldsOf(f, ['note']) },
  fixed: { action: 'markFixed', input: (_c, f) => fieldsOf(f, ['note']) },
  // the verifier is the person signed in: the sign-off is theirs, audited under their name
  verify: { action: 'verify', input: (c, f) => ({ verifier: c.principal.name, ...fieldsOf(f, ['result', 'note']) }) },
  reopen: { action: 'reopen', input: (_c, f) => fieldsOf(f, ['reason']) },
};

function back(id: string): { href: string; label: Word } {
  return { href: href(['hazards', id]), label: HW.reload };
}

/** The hazard page's form actions. */
export const hazardActions: ConsoleAction[] = [
  ...(Object.entries(FORM_ACTIONS) as [Exclude<FormName, 'comment'>, (typeof FORM_ACTIONS)[keyof typeof FORM_ACTIONS]][]).map(([name, spec]): ConsoleAction => ({
    path: `/hazards/:id/${name}`,
    access: 'work',
    handle: async (ctx, f) => {
      const ledger = ledgerOr404(ctx);
      const id = ctx.params['id'] ?? '';
      const version = versionOf(f);
      const body = spec.input(ctx, f);
      await ledgerWrite(back(id), HW.conflict, () => applyHazardAction(ledger, id, version, spec.action, body, ctx.principal.name));
      return { redirect: href(['hazards', id]) };
    },
  })),
  {
    path: '/hazards/:id/comment',
    access: 'work',
    handle: async (ctx, f) => {
      const ledger = ledgerOr404(ctx);
      const id = ctx.params['id'] ?? '';
      const h = await ledger.store.hazard(id);
      if (h === null) throw new ConsoleError(404, HW.notFound);
      const text = field(f, 'text');
      if (text === undefined) throw new ConsoleError(422, { zh: `${HW.refused.zh}${HW.commentText.zh}不能为空`, en: `${HW.refused.en}the comment is empty` }, back(id));
      await ledgerWrite(back(id), HW.conflict, () => addComment(ledger, h, text.slice(0, 4000), ctx.principal.name));
      return { redirect: href(['hazards', id]) };
    },
  },
];

