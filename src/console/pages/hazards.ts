/**
 * `/hazards`: the hazard ledger (隐患排查治理台账) for the people who work it — filters (status,
 * risk level, grade, site, class, rule, owner, overdue), pages of 50 in the ledger's order (most
 * severe first, then nearest deadline), the export for roles that may take one; and
 * `/hazards/:id`: every field, the finding behind it with its evidence and explanation in both
 * languages, its evidence and comments, its history, and the forms of the actions the role
 * allows (hazards-actions.ts). Filters read like the API's (`hazardQueryOf`), so a console link
 * and an API call with the same query list the same hazards.
 */
import type { Request } from 'express';
import { COLOURS } from '../../analysis/finding.js';
import { HAZARD_GRADE_LABELS, MEASURE_LABELS, RISK_LEVELS } from '../../analysis/rules/words.js';
import { ApiError } from '../../api/errors.js';
import { hazardQueryOf } from '../../api/routes/ledger-http.js';
import { PROTECTION_CLASSES } from '../../config/schema.js';
import { daysOverdue, isOverdue } from '../../ledger/deadlines.js';
import { allowedActions, missingForRectification } from '../../ledger/lifecycle.js';
import { HAZARD_GRADES, HAZARD_STATUSES, type Attachment, type Hazard, type HazardEvent } from '../../ledger/types.js';
import {
  FOUND_BY_METHOD_LABELS, GOVERNANCE_PART_LABELS, HAZARD_CATEGORY_LABELS, HAZARD_FIELD_LABELS,
  HAZARD_STATUS_LABELS, LOCATION_LABELS, REGULATOR_REPORT_LABELS, statusLabel, VERIFICATION_LABELS, VERIFICATION_RESULT_LABELS,
} from '../../ledger/words.js';
import { deviceText, href, html, safeUrl, type SafeHtml } from '../html.js';
import type { Word } from '../i18n.js';
import { ConsoleError, type ConsoleContext, type ConsolePage } from '../page.js';
import { deviceLink, pager, riskBadge, stateBadge } from '../widgets.js';
import { hazardForms } from './hazards-actions.js';
import { ledgerOr404 } from './hazards-ledger.js';
import { HW } from './hazards-words.js';

/** Hazards per page of the list. */
export const HAZARD_PAGE_SIZE = 50;
/** History entries per page of the detail. */
const HISTORY_PAGE = 100;

/** The list's filter keys, as the API names them (`class`, `colour` …). */
const FILTER_KEYS = ['status', 'colour', 'grade', 'site', 'class', 'rule', 'owner', 'overdue'] as const;

/** The filters set in this request (blank ones dropped). */
function filtersOf(ctx: ConsoleContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = ctx.query[k]?.trim();
    if (v !== undefined && v !== '') out[k] = v;
  }
  return out;
}

/** The subject of a hazard: a device links to its page; anything else is its kind and id (device text, escaped). */
export function subjectCell(h: Pick<Hazard, 'subject' | 'location'>): SafeHtml {
  if (h.subject === null) {
    const where = h.location.neId ?? h.location.roomId ?? h.location.routeId ?? h.location.siteId ?? '';
    return html`<span class="mono">${deviceText(where)}</span>`;
  }
  if (h.subject.kind === 'device') return deviceLink(h.subject.id, deviceText(h.subject.id));
  return html`<span class="mono">${h.subject.kind}:${deviceText(h.subject.id)}</span>`;
}

/** A hazard's grade: the confirmed one, or the rule's suggestion marked as such. */
function gradeCell(ctx: ConsoleContext, h: Hazard): SafeHtml {
  if (h.grade !== null) return html`<strong>${ctx.t(HAZARD_GRADE_LABELS[h.grade])}</strong>`;
  if (h.suggestedGrade !== null) return html`<span class="muted">${ctx.t(HW.suggested)}: ${ctx.t(HAZARD_GRADE_LABELS[h.suggestedGrade])}</span>`;
  return html`<span class="muted">—</span>`;
}

/** The deadline, with 逾期 and the days past it when it is overdue. */
function deadlineCell(ctx: ConsoleContext, h: Hazard, now: number): SafeHtml {
  if (!isOverdue(h, now)) return html`${ctx.time(h.deadline)}`;
  return html`<span class="overdue">${ctx.time(h.deadline)} · ${ctx.t(HW.daysOverdue).replace('{n}', String(daysOverdue(h, now)))}</span>`;
}

function statusCell(ctx: ConsoleContext, h: Hazard, now: number): SafeHtml {
  const overdue = isOverdue(h, now);
  return html`<span class="${overdue ? 'hz-status overdue' : 'hz-status'}">${ctx.t(statusLabel(h, now))}</span>`;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;
}

function selectFilter(ctx: ConsoleContext, name: string, label: Word, options: readonly (readonly [string, string])[], current: string | undefined): SafeHtml {
  return html`<label for="f-${name}">${ctx.t(label)}<select id="f-${name}" name="${name}">${option('', ctx.t(HW.any), current ?? '')}${options.map(([v, l]) => option(v, l, current))}</select></label>`;
}

function textFilter(ctx: ConsoleContext, name: string, label: Word, current: string | undefined): SafeHtml {
  return html`<label for="f-${name}">${ctx.t(label)}<input id="f-${name}" name="${name}" type="text" value="${current ?? ''}" size="12"></label>`;
}

function filterForm(ctx: ConsoleContext, f: Record<string, string>): SafeHtml {
  return html`<form class="filters" method="get" action="/hazards" aria-label="${ctx.t(HW.filters)}" data-autosubmit>
${selectFilter(ctx, 'status', HW.status, HAZARD_STATUSES.map((s) => [s, ctx.t(HAZARD_STATUS_LABELS[s])] as const), f['status'])}
${selectFilter(ctx, 'colour', HW.riskLevel, COLOURS.map((c) => [c, ctx.t(RISK_LEVELS[c].level)] as const), f['colour'])}
${selectFilter(ctx, 'grade', HW.grade, [...HAZARD_GRADES.map((g) => [g, ctx.t(HAZARD_GRADE_LABELS[g])] as const), ['none', ctx.t(HW.ungraded)] as const], f['grade'])}
${selectFilter(ctx, 'overdue', HW.overdue, [['true', ctx.t(HW.overdueYes)], ['false', ctx.t(HW.overdueNo)]], f['overdue'])}
${selectFilter(ctx, 'class', HW.cls, PROTECTION_CLASSES.map((c) => [c, c] as const), f['class'])}
${textFilter(ctx, 'site', HW.site, f['site'])}
${textFilter(ctx, 'rule', HW.rule, f['rule'])}
${textFilter(ctx, 'owner', HW.owner, f['owner'])}
<button type="submit">${ctx.t(HW.apply)}</button> <a href="/hazards">${ctx.t(HW.clear)}</a>
</form>`;
}

/** The list page. */
const listPage: ConsolePage = {
  path: '/hazards',
  access: 'read',
  nav: { label: HW.nav, order: 40 },
  render: async (ctx) => {
    const ledger = ledgerOr404(ctx);
    const now = ledger.now();
    const f = filtersOf(ctx);
    const offset = Math.max(0, Math.floor(Number(ctx.query['offset'] ?? 0)) || 0);
    let query;
    try {
      // the API's reading of the same filters (its errors name the bad value)
      query = hazardQueryOf({ query: { ...f, limit: String(HAZARD_PAGE_SIZE), offset: String(offset) } } as unknown as Request, now);
    } catch (err) {
      if (err instanceof ApiError) throw new ConsoleError(400, { zh: `${HW.badFilter.zh}${err.message}`, en: `${HW.badFilter.en}${err.message}` });
      throw err;
    }
    const page = await ledger.store.hazards(query);
    const rows = page.items.map((h) => html`<tr>
<td class="mono"><a href="${href(['hazards', h.id])}">${deviceText(h.id)}</a></td>
<td>${subjectCell(h)}</td>
<td class="mono">${h.rule ?? ctx.t(FOUND_BY_METHOD_LABELS[h.foundByMethod])}</td>
<td>${riskBadge(ctx, h.colour)}</td>
<td>${gradeCell(ctx, h)}</td>
<td>${statusCell(ctx, h, now)}</td>
<td>${deviceText(h.ownerPerson ?? '—')}</td>
<td>${deadlineCell(ctx, h, now)}</td>
<td>${ctx.time(h.foundAt)}</td>
</tr>`);
    const exportLinks = ctx.can('audit')
      ? html`<p class="hz-export"><a href="${href('/api/v1/hazards/export', { ...f, format: 'csv' })}" download>${ctx.t(HW.exportCsv)}</a> · <a href="${href('/api/v1/hazards/export', { ...f, format: 'json' })}" download>${ctx.t(HW.exportJson)}</a></p>`
      : '';
    const shown = page.items.length === 0 ? '' : `${offset + 1}–${offset + page.items.length}`;
    const count = `${ctx.t(HW.matched)}: ${page.total}${shown !== '' ? ` · ${ctx.t(HW.shown)} ${shown}` : ''}`;
    const table = page.items.length === 0
      ? html`<p class="notice info" role="status">${ctx.t(HW.none)}</p>`
      : html`<div class="table-wrap"><table class="hazards">
<caption>${ctx.t(HW.listCaption)}</caption>
<thead><tr><th scope="col">${ctx.t(HW.id)}</th><th scope="col">${ctx.t(HW.subject)}</th><th scope="col">${ctx.t(HW.rule)}</th><th scope="col">${ctx.t(HW.riskLevel)}</th><th scope="col">${ctx.t(HW.grade)}</th><th scope="col">${ctx.t(HW.status)}</th><th scope="col">${ctx.t(HW.owner)}</th><th scope="col">${ctx.t(HW.deadline)}</th><th scope="col">${ctx.t(HW.foundAt)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
    const next = offset + page.items.length < page.total ? String(offset + HAZARD_PAGE_SIZE) : null;
    const previous = offset > 0 ? String(Math.max(0, offset - HAZARD_PAGE_SIZE)) : null;
    return {
      title: HW.title,
      body: html`${filterForm(ctx, f)}
<p class="muted hz-count" role="status">${count}</p>
${exportLinks}
${table}
${pager(ctx, { next, previous, cursorKey: 'offset' })}`,
    };
  },
};

/** One fact of the detail: label and value, left out when the value is empty. */
function fact(ctx: ConsoleContext, label: Word, value: SafeHtml | string | null | undefined): SafeHtml {
  if (value === null || value === undefined || value === '') return html``;
  return html`<dt>${ctx.t(label)}</dt><dd>${value}</dd>`;
}

/** Text a person typed (or a device sent): control and bidi characters made visible, escaped. */
function typed(s: string | null | undefined): string | null {
  return s === null || s === undefined ? null : deviceText(s);
}

function factsOf(ctx: ConsoleContext, h: Hazard, now: number): SafeHtml {
  const F = HAZARD_FIELD_LABELS;
  const loc = h.location;
  const locParts = [
    loc.siteId !== null ? `${ctx.t(LOCATION_LABELS.siteId)} ${deviceText(loc.siteId)}` : null,
    loc.sites.length > 1 ? `${ctx.t(LOCATION_LABELS.sites)} ${loc.sites.map(deviceText).join(', ')}` : null,
    loc.roomId !== undefined ? `${ctx.t(LOCATION_LABELS.roomId)} ${deviceText(loc.roomId)}` : null,
    loc.neId !== undefined ? `${ctx.t(LOCATION_LABELS.neId)} ${deviceText(loc.neId)}` : null,
    loc.routeId !== undefined ? `${ctx.t(LOCATION_LABELS.routeId)} ${deviceText(loc.routeId)}` : null,
  ].filter((x): x is string => x !== null);
  const category = (HAZARD_CATEGORY_LABELS as Readonly<Record<string, Word>>)[h.category];
  const v = h.verification;
  return html`<dl class="facts">
${fact(ctx, F.id, html`<span class="mono">${deviceText(h.id)}</span>`)}
${fact(ctx, F.status, statusCell(ctx, h, now))}
${fact(ctx, F.colour, riskBadge(ctx, h.colour))}
${fact(ctx, F.grade, h.grade !== null ? ctx.t(HAZARD_GRADE_LABELS[h.grade]) : ctx.t(HW.ungraded))}
${fact(ctx, F.suggestedGrade, h.suggestedGrade !== null ? ctx.t(HAZARD_GRADE_LABELS[h.suggestedGrade]) : null)}
${fact(ctx, F.subject, h.subject !== null ? subjectCell(h) : null)}
${fact(ctx, F.rule, h.rule)}
${fact(ctx, F.location, locParts.join(' · '))}
${fact(ctx, F.protectionClass, h.protectionClass)}
${fact(ctx, F.measure, h.measure !== null ? ctx.t(MEASURE_LABELS[h.measure]) : null)}
${fact(ctx, F.category, category !== undefined ? ctx.t(category) : deviceText(h.category))}
${fact(ctx, F.deadline, deadlineCell(ctx, h, now))}
${fact(ctx, F.foundAt, ctx.time(h.foundAt))}
${fact(ctx, F.foundBy, html`${deviceText(h.foundBy)} (${ctx.t(FOUND_BY_METHOD_LABELS[h.foundByMethod])})`)}
${fact(ctx, F.reportingOrg, typed(h.reportingOrg))}
${fact(ctx, F.ownerOrg, typed(h.ownerOrg))}
${fact(ctx, F.ownerPerson, typed(h.ownerPerson))}
${fact(ctx, F.contractorOrg, typed(h.contractorOrg))}
${fact(ctx, F.contractorPerson, typed(h.contractorPerson))}
${fact(ctx, F.potentialConsequence, typed(h.potentialConsequence))}
${fact(ctx, F.interimControls, typed(h.interimControls))}
${fact(ctx, F.remediationPlan, typed(h.remediationPlan))}
${fact(ctx, F.funding, typed(h.funding))}
${fact(ctx, F.supervised, h.supervised ? ctx.t(HW.yes) : null)}
${h.governancePlan !== null ? fact(ctx, F.governancePlan, html`<dl class="facts">${(Object.keys(GOVERNANCE_PART_LABELS) as (keyof typeof GOVERNANCE_PART_LABELS)[]).map((k) => fact(ctx, GOVERNANCE_PART_LABELS[k], typed(h.governancePlan![k]) || '—'))}</dl>`) : ''}
${h.regulatorReport !== null ? fact(ctx, F.regulatorReport, html`${ctx.t(REGULATOR_REPORT_LABELS.date)} ${h.regulatorReport.date} · ${ctx.t(REGULATOR_REPORT_LABELS.to)} ${deviceText(h.regulatorReport.to)} · ${ctx.t(REGULATOR_REPORT_LABELS.reference)} ${deviceText(h.regulatorReport.reference)}`) : ''}
${fact(ctx, F.findingState, h.findingState !== null ? stateBadge(ctx, h.findingState) : null)}
${fact(ctx, F.lastMeasuredAt, h.lastMeasuredAt !== null ? ctx.time(h.lastMeasuredAt) : null)}
${fact(ctx, F.protectedPasses, h.fingerprint !== null ? String(h.protectedPasses) : null)}
${fact(ctx, F.fixedAt, h.fixedAt !== null ? ctx.time(h.fixedAt) : null)}
${v !== null ? fact(ctx, F.verification, html`${ctx.t(VERIFICATION_RESULT_LABELS[v.result])} · ${ctx.t(VERIFICATION_LABELS.by)} ${deviceText(v.by)} · ${ctx.time(v.at)}${v.note !== undefined ? html` · ${deviceText(v.note)}` : ''}`) : ''}
${fact(ctx, F.closedAt, h.closedAt !== null ? ctx.time(h.closedAt) : null)}
${fact(ctx, F.reopenCount, h.reopenCount > 0 ? String(h.reopenCount) : null)}
${fact(ctx, F.version, String(h.version))}
${fact(ctx, F.updatedAt, ctx.time(h.updatedAt))}
</dl>`;
}

/** Both languages of a sentence, each marked with its language (the page's own first). */
function bilingual(ctx: ConsoleContext, b: { readonly zh: string; readonly en: string }): SafeHtml {
  const zh = html`<p lang="zh-CN"><span class="muted">${ctx.t(HW.zh)}:</span> ${deviceText(b.zh)}</p>`;
  const en = html`<p lang="en"><span class="muted">${ctx.t(HW.en)}:</span> ${deviceText(b.en)}</p>`;
  return ctx.lang === 'en' ? html`${en}${zh}` : html`${zh}${en}`;
}

async function findingSection(ctx: ConsoleContext, h: Hazard): Promise<SafeHtml> {
  if (h.fingerprint === null) return html`<p class="muted">${ctx.t(HW.noFinding)}</p>`;
  const ledger = ledgerOr404(ctx);
  const [latest] = await ledger.store.findingChanges(h.fingerprint, { limit: 1 });
  const findingsLink = h.subject !== null
    ? html`<p><a href="${href('/findings', { subject: h.subject.id, rule: h.rule ?? undefined })}">${ctx.t(HW.findingLink)}</a></p>`
    : '';
  if (latest === undefined) return html`<p class="muted">${ctx.t(HW.noChange)}</p>${findingsLink}`;
  const state = latest.to === 'gone' ? html`<span class="muted">gone</span>` : stateBadge(ctx, latest.to);
  const evidence = latest.evidence.length === 0 ? '' : html`<div class="table-wrap"><table class="evidence">
<caption>${ctx.t(HW.evidenceFacts)}</caption>
<thead><tr><th scope="col">${ctx.t(HW.fact)}</th><th scope="col">${ctx.t(HW.value)}</th><th scope="col">${ctx.t(HW.observedAt)}</th></tr></thead>
<tbody>${latest.evidence.map((e) => html`<tr><td class="mono">${deviceText(e.what)}</td><td class="mono">${deviceText(e.value === null ? '—' : String(e.value))}</td><td>${e.observedAt !== null ? ctx.time(e.observedAt) : '—'}</td></tr>`)}</tbody></table></div>`;
  return html`<dl class="facts">
<dt>${ctx.t(HW.state)}</dt><dd>${state}${latest.colour !== null ? html` ${riskBadge(ctx, latest.colour)}` : ''}</dd>
<dt>${ctx.t(HW.judgedAt)}</dt><dd>${ctx.time(latest.at)}</dd>
</dl>
${latest.explanation !== null ? html`<h3>${ctx.t(HW.explanation)}</h3>${bilingual(ctx, latest.explanation)}` : ''}
${evidence}
${findingsLink}`;
}

function attachmentItem(ctx: ConsoleContext, h: Hazard, a: Attachment): SafeHtml {
  const head = html`<span class="muted">${ctx.time(a.at)} · ${deviceText(a.by)} · ${ctx.t(a.kind === 'comment' ? HW.comment : a.kind === 'link' ? HW.link : HW.file)}</span>`;
  const text = a.text !== '' ? html`<p class="hz-text">${deviceText(a.text)}</p>` : '';
  if (a.kind === 'link') {
    return html`<li>${head}<p><a href="${safeUrl(a.ref ?? '')}" rel="noopener noreferrer nofollow">${deviceText(a.ref ?? '')}</a></p>${text}</li>`;
  }
  if (a.kind === 'file') {
    const size = a.size !== undefined ? ` (${a.size} ${ctx.t(HW.bytes)})` : '';
    return html`<li>${head}<p><a href="${href(['api', 'v1', 'hazards', h.id, 'evidence', a.id])}" download>${deviceText(a.ref ?? 'evidence')}</a>${size} · ${ctx.t(HW.download)}${a.sha256 !== undefined ? html` · <span class="mono">sha256 ${a.sha256.slice(0, 16)}…</span>` : ''}</p>${text}</li>`;
  }
  return html`<li>${head}${text}</li>`;
}

/** The fields that hold an instant (ms): shown as times in the operator's zone. */
const TIME_FIELDS = new Set(['deadline', 'foundAt', 'fixedAt', 'closedAt', 'lastMeasuredAt', 'createdAt', 'updatedAt']);

function changeText(ctx: ConsoleContext, name: string, change: { readonly before: unknown; readonly after: unknown }): string {
  const label = (HAZARD_FIELD_LABELS as Readonly<Record<string, Word>>)[name];
  const show = (v: unknown): string => (v === null || v === undefined ? '—' : TIME_FIELDS.has(name) && typeof v === 'number' ? ctx.time(v) : JSON.stringify(v));
  return `${label !== undefined ? ctx.t(label) : name}: ${deviceText(show(change.before))} → ${deviceText(show(change.after))}`;
}

function eventItem(ctx: ConsoleContext, e: HazardEvent): SafeHtml {
  const move = e.from !== undefined && e.to !== undefined ? html` · ${ctx.t(HAZARD_STATUS_LABELS[e.from])} → <strong>${ctx.t(HAZARD_STATUS_LABELS[e.to])}</strong>` : '';
  const changes = Object.entries(e.changes ?? {}).filter(([k]) => k !== 'status' && k !== 'version' && k !== 'updatedAt');
  return html`<li><span class="muted">${ctx.time(e.at)} · ${ctx.t(HW.by)} ${deviceText(e.actor)}</span>${move}
${changes.length > 0 ? html`<ul class="hz-changes">${changes.map(([k, c]) => html`<li>${changeText(ctx, k, c)}</li>`)}</ul>` : ''}
${e.text !== undefined && e.text !== '' ? html`<p class="hz-text">${deviceText(e.text)}</p>` : ''}
${(e.evidence ?? []).length > 0 ? html`<ul class="hz-changes">${(e.evidence ?? []).map((x) => html`<li class="mono">${deviceText(x.what)} = ${deviceText(String(x.value))}</li>`)}</ul>` : ''}</li>`;
}

/** The detail page. */
const detailPage: ConsolePage = {
  path: '/hazards/:id',
  access: 'read',
  render: async (ctx) => {
    const ledger = ledgerOr404(ctx);
    const id = ctx.params['id'] ?? '';
    const h = await ledger.store.hazard(id);
    if (h === null) throw new ConsoleError(404, HW.notFound);
    const now = ledger.now();
    const afterSeq = Math.max(0, Math.floor(Number(ctx.query['afterSeq'] ?? 0)) || 0);
    const [attachments, events] = await Promise.all([
      ledger.store.attachments(h.id),
      ledger.store.hazardEvents(h.id, { limit: HISTORY_PAGE, ...(afterSeq > 0 ? { afterSeq } : {}) }),
    ]);
    const nextHistory = events.length === HISTORY_PAGE ? String(events[events.length - 1]!.seq) : null;
    const missing = allowedActions(h).includes('startRectification') ? missingForRectification(h) : [];
    const work = ctx.can('work')
      ? html`${missing.length > 0 ? html`<p class="notice info">${ctx.t(HW.missing)} ${missing.join('、')}</p>` : ''}${hazardForms(ctx, h)}`
      : html`<p class="muted">${ctx.t(HW.readOnly)}</p>`;
    const title = `${ctx.t(HW.title)} · ${deviceText(h.id)}`;
    return {
      title,
      body: html`<p><a href="/hazards">← ${ctx.t(HW.title)}</a></p>
<section class="card" aria-labelledby="hz-facts"><h2 id="hz-facts">${ctx.t(HW.facts)}</h2>${factsOf(ctx, h, now)}</section>
<section class="card" aria-labelledby="hz-desc"><h2 id="hz-desc">${ctx.t(HW.description)}</h2>${bilingual(ctx, h.description)}
${h.basis.length > 0 ? html`<h3>${ctx.t(HW.basis)}</h3><ul>${h.basis.map((b) => html`<li><span class="mono">${deviceText(b.id)}</span> ${deviceText(ctx.t(b.cite))}</li>`)}</ul>` : ''}</section>
<section class="card" aria-labelledby="hz-finding"><h2 id="hz-finding">${ctx.t(HW.finding)}</h2>${await findingSection(ctx, h)}</section>
<section class="card hz-actions" aria-labelledby="hz-actions"><h2 id="hz-actions">${ctx.t(HW.actions)}</h2>${work}</section>
<section class="card" aria-labelledby="hz-evidence"><h2 id="hz-evidence">${ctx.t(HW.evidence)}</h2>
${attachments.length === 0 ? html`<p class="muted">${ctx.t(HW.noEvidence)}</p>` : html`<ul class="timeline">${attachments.map((a) => attachmentItem(ctx, h, a))}</ul>`}</section>
<section class="card" aria-labelledby="hz-history"><h2 id="hz-history">${ctx.t(HW.history)}</h2>
${events.length === 0 ? html`<p class="muted">${ctx.t(HW.noHistory)}</p>` : html`<ol class="timeline">${events.map((e) => eventItem(ctx, e))}</ol>`}
${pager(ctx, { next: nextHistory, cursorKey: 'afterSeq' })}</section>`,
    };
  },
};

/** The hazard pages. */
export const hazardPages: ConsolePage[] = [listPage, detailPage];
