/**
 * `/devices`: every device of the inventory with its polling status, filtered by site, class and
 * status and searched by id, name or sysName, a page at a time (10,000 devices are never drawn
 * at once), with the counts of the whole inventory and of the filtered list.
 */
import { PROTECTION_CLASSES } from '../../config/schema.js';
import { deviceStatus } from '../../api/routes/devices.js';
import type { Device } from '../../inventory/model.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import type { ConsoleContext, ConsolePage } from '../page.js';
import { deviceLink, deviceStatusBadge, offsetPage, DEVICE_STATUS_WORDS, type DeviceStatusWord } from '../widgets.js';

const W = words({
  title: { zh: '设备', en: 'Devices' },
  filters: { zh: '筛选', en: 'Filters' },
  site: { zh: '站点', en: 'Site' },
  class: { zh: '保护类别', en: 'Class' },
  status: { zh: '状态', en: 'Status' },
  any: { zh: '全部', en: 'any' },
  search: { zh: '搜索（编号、名称或 sysName）', en: 'Search (id, name or sysName)' },
  apply: { zh: '应用', en: 'Apply' },
  clear: { zh: '清除筛选', en: 'Clear filters' },
  id: { zh: '编号', en: 'Id' },
  name: { zh: '名称', en: 'Name' },
  sysName: { zh: '设备报告的名称（sysName）', en: 'sysName (as the device reports it)' },
  role: { zh: '角色', en: 'Role' },
  lastPoll: { zh: '最近采集', en: 'Last poll' },
  psus: { zh: '电源（正常/故障）', en: 'PSUs (ok/failed)' },
  shown: { zh: '显示', en: 'Showing' },
  of: { zh: '条，共', en: 'of' },
  matching: { zh: '条符合筛选', en: 'matching' },
  inventory: { zh: '清单中的设备', en: 'Devices in the inventory' },
  none: { zh: '没有符合筛选的设备。', en: 'No device matches the filters.' },
});

/** The status filter's values: the list's status words, `reachable` for ok. */
const STATUS_FILTER: Readonly<Record<string, DeviceStatusWord>> = { reachable: 'ok', unreachable: 'unreachable', stale: 'stale', pending: 'pending' };

/** A device with what the list shows of its state. */
interface Row {
  readonly device: Device;
  readonly status: DeviceStatusWord;
  readonly sysName: string | null;
  readonly observedAt: number | null;
  readonly psuOk: number;
  readonly psuFailed: number;
}

/** Every device as a row, sorted by id, and how many have each status. */
function rowsOf(ctx: ConsoleContext): { rows: Row[]; counts: Record<DeviceStatusWord, number> } {
  const inv = ctx.deps.inventory();
  const counts: Record<DeviceStatusWord, number> = { ok: 0, unreachable: 0, stale: 0, pending: 0 };
  const rows: Row[] = [];
  for (const id of [...inv.devices.keys()].sort()) {
    const device = inv.devices.get(id)!;
    const s = ctx.deps.device(id);
    const status = deviceStatus(s);
    counts[status]++;
    const o = s?.observation ?? null;
    rows.push({
      device, status, sysName: o?.system.name ?? null, observedAt: s?.observedAt ?? null,
      psuOk: o?.powerSupplies.filter((p) => p.status === 'ok').length ?? 0,
      psuFailed: o?.powerSupplies.filter((p) => p.status === 'failed').length ?? 0,
    });
  }
  return { rows, counts };
}

function select(ctx: ConsoleContext, name: string, label: string, current: string, options: readonly (readonly [string, string])[]): SafeHtml {
  return html`<label for="f-${name}">${label}<select id="f-${name}" name="${name}"><option value="">${ctx.t(W.any)}</option>${options.map(([v, l]) => html`<option value="${v}"${v === current ? html` selected` : ''}>${l}</option>`)}</select></label>`;
}

export const devicesPages: ConsolePage[] = [
  {
    path: '/devices',
    access: 'read',
    nav: { label: W.title, order: 10 },
    render: (ctx) => {
      const inv = ctx.deps.inventory();
      const site = ctx.query['site'] ?? '';
      const cls = ctx.query['class'] ?? '';
      const statusRaw = ctx.query['status'] ?? '';
      const status = STATUS_FILTER[statusRaw] ?? null;
      const q = (ctx.query['q'] ?? '').trim().toLowerCase();
      const { rows, counts } = rowsOf(ctx);
      const matching = rows.filter((r) =>
        (site === '' || r.device.site === site) &&
        (cls === '' || r.device.class === cls) &&
        (status === null || r.status === status) &&
        (q === '' || r.device.id.toLowerCase().includes(q) || (r.device.name ?? '').toLowerCase().includes(q) || (r.sysName ?? '').toLowerCase().includes(q)));
      const page = offsetPage(ctx, matching, 50);
      const statusOptions = Object.entries(STATUS_FILTER).map(([v, w]) => [v, ctx.t(DEVICE_STATUS_WORDS[w])] as const);
      const form = html`<form class="filters" method="get" action="/devices" data-autosubmit role="search" aria-label="${ctx.t(W.filters)}">
${select(ctx, 'site', ctx.t(W.site), site, [...inv.sites.keys()].sort().map((s) => [s, s] as const))}
${select(ctx, 'class', ctx.t(W.class), cls, PROTECTION_CLASSES.map((c) => [c, c] as const))}
${select(ctx, 'status', ctx.t(W.status), statusRaw, statusOptions)}
<label for="f-q">${ctx.t(W.search)}<input id="f-q" type="search" name="q" value="${ctx.query['q'] ?? ''}"></label>
<button type="submit">${ctx.t(W.apply)}</button> <a href="/devices">${ctx.t(W.clear)}</a></form>`;
      const summary = html`<p class="counts">${ctx.t(W.inventory)}: <strong>${rows.length}</strong> · ${(['ok', 'unreachable', 'stale', 'pending'] as const).map((s) => html`<a href="${href('/devices', { status: s === 'ok' ? 'reachable' : s })}">${deviceStatusBadge(ctx, s)} ${counts[s]}</a> `)}</p>
<p role="status">${ctx.t(W.shown)} ${matching.length === 0 ? 0 : page.offset + 1}–${page.offset + page.items.length} ${ctx.t(W.of)} ${matching.length} ${ctx.t(W.matching)}</p>`;
      const table = matching.length === 0 ? html`<p>${ctx.t(W.none)}</p>` : html`<div class="table-wrap"><table class="devices">
<thead><tr><th scope="col">${ctx.t(W.id)}</th><th scope="col">${ctx.t(W.name)}</th><th scope="col">${ctx.t(W.sysName)}</th><th scope="col">${ctx.t(W.site)}</th><th scope="col">${ctx.t(W.class)}</th><th scope="col">${ctx.t(W.role)}</th><th scope="col">${ctx.t(W.status)}</th><th scope="col">${ctx.t(W.lastPoll)}</th><th scope="col" class="num">${ctx.t(W.psus)}</th></tr></thead>
<tbody>${page.items.map((r) => html`<tr><td>${deviceLink(r.device.id)}</td><td translate="no">${r.device.name ?? ''}</td><td class="mono">${deviceText(r.sysName)}</td><td><a href="${href('/devices', { site: r.device.site })}">${r.device.site}</a></td><td>${r.device.class}</td><td>${r.device.role}</td><td>${deviceStatusBadge(ctx, r.status)}</td><td>${ctx.time(r.observedAt)}</td><td class="num">${r.psuOk}/${r.psuFailed > 0 ? html`<span class="overdue">${r.psuFailed}</span>` : '0'}</td></tr>`)}</tbody>
</table></div>`;
      return { title: W.title, body: html`${form}${summary}${table}${page.pager}` };
    },
  },
];

/** The words of this page (tests check both languages). */
export const DEVICES_WORDS = W;
