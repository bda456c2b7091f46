/**
 * `/waivers`: accepted risks (风险接受) — every waiver with its state (in force, expired,
 * revoked), its approver, scope and expiry, paged; `/waivers/:id` its detail with the cap the
 * policy sets for the risk level of the finding it accepts. An administrator creates one (the
 * approver is the administrator signed in) and revokes one through forms; the rules, the audit
 * records and the analysis being told are the API's (src/api/waiver-ops.ts).
 */
import { SUBJECT_KINDS } from '../../analysis/finding.js';
import { RISK_LEVELS } from '../../analysis/rules/words.js';
import { createWaiverAs, revokeWaiverAs, waiverActive, waiverColourOf, waiverCreateSchema } from '../../api/waiver-ops.js';
import type { LedgerWaiver } from '../../ledger/types.js';
import { MIN_WAIVER_REASON } from '../../ledger/waiver-rules.js';
import { field, zonedIso } from '../forms.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { words, type Word } from '../i18n.js';
import { csrfField } from '../layout.js';
import { ConsoleError, type ConsoleAction, type ConsoleContext, type ConsolePage } from '../page.js';
import { deviceLink, pager, riskBadge } from '../widgets.js';
import { ledgerOr404, ledgerWrite, versionOf } from './hazards-ledger.js';

const W = words({
  title: { zh: '已接受风险', en: 'Accepted risks' },
  nav: { zh: '已接受风险', en: 'Accepted risks' },
  intro: { zh: '已接受风险（风险接受）：检查结果仍然存在，但经管理员批准在到期前予以接受；到期或撤销后恢复告警与计入隐患。', en: 'An accepted risk (waiver) is a finding that stands but is accepted, approved by an administrator, until it expires; once expired or revoked it counts again.' },
  state: { zh: '状态', en: 'State' },
  any: { zh: '全部', en: 'any' },
  active: { zh: '生效中', en: 'in force' },
  expired: { zh: '已到期', en: 'expired' },
  revoked: { zh: '已撤销', en: 'revoked' },
  apply: { zh: '筛选', en: 'Filter' },
  rule: { zh: '判定规则', en: 'Rule' },
  subject: { zh: '判定对象', en: 'Subject' },
  subjectKind: { zh: '对象类型', en: 'Subject kind' },
  subjectId: { zh: '对象编号', en: 'Subject id' },
  reason: { zh: '接受理由', en: 'Reason' },
  approvedBy: { zh: '批准人', en: 'Approved by' },
  scope: { zh: '适用范围', en: 'Scope' },
  scopeHelp: { zh: '局站或保护类别，逗号分隔；留空表示该对象所在的任何位置。', en: 'Sites or classes, comma-separated; blank: the subject wherever it is.' },
  wherever: { zh: '不限', en: 'wherever it is' },
  createdAt: { zh: '创建时间', en: 'Created at' },
  until: { zh: '到期时间', en: 'Expires at' },
  untilHelp: { zh: '运营方时区；最长期限由该检查结果的风险等级决定（policy.yaml 的 ledger.waiverMaxDays）。', en: 'Operator\'s zone; the longest allowed depends on the finding\'s risk level (ledger.waiverMaxDays in policy.yaml).' },
  revokedAt: { zh: '撤销时间', en: 'Revoked at' },
  source: { zh: '来源', en: 'Source' },
  cap: { zh: '期限上限', en: 'Longest allowed' },
  capText: { zh: '按风险等级最长 {n} 天', en: 'at most {n} days for this risk level' },
  capUnknown: { zh: '未知风险等级，按最严格的 {n} 天', en: 'risk level not known: the strictest, {n} days' },
  days: { zh: '天', en: 'days' },
  none: { zh: '没有符合条件的已接受风险。', en: 'No accepted risk matches.' },
  create: { zh: '新建已接受风险', en: 'Accept a risk' },
  createSubmit: { zh: '批准并创建', en: 'Approve and create' },
  revoke: { zh: '撤销', en: 'Revoke' },
  confirmRevoke: { zh: '确认撤销此已接受风险？撤销后该检查结果恢复计入。', en: 'Revoke this accepted risk? The finding counts again at once.' },
  adminOnly: { zh: '只有管理员可以新建或撤销已接受风险。', en: 'Only an administrator creates or revokes accepted risks.' },
  notFound: { zh: '没有这条已接受风险。', en: 'No such accepted risk.' },
  conflict: { zh: '有人刚刚修改了此已接受风险，您的操作未保存。请重新加载后再操作。', en: 'Someone changed this accepted risk since you opened it; your change was not saved. Reload it and try again.' },
  reload: { zh: '重新加载', en: 'Reload' },
  badUntil: { zh: '到期时间不是有效的日期时间。', en: 'The expiry is not a valid date and time.' },
  badInput: { zh: '表单有误：', en: 'The form has problems: ' },
  back: { zh: '返回列表', en: 'Back to the list' },
  caption: { zh: '已接受风险', en: 'Accepted risks' },
  policyFile: { zh: 'policy.yaml 导入', en: 'imported from policy.yaml' },
  api: { zh: '台账', en: 'ledger' },
});

/** Waivers per page. */
const PAGE = 50;

type WaiverState = 'active' | 'expired' | 'revoked';

function stateOf(w: LedgerWaiver, now: number): WaiverState {
  return w.revokedAt !== null ? 'revoked' : waiverActive(w, now) ? 'active' : 'expired';
}

function stateMark(ctx: ConsoleContext, s: WaiverState): SafeHtml {
  return html`<span class="wv-state wv-${s}">${ctx.t(W[s])}</span>`;
}

function subjectOf(w: LedgerWaiver): SafeHtml {
  return w.subject.kind === 'device' ? deviceLink(w.subject.id, deviceText(w.subject.id)) : html`<span class="mono">${w.subject.kind}:${deviceText(w.subject.id)}</span>`;
}

function createForm(ctx: ConsoleContext): SafeHtml {
  return html`<form class="card wv-form" method="post" action="/waivers/create" aria-labelledby="wv-create">
<h2 id="wv-create">${ctx.t(W.create)}</h2>
${csrfField(ctx)}
<p class="field"><label for="wv-rule">${ctx.t(W.rule)}</label><input id="wv-rule" name="rule" type="text" required pattern="[A-Z]{2,5}-[0-9]{3}[a-z]?" placeholder="NODE-001"></p>
<p class="field"><label for="wv-kind">${ctx.t(W.subjectKind)}</label><select id="wv-kind" name="subjectKind">${SUBJECT_KINDS.map((k) => html`<option value="${k}">${k}</option>`)}</select></p>
<p class="field"><label for="wv-subject">${ctx.t(W.subjectId)}</label><input id="wv-subject" name="subjectId" type="text" required></p>
<p class="field"><label for="wv-reason">${ctx.t(W.reason)}</label><textarea id="wv-reason" name="reason" required minlength="${MIN_WAIVER_REASON}"></textarea></p>
<p class="field"><label for="wv-scope">${ctx.t(W.scope)}</label><input id="wv-scope" name="scope" type="text" aria-describedby="wv-scope-help"></p>
<p class="help" id="wv-scope-help">${ctx.t(W.scopeHelp)}</p>
<p class="field"><label for="wv-until">${ctx.t(W.until)}</label><input id="wv-until" name="until" type="datetime-local" required aria-describedby="wv-until-help"></p>
<p class="help" id="wv-until-help">${ctx.t(W.untilHelp)}</p>
<p><button type="submit">${ctx.t(W.createSubmit)}</button></p>
</form>`;
}

const listPage: ConsolePage = {
  path: '/waivers',
  access: 'read',
  nav: { label: W.nav, order: 50 },
  render: async (ctx) => {
    const ledger = ledgerOr404(ctx);
    const now = ledger.now();
    const wanted = ctx.query['state'];
    const state = wanted === 'active' || wanted === 'expired' || wanted === 'revoked' ? wanted : undefined;
    const all = (await ledger.store.waivers({})).filter((w) => state === undefined || stateOf(w, now) === state);
    // in force first, then by expiry
    const sorted = [...all].sort((a, b) => Number(stateOf(b, now) === 'active') - Number(stateOf(a, now) === 'active') || a.until - b.until || a.id.localeCompare(b.id));
    const offset = Math.max(0, Math.floor(Number(ctx.query['offset'] ?? 0)) || 0);
    const items = sorted.slice(offset, offset + PAGE);
    const rows = items.map((w) => html`<tr>
<td><a href="${href(['waivers', w.id])}">${w.rule}</a></td>
<td>${subjectOf(w)}</td>
<td>${stateMark(ctx, stateOf(w, now))}</td>
<td>${deviceText(w.approvedBy)}</td>
<td>${w.scope.length === 0 ? ctx.t(W.wherever) : deviceText(w.scope.join(', '))}</td>
<td>${ctx.time(w.until)}</td>
<td class="wv-reason">${deviceText(w.reason)}</td>
</tr>`);
    const filter = html`<form class="filters" method="get" action="/waivers" data-autosubmit>
<label for="wv-state">${ctx.t(W.state)}<select id="wv-state" name="state">${(['', 'active', 'expired', 'revoked'] as const).map((s) => html`<option value="${s}"${(state ?? '') === s ? html` selected` : ''}>${ctx.t(s === '' ? W.any : W[s])}</option>`)}</select></label>
<button type="submit">${ctx.t(W.apply)}</button></form>`;
    const table = items.length === 0 ? html`<p class="notice info" role="status">${ctx.t(W.none)}</p>` : html`<div class="table-wrap"><table>
<caption>${ctx.t(W.caption)} (${all.length})</caption>
<thead><tr><th scope="col">${ctx.t(W.rule)}</th><th scope="col">${ctx.t(W.subject)}</th><th scope="col">${ctx.t(W.state)}</th><th scope="col">${ctx.t(W.approvedBy)}</th><th scope="col">${ctx.t(W.scope)}</th><th scope="col">${ctx.t(W.until)}</th><th scope="col">${ctx.t(W.reason)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
    const next = offset + PAGE < sorted.length ? String(offset + PAGE) : null;
    const previous = offset > 0 ? String(Math.max(0, offset - PAGE)) : null;
    return {
      title: W.title,
      body: html`<p class="muted">${ctx.t(W.intro)}</p>${filter}${table}${pager(ctx, { next, previous, cursorKey: 'offset' })}
${ctx.can('admin') ? createForm(ctx) : html`<p class="muted">${ctx.t(W.adminOnly)}</p>`}`,
    };
  },
};

function fact(ctx: ConsoleContext, label: Word, value: SafeHtml | string): SafeHtml {
  return html`<dt>${ctx.t(label)}</dt><dd>${value}</dd>`;
}

const detailPage: ConsolePage = {
  path: '/waivers/:id',
  access: 'read',
  render: async (ctx) => {
    const ledger = ledgerOr404(ctx);
    const now = ledger.now();
    const w = (await ledger.store.waivers({})).find((x) => x.id === ctx.params['id']);
    if (w === undefined) throw new ConsoleError(404, W.notFound);
    const colour = await waiverColourOf(ledger, w.rule, w.subject, now);
    const maxDays = ledger.policy().waiverMaxDays[colour ?? 'red'];
    const cap = colour !== null
      ? html`${riskBadge(ctx, colour)} ${ctx.t(W.capText).replace('{n}', String(maxDays))}`
      : html`${ctx.t(W.capUnknown).replace('{n}', String(maxDays))} (${ctx.t(RISK_LEVELS.red.level)})`;
    const s = stateOf(w, now);
    const revoke = ctx.can('admin') && w.revokedAt === null
      ? html`<form method="post" action="${href(['waivers', w.id, 'revoke'])}" data-confirm="${ctx.t(W.confirmRevoke)}">${csrfField(ctx)}<input type="hidden" name="version" value="${w.version}"><button type="submit" class="danger">${ctx.t(W.revoke)}</button></form>`
      : '';
    return {
      title: `${ctx.t(W.title)} · ${w.rule} · ${deviceText(w.subject.id)}`,
      body: html`<p><a href="/waivers">← ${ctx.t(W.back)}</a></p>
<section class="card"><dl class="facts">
${fact(ctx, W.state, stateMark(ctx, s))}
${fact(ctx, W.rule, w.rule)}
${fact(ctx, W.subject, subjectOf(w))}
${fact(ctx, W.reason, deviceText(w.reason))}
${fact(ctx, W.approvedBy, deviceText(w.approvedBy))}
${fact(ctx, W.scope, w.scope.length === 0 ? ctx.t(W.wherever) : deviceText(w.scope.join(', ')))}
${fact(ctx, W.createdAt, ctx.time(w.createdAt))}
${fact(ctx, W.until, ctx.time(w.until))}
${fact(ctx, W.cap, cap)}
${w.revokedAt !== null ? fact(ctx, W.revokedAt, ctx.time(w.revokedAt)) : ''}
${fact(ctx, W.source, ctx.t(w.source === 'api' ? W.api : W.policyFile))}
</dl>${revoke}</section>`,
    };
  },
};

export const waiverPages: ConsolePage[] = [listPage, detailPage];

export const waiverActions: ConsoleAction[] = [
  {
    path: '/waivers/create',
    access: 'admin',
    handle: async (ctx, f) => {
      const ledger = ledgerOr404(ctx);
      const untilLocal = field(f, 'until');
      const until = untilLocal === undefined ? null : zonedIso(untilLocal, ctx.zone);
      if (until === null) throw new ConsoleError(422, W.badUntil, { href: '/waivers', label: W.back });
      const kind = field(f, 'subjectKind') ?? '';
      const parsed = waiverCreateSchema.safeParse({
        rule: field(f, 'rule') ?? '',
        subject: { kind, id: field(f, 'subjectId') ?? '' },
        reason: field(f, 'reason') ?? '',
        scope: (field(f, 'scope') ?? '').split(/[,，]/).map((s) => s.trim()).filter((s) => s !== ''),
        until,
      });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
        throw new ConsoleError(422, { zh: `${W.badInput.zh}${problems}`, en: `${W.badInput.en}${problems}` }, { href: '/waivers', label: W.back });
      }
      const saved = await ledgerWrite({ href: '/waivers', label: W.back }, W.conflict, () => createWaiverAs(ledger, parsed.data, ctx.principal.name));
      return { redirect: href(['waivers', saved.id]) };
    },
  },
  {
    path: '/waivers/:id/revoke',
    access: 'admin',
    handle: async (ctx, f) => {
      const ledger = ledgerOr404(ctx);
      const id = ctx.params['id'] ?? '';
      const version = versionOf(f);
      await ledgerWrite({ href: href(['waivers', id]), label: W.reload }, W.conflict, () => revokeWaiverAs(ledger, id, version, ctx.principal.name));
      return { redirect: href(['waivers', id]) };
    },
  },
];
