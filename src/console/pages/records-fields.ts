/**
 * The record forms of the console, one field list per kind: each field names its place in the
 * API's input (`operationPlan.ref`, `affected.devices` …: the form field's name is that path), how
 * a person types it (a time in the operator's zone, a comma-separated list, a choice …) and its
 * label in both languages. The same list renders the create and edit forms, shows a record's
 * facts, and turns a posted form into the input the API's schemas (src/records/lifecycle.ts)
 * validate — no validation of its own beyond what only a form has (a time that is no time, a
 * number that is no number). Each problem is kept with the field it concerns, so the form comes
 * back with the problem beside the field and what was typed still in it.
 */
import type { z } from 'zod';
import type { Bilingual } from '../../analysis/finding.js';
import { CREATE_SCHEMAS, PATCH_SCHEMAS, type RecordProblemsError } from '../../records/lifecycle.js';
import {
  CHECK_CATEGORIES, CUTOVER_CATEGORIES, DRILL_RESULTS, DRILL_STATUSES, INCIDENT_GRADES, INCIDENT_STATUSES,
  type AnyRecord, type RecordKind,
} from '../../records/types.js';
import {
  CHECK_CATEGORY_LABELS, CUTOVER_CATEGORY_LABELS, DRILL_RESULT_LABELS, DRILL_STATUS_LABELS, INCIDENT_GRADE_LABELS, INCIDENT_STATUS_LABELS,
} from '../../records/words.js';
import { listField, localInputValue, zonedIso } from '../forms.js';
import { deviceText, html, type SafeHtml } from '../html.js';
import { words, type Word } from '../i18n.js';
import type { ConsoleContext } from '../page.js';

export const RF = words({
  title: { zh: '标题', en: 'Title' },
  ref: { zh: '工单号', en: 'Change ticket' },
  category: { zh: '类别', en: 'Category' },
  opRef: { zh: '操作方案编号', en: 'Operation plan reference' },
  opSummary: { zh: '操作方案内容', en: 'Operation plan' },
  rbRef: { zh: '回退/应急预案编号', en: 'Rollback plan reference' },
  rbSummary: { zh: '回退/应急预案内容', en: 'Rollback plan' },
  emergency: { zh: '紧急抢修（可先实施后审批）', en: 'Emergency change (may be approved after it began)' },
  windowStart: { zh: '窗口开始', en: 'Window start' },
  windowEnd: { zh: '窗口结束', en: 'Window end' },
  affected: { zh: '影响的网元', en: 'Affected elements' },
  scope: { zh: '覆盖的网元', en: 'Elements covered' },
  elements: { zh: '涉及的网元', en: 'Elements' },
  devices: { zh: '设备（逗号分隔）', en: 'Devices (comma-separated)' },
  links: { zh: '链路（逗号分隔）', en: 'Links (comma-separated)' },
  sites: { zh: '局站（逗号分隔）', en: 'Sites (comma-separated)' },
  riskGroups: { zh: '共享风险（如 duct:D-7，逗号分隔）', en: 'Shared risks (e.g. duct:D-7, comma-separated)' },
  notes: { zh: '备注', en: 'Notes' },
  scenario: { zh: '场景', en: 'Scenario' },
  planVersion: { zh: '预案版本', en: 'Plan version' },
  owner: { zh: '负责人', en: 'Owner' },
  planRef: { zh: '预案文档编号', en: 'Plan document reference' },
  lastReviewedAt: { zh: '最近评审', en: 'Last reviewed' },
  reviewIntervalDays: { zh: '评审周期（天）', en: 'Review interval (days)' },
  planId: { zh: '演练的应急预案（记录编号）', en: 'Emergency plan exercised (record id)' },
  group: { zh: '倒换的保护组、业务或设备对（如 cr1+cr2）', en: 'Protection group, service or pair switched (e.g. cr1+cr2)' },
  start: { zh: '开始', en: 'Start' },
  end: { zh: '结束', en: 'End' },
  participants: { zh: '参加人员（逗号分隔）', en: 'Participants (comma-separated)' },
  status: { zh: '状态', en: 'Status' },
  result: { zh: '结果', en: 'Result' },
  measuredSwitchMs: { zh: '实测倒换时间（毫秒）', en: 'Measured switchover time (ms)' },
  reportRef: { zh: '演练报告编号', en: 'Drill report reference' },
  summary: { zh: '概述', en: 'Summary' },
  grade: { zh: '事故等级', en: 'Grade' },
  affectedServices: { zh: '影响的业务（逗号分隔）', en: 'Affected services (comma-separated)' },
  reportedAt: { zh: '向通信管理局报告的时间', en: 'Reported to the administration at' },
  reportDeadlineMinutes: { zh: '报告时限（分钟，留空按等级默认）', en: 'Report due within (minutes; blank: the grade\'s default)' },
  linkedAlerts: { zh: '关联告警（逗号分隔）', en: 'Linked alerts (comma-separated)' },
  linkedHazards: { zh: '关联隐患（逗号分隔）', en: 'Linked hazards (comma-separated)' },
  periodId: { zh: '重要保障期（策略中的编号）', en: 'Special period (its id in the policy)' },
  dueAt: { zh: '准备完成时限', en: 'Preparations due' },
  items: { zh: '检查项', en: 'Items' },
  item: { zh: '检查项', en: 'Item' },
  itemText: { zh: '检查内容', en: 'What to check' },
  itemSite: { zh: '局站（可选）', en: 'Site (optional)' },
  none: { zh: '（无）', en: '(none)' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  zoneHelp: { zh: '时间按 {zone} 时间填写。', en: 'Times are in {zone}.' },
  required: { zh: '必填。', en: 'Required.' },
  badTime: { zh: '不是有效的日期时间。', en: 'Not a valid date and time.' },
  badNumber: { zh: '不是有效的数字。', en: 'Not a valid number.' },
  problems: { zh: '表单未被接受，请修改标出的字段：', en: 'The form was not accepted; correct the fields marked:' },
  notAccepted: { zh: '不符合要求：', en: 'Not accepted: ' },
});

type FieldType = 'text' | 'textarea' | 'time' | 'int' | 'list' | 'select' | 'check';

/** One field of a record form. */
export interface FieldSpec {
  /** The form field's name: the path of the API's input (`operationPlan.ref`). */
  readonly name: string;
  readonly label: Word;
  readonly type: FieldType;
  readonly required?: boolean;
  /** Blank means null (an optional time, choice or reference). */
  readonly nullable?: boolean;
  /** Blank is left out of the input (the API's default applies). */
  readonly omitBlank?: boolean;
  readonly options?: readonly { readonly value: string; readonly label: Bilingual }[];
  /** Shown on the create form only (a checklist's items are fixed once made). */
  readonly createOnly?: boolean;
}

/** Fields under a legend (the elements a record concerns). */
export interface FieldGroup {
  readonly group: string;
  readonly legend: Word;
  readonly fields: readonly FieldSpec[];
}

type Part = FieldSpec | FieldGroup;

const opts = <K extends string>(keys: readonly K[], labels: Readonly<Record<K, Bilingual>>) => keys.map((k) => ({ value: k, label: labels[k] }));

function elementsGroup(group: string, legend: Word): FieldGroup {
  return {
    group, legend,
    fields: (['devices', 'links', 'sites', 'riskGroups'] as const).map((k) => ({ name: `${group}.${k}`, label: RF[k], type: 'list' as const })),
  };
}

/** How many item rows a new checklist's form offers (blank rows are left out). */
export const ITEM_ROWS = 8;

/** The item rows of a new checklist. */
function itemRows(): FieldGroup[] {
  return Array.from({ length: ITEM_ROWS }, (_, i) => ({
    group: `items.${i}`,
    legend: { zh: `${RF.item.zh} ${i + 1}`, en: `${RF.item.en} ${i + 1}` },
    fields: [
      { name: `items.${i}.category`, label: RF.category, type: 'select' as const, options: opts(CHECK_CATEGORIES, CHECK_CATEGORY_LABELS), createOnly: true },
      { name: `items.${i}.text`, label: RF.itemText, type: 'text' as const, createOnly: true },
      { name: `items.${i}.site`, label: RF.itemSite, type: 'text' as const, nullable: true, createOnly: true },
    ],
  }));
}

/** The form of each kind, in the order people fill it. */
export const FORMS: Readonly<Record<RecordKind, readonly Part[]>> = {
  cutover: [
    { name: 'ref', label: RF.ref, type: 'text', required: true },
    { name: 'title', label: RF.title, type: 'text', required: true },
    { name: 'category', label: RF.category, type: 'select', options: opts(CUTOVER_CATEGORIES, CUTOVER_CATEGORY_LABELS) },
    { name: 'operationPlan.ref', label: RF.opRef, type: 'text', required: true },
    { name: 'operationPlan.summary', label: RF.opSummary, type: 'textarea', required: true },
    { name: 'rollbackPlan.ref', label: RF.rbRef, type: 'text', required: true },
    { name: 'rollbackPlan.summary', label: RF.rbSummary, type: 'textarea', required: true },
    { name: 'emergency', label: RF.emergency, type: 'check' },
    { name: 'windowStart', label: RF.windowStart, type: 'time', required: true },
    { name: 'windowEnd', label: RF.windowEnd, type: 'time', required: true },
    elementsGroup('affected', RF.affected),
    { name: 'notes', label: RF.notes, type: 'textarea' },
  ],
  plan: [
    { name: 'title', label: RF.title, type: 'text', required: true },
    { name: 'scenario', label: RF.scenario, type: 'textarea', required: true },
    { name: 'planVersion', label: RF.planVersion, type: 'text', required: true },
    { name: 'owner', label: RF.owner, type: 'text', required: true },
    { name: 'ref', label: RF.planRef, type: 'text' },
    { name: 'lastReviewedAt', label: RF.lastReviewedAt, type: 'time', required: true },
    { name: 'reviewIntervalDays', label: RF.reviewIntervalDays, type: 'int', omitBlank: true },
    elementsGroup('scope', RF.scope),
  ],
  drill: [
    { name: 'title', label: RF.title, type: 'text', required: true },
    { name: 'scenario', label: RF.scenario, type: 'textarea', required: true },
    { name: 'planId', label: RF.planId, type: 'text', nullable: true },
    { name: 'group', label: RF.group, type: 'text', nullable: true },
    elementsGroup('elements', RF.elements),
    { name: 'start', label: RF.start, type: 'time', required: true },
    { name: 'end', label: RF.end, type: 'time', required: true },
    { name: 'participants', label: RF.participants, type: 'list' },
    { name: 'status', label: RF.status, type: 'select', options: opts(DRILL_STATUSES, DRILL_STATUS_LABELS) },
    { name: 'result', label: RF.result, type: 'select', nullable: true, options: opts(DRILL_RESULTS, DRILL_RESULT_LABELS) },
    { name: 'measuredSwitchMs', label: RF.measuredSwitchMs, type: 'int', nullable: true },
    { name: 'reportRef', label: RF.reportRef, type: 'text' },
    { name: 'notes', label: RF.notes, type: 'textarea' },
  ],
  incident: [
    { name: 'title', label: RF.title, type: 'text', required: true },
    { name: 'summary', label: RF.summary, type: 'textarea' },
    { name: 'grade', label: RF.grade, type: 'select', options: opts(INCIDENT_GRADES, INCIDENT_GRADE_LABELS) },
    { name: 'start', label: RF.start, type: 'time', required: true },
    { name: 'end', label: RF.end, type: 'time', nullable: true },
    { name: 'affectedServices', label: RF.affectedServices, type: 'list' },
    elementsGroup('elements', RF.elements),
    { name: 'reportedAt', label: RF.reportedAt, type: 'time', nullable: true },
    { name: 'reportDeadlineMinutes', label: RF.reportDeadlineMinutes, type: 'int', omitBlank: true },
    { name: 'linkedAlerts', label: RF.linkedAlerts, type: 'list' },
    { name: 'linkedHazards', label: RF.linkedHazards, type: 'list' },
    { name: 'status', label: RF.status, type: 'select', options: opts(INCIDENT_STATUSES, INCIDENT_STATUS_LABELS) },
  ],
  checklist: [
    { name: 'title', label: RF.title, type: 'text', required: true },
    { name: 'periodId', label: RF.periodId, type: 'text', required: true },
    { name: 'dueAt', label: RF.dueAt, type: 'time', required: true },
    { name: 'sites', label: RF.sites, type: 'list' },
    ...itemRows(),
  ],
};

const isGroup = (p: Part): p is FieldGroup => 'group' in p;

/** Every field of a kind's form (groups flattened); `mode` leaves out the create-only ones from an edit. */
export function fieldsOf(kind: RecordKind, mode: 'create' | 'edit'): FieldSpec[] {
  return FORMS[kind].flatMap((p) => (isGroup(p) ? p.fields : [p])).filter((f) => mode === 'create' || f.createOnly !== true);
}

/** The value at a dotted path of an object. */
function at(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function setAt(o: Record<string, unknown>, path: string, v: unknown): void {
  const keys = path.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
  cur[keys.at(-1)!] = v;
}

/** A stored value as text (the fields hold text, numbers and booleans). */
function scalar(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** A record's value of a field as the form's input value (a time in the operator's zone, a list comma-separated). */
function inputValue(r: AnyRecord, f: FieldSpec, zone: string): string {
  const v = at(r, f.name);
  if (v === null || v === undefined) return '';
  if (f.type === 'time' && typeof v === 'number') return localInputValue(v, zone);
  if (f.type === 'check') return v === true ? 'on' : '';
  if (Array.isArray(v)) return v.map(scalar).join(', ');
  return scalar(v);
}

/** The values a form shows: a record's (an edit), what was typed (a refused post), or nothing (a new record). */
export type FormValues = (name: string) => string;

export function recordValues(r: AnyRecord, kind: RecordKind, zone: string): FormValues {
  const byName = new Map(fieldsOf(kind, 'edit').map((f) => [f.name, inputValue(r, f, zone)]));
  return (name) => byName.get(name) ?? '';
}

export function typedValues(form: URLSearchParams): FormValues {
  return (name) => form.get(name) ?? '';
}

export const NO_VALUES: FormValues = () => '';

/** Problems by field name (or group, or '' for the form as a whole). */
export type FieldErrors = ReadonlyMap<string, readonly Word[]>;

function add(errors: Map<string, Word[]>, key: string, w: Word): void {
  errors.set(key, [...(errors.get(key) ?? []), w]);
}

/** The field or group a problem's path belongs to: the longest field name or group it starts with. */
function keyOf(kind: RecordKind, path: string): string {
  const names = [...fieldsOf(kind, 'create').map((f) => f.name), ...FORMS[kind].filter(isGroup).map((g) => g.group)];
  const hit = names.filter((n) => path === n || path.startsWith(`${n}.`)).sort((a, b) => b.length - a.length)[0];
  return hit ?? '';
}

/** What a posted form asks: the API's input for `mode`, or the problems by field. */
export function readForm(kind: RecordKind, mode: 'create' | 'edit', form: URLSearchParams, zone: string):
  { readonly ok: true; readonly input: Record<string, unknown> } | { readonly ok: false; readonly errors: FieldErrors } {
  const input: Record<string, unknown> = {};
  const errors = new Map<string, Word[]>();
  for (const f of fieldsOf(kind, mode)) {
    const raw = (form.get(f.name) ?? '').trim();
    if (f.name.startsWith('items.')) continue;
    if (f.type === 'check') { setAt(input, f.name, form.has(f.name)); continue; }
    if (f.type === 'list') { setAt(input, f.name, listField(form, f.name) ?? []); continue; }
    if (raw === '') {
      if (f.required === true) add(errors, f.name, RF.required);
      else if (f.nullable === true) setAt(input, f.name, null);
      else if (f.omitBlank !== true) setAt(input, f.name, '');
      continue;
    }
    if (f.type === 'time') {
      const iso = zonedIso(raw, zone);
      if (iso === null) add(errors, f.name, RF.badTime);
      else setAt(input, f.name, iso);
    } else if (f.type === 'int') {
      if (/^-?\d+(\.\d+)?$/.test(raw)) setAt(input, f.name, Number(raw));
      else add(errors, f.name, RF.badNumber);
    } else {
      setAt(input, f.name, raw);
    }
  }
  if (kind === 'checklist' && mode === 'create') {
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < ITEM_ROWS; i++) {
      const text = (form.get(`items.${i}.text`) ?? '').trim();
      const site = (form.get(`items.${i}.site`) ?? '').trim();
      if (text === '' && site === '') continue;
      items.push({ category: form.get(`items.${i}.category`) ?? '', text, site: site === '' ? null : site });
    }
    if (items.length === 0) add(errors, 'items.0', RF.required);
    input['items'] = items;
  }
  const schema: z.ZodType = mode === 'create' ? CREATE_SCHEMAS[kind] : PATCH_SCHEMAS[kind].omit({ version: true });
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.map(String).join('.');
      const key = kind === 'checklist' && path.startsWith('items.') ? itemKey(form, path) : keyOf(kind, path);
      if (!errors.has(key)) add(errors, key, { zh: `${RF.notAccepted.zh}${i.message}`, en: `${RF.notAccepted.en}${i.message}` });
    }
  }
  if (errors.size > 0) return { ok: false, errors };
  return { ok: true, input: parsed.data as Record<string, unknown> };
}

/** A checklist item problem (`items.<n>.text`, n among the rows given) as the row's field it concerns. */
function itemKey(form: URLSearchParams, path: string): string {
  const m = /^items\.(\d+)(?:\.(\w+))?/.exec(path);
  if (m === null) return 'items.0';
  // the n-th item given is the n-th non-blank row
  let n = Number(m[1]);
  for (let row = 0; row < ITEM_ROWS; row++) {
    const given = (form.get(`items.${row}.text`) ?? '').trim() !== '' || (form.get(`items.${row}.site`) ?? '').trim() !== '';
    if (!given) continue;
    if (n-- === 0) return m[2] !== undefined ? `items.${row}.${m[2]}` : `items.${row}`;
  }
  return 'items.0';
}

/** The problems of a record refused for its invariants (an end before its start …), by field. */
export function problemErrors(kind: RecordKind, err: RecordProblemsError): FieldErrors {
  const errors = new Map<string, Word[]>();
  for (const p of err.problems) add(errors, keyOf(kind, p.path), { zh: `${RF.notAccepted.zh}${p.message}`, en: `${RF.notAccepted.en}${p.message}` });
  return errors;
}

const idOf = (name: string): string => `rf-${name.replace(/\./g, '-')}`;

function errorsOf(ctx: ConsoleContext, key: string, errors: FieldErrors): SafeHtml {
  const list = errors.get(key) ?? [];
  return list.length === 0 ? html`` : html`<span class="field-error" id="${idOf(key)}-error">${list.map((w) => ctx.t(w)).join(' ')}</span>`;
}

function control(ctx: ConsoleContext, f: FieldSpec, value: string, errors: FieldErrors): SafeHtml {
  const id = idOf(f.name);
  const bad = errors.has(f.name);
  const aria = bad ? html` aria-invalid="true" aria-describedby="${id}-error"` : html``;
  const req = f.required === true ? html` required` : html``;
  const label = html`<label for="${id}">${ctx.t(f.label)}</label>`;
  switch (f.type) {
    case 'textarea':
      return html`<p class="field">${label}<textarea id="${id}" name="${f.name}"${req}${aria}>${value}</textarea>${errorsOf(ctx, f.name, errors)}</p>`;
    case 'select': {
      const choices = [...(f.nullable === true ? [{ value: '', label: RF.none }] : []), ...(f.options ?? [])];
      return html`<p class="field">${label}<select id="${id}" name="${f.name}"${aria}>${choices.map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${ctx.t(o.label)}</option>`)}</select>${errorsOf(ctx, f.name, errors)}</p>`;
    }
    case 'check':
      return html`<p class="field check"><input id="${id}" name="${f.name}" type="checkbox"${value !== '' ? html` checked` : ''}${aria}> ${label}${errorsOf(ctx, f.name, errors)}</p>`;
    case 'text':
    case 'time':
    case 'int':
    case 'list': {
      const type = f.type === 'time' ? 'datetime-local' : f.type === 'int' ? 'number' : 'text';
      return html`<p class="field">${label}<input id="${id}" name="${f.name}" type="${type}" value="${value}"${req}${aria}>${errorsOf(ctx, f.name, errors)}</p>`;
    }
  }
}

/** A kind's fields as form controls, filled from `values`, each with its problems beside it. */
export function formFields(ctx: ConsoleContext, kind: RecordKind, mode: 'create' | 'edit', values: FormValues, errors: FieldErrors): SafeHtml {
  const parts = FORMS[kind].map((p) => {
    if (!isGroup(p)) return mode === 'edit' && p.createOnly === true ? html`` : control(ctx, p, values(p.name), errors);
    const fields = p.fields.filter((f) => mode === 'create' || f.createOnly !== true);
    if (fields.length === 0) return html``;
    return html`<fieldset id="${idOf(p.group)}"${errors.has(p.group) ? html` aria-describedby="${idOf(p.group)}-error"` : ''}><legend>${ctx.t(p.legend)}</legend>${errorsOf(ctx, p.group, errors)}${fields.map((f) => control(ctx, f, values(f.name), errors))}</fieldset>`;
  });
  const summary = errors.size === 0 ? html`` : html`<div class="notice error" role="alert"><p>${ctx.t(RF.problems)}</p><ul>${[...errors.entries()].map(([key, ws]) => html`<li>${key === '' ? '' : html`<a href="#${idOf(key)}">${labelOf(ctx, kind, key)}</a>: `}${ws.map((w) => ctx.t(w)).join(' ')}</li>`)}</ul></div>`;
  return html`${summary}<p class="help">${ctx.t(RF.zoneHelp).replace('{zone}', ctx.zone)}</p>${parts}`;
}

function labelOf(ctx: ConsoleContext, kind: RecordKind, key: string): string {
  const f = fieldsOf(kind, 'create').find((x) => x.name === key);
  if (f !== undefined) return ctx.t(f.label);
  const g = FORMS[kind].filter(isGroup).find((x) => x.group === key);
  return g !== undefined ? ctx.t(g.legend) : key;
}

/** A record's value of a field for reading (times in the operator's zone, zone named; choices by their words). */
export function shownValue(ctx: ConsoleContext, r: AnyRecord, f: FieldSpec): SafeHtml {
  const v = at(r, f.name);
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return html`<span class="muted">—</span>`;
  if (f.type === 'time' && typeof v === 'number') return html`${ctx.time(v)}`;
  if (f.type === 'check') return html`${ctx.t(v === true ? RF.yes : RF.no)}`;
  if (f.type === 'select') {
    const o = f.options?.find((x) => x.value === v);
    return html`${o !== undefined ? ctx.t(o.label) : deviceText(scalar(v))}`;
  }
  if (Array.isArray(v)) return html`${deviceText(v.map(scalar).join(', '))}`;
  if (f.type === 'textarea') return html`<div class="hz-text">${deviceText(scalar(v))}</div>`;
  return html`${deviceText(scalar(v))}`;
}

/** A record's facts as a definition list, group by group (the fields a form edits). */
export function recordFacts(ctx: ConsoleContext, r: AnyRecord): SafeHtml {
  return html`${FORMS[r.kind].map((p) => {
    if (!isGroup(p)) return html`<dt>${ctx.t(p.label)}</dt><dd>${shownValue(ctx, r, p)}</dd>`;
    if (p.fields.some((f) => f.createOnly === true)) return html``;
    return html`<dt>${ctx.t(p.legend)}</dt><dd><dl class="facts">${p.fields.map((f) => html`<dt>${ctx.t(f.label)}</dt><dd>${shownValue(ctx, r, f)}</dd>`)}</dl></dd>`;
  })}`;
}
