/**
 * What the record pages and their actions share: the records or a 404 page, the kind a path
 * names, a stored record or a 404 page, the kinds' tabs, the words, and the create/edit form page
 * (empty, a record's values, or what was typed with its problems beside the fields).
 */
import { ApiError } from '../../api/errors.js';
import { KINDS, recordsOf } from '../../api/routes/records.js';
import type { Bilingual } from '../../analysis/finding.js';
import type { RecordsApi } from '../../records/port.js';
import type { AnyRecord, RecordKind } from '../../records/types.js';
import { KIND_LABELS } from '../../records/words.js';
import { href, html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import { csrfField } from '../layout.js';
import { ConsoleError, type ConsoleContext, type PageOut } from '../page.js';
import { formFields, type FieldErrors, type FormValues } from './records-fields.js';

export const W = words({
  title: { zh: '记录', en: 'Records' },
  off: { zh: '本实例未启用记录。', en: 'Records are not enabled on this instance.' },
  noSuch: { zh: '没有这条记录。', en: 'No such record.' },
  status: { zh: '状态', en: 'Status' },
  all: { zh: '全部', en: 'all' },
  filter: { zh: '筛选', en: 'Filter' },
  id: { zh: '编号', en: 'ID' },
  name: { zh: '标题', en: 'Title' },
  flag: { zh: '提示', en: 'Flag' },
  updated: { zh: '更新', en: 'Updated' },
  total: { zh: '共', en: 'Total' },
  none: { zh: '无', en: 'none' },
  fields: { zh: '全部字段（JSON）', en: 'All fields (JSON)' },
  back: { zh: '返回列表', en: 'Back to the list' },
  backRecord: { zh: '返回记录', en: 'Back to the record' },
  reload: { zh: '重新加载记录', en: 'Reload the record' },
  create: { zh: '新建', en: 'New' },
  createSubmit: { zh: '保存', en: 'Save' },
  edit: { zh: '修改', en: 'Edit' },
  editSubmit: { zh: '保存修改', en: 'Save changes' },
  editApproved: { zh: '修改已审批的方案后，方案退回草稿，需要重新审批。', en: 'Editing an approved plan sends it back to draft: it needs approving again.' },
  readOnly: { zh: '您的角色只能查看记录。', en: 'Your role reads records and changes nothing.' },
  conflict: { zh: '有人刚刚修改了这条记录，您的修改未保存。请重新加载后再操作。', en: 'Someone changed this record since you opened it; your change was not saved. Reload it and try again.' },
  createdBy: { zh: '登记', en: 'Created' },
  updatedBy: { zh: '最近修改', en: 'Last changed' },
  by: { zh: '由', en: 'by' },
  approvedBy: { zh: '审批', en: 'Approval' },
  notApproved: { zh: '未审批', en: 'not approved' },
  rejected: { zh: '驳回', en: 'Rejected' },
  startedAt: { zh: '开始实施', en: 'Started' },
  finishedAt: { zh: '结束', en: 'Finished' },
  nextReview: { zh: '下次评审截止', en: 'Next review due' },
  reviews: { zh: '评审记录', en: 'Reviews' },
  noReviews: { zh: '尚无评审记录。', en: 'No review recorded yet.' },
  reportDue: { zh: '报告截止', en: 'Report due' },
  report: { zh: '报告情况', en: 'Report' },
  reportPending: { zh: '尚未报告，未到截止时间', en: 'not reported yet, not due yet' },
  observed: { zh: 'redline 在演练窗口内观测到的变化', en: 'What redline observed in the drill window' },
  observedHelp: { zh: '记录写入时从状态库读取（VRRP 主备切换、BGP 会话中断与恢复、电源状态、重启、接口、Trap……），供与演练报告核对。', en: 'Read from the state store when the record was written (VRRP master changes, BGP sessions going down and up, PSU state, reboots, interfaces, traps …), to compare with the drill report.' },
  noObserved: { zh: '窗口内未观测到变化。', en: 'No change observed in the window.' },
  device: { zh: '设备', en: 'Device' },
  time: { zh: '时间', en: 'Time' },
  subject: { zh: '对象', en: 'Subject' },
  change: { zh: '变化', en: 'Change' },
  evidence: { zh: 'redline 在割接窗口的观测', en: 'What redline observed around the window' },
  restored: { zh: '窗口结束后保护是否恢复（OPS-004）', en: 'Protection restored after the window? (OPS-004)' },
  notOver: { zh: '窗口结束 30 分钟后检查。', en: 'Checked 30 minutes after the window ends.' },
  neverApproved: { zh: '未审批或已取消的割接不作检查。', en: 'A cutover never approved, or cancelled, is not checked.' },
  noRestoreFinding: { zh: '最近一次分析没有关于本割接的 OPS-004 结果（超过观察期，或涉及的设备不在受保护类别）。', en: 'The latest analysis has no OPS-004 result for this cutover (past the watch period, or its devices are in no protected class).' },
  unplanned: { zh: '受保护设备上的变化是否有已审批方案覆盖（OPS-003）', en: 'Changes on protected devices covered by an approved plan? (OPS-003)' },
  noChangeFinding: { zh: '最近一次分析没有这些设备的 OPS-003 结果。', en: 'The latest analysis has no OPS-003 result for these devices.' },
  analysisDisabled: { zh: '此实例未启用保护分析。', en: 'The protection analysis is not enabled here.' },
  analysisOff: { zh: '分析结果暂不可读，稍后刷新。', en: 'The analysis cannot be read now; reload in a moment.' },
  windowChanges: { zh: '窗口内（前后各 30 分钟）观测到的变化', en: 'Changes observed in the window (30 minutes either side)' },
  rule: { zh: '规则', en: 'Rule' },
  verdict: { zh: '结论', en: 'Verdict' },
  items: { zh: '检查项', en: 'Items' },
  checkedBy: { zh: '检查人', en: 'Checked by' },
  checkedAt: { zh: '检查时间', en: 'Checked at' },
  note: { zh: '说明', en: 'Note' },
  actions: { zh: '操作', en: 'Actions' },
});


/** The records, or a 404 page when this redline runs without them. */
export function portOf(ctx: ConsoleContext): RecordsApi {
  try {
    return recordsOf(ctx.deps);
  } catch (err) {
    if (err instanceof ApiError) throw new ConsoleError(404, W.off);
    throw err;
  }
}

export type KindEntry = (typeof KINDS)[number];

export function kindOf(ctx: ConsoleContext): KindEntry {
  const k = KINDS.find((x) => x.path === (ctx.params['kind'] ?? 'cutovers'));
  if (k === undefined) throw new ConsoleError(404, W.noSuch);
  return k;
}

/** The kind entry of a record kind. */
export function entryOf(kind: RecordKind): KindEntry {
  return KINDS.find((x) => x.kind === kind)!;
}

/** A stored record of the page's kind and id, or a 404 page. */
export async function recordOf(ctx: ConsoleContext, api: RecordsApi, k: KindEntry): Promise<AnyRecord> {
  const r = await api.store.get(k.kind, ctx.params['id'] ?? '');
  if (r === null) throw new ConsoleError(404, W.noSuch);
  return r;
}

/** The colon between a label and what it names, in the request's language. */
export function colon(ctx: ConsoleContext): string {
  return ctx.lang === 'en' ? ': ' : '：';
}

/** A record as the API answers it (recordView), as the pages read it. */
export type View = Record<string, unknown> & { id: string; title?: string; labels: Record<string, Bilingual | string | null | undefined> };

export function label(ctx: ConsoleContext, v: Bilingual | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : ctx.lang === 'en' ? v.en : v.zh;
}

export function tabs(ctx: ConsoleContext, current: string): SafeHtml {
  return html`<nav class="toc" aria-label="${ctx.t(W.title)}">${KINDS.map((k) => html`<a href="${href(['records', k.path])}"${k.path === current ? html` aria-current="page"` : ''}>${label(ctx, KIND_LABELS[k.kind])}</a> `)}</nav>`;
}

/**
 * The create or edit form of a kind: empty, a record's values, or what was typed with the
 * problems beside their fields (then answered with 422).
 */
export function formPage(ctx: ConsoleContext, k: KindEntry, target: { readonly id: string; readonly version: string; readonly approved: boolean } | null, values: FormValues, errors: FieldErrors): PageOut {
  const kindName = label(ctx, KIND_LABELS[k.kind]);
  const action = target === null ? href(['records', k.path, 'new']) : href(['records', k.path, target.id, 'edit']);
  const backTo = target === null ? href(['records', k.path]) : href(['records', k.path, target.id]);
  return {
    status: errors.size > 0 ? 422 : 200,
    title: `${ctx.t(target === null ? W.create : W.edit)}${colon(ctx)}${kindName}`,
    body: html`${tabs(ctx, k.path)}<form class="card stack rec-form" method="post" action="${action}">
${csrfField(ctx)}${target !== null ? html`<input type="hidden" name="version" value="${target.version}">` : ''}
${target?.approved === true ? html`<p class="notice info">${ctx.t(W.editApproved)}</p>` : ''}
${formFields(ctx, k.kind, target === null ? 'create' : 'edit', values, errors)}
<p><button type="submit">${ctx.t(target === null ? W.createSubmit : W.editSubmit)}</button> <a href="${backTo}">${ctx.t(target === null ? W.back : W.backRecord)}</a></p>
</form>`,
  };
}

/** Whether a record may be edited now (a cutover while a draft or approved, a plan while in force). */
export function editable(r: AnyRecord): boolean {
  if (r.kind === 'cutover') return r.status === 'draft' || r.status === 'approved';
  if (r.kind === 'plan') return r.status === 'active';
  return true;
}

