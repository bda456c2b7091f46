/**
 * `/coverage`: the coverage statement of the latest analysis — how many rules of the catalogue
 * were evaluated and skipped (with the reason in the page's language), and per rule which
 * subjects were not evaluated (未核查) and why, and which came out unknown and why. Filters by
 * status and reason are the API's (`/api/v1/coverage`).
 */
import type { Coverage } from '../../analysis/coverage.js';
import { href, html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import type { ConsoleContext, ConsolePage } from '../page.js';
import { WIDGET_WORDS } from '../widgets.js';
import { askReport, isUnavailable, latestReport } from './analysis-read.js';

const W = words({
  title: { zh: '覆盖说明', en: 'Coverage' },
  catalogue: { zh: '规则目录', en: 'Rules in the catalogue' },
  evaluated: { zh: '已评估', en: 'Evaluated' },
  skipped: { zh: '已跳过', en: 'Skipped' },
  subjectsEvaluated: { zh: '已评估对象', en: 'Subjects evaluated' },
  notEvaluated: { zh: '未核查对象', en: 'Subjects not checked' },
  rule: { zh: '规则', en: 'Rule' },
  status: { zh: '状态', en: 'Status' },
  reason: { zh: '原因', en: 'Reason' },
  subjects: { zh: '对象数', en: 'Subjects' },
  unchecked: { zh: '未核查（原因）', en: 'Not checked (why)' },
  unknown: { zh: '状态未知（原因）', en: 'Unknown (why)' },
  needs: { zh: '需要', en: 'Needs' },
  filter: { zh: '筛选', en: 'Filter' },
  all: { zh: '全部', en: 'all' },
  apply: { zh: '筛选', en: 'Apply' },
  at: { zh: '分析时间', en: 'Analysed at' },
});

function statusWord(ctx: ConsoleContext, s: 'evaluated' | 'skipped'): string {
  return ctx.t(s === 'evaluated' ? W.evaluated : W.skipped);
}

async function render(ctx: ConsoleContext): Promise<{ title: typeof W.title; body: SafeHtml; status?: number }> {
  const latest = latestReport(ctx);
  if (isUnavailable(latest)) return { title: W.title, body: latest.body, status: latest.status };
  const statusQ = ctx.query.status === 'evaluated' || ctx.query.status === 'skipped' ? ctx.query.status : null;
  const cov = await askReport<Coverage>(ctx, latest.coverage({ status: statusQ, reasons: null, rules: null }));
  if (isUnavailable(cov)) return { title: W.title, body: cov.body, status: cov.status };
  const counts = (list: readonly { readonly reason: string; readonly count: number }[]): SafeHtml =>
    list.length === 0 ? html`<span class="muted">${ctx.t(WIDGET_WORDS.none)}</span>` : html`<ul>${list.map((x) => html`<li>${x.reason}: ${x.count}</li>`)}</ul>`;
  const rows = cov.rules.map((r) => html`<tr data-rule="${r.rule}" data-status="${r.status}">
<td><a href="${href('/findings', { state: 'all', rule: r.rule })}">${r.rule}</a><br>${ctx.t(r.title)}</td>
<td>${statusWord(ctx, r.status)}</td>
<td>${r.reasonText !== null ? ctx.t(r.reasonText) : ''}${r.needs !== undefined ? html`<br><span class="muted">${ctx.t(W.needs)}: ${ctx.t(r.needs)}</span>` : ''}${r.error !== undefined ? html`<br><span class="notice error">${r.error}</span>` : ''}</td>
<td>${r.subjects.count}</td>
<td>${counts(r.notEvaluated)}</td>
<td>${counts(r.unknown)}</td></tr>`);
  const notChecked = Object.entries(cov.subjects.notEvaluated).filter(([, n]) => n > 0);
  return {
    title: W.title,
    body: html`<section class="card"><dl class="facts">
<dt>${ctx.t(W.at)}</dt><dd>${ctx.time(cov.at)}</dd>
<dt>${ctx.t(W.catalogue)}</dt><dd>${cov.catalogue}</dd>
<dt>${ctx.t(W.evaluated)}</dt><dd class="evaluated">${cov.evaluated}</dd>
<dt>${ctx.t(W.skipped)}</dt><dd class="skipped">${cov.skipped.count}</dd>
<dt>${ctx.t(W.subjectsEvaluated)}</dt><dd>${cov.subjects.evaluated}</dd>
<dt>${ctx.t(W.notEvaluated)}</dt><dd>${notChecked.length === 0 ? '0' : notChecked.map(([k, n]) => `${k}: ${n}`).join(', ')}</dd>
</dl></section>
<form class="filters" method="get" action="/coverage"><label>${ctx.t(W.status)}<select name="status">
<option value="">${ctx.t(W.all)}</option><option value="evaluated"${statusQ === 'evaluated' ? html` selected` : ''}>${ctx.t(W.evaluated)}</option><option value="skipped"${statusQ === 'skipped' ? html` selected` : ''}>${ctx.t(W.skipped)}</option>
</select></label><button type="submit">${ctx.t(W.apply)}</button></form>
<table class="coverage"><thead><tr><th scope="col">${ctx.t(W.rule)}</th><th scope="col">${ctx.t(W.status)}</th><th scope="col">${ctx.t(W.reason)}</th><th scope="col">${ctx.t(W.subjects)}</th><th scope="col">${ctx.t(W.unchecked)}</th><th scope="col">${ctx.t(W.unknown)}</th></tr></thead><tbody>${rows}</tbody></table>`,
  };
}

export const coveragePages: ConsolePage[] = [
  { path: '/coverage', access: 'read', nav: { label: W.title, order: 80 }, render },
];
