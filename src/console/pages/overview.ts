/**
 * `/`: the overview a NOC engineer opens first. Protection by site and class as a matrix of the
 * six measures (worst state per cell, 未核查 with the coverage statement's reason where no rule
 * judged it), the single points of failure, open hazards by risk level with the overdue ones,
 * the cleared-to-zero trend (a server-drawn SVG with its table), devices unreachable or stale,
 * and the special period in force. Reloads itself every minute while its switch is on (console.js;
 * without script, a reload link).
 */
import { COLOURS, MEASURES, type Finding } from '../../analysis/finding.js';
import { SKIP_REASON_LABELS } from '../../analysis/coverage.js';
import type { OverviewAnswer } from '../../analysis/worker/report-queries.js';
import type { ClearanceReport } from '../../ledger/clearance.js';
import { href, html, join, type SafeHtml } from '../html.js';
import { words, type Word } from '../i18n.js';
import type { ConsoleContext, ConsolePage } from '../page.js';
import { deviceLink, measureName, offsetPage, riskBadge, stateBadge } from '../widgets.js';
import {
  clearanceOf, protectionMatrix, readReport, sickDevices, SICK_LIMIT, SPOF_LIMIT,
  type MatrixCell, type MatrixRow, type ReportRead, type UncheckedRule,
} from './overview-data.js';

const W = words({
  title: { zh: '总览', en: 'Overview' },
  analysedAt: { zh: '最近一次分析', en: 'Latest analysis' },
  staleReport: { zh: '之后的分析未能完成，以下为最后一次成功分析的结果。', en: 'Later analysis passes failed: this is the last good one.' },
  disabled: { zh: '本实例未启用保护分析。', en: 'The protection analysis is not enabled in this daemon.' },
  notReady: { zh: '尚无分析结果：所有设备完成首次采集后开始分析。', en: 'No analysis yet: it runs once every device has been polled.' },
  busy: { zh: '分析进程忙，稍后自动刷新。', en: 'The analysis is busy; this page refreshes by itself.' },
  matrix: { zh: '按站点与保护类别的六项保护措施', en: 'The six protection measures by site and class' },
  matrixHelp: { zh: '每格为该站点该措施下最差的状态；“未核查”表示没有规则判定过该格，原因取自覆盖说明。', en: 'Each cell is the worst state of the measure at the site; “not checked” means no rule judged it, with the reason from the coverage statement.' },
  site: { zh: '站点', en: 'Site' },
  class: { zh: '保护类别', en: 'Class' },
  notRequired: { zh: '不要求', en: 'not required' },
  notRequiredLong: { zh: '规则目录未对该类别要求此措施', en: 'the catalogue asks nothing of this measure for this class' },
  notRun: { zh: '本次分析未运行', en: 'not run in this analysis' },
  noSubjectHere: { zh: '已运行，本站点无对象被判定', en: 'ran, judged nothing here' },
  findings: { zh: '条检查结果', en: 'findings' },
  spof: { zh: '单点故障', en: 'Single points of failure' },
  spofNone: { zh: '当前没有单点故障。', en: 'No single point of failure now.' },
  spofMore: { zh: '查看全部', en: 'See all' },
  subject: { zh: '对象', en: 'Subject' },
  risk: { zh: '风险等级', en: 'Risk level' },
  rule: { zh: '规则', en: 'Rule' },
  what: { zh: '说明', en: 'What' },
  hazards: { zh: '未关闭的隐患', en: 'Open hazards' },
  open: { zh: '未关闭', en: 'open' },
  overdue: { zh: '逾期', en: 'overdue' },
  total: { zh: '合计', en: 'Total' },
  noLedger: { zh: '本实例未启用隐患台账。', en: 'The hazard ledger is not enabled in this daemon.' },
  trend: { zh: '动态清零趋势（近 30 天每日结束时未关闭的隐患数）', en: 'Cleared-to-zero trend (hazards open at the end of each day, last 30 days)' },
  trendTable: { zh: '趋势数据表', en: 'The trend as a table' },
  date: { zh: '日期', en: 'Date' },
  opened: { zh: '新增', en: 'opened' },
  closed: { zh: '关闭', en: 'closed' },
  closureRate: { zh: '窗口内关闭率', en: 'Closure rate in the window' },
  devices: { zh: '不可达或数据过期的设备', en: 'Devices unreachable or stale' },
  unreachable: { zh: '不可达', en: 'unreachable' },
  stale: { zh: '数据过期', en: 'stale' },
  allReachable: { zh: '所有设备均可达且数据新鲜。', en: 'Every device answers and its data is fresh.' },
  andMore: { zh: '等，共', en: 'and more, in all' },
  period: { zh: '特殊时期', en: 'Special period' },
  noPeriod: { zh: '当前不在特殊时期。', en: 'No special period is in force.' },
  periodEffect: { zh: '影响：范围内的检查结果风险等级按策略上调，隐患整改时限按特殊时期执行。', en: 'Effect: findings in its scope are raised in risk level as the policy says, and hazard deadlines follow the period.' },
  from: { zh: '起', en: 'from' },
  to: { zh: '至', en: 'to' },
  readiness: { zh: '即将开始的特殊时期：保障前排查', en: 'Special period ahead: readiness sweep' },
  readinessFindings: { zh: '项范围内未保护或未知的检查结果', en: 'failing or unknown findings in its scope' },
  states: { zh: '各状态数量', en: 'Findings by state' },
  raised: { zh: '项检查结果因此上调风险等级', en: 'findings raised in risk level by it' },
  autoRefresh: { zh: '每 60 秒自动刷新', en: 'Refresh every 60 s' },
  refreshNow: { zh: '立即刷新', en: 'Refresh now' },
});

const PERIOD_KINDS = words({
  holiday: { zh: '节假日', en: 'holiday' },
  majorEvent: { zh: '重大活动', en: 'major event' },
  disasterSeason: { zh: '灾害多发期', en: 'disaster season' },
  other: { zh: '其他', en: 'other' },
});

function periodKind(k: string): Word {
  return k in PERIOD_KINDS ? PERIOD_KINDS[k as keyof typeof PERIOD_KINDS] : { zh: k, en: k };
}

const STATE_ORDER = ['down', 'unprotected', 'degraded', 'unknown', 'protected'] as const;

function unavailable(ctx: ConsoleContext, why: Exclude<ReportRead<unknown>, { ok: true }>['why']): SafeHtml {
  const w = why === 'disabled' ? W.disabled : why === 'busy' ? W.busy : W.notReady;
  return html`<p class="notice info" role="status">${ctx.t(w)}</p>`;
}

/** Why a rule did not judge a cell, in the request's language. */
function uncheckedReason(ctx: ConsoleContext, r: UncheckedRule): string {
  const c = r.coverage;
  if (c === null || c.status === 'skipped') return mainReason(ctx, r);
  const why = c.notEvaluated.map((n) => ctx.t(SKIP_REASON_LABELS[n.code]));
  return [ctx.t(W.noSubjectHere), ...new Set(why)].join(ctx.lang === 'en' ? '; ' : '；');
}

/** A rule's reason in short: why it was skipped, or that it judged nothing here. */
function mainReason(ctx: ConsoleContext, r: UncheckedRule): string {
  const c = r.coverage;
  if (c === null) return ctx.t(W.notRun);
  if (c.status === 'skipped') return c.reasonText !== null ? ctx.t(c.reasonText) : c.reason ?? '';
  return ctx.t(W.noSubjectHere);
}

function cellHtml(ctx: ConsoleContext, row: MatrixRow, m: (typeof MEASURES)[number], cell: MatrixCell): SafeHtml {
  switch (cell.kind) {
    case 'judged': {
      const n = STATE_ORDER.reduce((sum, s) => sum + cell.cell.states[s], 0);
      return html`<td class="cell cell-${cell.cell.worst}"><a href="${href('/findings', { site: row.site, class: row.class, measure: m, state: 'all' })}">${stateBadge(ctx, cell.cell.worst)}</a> <span class="muted small">${n} ${ctx.t(W.findings)}</span></td>`;
    }
    case 'unchecked': {
      const reasons = cell.rules.map((r) => `${r.rule}: ${uncheckedReason(ctx, r)}`);
      // the visible note: the first rule's main reason, and how many other reasons (the title and the coverage page have all)
      const distinct = [...new Set(cell.rules.map((r) => mainReason(ctx, r)))];
      const note = distinct.length > 1 ? `${distinct[0]!} (+${distinct.length - 1})` : distinct[0] ?? '';
      return html`<td class="cell cell-unchecked" title="${reasons.join('\n')}"><a href="${href('/coverage', { rule: cell.rules.map((r) => r.rule).join(',') })}">${stateBadge(ctx, 'unchecked')}</a> <span class="note">${note}</span></td>`;
    }
    case 'notRequired':
      return html`<td class="cell cell-none" title="${ctx.t(W.notRequiredLong)}"><span class="muted">— <span class="small">${ctx.t(W.notRequired)}</span></span></td>`;
  }
}

function matrixHtml(ctx: ConsoleContext, o: OverviewAnswer): SafeHtml {
  const rows = protectionMatrix(ctx.deps.inventory().sites, o);
  const page = offsetPage(ctx, rows, 50, 'rows');
  return html`<section aria-labelledby="matrix-h"><h2 id="matrix-h">${ctx.t(W.matrix)}</h2>
<p class="help">${ctx.t(W.matrixHelp)}</p>
<div class="table-wrap"><table class="matrix">
<thead><tr><th scope="col">${ctx.t(W.site)}</th><th scope="col">${ctx.t(W.class)}</th>${MEASURES.map((m) => html`<th scope="col">${measureName(ctx, m)}</th>`)}</tr></thead>
<tbody>${page.items.map((r) => html`<tr data-site="${r.site}" data-class="${r.class}"><th scope="row"><a href="${href('/devices', { site: r.site })}">${r.site}</a>${r.siteName !== null ? html`<br><span class="muted small" translate="no">${r.siteName}</span>` : ''}</th><td>${r.class}</td>${MEASURES.map((m) => cellHtml(ctx, r, m, r.cells[m]))}</tr>`)}</tbody>
</table></div>${page.pager}</section>`;
}

function spofHtml(ctx: ConsoleContext, o: OverviewAnswer): SafeHtml {
  const row = (f: Finding): SafeHtml => html`<tr><td>${f.colour !== null ? riskBadge(ctx, f.colour) : ''} ${stateBadge(ctx, f.state)}</td><td><a href="${href(['findings', f.fingerprint])}">${f.rule}</a></td><td>${f.subject.kind === 'device' ? deviceLink(f.subject.id) : f.subject.id}<br><span class="muted small">${measureName(ctx, f.measure)} · ${f.sites.join(', ')}</span></td><td>${ctx.t(f.explanation)}</td></tr>`;
  return html`<section class="card" aria-labelledby="spof-h"><h2 id="spof-h">${ctx.t(W.spof)} <span class="count">${o.spof.total}</span></h2>
${o.spof.total === 0 ? html`<p>${ctx.t(W.spofNone)}</p>` : html`<div class="table-wrap"><table class="spof"><thead><tr><th scope="col">${ctx.t(W.risk)}</th><th scope="col">${ctx.t(W.rule)}</th><th scope="col">${ctx.t(W.subject)}</th><th scope="col">${ctx.t(W.what)}</th></tr></thead><tbody>${o.spof.items.map(row)}</tbody></table></div>
${o.spof.total > o.spof.items.length ? html`<p><a href="${href('/findings', { state: 'unprotected,down' })}">${ctx.t(W.spofMore)} (${o.spof.total})</a></p>` : ''}`}</section>`;
}

function hazardsHtml(ctx: ConsoleContext, c: ClearanceReport | null): SafeHtml {
  if (c === null) return html`<section class="card" aria-labelledby="hz-h"><h2 id="hz-h">${ctx.t(W.hazards)}</h2><p>${ctx.t(W.noLedger)}</p></section>`;
  const colours = [...COLOURS].reverse();
  return html`<section class="card" aria-labelledby="hz-h"><h2 id="hz-h">${ctx.t(W.hazards)} <span class="count">${c.open.total}</span></h2>
<table class="hazard-counts"><thead><tr><th scope="col">${ctx.t(W.risk)}</th><th scope="col" class="num">${ctx.t(W.open)}</th><th scope="col" class="num">${ctx.t(W.overdue)}</th></tr></thead>
<tbody>${colours.map((col) => html`<tr data-colour="${col}"><th scope="row">${riskBadge(ctx, col)}</th><td class="num"><a href="${href('/hazards', { colour: col })}">${c.open.byColour[col]}</a></td><td class="num">${c.overdue.byColour[col] > 0 ? html`<a class="overdue" href="${href('/hazards', { colour: col, overdue: 'true' })}">${c.overdue.byColour[col]}</a>` : '0'}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row">${ctx.t(W.total)}</th><td class="num"><a href="/hazards">${c.open.total}</a></td><td class="num">${c.overdue.total}</td></tr></tfoot></table></section>`;
}

/** The trend as an SVG line drawn here (no script), labelled for screen readers, with its table beside. */
export function trendChart(ctx: ConsoleContext, c: ClearanceReport): SafeHtml {
  const days = c.trend;
  const w = 640, h = 180, left = 40, right = 12, top = 12, bottom = 28;
  const max = Math.max(1, ...days.map((d) => d.open));
  const x = (i: number): number => left + (days.length <= 1 ? 0 : (i * (w - left - right)) / (days.length - 1));
  const y = (v: number): number => top + (h - top - bottom) * (1 - v / max);
  const points = days.map((d, i) => `${x(i).toFixed(1)},${y(d.open).toFixed(1)}`).join(' ');
  const first = days[0], last = days.at(-1);
  const desc = first !== undefined && last !== undefined ? `${first.date}: ${first.open} → ${last.date}: ${last.open}` : '';
  const rate = c.closureRate === null ? '—' : `${Math.round(c.closureRate * 100)}%`;
  return html`<section class="card" aria-labelledby="trend-h"><h2 id="trend-h">${ctx.t(W.trend)}</h2>
<svg class="trend" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="trend-t trend-d"><title id="trend-t">${ctx.t(W.trend)}</title><desc id="trend-d">${desc}</desc>
<line class="axis" x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}"></line><line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}"></line>
<text class="label" x="${left - 6}" y="${top + 4}" text-anchor="end">${max}</text><text class="label" x="${left - 6}" y="${h - bottom}" text-anchor="end">0</text>
${first !== undefined ? html`<text class="label" x="${left}" y="${h - 8}">${first.date}</text>` : ''}${last !== undefined ? html`<text class="label" x="${w - right}" y="${h - 8}" text-anchor="end">${last.date}</text>` : ''}
<polyline class="line" points="${points}"></polyline>${days.map((d, i) => html`<circle class="dot" cx="${x(i).toFixed(1)}" cy="${y(d.open).toFixed(1)}" r="2.5"><title>${d.date}: ${d.open}</title></circle>`)}</svg>
<p>${ctx.t(W.closureRate)}: ${rate} · ${ctx.t(W.opened)} ${c.openedInWindow} · ${ctx.t(W.closed)} ${c.closedInWindow}</p>
<details><summary>${ctx.t(W.trendTable)}</summary><div class="table-wrap"><table class="trend-table"><thead><tr><th scope="col">${ctx.t(W.date)}</th><th scope="col" class="num">${ctx.t(W.open)}</th><th scope="col" class="num">${ctx.t(W.opened)}</th><th scope="col" class="num">${ctx.t(W.closed)}</th></tr></thead>
<tbody>${days.map((d) => html`<tr><th scope="row">${d.date}</th><td class="num">${d.open}</td><td class="num">${d.opened}</td><td class="num">${d.closed}</td></tr>`)}</tbody></table></div></details></section>`;
}

function devicesHtml(ctx: ConsoleContext): SafeHtml {
  const sick = sickDevices(ctx.deps);
  const list = (ids: readonly string[], status: 'unreachable' | 'stale', label: Word): SafeHtml => ids.length === 0 ? html`` : html`<h3>${ctx.t(label)} <a class="count" href="${href('/devices', { status })}">${ids.length}</a></h3>
<ul class="inline-list">${ids.slice(0, SICK_LIMIT).map((id) => html`<li>${deviceLink(id)}</li>`)}${ids.length > SICK_LIMIT ? html`<li><a href="${href('/devices', { status })}">${ctx.t(W.andMore)} ${ids.length}</a></li>` : ''}</ul>`;
  return html`<section class="card" aria-labelledby="dev-h"><h2 id="dev-h">${ctx.t(W.devices)} <span class="count">${sick.unreachable.length + sick.stale.length}</span></h2>
${sick.unreachable.length + sick.stale.length === 0 ? html`<p>${ctx.t(W.allReachable)}</p>` : join([list(sick.unreachable, 'unreachable', W.unreachable), list(sick.stale, 'stale', W.stale)])}</section>`;
}

function periodHtml(ctx: ConsoleContext, o: OverviewAnswer): SafeHtml {
  const inForce = o.periods.map((p) => html`<li><strong translate="no">${p.name}</strong> (${ctx.t(periodKind(p.kind))}) ${ctx.t(W.from)} ${ctx.time(p.start)} ${ctx.t(W.to)} ${ctx.time(p.end)} — <a href="${href('/findings', { period: p.id })}">${o.raisedByPeriod[p.id] ?? 0} ${ctx.t(W.raised)}</a></li>`);
  const ahead = o.readiness.map((r) => html`<li><strong>${ctx.t(r.period.label)}</strong> ${r.sweep}: ${ctx.t(r.explanation)} — <a href="${href('/findings', { period: r.period.id })}">${r.findings} ${ctx.t(W.readinessFindings)}</a></li>`);
  return html`<section class="card period" aria-labelledby="period-h"><h2 id="period-h">${ctx.t(W.period)}</h2>
${inForce.length === 0 ? html`<p>${ctx.t(W.noPeriod)}</p>` : html`<ul>${inForce}</ul><p class="help">${ctx.t(W.periodEffect)}</p>`}
${ahead.length > 0 ? html`<h3>${ctx.t(W.readiness)}</h3><ul>${ahead}</ul>` : ''}</section>`;
}

function statesHtml(ctx: ConsoleContext, o: OverviewAnswer): SafeHtml {
  return html`<p class="states" aria-label="${ctx.t(W.states)}">${ctx.t(W.analysedAt)}: ${ctx.time(o.at)} · ${STATE_ORDER.map((s) => html`<a href="${href('/findings', { state: s })}">${stateBadge(ctx, s)} ${o.byState[s]}</a> `)}</p>
${o.stale ? html`<p class="notice error" role="alert">${ctx.t(W.staleReport)}</p>` : ''}`;
}

/** How often the overview reloads itself while its switch is on. */
export const REFRESH_SECONDS = 60;

/** The auto-refresh switch (shown by console.js, which does the reloading) and a plain reload link that works without script. */
function refreshSwitch(ctx: ConsoleContext): SafeHtml {
  return html`<p class="refresh"><span hidden><input type="checkbox" id="auto-refresh" data-refresh-seconds="${REFRESH_SECONDS}" checked> <label for="auto-refresh">${ctx.t(W.autoRefresh)}</label> · </span><a href="/">${ctx.t(W.refreshNow)}</a></p>`;
}

export const overviewPages: ConsolePage[] = [
  {
    path: '/',
    access: 'read',
    nav: { label: W.title, order: 0 },
    render: async (ctx) => {
      const [report, hazards] = await Promise.all([
        readReport<OverviewAnswer>(ctx.deps, (latest) => latest.overview({ spofLimit: SPOF_LIMIT })),
        clearanceOf(ctx.deps, 30),
      ]);
      const body = report.ok
        ? html`${statesHtml(ctx, report.value)}${periodHtml(ctx, report.value)}${matrixHtml(ctx, report.value)}
<div class="cards">${spofHtml(ctx, report.value)}${hazardsHtml(ctx, hazards)}${devicesHtml(ctx)}</div>`
        : html`${unavailable(ctx, report.why)}<div class="cards">${hazardsHtml(ctx, hazards)}${devicesHtml(ctx)}</div>`;
      return {
        title: W.title,
        // not refreshSeconds: a meta refresh cannot be turned off (WCAG 2.2.1); the switch can
        body: html`${refreshSwitch(ctx)}${body}${hazards !== null ? trendChart(ctx, hazards) : ''}`,
      };
    },
  },
];

/** The words of this page (tests check both languages). */
export const OVERVIEW_WORDS = W;