/**
 * `/findings`: the latest analysis's findings with filters (state, risk level, measure, rule,
 * site, class, device) and paging (never the whole list: 50 a page, asked of the report's holder
 * like the API does), each with its explanation in the page's language, its evidence with times
 * in the operator's zone, and a link to the hazard that tracks it.
 */
import { COLOURS, FINDING_STATES, MEASURES, type Finding } from '../../analysis/finding.js';
import { MEASURE_LABELS, RISK_LEVELS, STATE_LABELS } from '../../analysis/rules/words.js';
import { ApiError } from '../../api/errors.js';
import { intParam, listParam } from '../../api/params.js';
import { PROTECTION_CLASSES } from '../../config/schema.js';
import type { Hazard } from '../../ledger/types.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import { ConsoleError, type ConsoleContext, type ConsolePage } from '../page.js';
import { askReport, isUnavailable, latestReport } from './analysis-read.js';
import { hazardLink, measureName, pager, riskBadge, stateBadge } from '../widgets.js';

const W = words({
  title: { zh: '检查结果', en: 'Findings' },
  filters: { zh: '筛选', en: 'Filters' },
  state: { zh: '状态', en: 'State' },
  failing: { zh: '未保护、降级、中断和未知', en: 'unprotected, degraded, down and unknown' },
  all: { zh: '全部', en: 'all' },
  risk: { zh: '风险等级', en: 'Risk level' },
  measure: { zh: '保护措施', en: 'Measure' },
  rule: { zh: '规则', en: 'Rule' },
  site: { zh: '站点', en: 'Site' },
  cls: { zh: '保护等级', en: 'Class' },
  device: { zh: '设备', en: 'Device' },
  any: { zh: '不限', en: 'any' },
  apply: { zh: '筛选', en: 'Apply' },
  total: { zh: '条符合条件', en: 'match' },
  showing: { zh: '显示', en: 'showing' },
  subject: { zh: '对象', en: 'Subject' },
  evidence: { zh: '证据', en: 'Evidence' },
  hazard: { zh: '隐患', en: 'Hazard' },
  noHazard: { zh: '台账未跟踪', en: 'not tracked in the ledger' },
  stale: { zh: '最近的分析失败，此处为上一次成功的结果。', en: 'The latest analysis failed: this is the last good one.' },
  analysedAt: { zh: '分析时间', en: 'Analysed at' },
  none: { zh: '没有符合条件的检查结果。', en: 'No finding matches.' },
  inventoryFact: { zh: '清单', en: 'inventory' },
  waived: { zh: '已接受风险至', en: 'accepted risk until' },
  fault: { zh: '故障（非隐患）', en: 'fault (not a hazard)' },
});

const PAGE = 50;

/** A filter the API would refuse, as the console's 400 page naming the bad parameter. */
function badFilter(err: unknown): never {
  if (err instanceof ApiError) throw new ConsoleError(400, { zh: `筛选条件有误：${err.message}`, en: `Bad filter: ${err.message}` });
  throw err;
}

function select(name: string, label: string, options: readonly { value: string; label: string }[], current: string): SafeHtml {
  return html`<label>${label}<select name="${name}">${options.map((o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.label}</option>`)}</select></label>`;
}

function evidenceList(ctx: ConsoleContext, f: Finding): SafeHtml {
  if (f.evidence.length === 0) return html``;
  return html`<details><summary>${ctx.t(W.evidence)} (${f.evidence.length})</summary><ul class="evidence">${f.evidence.map((e) => html`<li><code>${deviceText(e.what)}</code>: ${deviceText(e.value === null ? '—' : String(e.value))} <span class="muted">${e.observedAt === null ? ctx.t(W.inventoryFact) : ctx.time(e.observedAt)}</span></li>`)}</ul></details>`;
}

async function render(ctx: ConsoleContext): Promise<{ title: (typeof W)['title']; body: SafeHtml; status?: number }> {
  const latest = latestReport(ctx);
  if (isUnavailable(latest)) return { title: W.title, body: latest.body, status: latest.status };
  let q;
  try {
    const stateRaw = ctx.query.state;
    // the API's parsing; an empty select ("any") is no filter
    const opt = <T extends string>(k: string, allowed?: readonly T[]): T[] | null => {
      if ((ctx.query[k] ?? '') === '') return null;
      const s = listParam(ctx.req, k, allowed);
      return s === null ? null : [...s];
    };
    const states = stateRaw === 'all' ? [...FINDING_STATES] : opt('state', FINDING_STATES) ?? FINDING_STATES.filter((x) => x !== 'protected');
    q = {
      states,
      colours: opt('colour', COLOURS),
      classes: opt('class', PROTECTION_CLASSES),
      sites: opt('site'),
      rules: opt('rule', latest.rules),
      measures: opt('measure', MEASURES),
      device: ctx.query.device !== undefined && ctx.query.device !== '' ? ctx.query.device : null,
      limit: PAGE,
      offset: intParam(ctx.req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
    };
  } catch (err) {
    badFilter(err);
  }
  const page = await askReport<{ total: number; items: Finding[] }>(ctx, latest.findings(q));
  if (isUnavailable(page)) return { title: W.title, body: page.body, status: page.status };
  // the hazards tracking the findings of this page, in one query
  const hazards = new Map<string, Hazard>();
  const ledger = ctx.deps.ledger;
  if (ledger !== undefined && page.items.length > 0) {
    const found = await ledger.store.hazards({ fingerprint: page.items.map((f) => f.fingerprint), now: ctx.now, limit: page.items.length * 2, offset: 0 });
    for (const h of found.items) if (h.fingerprint !== null && !hazards.has(h.fingerprint)) hazards.set(h.fingerprint, h);
  }
  const cur = (k: string): string => ctx.query[k] ?? '';
  const anyOpt = { value: '', label: ctx.t(W.any) };
  const form = html`<form class="filters" method="get" action="/findings" aria-label="${ctx.t(W.filters)}">
${select('state', ctx.t(W.state), [{ value: '', label: ctx.t(W.failing) }, { value: 'all', label: ctx.t(W.all) }, ...FINDING_STATES.map((s) => ({ value: s, label: ctx.t(STATE_LABELS[s]) }))], cur('state'))}
${select('colour', ctx.t(W.risk), [anyOpt, ...COLOURS.map((c) => ({ value: c, label: ctx.t(RISK_LEVELS[c].level) }))], cur('colour'))}
${select('measure', ctx.t(W.measure), [anyOpt, ...MEASURES.map((m) => ({ value: m, label: ctx.t(MEASURE_LABELS[m]) }))], cur('measure'))}
${select('rule', ctx.t(W.rule), [anyOpt, ...latest.rules.map((r) => ({ value: r, label: r }))], cur('rule'))}
${select('class', ctx.t(W.cls), [anyOpt, ...PROTECTION_CLASSES.map((c) => ({ value: c, label: c }))], cur('class'))}
<label>${ctx.t(W.site)}<input type="text" name="site" value="${cur('site')}"></label>
<label>${ctx.t(W.device)}<input type="text" name="device" value="${cur('device')}"></label>
<button type="submit">${ctx.t(W.apply)}</button></form>`;
  const offset = q.offset;
  const next = offset + PAGE < page.total ? String(offset + PAGE) : null;
  const previous = offset > 0 ? String(Math.max(0, offset - PAGE)) : null;
  const rows = page.items.map((f) => {
    const h = hazards.get(f.fingerprint);
    return html`<tr data-rule="${f.rule}" data-subject="${f.subject.id}">
<td>${f.rule}</td>
<td>${f.subject.kind} <strong>${deviceText(f.subject.id)}</strong><br><span class="muted">${f.class} · ${f.sites.join(', ')}</span></td>
<td>${stateBadge(ctx, f.state)}${f.colour !== null ? html` ${riskBadge(ctx, f.colour)}` : ''}${f.fault ? html`<br>${ctx.t(W.fault)}` : ''}${f.waived !== undefined ? html`<br><span class="muted">${ctx.t(W.waived)} ${ctx.time(f.waived.until)}</span>` : ''}</td>
<td>${measureName(ctx, f.measure)}</td>
<td><p class="explanation">${deviceText(ctx.t(f.explanation))}</p>${evidenceList(ctx, f)}</td>
<td>${h !== undefined ? hazardLink(h.id) : html`<span class="muted">${ctx.t(W.noHazard)}</span>`}</td></tr>`;
  });
  return {
    title: W.title,
    body: html`${form}
${latest.stale ? html`<p class="notice error">${ctx.t(W.stale)}</p>` : ''}
<p><span class="total">${page.total}</span> ${ctx.t(W.total)} · ${ctx.t(W.analysedAt)} ${ctx.time(latest.analysedAt)}${page.total > 0 ? html` · ${ctx.t(W.showing)} ${offset + 1}–${offset + page.items.length}` : ''}</p>
${page.items.length === 0 ? html`<p>${ctx.t(W.none)}</p>` : html`<table class="findings"><thead><tr><th scope="col">${ctx.t(W.rule)}</th><th scope="col">${ctx.t(W.subject)}</th><th scope="col">${ctx.t(W.state)}</th><th scope="col">${ctx.t(W.measure)}</th><th scope="col">${ctx.t(W.evidence)}</th><th scope="col">${ctx.t(W.hazard)}</th></tr></thead><tbody>${rows}</tbody></table>`}
${pager(ctx, { next, previous, cursorKey: 'offset' })}
<p class="muted"><a href="${href('/api/v1/findings', {})}">JSON</a></p>`,
  };
}

export const findingsPages: ConsolePage[] = [
  { path: '/findings', access: 'read', nav: { label: W.title, order: 40 }, render },
];
