/**
 * `/records` (read): cutovers, emergency plans, drills, incidents and checklists (issue 13 items
 * 6–7) — a list per kind with a status filter and paging, and a detail page per record. Both read
 * through the API's own query and view (`recordView` of src/api/routes/records.ts), so the labels,
 * flags and times are the API's, shown in the operator's zone.
 */
import { ApiError } from '../../api/errors.js';
import { KINDS, recordsOf, recordView } from '../../api/routes/records.js';
import type { RecordsApi } from '../../records/port.js';
import { KIND_LABELS } from '../../records/words.js';
import type { Bilingual } from '../../analysis/finding.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import { ConsoleError, type ConsoleContext, type ConsolePage } from '../page.js';
import { pager } from '../widgets.js';

const W = words({
  title: { zh: '记录', en: 'Records' },
  off: { zh: '本实例未启用记录。', en: 'Records are not enabled on this instance.' },
  noSuch: { zh: '没有这条记录。', en: 'No such record.' },
  status: { zh: '状态', en: 'Status' },
  all: { zh: '全部', en: 'all' },
  filter: { zh: '筛选', en: 'Filter' },
  id: { zh: '编号', en: 'ID' },
  name: { zh: '标题', en: 'Title' },
  updated: { zh: '更新', en: 'Updated' },
  total: { zh: '共', en: 'Total' },
  none: { zh: '无', en: 'none' },
  fields: { zh: '全部字段', en: 'All fields' },
  back: { zh: '返回列表', en: 'Back to the list' },
  apiHint: { zh: '新建与修改目前通过 API（/api/v1/records/…）或命令行进行。', en: 'Creating and changing records is done through the API (/api/v1/records/…) for now.' },
});

const PAGE = 50;

function portOf(ctx: ConsoleContext): RecordsApi {
  try {
    return recordsOf(ctx.deps);
  } catch (err) {
    if (err instanceof ApiError) throw new ConsoleError(404, W.off);
    throw err;
  }
}

function kindOf(ctx: ConsoleContext): (typeof KINDS)[number] {
  const k = KINDS.find((x) => x.path === (ctx.params['kind'] ?? 'cutovers'));
  if (k === undefined) throw new ConsoleError(404, W.noSuch);
  return k;
}

type View = Record<string, unknown> & { id: string; title?: string; labels: Record<string, Bilingual | string | null | undefined> };

function label(ctx: ConsoleContext, v: Bilingual | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : ctx.lang === 'en' ? v.en : v.zh;
}

function tabs(ctx: ConsoleContext, current: string): SafeHtml {
  return html`<nav class="toc" aria-label="${ctx.t(W.title)}">${KINDS.map((k) => html`<a href="${href(['records', k.path])}"${k.path === current ? html` aria-current="page"` : ''}>${label(ctx, KIND_LABELS[k.kind])}</a> `)}</nav>`;
}

async function listPage(ctx: ConsoleContext) {
  const api = portOf(ctx);
  const k = kindOf(ctx);
  const status = k.statuses.includes(ctx.query['status'] ?? '') ? ctx.query['status'] : undefined;
  const offset = /^\d+$/.test(ctx.query['offset'] ?? '') ? Number(ctx.query['offset']) : 0;
  const now = api.now();
  const page = await api.store.list({ kind: k.kind, ...(status !== undefined ? { status: [status] } : {}), limit: PAGE, offset });
  const rows = page.items.map((r) => {
    const v = recordView(r, now, api.timeZone()) as View;
    return html`<tr><td><a href="${href(['records', k.path, v.id])}"><code>${v.id}</code></a></td><td>${deviceText(v.title ?? '')}</td><td>${label(ctx, v.labels['status'])}</td><td>${label(ctx, v.labels['updatedAt'])}</td></tr>`;
  });
  const next = offset + PAGE < page.total ? String(offset + PAGE) : null;
  const previous = offset > 0 ? String(Math.max(0, offset - PAGE)) : null;
  return {
    title: `${ctx.t(W.title)} · ${label(ctx, KIND_LABELS[k.kind])}`,
    body: html`${tabs(ctx, k.path)}<section class="card">
<form method="get" action="${href(['records', k.path])}" class="filters"><label>${ctx.t(W.status)} <select name="status"><option value="">${ctx.t(W.all)}</option>${k.statuses.map((s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${s}</option>`)}</select></label><button type="submit">${ctx.t(W.filter)}</button></form>
<p>${ctx.t(W.total)} ${page.total}</p>
<div class="table-wrap"><table><thead><tr><th scope="col">${ctx.t(W.id)}</th><th scope="col">${ctx.t(W.name)}</th><th scope="col">${ctx.t(W.status)}</th><th scope="col">${ctx.t(W.updated)}</th></tr></thead>
<tbody>${rows.length === 0 ? html`<tr><td colspan="4">${ctx.t(W.none)}</td></tr>` : rows}</tbody></table></div>${pager(ctx, { next, previous, cursorKey: 'offset' })}
<p class="help">${ctx.t(W.apiHint)}</p></section>`,
  };
}

/** One value of a record for people: text as device text, structures as indented JSON text. */
function valueOf(v: unknown): SafeHtml {
  if (v === null || v === undefined) return html``;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return html`${deviceText(String(v))}`;
  return html`<pre>${deviceText(JSON.stringify(v, null, 2))}</pre>`;
}

async function detailPage(ctx: ConsoleContext) {
  const api = portOf(ctx);
  const k = kindOf(ctx);
  const r = await api.store.get(k.kind, ctx.params['id'] ?? '');
  if (r === null) throw new ConsoleError(404, W.noSuch);
  const v = recordView(r, api.now(), api.timeZone()) as View;
  const labels = Object.entries(v.labels).filter(([, x]) => x !== null && x !== undefined);
  const fields = Object.entries(v).filter(([key]) => key !== 'labels');
  return {
    title: `${label(ctx, KIND_LABELS[k.kind])} ${v.id}`,
    body: html`${tabs(ctx, k.path)}<section class="card"><h2>${deviceText(v.title ?? v.id)}</h2><dl class="facts">${labels.map(([key, x]) => html`<dt>${key}</dt><dd>${label(ctx, x)}</dd>`)}</dl></section>
<section class="card"><h2>${ctx.t(W.fields)}</h2><dl class="facts">${fields.map(([key, x]) => html`<dt>${key}</dt><dd>${valueOf(x)}</dd>`)}</dl>
<p><a href="${href(['records', k.path])}">${ctx.t(W.back)}</a></p></section>`,
  };
}

export const recordsPages: ConsolePage[] = [
  { path: '/records', access: 'read', nav: { label: W.title, order: 70 }, render: (ctx) => listPage(ctx) },
  { path: '/records/:kind', access: 'read', render: (ctx) => listPage(ctx) },
  { path: '/records/:kind/:id', access: 'read', render: (ctx) => detailPage(ctx) },
];
