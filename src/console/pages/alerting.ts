/**
 * `/alerting`: on-call alerting for the person on duty (issue 12, item 10) — maintenance windows
 * (configured and booked, state filter; book, end early, cancel), silences (create, expire), duty
 * rosters (on duty now and the next 7 days per tier, special periods; overrides) and receivers
 * (secret references only, delivery health; admins send a test notification). Every write calls
 * the same function as the API route (src/api/routes/alerting.ts), so it is checked and audited the
 * same way with the logged-in principal as actor.
 */
import { z } from 'zod';
import { alertingOf, allWindows, allWindowViews, bookWindow, cancelOverride, cancelWindow, createOverride, createSilence, endWindow, expireSilence, receiverViews, rosterViews, sendTestNotification, silenceView, windowCreate } from '../../api/routes/alerting.js';
import type { AlertingApi } from '../../api/routes/alerting-port.js';
import { silenceMatcherSchema } from '../../alerting/bookings.js';
import { PROTECTION_CLASSES } from '../../config/schema.js';
import { ApiError } from '../../api/errors.js';
import { attempt, field, listField, parseForm, versionField, zonedInstant } from '../forms.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import { pager } from '../widgets.js';
import { csrfField } from '../layout.js';
import { ConsoleError, type ConsoleAction, type ConsoleContext, type ConsolePage } from '../page.js';

const W = words({
  title: { zh: '值班告警', en: 'On-call alerting' },
  nav: { zh: '值班告警', en: 'On-call' },
  off: { zh: '本实例未启用值班告警。', en: 'On-call alerting is not enabled on this instance.' },
  windows: { zh: '维护窗口', en: 'Maintenance windows' },
  silences: { zh: '静默', en: 'Silences' },
  rosters: { zh: '值班表', en: 'Duty rosters' },
  receivers: { zh: '接收方', en: 'Receivers' },
  state: { zh: '状态', en: 'State' },
  all: { zh: '全部', en: 'all' },
  active: { zh: '生效中', en: 'active' },
  upcoming: { zh: '未开始', en: 'upcoming' },
  past: { zh: '已结束', en: 'past' },
  pending: { zh: '未开始', en: 'pending' },
  expired: { zh: '已失效', en: 'expired' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  filter: { zh: '筛选', en: 'Filter' },
  id: { zh: '编号', en: 'ID' },
  source: { zh: '来源', en: 'Source' },
  config: { zh: '配置文件', en: 'configuration' },
  api: { zh: '在线预约', en: 'booked' },
  mode: { zh: '方式', en: 'Mode' },
  mute: { zh: '静音（产生但不发送）', en: 'mute (raised, not sent)' },
  skip: { zh: '跳过（不产生告警）', en: 'skip (not raised)' },
  scope: { zh: '范围', en: 'Scope' },
  schedule: { zh: '时间安排', en: 'Schedule' },
  current: { zh: '本次时段', en: 'Current occurrence' },
  reason: { zh: '原因', en: 'Reason' },
  plan: { zh: '割接方案编号', en: 'Operation plan ref' },
  by: { zh: '操作人', en: 'By' },
  actions: { zh: '操作', en: 'Actions' },
  end: { zh: '提前结束', en: 'End now' },
  cancel: { zh: '取消', en: 'Cancel' },
  none: { zh: '无', en: 'none' },
  book: { zh: '预约维护窗口', en: 'Book a maintenance window' },
  sites: { zh: '站点（逗号分隔）', en: 'Sites (comma-separated)' },
  classes: { zh: '保护类别', en: 'Protection classes' },
  devices: { zh: '设备（逗号分隔）', en: 'Devices (comma-separated)' },
  every: { zh: '重复', en: 'Repeats' },
  once: { zh: '一次', en: 'once' },
  daily: { zh: '每天', en: 'daily' },
  weekly: { zh: '每周', en: 'weekly' },
  start: { zh: '开始（仅一次）', en: 'Start (once)' },
  finish: { zh: '结束（仅一次）', en: 'End (once)' },
  at: { zh: '开始时刻（每天/每周）', en: 'At (daily/weekly)' },
  minutes: { zh: '时长（分钟，每天/每周）', en: 'Duration in minutes (daily/weekly)' },
  days: { zh: '星期（每周）', en: 'Days (weekly)' },
  localHint: { zh: '时间按运营方时区填写：', en: 'Times are read in the operator\'s zone: ' },
  submitBook: { zh: '预约', en: 'Book' },
  warning: { zh: '警告', en: 'Warning' },
  matchers: { zh: '匹配条件', en: 'Matchers' },
  matchersHint: { zh: '每行一个：标签 运算符 值，运算符为 = != =~ !~，例如 site=sh-core', en: 'One per line: label op value, op one of = != =~ !~, e.g. site=sh-core' },
  startsAt: { zh: '开始', en: 'Starts' },
  endsAt: { zh: '结束', en: 'Ends' },
  duration: { zh: '时长（分钟，从现在起）', en: 'Duration in minutes (from now)' },
  comment: { zh: '说明', en: 'Comment' },
  createSilence: { zh: '新建静默', en: 'Create a silence' },
  submitSilence: { zh: '静默', en: 'Silence' },
  expire: { zh: '立即失效', en: 'Expire now' },
  onDuty: { zh: '当前值班（按梯队）', en: 'On duty now (by tier)' },
  tier: { zh: '梯队', en: 'Tier' },
  next7: { zh: '未来 7 天', en: 'Next 7 days' },
  from: { zh: '自', en: 'From' },
  to: { zh: '至', en: 'To' },
  period: { zh: '特殊时期', en: 'Special period' },
  periods: { zh: '特殊时期', en: 'Special periods' },
  overrides: { zh: '替班', en: 'Overrides' },
  replaces: { zh: '被替换人', en: 'Replaces' },
  standIn: { zh: '替班人', en: 'Stand-in' },
  addOverride: { zh: '新建替班', en: 'Add an override' },
  submitOverride: { zh: '保存替班', en: 'Save override' },
  name: { zh: '名称', en: 'Name' },
  type: { zh: '类型', en: 'Type' },
  secrets: { zh: '密钥引用（不显示值）', en: 'Secret references (values never shown)' },
  options: { zh: '选项名', en: 'Option names' },
  delivery: { zh: '投递状况', en: 'Delivery health' },
  delivered: { zh: '已送达', en: 'delivered' },
  queued: { zh: '排队', en: 'queued' },
  retrying: { zh: '重试中', en: 'retrying' },
  dead: { zh: '失败', en: 'dead' },
  lastDelivered: { zh: '最近送达', en: 'last delivered' },
  lastError: { zh: '最近错误', en: 'last error' },
  test: { zh: '发送测试通知', en: 'Send a test notification' },
  env: { zh: '环境变量', en: 'env' },
  file: { zh: '文件', en: 'file' },
  readOnly: { zh: '您的角色只能查看。', en: 'Your role may only read here.' },
  done: { zh: '已保存。', en: 'Saved.' },
  sent: { zh: '测试通知已排队发送。', en: 'The test notification is queued.' },
});

const WINDOW_STATES = ['active', 'upcoming', 'past'] as const;
/** Rows a table shows at once; the rest are on further pages (`wo=`, `so=` offsets). */
const PAGE = 50;

/** One page of `rows` at the offset in query key `key`, and its pager. */
function paged<T>(ctx: ConsoleContext, rows: readonly T[], key: string): { rows: readonly T[]; pager: SafeHtml } {
  const raw = ctx.query[key] ?? '';
  const offset = /^\d+$/.test(raw) ? Math.min(Number(raw), Math.max(0, rows.length - 1)) : 0;
  const next = offset + PAGE < rows.length ? String(offset + PAGE) : null;
  const previous = offset > 0 ? String(Math.max(0, offset - PAGE)) : null;
  return { rows: rows.slice(offset, offset + PAGE), pager: pager(ctx, { next, previous, cursorKey: key }) };
}
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface WindowRow {
  id: string; source: 'config' | 'api'; state: 'active' | 'upcoming' | 'past'; mode: 'mute' | 'skip';
  scope: Record<string, readonly string[] | undefined>; schedule: Record<string, unknown>;
  reason?: string; operationPlanRef?: string; current: { local: string } | null; warnings: string[];
  version?: number; createdBy?: string; closedHow?: string | null;
}

/** The alerting port, or a 404 page. */
function portOf(ctx: ConsoleContext): AlertingApi {
  try {
    return alertingOf(ctx.deps);
  } catch (err) {
    if (err instanceof ApiError) throw new ConsoleError(404, W.off);
    throw err;
  }
}

function scopeText(scope: WindowRow['scope']): string {
  const parts = Object.entries(scope).filter(([, v]) => v !== undefined && v.length > 0).map(([k, v]) => `${k}: ${(v ?? []).join(', ')}`);
  return parts.length === 0 ? '*' : parts.join('; ');
}

function scheduleText(ctx: ConsoleContext, s: Record<string, unknown>): string {
  if (s['every'] === 'once') return `${ctx.t(W.once)} ${String(s['start'])} – ${String(s['end'])}`;
  const days = Array.isArray(s['days']) ? ` ${(s['days'] as string[]).join(',')}` : '';
  return `${ctx.t(s['every'] === 'daily' ? W.daily : W.weekly)}${days} ${String(s['at'])} +${String(s['durationMinutes'])} min`;
}

const STATE_WORD = { active: W.active, upcoming: W.upcoming, past: W.past, pending: W.pending, expired: W.expired, cancelled: W.cancelled } as const;

function closeButton(ctx: ConsoleContext, action: string, version: number, label: string): SafeHtml {
  return html`<form class="inline" method="post" action="${action}">${csrfField(ctx)}<input type="hidden" name="version" value="${version}"><button type="submit">${label}</button></form>`;
}

async function windowsSection(ctx: ConsoleContext, a: AlertingApi): Promise<SafeHtml> {
  const want = ctx.query['state'];
  const state = (WINDOW_STATES as readonly string[]).includes(want ?? '') ? want : undefined;
  const now = a.now();
  // without a state filter only the shown page's views are made (10,000 booked windows)
  const page = state === undefined
    ? paged(ctx, await allWindows(a), 'wo')
    : paged(ctx, (await allWindowViews(a, now)).filter((v) => v['state'] === state).map((v) => () => v), 'wo');
  const rows = page.rows.map((view) => view(now) as unknown as WindowRow);
  const canWork = ctx.can('work');
  const options = [html`<option value="">${ctx.t(W.all)}</option>`, ...WINDOW_STATES.map((s) => html`<option value="${s}"${s === state ? html` selected` : ''}>${ctx.t(STATE_WORD[s])}</option>`)];
  const body = rows.map((w) => {
    const open = w.source === 'api' && w.closedHow == null && w.state !== 'past' && w.version !== undefined;
    const controls = canWork && open ? html`${w.state === 'active' ? closeButton(ctx, href(['alerting', 'windows', w.id, 'end']), w.version ?? 0, ctx.t(W.end)) : ''} ${closeButton(ctx, href(['alerting', 'windows', w.id, 'cancel']), w.version ?? 0, ctx.t(W.cancel))}` : html``;
    return html`<tr><td><code>${w.id}</code></td><td>${ctx.t(w.source === 'api' ? W.api : W.config)}</td><td>${w.closedHow ? ctx.t(STATE_WORD[w.closedHow === 'cancelled' ? 'cancelled' : 'past']) : ctx.t(STATE_WORD[w.state])}</td>
<td>${ctx.t(w.mode === 'skip' ? W.skip : W.mute)}</td><td>${deviceText(scopeText(w.scope))}</td><td>${scheduleText(ctx, w.schedule)}</td><td>${w.current?.local ?? ''}</td>
<td>${deviceText(w.reason ?? '')}</td><td>${w.operationPlanRef ?? ''}${w.warnings.length > 0 ? html`<p class="notice error">${ctx.t(W.warning)}: ${w.warnings.join(' ')}</p>` : ''}</td><td>${w.createdBy ?? ''}</td><td>${controls}</td></tr>`;
  });
  const form = canWork ? html`<details class="card"><summary>${ctx.t(W.book)}</summary>
<form method="post" action="/alerting/windows" class="stack">${csrfField(ctx)}
<p class="help">${ctx.t(W.localHint)}${ctx.zone}</p>
<label>${ctx.t(W.id)} <input name="id" pattern="[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}"></label>
<label>${ctx.t(W.mode)} <select name="mode"><option value="mute">${ctx.t(W.mute)}</option><option value="skip">${ctx.t(W.skip)}</option></select></label>
<label>${ctx.t(W.sites)} <input name="site"></label>
<fieldset><legend>${ctx.t(W.classes)}</legend>${PROTECTION_CLASSES.map((c) => html`<label class="check"><input type="checkbox" name="class" value="${c}"> ${c}</label>`)}</fieldset>
<label>${ctx.t(W.devices)} <input name="device"></label>
<label>${ctx.t(W.every)} <select name="every"><option value="once">${ctx.t(W.once)}</option><option value="daily">${ctx.t(W.daily)}</option><option value="weekly">${ctx.t(W.weekly)}</option></select></label>
<label>${ctx.t(W.start)} <input type="datetime-local" name="start"></label>
<label>${ctx.t(W.finish)} <input type="datetime-local" name="end"></label>
<label>${ctx.t(W.at)} <input type="time" name="at"></label>
<label>${ctx.t(W.minutes)} <input type="number" name="durationMinutes" min="1"></label>
<fieldset><legend>${ctx.t(W.days)}</legend>${WEEKDAYS.map((d) => html`<label class="check"><input type="checkbox" name="days" value="${d}"> ${d}</label>`)}</fieldset>
<label>${ctx.t(W.reason)} <textarea name="reason" rows="2"></textarea></label>
<label>${ctx.t(W.plan)} <input name="operationPlanRef"></label>
<button type="submit">${ctx.t(W.submitBook)}</button></form></details>` : html`<p class="help">${ctx.t(W.readOnly)}</p>`;
  return html`<section class="card" aria-labelledby="h-windows"><h2 id="h-windows">${ctx.t(W.windows)}</h2>
<form method="get" action="/alerting" class="filters"><label>${ctx.t(W.state)} <select name="state">${options}</select></label><button type="submit">${ctx.t(W.filter)}</button></form>
<div class="table-wrap"><table><thead><tr><th scope="col">${ctx.t(W.id)}</th><th scope="col">${ctx.t(W.source)}</th><th scope="col">${ctx.t(W.state)}</th><th scope="col">${ctx.t(W.mode)}</th><th scope="col">${ctx.t(W.scope)}</th><th scope="col">${ctx.t(W.schedule)}</th><th scope="col">${ctx.t(W.current)}</th><th scope="col">${ctx.t(W.reason)}</th><th scope="col">${ctx.t(W.plan)}</th><th scope="col">${ctx.t(W.by)}</th><th scope="col">${ctx.t(W.actions)}</th></tr></thead>
<tbody>${rows.length === 0 ? html`<tr><td colspan="11">${ctx.t(W.none)}</td></tr>` : body}</tbody></table></div>${page.pager}${form}</section>`;
}

async function silencesSection(ctx: ConsoleContext, a: AlertingApi): Promise<SafeHtml> {
  const zone = a.timeZone();
  const page = paged(ctx, await a.store.list('silence'), 'so');
  const all = page.rows.map((s) => silenceView(s, a.now(), zone));
  const canWork = ctx.can('work');
  const rows = all.map((v) => {
    const s = v as { id: string; matchers: { name: string; op: string; value: string }[]; state: 'active' | 'pending' | 'expired'; comment: string; createdBy: string; version: number; local: { startsAt: string; endsAt: string } };
    return html`<tr><td><code>${s.id}</code></td><td>${ctx.t(STATE_WORD[s.state])}</td><td>${deviceText(s.matchers.map((m) => `${m.name}${m.op}${m.value}`).join(', '))}</td><td>${s.local.startsAt}</td><td>${s.local.endsAt}</td><td>${deviceText(s.comment)}</td><td>${s.createdBy}</td>
<td>${canWork && s.state !== 'expired' ? closeButton(ctx, href(['alerting', 'silences', s.id, 'expire']), s.version, ctx.t(W.expire)) : ''}</td></tr>`;
  });
  const form = canWork ? html`<details class="card"><summary>${ctx.t(W.createSilence)}</summary>
<form method="post" action="/alerting/silences" class="stack">${csrfField(ctx)}
<label>${ctx.t(W.matchers)} <textarea name="matchers" rows="3" required aria-describedby="matchers-hint"></textarea></label><p class="help" id="matchers-hint">${ctx.t(W.matchersHint)}</p>
<label>${ctx.t(W.duration)} <input type="number" name="minutes" min="1" value="120" required></label>
<label>${ctx.t(W.comment)} <textarea name="comment" rows="2" required></textarea></label>
<button type="submit">${ctx.t(W.submitSilence)}</button></form></details>` : html``;
  return html`<section class="card" aria-labelledby="h-silences"><h2 id="h-silences">${ctx.t(W.silences)}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${ctx.t(W.id)}</th><th scope="col">${ctx.t(W.state)}</th><th scope="col">${ctx.t(W.matchers)}</th><th scope="col">${ctx.t(W.startsAt)}</th><th scope="col">${ctx.t(W.endsAt)}</th><th scope="col">${ctx.t(W.comment)}</th><th scope="col">${ctx.t(W.by)}</th><th scope="col">${ctx.t(W.actions)}</th></tr></thead>
<tbody>${rows.length === 0 ? html`<tr><td colspan="8">${ctx.t(W.none)}</td></tr>` : rows}</tbody></table></div>${page.pager}${form}</section>`;
}

interface RosterRow {
  name: string; now: string[][];
  timeline: { tiers: string[][]; period?: string | null; local: { from: string; to: string } }[];
  overrides: { id: string; replaces: string; by: string; reason: string; state: 'active' | 'upcoming'; version: number; local: { from: string; to: string } }[];
}

async function rostersSection(ctx: ConsoleContext, a: AlertingApi): Promise<SafeHtml> {
  const view = await rosterViews(a) as { periods: { name: string; kind: string; local: { start: string; end: string } }[]; items: RosterRow[] };
  const canWork = ctx.can('work');
  const tiers = (t: string[][]): SafeHtml => html`<ol class="tiers">${t.map((names) => html`<li>${names.join(', ')}</li>`)}</ol>`;
  const rosters = view.items.map((r) => html`<article class="card"><h3>${r.name}</h3>
<p>${ctx.t(W.onDuty)}</p>${tiers(r.now)}
<details><summary>${ctx.t(W.next7)}</summary><div class="table-wrap"><table><thead><tr><th scope="col">${ctx.t(W.from)}</th><th scope="col">${ctx.t(W.to)}</th><th scope="col">${ctx.t(W.tier)}</th><th scope="col">${ctx.t(W.period)}</th></tr></thead>
<tbody>${r.timeline.map((s) => html`<tr><td>${s.local.from}</td><td>${s.local.to}</td><td>${tiers(s.tiers)}</td><td>${s.period ?? ''}</td></tr>`)}</tbody></table></div></details>
<h4>${ctx.t(W.overrides)}</h4>${r.overrides.length === 0 ? html`<p>${ctx.t(W.none)}</p>` : html`<ul>${r.overrides.map((o) => html`<li>${o.by} ⇄ ${o.replaces} · ${o.local.from} – ${o.local.to} · ${ctx.t(STATE_WORD[o.state])} · ${deviceText(o.reason)} ${canWork ? closeButton(ctx, href(['alerting', 'rosters', r.name, 'overrides', o.id, 'cancel']), o.version, ctx.t(W.cancel)) : ''}</li>`)}</ul>`}
${canWork ? html`<details><summary>${ctx.t(W.addOverride)}</summary><form method="post" action="${href(['alerting', 'rosters', r.name, 'overrides'])}" class="stack">${csrfField(ctx)}
<p class="help">${ctx.t(W.localHint)}${ctx.zone}</p>
<label>${ctx.t(W.replaces)} <input name="replaces" required></label><label>${ctx.t(W.standIn)} <input name="by" required></label>
<label>${ctx.t(W.from)} <input type="datetime-local" name="from" required></label><label>${ctx.t(W.to)} <input type="datetime-local" name="to" required></label>
<label>${ctx.t(W.reason)} <input name="reason"></label><button type="submit">${ctx.t(W.submitOverride)}</button></form></details>` : ''}</article>`);
  const periods = view.periods.length === 0 ? html`` : html`<h3>${ctx.t(W.periods)}</h3><ul>${view.periods.map((p) => html`<li>${p.name} (${p.kind}) ${p.local.start} – ${p.local.end}</li>`)}</ul>`;
  return html`<section class="card" aria-labelledby="h-rosters"><h2 id="h-rosters">${ctx.t(W.rosters)}</h2>${periods}${view.items.length === 0 ? html`<p>${ctx.t(W.none)}</p>` : rosters}</section>`;
}

async function receiversSection(ctx: ConsoleContext, a: AlertingApi): Promise<SafeHtml> {
  const items = await receiverViews(a);
  const rows = items.map((r) => {
    const d = r.delivery;
    return html`<tr><td>${r.name}</td><td>${r.type}</td><td>${r.secrets.map((s) => html`<div>${s.name}: ${s.env !== undefined ? `${ctx.t(W.env)} ${s.env}` : `${ctx.t(W.file)} ${s.file ?? ''}`}</div>`)}</td><td>${r.options.join(', ')}</td>
<td>${ctx.t(W.delivered)} ${d.delivered} · ${ctx.t(W.queued)} ${d.pending + d.inflight} · ${ctx.t(W.retrying)} ${d.retrying} · ${ctx.t(W.dead)} ${d.dead}${d.lastDeliveredAt !== null ? html`<br>${ctx.t(W.lastDelivered)} ${ctx.time(d.lastDeliveredAt)}` : ''}${d.lastDead !== null ? html`<br>${ctx.t(W.lastError)} ${deviceText(d.lastDead.error ?? '')}` : ''}</td>
<td>${ctx.can('admin') ? html`<form class="inline" method="post" action="${href(['alerting', 'receivers', r.name, 'test'])}">${csrfField(ctx)}<button type="submit">${ctx.t(W.test)}</button></form>` : ''}</td></tr>`;
  });
  return html`<section class="card" aria-labelledby="h-receivers"><h2 id="h-receivers">${ctx.t(W.receivers)}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${ctx.t(W.name)}</th><th scope="col">${ctx.t(W.type)}</th><th scope="col">${ctx.t(W.secrets)}</th><th scope="col">${ctx.t(W.options)}</th><th scope="col">${ctx.t(W.delivery)}</th><th scope="col">${ctx.t(W.actions)}</th></tr></thead>
<tbody>${rows.length === 0 ? html`<tr><td colspan="6">${ctx.t(W.none)}</td></tr>` : rows}</tbody></table></div></section>`;
}

export const alertingPages: ConsolePage[] = [
  {
    path: '/alerting',
    access: 'read',
    nav: { label: W.nav, order: 60 },
    render: async (ctx) => {
      const a = portOf(ctx);
      const note = ctx.query['done'] === '1' ? html`<p class="notice info" role="status">${ctx.t(W.done)}</p>` : ctx.query['sent'] === '1' ? html`<p class="notice info" role="status">${ctx.t(W.sent)}</p>` : html``;
      return {
        title: W.title,
        body: html`${note}<nav class="toc"><a href="#h-windows">${ctx.t(W.windows)}</a> · <a href="#h-silences">${ctx.t(W.silences)}</a> · <a href="#h-rosters">${ctx.t(W.rosters)}</a> · <a href="#h-receivers">${ctx.t(W.receivers)}</a></nav>
${await windowsSection(ctx, a)}${await silencesSection(ctx, a)}${await rostersSection(ctx, a)}${await receiversSection(ctx, a)}`,
      };
    },
  },
];

const DONE = '/alerting?done=1';

/** The window form as the API's create body (the schedule by its `every`). */
function windowBody(form: URLSearchParams): unknown {
  const every = field(form, 'every') ?? 'once';
  const minutes = field(form, 'durationMinutes');
  const schedule = every === 'once'
    ? { every, start: field(form, 'start'), end: field(form, 'end') }
    : { every, at: field(form, 'at'), durationMinutes: minutes === undefined ? undefined : Number(minutes), ...(every === 'weekly' ? { days: form.getAll('days') } : {}) };
  const scope = { site: listField(form, 'site'), class: form.getAll('class').length > 0 ? form.getAll('class') : undefined, device: listField(form, 'device') };
  return JSON.parse(JSON.stringify({ id: field(form, 'id'), mode: field(form, 'mode'), scope, schedule, reason: field(form, 'reason'), operationPlanRef: field(form, 'operationPlanRef') })) as unknown;
}

/** The silence form's matchers: one `label op value` a line. */
function matchersOf(text: string): unknown[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((l) => {
    const m = /^([^=!~\s]+)\s*(=~|!~|!=|=)\s*(.*)$/.exec(l);
    return m === null ? { name: l } : { name: m[1], op: m[2], value: m[3] };
  });
}

const silenceForm = z.strictObject({ matchers: z.array(silenceMatcherSchema).min(1).max(20), minutes: z.number().int().min(1).max(60 * 24 * 90), comment: z.string().trim().min(1).max(2000) });
const overrideForm = z.strictObject({ replaces: z.string().min(1).max(64), by: z.string().min(1).max(64), from: z.number({ error: 'expected a local date and time' }), to: z.number({ error: 'expected a local date and time' }), reason: z.string().trim().max(2000) });

export const alertingActions: ConsoleAction[] = [
  {
    path: '/alerting/windows', access: 'work',
    handle: async (ctx, form) => {
      const body = parseForm(windowCreate, windowBody(form));
      await attempt(() => bookWindow(portOf(ctx), body, ctx.principal.name));
      return { redirect: DONE };
    },
  },
  {
    path: '/alerting/windows/:id/end', access: 'work',
    handle: async (ctx, form) => {
      await attempt(() => endWindow(portOf(ctx), ctx.params['id'] ?? '', versionField(form), ctx.principal.name));
      return { redirect: DONE };
    },
  },
  {
    path: '/alerting/windows/:id/cancel', access: 'work',
    handle: async (ctx, form) => {
      await attempt(() => cancelWindow(portOf(ctx), ctx.params['id'] ?? '', versionField(form), ctx.principal.name));
      return { redirect: DONE };
    },
  },
  {
    path: '/alerting/silences', access: 'work',
    handle: async (ctx, form) => {
      const minutes = field(form, 'minutes');
      const input = parseForm(silenceForm, { matchers: matchersOf(form.get('matchers') ?? ''), minutes: minutes === undefined ? undefined : Number(minutes), comment: form.get('comment') ?? '' });
      const a = portOf(ctx);
      await attempt(() => createSilence(a, { matchers: input.matchers, endsAt: a.now() + input.minutes * 60_000, comment: input.comment }, ctx.principal.name));
      return { redirect: DONE };
    },
  },
  {
    path: '/alerting/silences/:id/expire', access: 'work',
    handle: async (ctx, form) => {
      await attempt(() => expireSilence(portOf(ctx), ctx.params['id'] ?? '', versionField(form), ctx.principal.name));
      return { redirect: DONE };
    },
  },
  {
    path: '/alerting/rosters/:name/overrides', access: 'work',
    handle: async (ctx, form) => {
      const a = portOf(ctx);
      const zone = a.timeZone();
      const input = parseForm(overrideForm, {
        replaces: field(form, 'replaces'), by: field(form, 'by'), reason: form.get('reason') ?? '',
        from: zonedInstant(field(form, 'from'), zone) ?? undefined, to: zonedInstant(field(form, 'to'), zone) ?? undefined,
      });
      await attempt(() => createOverride(a, ctx.params['name'] ?? '', input, ctx.principal.name));
      return { redirect: DONE };
    },
  },
  {
    path: '/alerting/rosters/:name/overrides/:id/cancel', access: 'work',
    handle: async (ctx, form) => {
      await attempt(() => cancelOverride(portOf(ctx), ctx.params['name'] ?? '', ctx.params['id'] ?? '', versionField(form), ctx.principal.name));
      return { redirect: DONE };
    },
  },
  {
    path: '/alerting/receivers/:name/test', access: 'admin',
    handle: async (ctx) => {
      await attempt(() => sendTestNotification(portOf(ctx), ctx.params['name'] ?? '', ctx.principal.name));
      return { redirect: '/alerting?sent=1' };
    },
  },
];
