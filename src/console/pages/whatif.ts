/**
 * `/whatif`: pick elements to fail (devices, links, sites' risk groups, shared risks, power
 * elements) with plain checkboxes, submit a GET (the selection is in the query, so the answer is
 * a link), and read which services go down or lose protection — the API's what-if answered by
 * the same function (`whatIfAnswer`) — with the ranked sweep of single points of failure below.
 * A bad question (unknown name, too many) is a 400 page with the analysis's own message.
 */
import type { SinglePointOfFailure, WhatIfResult } from '../../analysis/graph/services.js';
import { deviceRiskGroups, linkRiskGroups } from '../../analysis/network/inventory-graph.js';
import { whatIfAnswer } from '../../api/whatif-route.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import { ConsoleError, type ConsoleContext, type ConsolePage } from '../page.js';

const W = words({
  title: { zh: '假设分析', en: 'What-if' },
  pick: { zh: '选择要失效的元素', en: 'Pick the elements to fail' },
  devices: { zh: '设备', en: 'Devices' },
  links: { zh: '链路', en: 'Links' },
  groups: { zh: '风险组（站点、机房、管道、供电）', en: 'Risk groups (sites, rooms, ducts, power)' },
  run: { zh: '分析', en: 'Analyse' },
  result: { zh: '分析结果', en: 'Result' },
  failed: { zh: '失效元素', en: 'Failed' },
  down: { zh: '中断的业务', en: 'Services cut' },
  unprotected: { zh: '失去保护的业务', en: 'Services left unprotected' },
  stranded: { zh: '被隔离的节点', en: 'Nodes stranded' },
  none: { zh: '无', en: 'none' },
  sweep: { zh: '单点故障排名', en: 'Single points of failure, ranked' },
  element: { zh: '元素', en: 'Element' },
  cuts: { zh: '中断', en: 'Cuts' },
  unprotects: { zh: '失去保护', en: 'Unprotects' },
  noSweep: { zh: '尚无分析结果。', en: 'No analysis yet.' },
  busy: { zh: '另一个假设分析正在运行，请稍后再试。', en: 'Another what-if is running; try again in a moment.' },
  notEnabled: { zh: '此实例未启用保护分析。', en: 'The protection analysis is not enabled here.' },
});

const SWEEP_ROWS = 50;

function checkboxes(legend: string, values: readonly { value: string; label: string }[], chosen: ReadonlySet<string>): SafeHtml {
  return html`<fieldset class="whatif-pick"><legend>${legend}</legend>${values.map((v) => html`<label class="check"><input type="checkbox" name="fail" value="${v.value}"${chosen.has(v.value) ? html` checked` : ''}> ${v.label}</label>`)}</fieldset>`;
}

function sweepTable(ctx: ConsoleContext, items: readonly SinglePointOfFailure[]): SafeHtml {
  const ranked = [...items].sort((a, b) => b.cuts.length - a.cuts.length || b.unprotects.length - a.unprotects.length || b.stranded - a.stranded).slice(0, SWEEP_ROWS);
  return html`<table class="sweep"><thead><tr><th scope="col">${ctx.t(W.element)}</th><th scope="col">${ctx.t(W.cuts)}</th><th scope="col">${ctx.t(W.unprotects)}</th><th scope="col">${ctx.t(W.stranded)}</th></tr></thead><tbody>${ranked.map((s) => html`<tr><td><a href="${href('/whatif', { fail: `${s.kind}:${s.id}` })}">${s.kind} ${s.id}</a></td><td>${s.cuts.join(', ')}</td><td>${s.unprotects.join(', ')}</td><td>${s.stranded}</td></tr>`)}</tbody></table>`;
}

async function render(ctx: ConsoleContext): Promise<{ title: typeof W.title; body: SafeHtml; status?: number }> {
  const view = ctx.deps.analysis;
  if (view === undefined) return { title: W.title, body: html`<p class="notice">${ctx.t(W.notEnabled)}</p>`, status: 404 };
  const inv = ctx.deps.inventory();
  const chosen = new Set(ctx.queryAll('fail').flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== ''));
  let result: SafeHtml | '' = '';
  if (chosen.size > 0) {
    const a = await whatIfAnswer(view, { disjointness: ctx.query.disjointness, fail: [...chosen].join(','), sweep: undefined });
    if (a.status === 429) return { title: W.title, body: html`<p class="notice">${ctx.t(W.busy)}</p>`, status: 429 };
    if (a.status !== 200) {
      const message = (a.body as { error: { message: string } }).error.message;
      throw new ConsoleError(a.status, { zh: `无法分析：${message}`, en: `Cannot analyse: ${message}` });
    }
    const r = a.body as WhatIfResult;
    const list = (xs: readonly string[]): SafeHtml => (xs.length === 0 ? html`${ctx.t(W.none)}` : html`<ul>${xs.map((x) => html`<li>${x}</li>`)}</ul>`);
    result = html`<section class="card whatif-result" aria-labelledby="whatif-result-h"><h2 id="whatif-result-h">${ctx.t(W.result)}</h2><dl class="facts">
<dt>${ctx.t(W.failed)}</dt><dd>${r.failed.map((f) => `${f.kind} ${f.id}`).join(', ')}</dd>
<dt>${ctx.t(W.down)}</dt><dd class="cut">${list(r.cut)}</dd>
<dt>${ctx.t(W.unprotected)}</dt><dd class="unprotected">${list(r.unprotected)}</dd>
<dt>${ctx.t(W.stranded)}</dt><dd>${r.stranded}</dd></dl></section>`;
  }
  const groups = new Set<string>();
  for (const l of inv.links) for (const g of linkRiskGroups(l)) groups.add(g);
  for (const gs of deviceRiskGroups(inv).values()) for (const g of gs) groups.add(g);
  const devices = [...inv.devices.values()].slice(0, 500).map((d) => ({ value: `node:${d.id}`, label: d.name !== undefined ? `${d.id} ${deviceText(d.name)}` : d.id }));
  const links = inv.links.slice(0, 500).map((l) => ({ value: `link:${l.id}`, label: `${l.id} (${l.a.device}–${l.b.device})` }));
  const riskGroups = [...groups].sort().slice(0, 500).map((g) => ({ value: `riskGroup:${g}`, label: g }));
  const sweep = view.sweep(ctx.query.disjointness === 'node' ? 'node' : 'srlg');
  return {
    title: W.title,
    body: html`${result}
<form class="whatif" method="get" action="/whatif" aria-label="${ctx.t(W.pick)}"><h2>${ctx.t(W.pick)}</h2>
${checkboxes(ctx.t(W.devices), devices, chosen)}${checkboxes(ctx.t(W.links), links, chosen)}${checkboxes(ctx.t(W.groups), riskGroups, chosen)}
<button type="submit">${ctx.t(W.run)}</button></form>
<section class="card"><h2>${ctx.t(W.sweep)}</h2>${sweep === null ? html`<p>${ctx.t(W.noSweep)}</p>` : sweepTable(ctx, sweep.items)}</section>`,
  };
}

export const whatIfPages: ConsolePage[] = [
  { path: '/whatif', access: 'read', nav: { label: W.title, order: 50 }, render },
];
