/**
 * `/records`: cutovers, emergency plans, drills, incidents and special-period checklists (issue
 * 13 items 6–7). A list per kind with a status filter and paging; a page per record with its
 * facts in the operator's zone, its flags (a plan's overdue review, an incident reported late or
 * not at all), what redline observed (a drill's recorded changes; a cutover's changes in its
 * window, its OPS-003 verdicts on the devices it touched and OPS-004's "protection restored after
 * the window?"), and the forms the role and the record's status allow: operators and admins
 * create and edit records, move cutovers, review plans and check checklist items; admins approve
 * or reject a cutover's plan. Labels, flags and times are the API's (`recordView`); the forms and
 * their actions are in records-actions.ts.
 */
import { recordView } from '../../api/routes/records.js';
import { FINDING_STATES, type Finding } from '../../analysis/finding.js';
import type { FindingsQuery } from '../../analysis/worker/report-queries.js';
import { APPEARED_GRACE_MS } from '../../records/evidence.js';
import { devicesOf, observedInWindow } from '../../records/elements.js';
import { cutoverMoves, reviewDue } from '../../records/lifecycle.js';
import type { RecordsApi } from '../../records/port.js';
import type { ChecklistRecord, CutoverRecord, ObservedChange, PlanRecord } from '../../records/types.js';
import { CHECK_RESULT_LABELS, KIND_LABELS } from '../../records/words.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { ConsoleError, type ConsoleContext, type ConsolePage, type PageOut } from '../page.js';
import { deviceLink, pager, riskBadge, stateBadge } from '../widgets.js';
import { readReport } from './overview-data.js';
import { checklistItemForms, cutoverForms, planForms } from './records-actions.js';
import { colon, editable, formPage, kindOf, label, portOf, recordOf, tabs, W, type View } from './records-common.js';
import { NO_VALUES, recordFacts, recordValues } from './records-fields.js';

/** Records per page. */
const PAGE = 50;

/** A record's flag for people: an overdue review, a late or missing report, a refused plan (null: none). */
function flagOf(ctx: ConsoleContext, v: View): SafeHtml {
  const flag = v.labels['flag'] ?? (v['reportedInTime'] === false ? v.labels['report'] : null);
  if (flag !== null && flag !== undefined) return html`<span class="rec-flag">${label(ctx, flag)}</span>`;
  if (v['rejection'] !== null && v['rejection'] !== undefined) return html`<span class="rec-flag">${ctx.t(W.rejected)}</span>`;
  return html``;
}

async function listPage(ctx: ConsoleContext): Promise<PageOut> {
  const api = portOf(ctx);
  const k = kindOf(ctx);
  const status = k.statuses.includes(ctx.query['status'] ?? '') ? ctx.query['status'] : undefined;
  const offset = /^\d+$/.test(ctx.query['offset'] ?? '') ? Number(ctx.query['offset']) : 0;
  const now = api.now();
  const page = await api.store.list({ kind: k.kind, ...(status !== undefined ? { status: [status] } : {}), limit: PAGE, offset });
  const rows = page.items.map((r) => {
    const v = recordView(r, now, api.timeZone()) as View;
    return html`<tr><td><a href="${href(['records', k.path, v.id])}">${deviceText(v.title ?? v.id)}</a></td><td>${label(ctx, v.labels['status'])}</td><td>${flagOf(ctx, v)}</td><td>${label(ctx, v.labels['updatedAt'])}</td></tr>`;
  });
  const next = offset + PAGE < page.total ? String(offset + PAGE) : null;
  const previous = offset > 0 ? String(Math.max(0, offset - PAGE)) : null;
  const kindName = label(ctx, KIND_LABELS[k.kind]);
  const create = ctx.can('work')
    ? html`<p><a class="button" href="${href(['records', k.path, 'new'])}">${ctx.t(W.create)}${colon(ctx)}${kindName}</a></p>`
    : html`<p class="muted">${ctx.t(W.readOnly)}</p>`;
  return {
    title: `${ctx.t(W.title)} · ${kindName}`,
    body: html`${tabs(ctx, k.path)}<section class="card">${create}
<form method="get" action="${href(['records', k.path])}" class="filters"><label>${ctx.t(W.status)} <select name="status"><option value="">${ctx.t(W.all)}</option>${k.statuses.map((s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${s}</option>`)}</select></label><button type="submit">${ctx.t(W.filter)}</button></form>
<p>${ctx.t(W.total)} ${page.total}</p>
<div class="table-wrap"><table><thead><tr><th scope="col">${ctx.t(W.name)}</th><th scope="col">${ctx.t(W.status)}</th><th scope="col">${ctx.t(W.flag)}</th><th scope="col">${ctx.t(W.updated)}</th></tr></thead>
<tbody>${rows.length === 0 ? html`<tr><td colspan="4">${ctx.t(W.none)}</td></tr>` : rows}</tbody></table></div>${pager(ctx, { next, previous, cursorKey: 'offset' })}</section>`,
  };
}

function changesTable(ctx: ConsoleContext, caption: string, changes: readonly ObservedChange[]): SafeHtml {
  if (changes.length === 0) return html`<p class="muted">${ctx.t(W.noObserved)}</p>`;
  return html`<div class="table-wrap"><table><caption>${caption} (${changes.length})</caption>
<thead><tr><th scope="col">${ctx.t(W.time)}</th><th scope="col">${ctx.t(W.device)}</th><th scope="col">${ctx.t(W.subject)}</th><th scope="col">${ctx.t(W.change)}</th></tr></thead>
<tbody>${changes.map((o) => html`<tr><td>${ctx.time(o.at)}</td><td>${deviceLink(o.deviceId, deviceText(o.deviceId))}</td><td class="mono">${deviceText(o.subject)}</td><td>${deviceText(o.from ?? '—')} → <strong>${deviceText(o.to)}</strong></td></tr>`)}</tbody></table></div>`;
}

function findingsTable(ctx: ConsoleContext, fs: readonly Finding[]): SafeHtml {
  return html`<div class="table-wrap"><table><thead><tr><th scope="col">${ctx.t(W.verdict)}</th><th scope="col">${ctx.t(W.rule)}</th><th scope="col">${ctx.t(W.subject)}</th><th scope="col">${ctx.t(W.change)}</th></tr></thead>
<tbody>${fs.map((f) => html`<tr><td>${f.colour !== null ? riskBadge(ctx, f.colour) : ''} ${stateBadge(ctx, f.state)}</td><td><a href="${href(['findings', f.fingerprint])}">${f.rule}</a></td><td>${f.subject.kind}: ${deviceText(f.subject.id)}</td><td>${deviceText(ctx.t(f.explanation))}</td></tr>`)}</tbody></table></div>`;
}

/**
 * What redline observed around a cutover's window: the changes the state store recorded on the
 * devices it touches (30 minutes either side, as OPS-003's grace), the latest analysis's OPS-003
 * verdicts on those devices (a change no approved plan covers) and OPS-004's (protection restored
 * after the window, or what still fails).
 */
async function cutoverEvidence(ctx: ConsoleContext, api: RecordsApi, c: CutoverRecord): Promise<SafeHtml> {
  const devices = devicesOf(c.affected, ctx.deps.inventory());
  const changes = observedInWindow(ctx.deps.transitions, devices, c.windowStart - APPEARED_GRACE_MS, c.windowEnd + APPEARED_GRACE_MS);
  const q: FindingsQuery = { states: [...FINDING_STATES], colours: null, classes: null, sites: null, rules: ['OPS-003', 'OPS-004'], limit: 100_000, offset: 0 };
  const read = await readReport<{ items: Finding[] }>(ctx.deps, (latest) => latest.findings(q));
  const cutoverFact = `${c.ref} ${c.title}`;
  let restored: SafeHtml;
  let unplanned: SafeHtml;
  if (!read.ok) {
    restored = html`<p class="muted">${ctx.t(read.why === 'disabled' ? W.analysisDisabled : W.analysisOff)}</p>`;
    unplanned = restored;
  } else {
    const ops004 = read.value.items.filter((f) => f.rule === 'OPS-004' && f.evidence.some((e) => e.what === 'cutover' && e.value === cutoverFact));
    const ops003 = read.value.items.filter((f) => f.rule === 'OPS-003' && f.subject.kind === 'device' && devices.has(f.subject.id));
    restored = c.status === 'draft' || c.status === 'cancelled' ? html`<p class="muted">${ctx.t(W.neverApproved)}</p>`
      : api.now() < c.windowEnd + APPEARED_GRACE_MS ? html`<p class="muted">${ctx.t(W.notOver)}</p>`
        : ops004.length === 0 ? html`<p class="muted">${ctx.t(W.noRestoreFinding)}</p>` : findingsTable(ctx, ops004);
    unplanned = ops003.length === 0 ? html`<p class="muted">${ctx.t(W.noChangeFinding)}</p>` : findingsTable(ctx, ops003);
  }
  return html`<section class="card" aria-labelledby="rec-ev"><h2 id="rec-ev">${ctx.t(W.evidence)}</h2>
<h3>${ctx.t(W.restored)}</h3>${restored}
<h3>${ctx.t(W.unplanned)}</h3>${unplanned}
<h3>${ctx.t(W.windowChanges)}</h3>${changesTable(ctx, ctx.t(W.windowChanges), changes)}</section>`;
}

function planExtra(ctx: ConsoleContext, p: PlanRecord): SafeHtml {
  const reviews = p.reviews.length === 0 ? html`<p class="muted">${ctx.t(W.noReviews)}</p>`
    : html`<ul>${p.reviews.map((x) => html`<li>${ctx.time(x.at)} · ${deviceText(x.by)} · ${deviceText(x.planVersion)}${x.note !== '' ? html` · ${deviceText(x.note)}` : ''}</li>`)}</ul>`;
  return html`<dt>${ctx.t(W.nextReview)}</dt><dd>${ctx.time(reviewDue(p))}</dd><dt>${ctx.t(W.reviews)}</dt><dd>${reviews}</dd>`;
}

function checklistItems(ctx: ConsoleContext, c: ChecklistRecord): SafeHtml {
  const forms = checklistItemForms(ctx, c);
  return html`<section class="card" aria-labelledby="rec-items"><h2 id="rec-items">${ctx.t(W.items)}</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">${ctx.t(W.id)}</th><th scope="col">${ctx.t(W.items)}</th><th scope="col">${ctx.t(W.status)}</th><th scope="col">${ctx.t(W.checkedBy)}</th><th scope="col">${ctx.t(W.checkedAt)}</th><th scope="col">${ctx.t(W.note)}</th>${forms !== null ? html`<th scope="col">${ctx.t(W.actions)}</th>` : ''}</tr></thead>
<tbody>${c.items.map((i) => html`<tr><td>${i.id}</td><td>${deviceText(i.text)}${i.site !== null ? html` <span class="muted">@${deviceText(i.site)}</span>` : ''}</td><td>${i.result !== null ? ctx.t(CHECK_RESULT_LABELS[i.result]) : '—'}</td><td>${deviceText(i.checkedBy ?? '—')}</td><td>${ctx.time(i.checkedAt)}</td><td>${deviceText(i.note)}</td>${forms !== null ? html`<td>${forms(i.id)}</td>` : ''}</tr>`)}</tbody></table></div></section>`;
}

/** The record as the API answers it, without its labels (shown above in the request's language), line by line escaped. */
function rawFields(v: View): string {
  const fields = Object.fromEntries(Object.entries(v).filter(([key]) => key !== 'labels'));
  return JSON.stringify(fields, null, 2).split('\n').map((line) => deviceText(line)).join('\n');
}

async function detailPage(ctx: ConsoleContext): Promise<PageOut> {
  const api = portOf(ctx);
  const k = kindOf(ctx);
  const r = await recordOf(ctx, api, k);
  const v = recordView(r, api.now(), api.timeZone()) as View;
  const extra: SafeHtml[] = [];
  const after: SafeHtml[] = [];
  let forms: SafeHtml = html``;
  switch (r.kind) {
    case 'cutover':
      extra.push(html`<dt>${ctx.t(W.approvedBy)}</dt><dd>${r.approvedAt !== null ? html`${deviceText(r.approvedBy ?? '')} · ${ctx.time(r.approvedAt)}` : ctx.t(W.notApproved)}</dd>`);
      if (r.rejection != null) extra.push(html`<dt>${ctx.t(W.rejected)}</dt><dd class="rec-flag">${deviceText(r.rejection.by)} · ${ctx.time(r.rejection.at)}: ${deviceText(r.rejection.reason)}</dd>`);
      if (r.startedAt !== null) extra.push(html`<dt>${ctx.t(W.startedAt)}</dt><dd>${ctx.time(r.startedAt)}</dd>`);
      if (r.finishedAt !== null) extra.push(html`<dt>${ctx.t(W.finishedAt)}</dt><dd>${ctx.time(r.finishedAt)}</dd>`);
      forms = cutoverForms(ctx, r, cutoverMoves(r));
      after.push(await cutoverEvidence(ctx, api, r));
      break;
    case 'plan':
      extra.push(planExtra(ctx, r));
      forms = planForms(ctx, r);
      break;
    case 'drill':
      after.push(html`<section class="card" aria-labelledby="rec-obs"><h2 id="rec-obs">${ctx.t(W.observed)}</h2><p class="help">${ctx.t(W.observedHelp)}</p>${changesTable(ctx, ctx.t(W.observed), r.observed)}</section>`);
      break;
    case 'incident':
      extra.push(html`<dt>${ctx.t(W.reportDue)}</dt><dd>${ctx.time(r.start + r.reportDeadlineMinutes * 60_000)}</dd>`);
      extra.push(html`<dt>${ctx.t(W.report)}</dt><dd>${v['reportedInTime'] === null ? ctx.t(W.reportPending) : html`<span class="${v['reportedInTime'] === true ? 'ok' : 'rec-flag'}">${label(ctx, v.labels['report'])}</span>`}</dd>`);
      break;
    case 'checklist':
      after.push(checklistItems(ctx, r));
      break;
  }
  const flag = v.labels['flag'];
  const edit = ctx.can('work') && editable(r) ? html`<p><a class="button" href="${href(['records', k.path, r.id, 'edit'])}">${ctx.t(W.edit)}</a></p>` : html``;
  return {
    title: `${label(ctx, KIND_LABELS[k.kind])} · ${deviceText(v.title ?? v.id)}`,
    body: html`${tabs(ctx, k.path)}${flag !== null && flag !== undefined ? html`<p class="notice error" role="status">${label(ctx, flag)}</p>` : ''}
<section class="card"><dl class="facts">
<dt>${ctx.t(W.status)}</dt><dd><strong class="rec-status">${label(ctx, v.labels['status'])}</strong></dd>
${recordFacts(ctx, r)}
${extra}
<dt>${ctx.t(W.createdBy)}</dt><dd>${deviceText(r.createdBy)} · ${ctx.time(r.createdAt)}</dd>
<dt>${ctx.t(W.updatedBy)}</dt><dd>${deviceText(r.updatedBy)} · ${ctx.time(r.updatedAt)}</dd>
</dl>${edit}</section>
${forms}${after}
<details class="card"><summary>${ctx.t(W.fields)}</summary><pre>${rawFields(v)}</pre></details>
<p><a href="${href(['records', k.path])}">${ctx.t(W.back)}</a></p>`,
  };
}

function newPage(ctx: ConsoleContext): PageOut {
  portOf(ctx);
  return formPage(ctx, kindOf(ctx), null, NO_VALUES, new Map());
}

async function editPage(ctx: ConsoleContext): Promise<PageOut> {
  const api = portOf(ctx);
  const k = kindOf(ctx);
  const r = await recordOf(ctx, api, k);
  if (!editable(r)) throw new ConsoleError(422, { zh: `${r.status}：不能修改`, en: `${r.status}: cannot be edited` }, { href: href(['records', k.path, r.id]), label: W.backRecord });
  return formPage(ctx, k, { id: r.id, version: String(r.version), approved: r.kind === 'cutover' && r.status === 'approved' }, recordValues(r, k.kind, ctx.zone), new Map());
}

export const recordsPages: ConsolePage[] = [
  { path: '/records', access: 'read', nav: { label: W.title, order: 70 }, render: (ctx) => listPage(ctx) },
  { path: '/records/:kind', access: 'read', render: (ctx) => listPage(ctx) },
  // before `/records/:kind/:id`: "new" is no id
  { path: '/records/:kind/new', access: 'work', render: (ctx) => newPage(ctx) },
  { path: '/records/:kind/:id', access: 'read', render: (ctx) => detailPage(ctx) },
  { path: '/records/:kind/:id/edit', access: 'work', render: (ctx) => editPage(ctx) },
];
