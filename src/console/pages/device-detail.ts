/**
 * `/devices/:id`: one device as redline knows it — identity (sysName, sysDescr shown as the
 * device sent them, escaped), status and last poll; PSUs and fans; the power chain feeding it
 * from the inventory's power elements; UPS and DC plant readings; BGP, OSPF, IS-IS and BFD
 * sessions; VRRP/HSRP groups; LAG members; neighbours declared (inventory links) against seen
 * (LLDP/CDP); interfaces (paged); its findings; and the timeline of its transitions (paged).
 * Everything the device sent goes through `deviceText` and `html`.
 */
import type { Finding } from '../../analysis/finding.js';
import type { FindingsQuery } from '../../analysis/worker/report-queries.js';
import { FINDING_STATES } from '../../analysis/finding.js';
import type { ComponentStatus, DeviceObservation, InterfaceState } from '../../collect/observation.js';
import { deviceStatus } from '../../api/routes/devices.js';
import type { Device, Inventory } from '../../inventory/model.js';
import { deviceText, href, html, type HtmlValue, type SafeHtml } from '../html.js';
import { words, type Word } from '../i18n.js';
import { ConsoleError, type ConsoleContext, type ConsolePage } from '../page.js';
import { deviceLink, deviceStatusBadge, measureName, offsetPage, pager, riskBadge, stateBadge } from '../widgets.js';
import { readReport } from './overview-data.js';

const W = words({
  notFound: { zh: '清单中没有该设备。', en: 'No such device in the inventory.' },
  identity: { zh: '标识', en: 'Identity' },
  id: { zh: '编号', en: 'Id' },
  name: { zh: '名称', en: 'Name' },
  site: { zh: '站点', en: 'Site' },
  room: { zh: '机房', en: 'Room' },
  role: { zh: '角色', en: 'Role' },
  class: { zh: '保护类别', en: 'Class' },
  target: { zh: '采集地址', en: 'Polled at' },
  notPolled: { zh: '仅在清单中（不采集）', en: 'inventory only (not polled)' },
  sysName: { zh: 'sysName', en: 'sysName' },
  sysDescr: { zh: 'sysDescr', en: 'sysDescr' },
  uptime: { zh: '运行时间', en: 'Uptime' },
  days: { zh: '天', en: 'days' },
  status: { zh: '状态', en: 'Status' },
  lastPoll: { zh: '最近采集', en: 'Last poll' },
  lastSuccess: { zh: '最近成功采集', en: 'Last successful poll' },
  failures: { zh: '连续失败次数', en: 'Consecutive failures' },
  noObservation: { zh: '尚无采集数据。', en: 'No observation yet.' },
  errors: { zh: '采集错误', en: 'Collection errors' },
  power: { zh: '电源与风扇', en: 'Power supplies and fans' },
  psus: { zh: '电源模块', en: 'Power supplies' },
  fans: { zh: '风扇', en: 'Fans' },
  state: { zh: '状态', en: 'State' },
  feed: { zh: '所接供电（清单）', en: 'Fed from (inventory)' },
  sources: { zh: '来源', en: 'Reported by' },
  none: { zh: '无', en: 'none' },
  chain: { zh: '供电链路', en: 'Power chain' },
  chainHelp: { zh: '由清单中的供电元素自下而上列出；被所有电源共用的元素即单点。', en: 'From the inventory’s power elements, upstream; an element every PSU shares is a single point.' },
  chainNone: { zh: '清单未声明该设备电源所接的供电元素。', en: 'The inventory declares no power element for this device’s PSUs.' },
  shared: { zh: '所有电源共用', en: 'shared by every PSU' },
  upsDc: { zh: 'UPS 与直流电源', en: 'UPS and DC plant' },
  ups: { zh: 'UPS', en: 'UPS' },
  outputSource: { zh: '输出来源', en: 'Output source' },
  battery: { zh: '电池', en: 'Battery' },
  minutes: { zh: '剩余分钟', en: 'Minutes remaining' },
  dc: { zh: '直流电源系统', en: 'DC plant' },
  rectifiers: { zh: '整流模块（正常/故障/未知）', en: 'Rectifiers (ok/failed/unknown)' },
  load: { zh: '负载（安）', en: 'Load (A)' },
  mains: { zh: '市电', en: 'Mains' },
  inputs: { zh: '供电输入', en: 'Power inputs' },
  feedsLoad: { zh: '正在供电', en: 'Feeds the load' },
  sensors: { zh: '动环传感器', en: 'Site sensors' },
  alarm: { zh: '告警', en: 'Alarm' },
  value: { zh: '读数', en: 'Reading' },
  routing: { zh: '路由与检测会话', en: 'Routing and detection sessions' },
  bgp: { zh: 'BGP 对等体', en: 'BGP peers' },
  ospf: { zh: 'OSPF 邻居', en: 'OSPF neighbours' },
  isis: { zh: 'IS-IS 邻接', en: 'IS-IS adjacencies' },
  bfd: { zh: 'BFD 会话', en: 'BFD sessions' },
  peer: { zh: '对端', en: 'Peer' },
  remoteAs: { zh: '对端 AS', en: 'Remote AS' },
  vrf: { zh: 'VRF', en: 'VRF' },
  hold: { zh: '保持时间（秒）', en: 'Hold time (s)' },
  address: { zh: '地址', en: 'Address' },
  iface: { zh: '接口', en: 'Interface' },
  level: { zh: '级别', en: 'Level' },
  detection: { zh: '检测时间（毫秒）', en: 'Detection (ms)' },
  fhrp: { zh: 'VRRP/HSRP 组', en: 'VRRP/HSRP groups' },
  group: { zh: '组', en: 'Group' },
  fhrpRole: { zh: '角色', en: 'Role' },
  vip: { zh: '虚拟地址', en: 'Virtual IP' },
  standby: { zh: '有备用', en: 'Has a standby' },
  lag: { zh: '链路聚合成员', en: 'LAG members' },
  aggregate: { zh: '聚合口', en: 'Aggregate' },
  member: { zh: '成员', en: 'Member' },
  inBundle: { zh: '在聚合中', en: 'In the bundle' },
  neighbours: { zh: '邻居：声明与发现', en: 'Neighbours: declared and seen' },
  link: { zh: '清单链路', en: 'Inventory link' },
  local: { zh: '本端端口', en: 'Local port' },
  remote: { zh: '对端', en: 'Remote' },
  remotePort: { zh: '对端端口', en: 'Remote port' },
  seenAs: { zh: 'LLDP/CDP 发现', en: 'Seen by LLDP/CDP' },
  match: { zh: '核对', en: 'Check' },
  both: { zh: '声明且发现', en: 'declared and seen' },
  declaredOnly: { zh: '仅声明，未发现', en: 'declared, not seen' },
  seenOnly: { zh: '发现，未在清单中', en: 'seen, not in the inventory' },
  interfaces: { zh: '接口', en: 'Interfaces' },
  index: { zh: '索引', en: 'Index' },
  descr: { zh: '描述', en: 'Description' },
  alias: { zh: '别名（ifAlias）', en: 'Alias (ifAlias)' },
  oper: { zh: '运行状态', en: 'Oper' },
  admin: { zh: '管理状态', en: 'Admin' },
  speed: { zh: '速率（Mbps）', en: 'Speed (Mbps)' },
  findings: { zh: '检查结果', en: 'Findings' },
  noFindings: { zh: '该设备没有检查结果。', en: 'No finding about this device.' },
  findingsUnavailable: { zh: '分析结果暂不可用。', en: 'The analysis is not available now.' },
  rule: { zh: '规则', en: 'Rule' },
  subject: { zh: '对象', en: 'Subject' },
  what: { zh: '说明', en: 'What' },
  timeline: { zh: '状态变化时间线', en: 'Timeline of changes' },
  noTransitions: { zh: '没有记录到状态变化。', en: 'No change recorded.' },
  newest: { zh: '最新', en: 'Newest' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  unknown: { zh: '未知', en: 'unknown' },
});

const PAGE = 50;

/** A table with a caption; `rows` empty says "none". */
function table(ctx: ConsoleContext, cls: string, caption: Word, heads: readonly Word[], rows: readonly (readonly HtmlValue[])[]): SafeHtml {
  if (rows.length === 0) return html`<h3>${ctx.t(caption)}</h3><p class="muted">${ctx.t(W.none)}</p>`;
  return html`<div class="table-wrap"><table class="${cls}"><caption>${ctx.t(caption)}</caption><thead><tr>${heads.map((h) => html`<th scope="col">${ctx.t(h)}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`;
}

const UNIT_WORDS = words({
  ok: { zh: '正常', en: 'ok' },
  failed: { zh: '故障', en: 'failed' },
  absent: { zh: '不在位', en: 'absent' },
  unknown: { zh: '未知', en: 'unknown' },
});

/** A component or input state as a mark with its word. */
function unitState(ctx: ConsoleContext, s: ComponentStatus): SafeHtml {
  return html`<span class="unit unit-${s}">${ctx.t(UNIT_WORDS[s])}</span>`;
}

function yesNo(ctx: ConsoleContext, v: boolean | null | undefined): string {
  return v === null || v === undefined ? ctx.t(W.unknown) : ctx.t(v ? W.yes : W.no);
}

function identity(ctx: ConsoleContext, d: Device): SafeHtml {
  const s = ctx.deps.device(d.id);
  const o = s?.observation ?? null;
  const target = d.poll === undefined ? ctx.t(W.notPolled) : d.poll.host.includes(':') ? `[${d.poll.host}]:${d.poll.port}` : `${d.poll.host}:${d.poll.port}`;
  const uptime = o?.system.uptimeSeconds ?? null;
  return html`<section class="card" aria-labelledby="id-h"><h2 id="id-h">${ctx.t(W.identity)}</h2><dl class="facts">
<dt>${ctx.t(W.id)}</dt><dd class="mono">${d.id}</dd>
<dt>${ctx.t(W.name)}</dt><dd translate="no">${d.name ?? '—'}</dd>
<dt>${ctx.t(W.site)}</dt><dd><a href="${href('/devices', { site: d.site })}">${d.site}</a></dd>
<dt>${ctx.t(W.room)}</dt><dd>${d.room ?? '—'}</dd>
<dt>${ctx.t(W.role)}</dt><dd>${d.role}</dd>
<dt>${ctx.t(W.class)}</dt><dd>${d.class}</dd>
<dt>${ctx.t(W.target)}</dt><dd class="mono">${target}</dd>
<dt>${ctx.t(W.status)}</dt><dd>${deviceStatusBadge(ctx, deviceStatus(s))}</dd>
<dt>${ctx.t(W.lastPoll)}</dt><dd>${ctx.time(s?.observedAt ?? null)}</dd>
<dt>${ctx.t(W.lastSuccess)}</dt><dd>${ctx.time(s?.lastSuccessAt ?? null)}</dd>
<dt>${ctx.t(W.failures)}</dt><dd>${s?.consecutiveFailures ?? 0}</dd>
<dt>${ctx.t(W.sysName)}</dt><dd class="mono sysname">${o === null ? '—' : deviceText(o.system.name)}</dd>
<dt>${ctx.t(W.sysDescr)}</dt><dd class="mono sysdescr">${o === null ? '—' : deviceText(o.system.descr)}</dd>
<dt>${ctx.t(W.uptime)}</dt><dd>${uptime === null ? '—' : `${(uptime / 86400).toFixed(1)} ${ctx.t(W.days)}`}</dd>
</dl>${o !== null && o.errors.length > 0 ? table(ctx, 'errors', W.errors, [W.sources, W.what], o.errors.map((e) => [deviceText(e.profile), deviceText(e.message)])) : ''}</section>`;
}

function powerUnits(ctx: ConsoleContext, d: Device, o: DeviceObservation): SafeHtml {
  const feedOf = (name: string, id: string): string => d.psus.find((p) => p.match === name || p.match === id)?.feed ?? '—';
  return html`<section class="card" aria-labelledby="pw-h"><h2 id="pw-h">${ctx.t(W.power)}</h2>
${table(ctx, 'psus', W.psus, [W.name, W.state, W.feed, W.sources], o.powerSupplies.map((p) => [deviceText(p.name), unitState(ctx, p.status), feedOf(p.name, p.id), deviceText(p.sources.join(', '))]))}
${table(ctx, 'fans', W.fans, [W.name, W.state, W.sources], o.fans.map((f) => [deviceText(f.name), unitState(ctx, f.status), deviceText(f.sources.join(', '))]))}</section>`;
}

/** The power elements upstream of `id`, as a nested list (a cycle in a bad inventory stops). */
function chainList(inv: Inventory, id: string, shared: ReadonlySet<string>, ctx: ConsoleContext, seen: Set<string>): SafeHtml {
  const node = inv.power.get(id);
  if (node === undefined || seen.has(id)) return html`<li class="mono">${id}</li>`;
  const here = new Set(seen).add(id);
  const up = node.upstream.length === 0 ? '' : html`<ul>${node.upstream.map((u) => chainList(inv, u, shared, ctx, here))}</ul>`;
  return html`<li><span class="mono">${id}</span> <span class="muted">(${node.kind}${node.device !== undefined ? html` · ${deviceLink(node.device)}` : ''})</span>${shared.has(id) ? html` <strong class="overdue">${ctx.t(W.shared)}</strong>` : ''}${up}</li>`;
}

/** Every power element upstream of `id`, itself included. */
function upstreamOf(inv: Inventory, id: string, out = new Set<string>()): Set<string> {
  if (out.has(id)) return out;
  out.add(id);
  for (const u of inv.power.get(id)?.upstream ?? []) upstreamOf(inv, u, out);
  return out;
}

function powerChain(ctx: ConsoleContext, inv: Inventory, d: Device): SafeHtml {
  const feeds = [...new Set(d.psus.map((p) => p.feed))];
  const body = feeds.length === 0 ? html`<p class="muted">${ctx.t(W.chainNone)}</p>` : (() => {
    // an element upstream of every PSU's feed is a single point of the device's power
    const sets = d.psus.map((p) => upstreamOf(inv, p.feed));
    const shared = new Set(d.psus.length < 2 ? [] : [...sets[0]!].filter((e) => sets.every((s) => s.has(e))));
    return html`<p class="help">${ctx.t(W.chainHelp)}</p><ul class="chain">${d.psus.map((p) => html`<li><span class="mono">${deviceText(p.match)}</span><ul>${chainList(inv, p.feed, shared, ctx, new Set())}</ul></li>`)}</ul>`;
  })();
  return html`<section class="card" aria-labelledby="chain-h"><h2 id="chain-h">${ctx.t(W.chain)}</h2>${body}</section>`;
}

function plant(ctx: ConsoleContext, o: DeviceObservation): SafeHtml {
  const inputs = o.powerInputs ?? [];
  if (o.ups === null && o.dcPower.length === 0 && inputs.length === 0 && o.siteSensors.length === 0) return html``;
  const num = (v: number | null): string => (v === null ? '—' : String(v));
  return html`<section class="card" aria-labelledby="plant-h"><h2 id="plant-h">${ctx.t(W.upsDc)}</h2>
${o.ups !== null ? table(ctx, 'ups', W.ups, [W.outputSource, W.battery, W.minutes], [[o.ups.outputSource, o.ups.batteryStatus, num(o.ups.minutesRemaining)]]) : ''}
${o.dcPower.length > 0 ? table(ctx, 'dc', W.dc, [W.rectifiers, W.load, W.battery, W.minutes, W.mains, W.sources], o.dcPower.map((p) => [p.rectifiers === null ? '—' : `${p.rectifiers.ok}/${p.rectifiers.failed}/${p.rectifiers.unknown}`, num(p.loadAmps), p.battery.state, num(p.battery.minutesRemaining), p.mains, deviceText(p.source)])) : ''}
${inputs.length > 0 ? table(ctx, 'inputs', W.inputs, [W.name, W.role, W.state, W.feedsLoad], inputs.map((i) => [deviceText(i.name), i.role, unitState(ctx, i.state), yesNo(ctx, i.feedsLoad)])) : ''}
${o.siteSensors.length > 0 ? table(ctx, 'sensors', W.sensors, [W.name, W.role, W.alarm, W.value], o.siteSensors.map((s) => [deviceText(s.name), s.purpose, yesNo(ctx, s.alarm), num(s.value)])) : ''}</section>`;
}

function routing(ctx: ConsoleContext, o: DeviceObservation): SafeHtml {
  return html`<section class="card" aria-labelledby="rt-h"><h2 id="rt-h">${ctx.t(W.routing)}</h2>
${table(ctx, 'bgp', W.bgp, [W.peer, W.remoteAs, W.state, W.vrf, W.hold], o.bgpPeers.map((p) => [deviceText(p.peer), p.remoteAs ?? '—', p.state, deviceText(p.vrf ?? ''), p.holdTimeSeconds ?? '—']))}
${table(ctx, 'ospf', W.ospf, [W.peer, W.address, W.state], o.ospfNeighbors.map((n) => [deviceText(n.neighborId), deviceText(n.address), n.state]))}
${table(ctx, 'isis', W.isis, [W.peer, W.iface, W.state, W.level], o.isisAdjacencies.map((a) => [deviceText(a.neighborId), deviceText(a.interface), a.state, a.level ?? '—']))}
${table(ctx, 'bfd', W.bfd, [W.peer, W.iface, W.state, W.detection], o.bfdSessions.map((b) => [deviceText(b.neighbor), deviceText(b.interface ?? ''), b.state, b.detectionMs ?? '—']))}
${table(ctx, 'fhrp', W.fhrp, [W.iface, W.group, W.fhrpRole, W.vip, W.standby], o.fhrpGroups.map((g) => [deviceText(g.interface), `${g.protocol.toUpperCase()} ${g.group}`, g.role, deviceText(g.virtualIp ?? ''), yesNo(ctx, g.hasStandby)]))}
${table(ctx, 'lag', W.lag, [W.aggregate, W.member, W.inBundle], o.lagMembers.map((m) => [deviceText(m.aggregate), deviceText(m.member), yesNo(ctx, m.inBundle)]))}</section>`;
}

/** Whether an interface is named `port` by any of its names (LLDP/CDP name ports by ifName, ifDescr or ifAlias). */
function portIs(ifs: readonly InterfaceState[], port: string, name: string): boolean {
  if (port === name) return true;
  return ifs.some((i) => (i.name === name || i.descr === name || i.alias === name) && (i.name === port || i.descr === port || i.alias === port));
}

function neighbours(ctx: ConsoleContext, inv: Inventory, d: Device, o: DeviceObservation | null): SafeHtml {
  const seen = o?.neighbors ?? [];
  const ifs = o?.interfaces ?? [];
  const used = new Set<number>();
  const rows: HtmlValue[][] = [];
  for (const l of inv.links) {
    const mine = l.a.device === d.id ? { local: l.a, remote: l.b } : l.b.device === d.id ? { local: l.b, remote: l.a } : null;
    if (mine === null) continue;
    const remote = inv.devices.get(mine.remote.device);
    const names = new Set([mine.remote.device, remote?.name, ctx.deps.device(mine.remote.device)?.observation?.system.name].filter((x): x is string => typeof x === 'string' && x !== ''));
    const k = seen.findIndex((n, i) => !used.has(i) && portIs(ifs, n.localPort, mine.local.interface) && names.has(n.remoteName));
    if (k >= 0) used.add(k);
    const n = k >= 0 ? seen[k] : undefined;
    rows.push([l.id, deviceText(mine.local.interface), deviceLink(mine.remote.device), deviceText(mine.remote.interface), n === undefined ? '—' : html`${n.protocol.toUpperCase()} ${deviceText(n.remoteName)} ${deviceText(n.remotePort)}`, html`<span class="${n === undefined ? 'overdue' : 'ok'}">${ctx.t(n === undefined ? W.declaredOnly : W.both)}</span>`]);
  }
  seen.forEach((n, i) => {
    if (!used.has(i)) rows.push(['—', deviceText(n.localPort), '—', '—', html`${n.protocol.toUpperCase()} ${deviceText(n.remoteName)} ${deviceText(n.remotePort)}`, ctx.t(W.seenOnly)]);
  });
  return html`<section class="card" aria-labelledby="nb-h"><h2 id="nb-h">${ctx.t(W.neighbours)}</h2>${table(ctx, 'neighbours', W.neighbours, [W.link, W.local, W.remote, W.remotePort, W.seenAs, W.match], rows)}</section>`;
}

function interfaces(ctx: ConsoleContext, o: DeviceObservation): SafeHtml {
  const page = offsetPage(ctx, o.interfaces, PAGE, 'ifs');
  return html`<section class="card" aria-labelledby="if-h"><h2 id="if-h">${ctx.t(W.interfaces)} <span class="count">${o.interfaces.length}</span></h2>
${table(ctx, 'interfaces', W.interfaces, [W.index, W.name, W.descr, W.alias, W.oper, W.admin, W.speed], page.items.map((i) => [i.index, deviceText(i.name), deviceText(i.descr ?? ''), deviceText(i.alias ?? ''), deviceText(i.operStatus), deviceText(i.adminStatus), i.speedMbps ?? '—']))}${page.pager}</section>`;
}

/** Whether a finding's subject is about device `id`: the device itself, or a pair, LAG, adjacency or group naming it. */
export function subjectNames(subjectId: string, id: string): boolean {
  return subjectId === id || subjectId.split(/[+:@|]/).includes(id);
}

async function findings(ctx: ConsoleContext, d: Device): Promise<SafeHtml> {
  const q: FindingsQuery = { states: [...FINDING_STATES], colours: null, classes: null, sites: [d.site], rules: null, limit: 10_000, offset: 0 };
  const read = await readReport<{ items: Finding[] }>(ctx.deps, (latest) => latest.findings(q));
  const head = html`<h2 id="fd-h">${ctx.t(W.findings)}</h2>`;
  if (!read.ok) return html`<section class="card" aria-labelledby="fd-h">${head}<p class="muted">${ctx.t(W.findingsUnavailable)}</p></section>`;
  const mine = read.value.items.filter((f) => subjectNames(f.subject.id, d.id));
  const rows = mine.map((f) => [html`${f.colour !== null ? riskBadge(ctx, f.colour) : ''} ${stateBadge(ctx, f.state)}`, html`<a href="${href(['findings', f.fingerprint])}">${f.rule}</a>`, html`${f.subject.kind}: ${f.subject.id}<br><span class="muted small">${measureName(ctx, f.measure)}</span>`, ctx.t(f.explanation)]);
  return html`<section class="card" aria-labelledby="fd-h">${head}${mine.length === 0 ? html`<p>${ctx.t(W.noFindings)}</p>` : table(ctx, 'findings', W.findings, [W.state, W.rule, W.subject, W.what], rows)}</section>`;
}

/** The transitions timeline, newest first, keyset-paged by `before=<ms>.<seq>`. */
function timeline(ctx: ConsoleContext, d: Device): SafeHtml {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(ctx.query['before'] ?? '');
  const items = ctx.deps.transitions(d.id, { limit: PAGE, ...(m !== null ? { before: Number(m[1]), beforeSeq: Number(m[2]) } : {}) });
  const last = items.at(-1);
  const next = items.length === PAGE && last !== undefined ? `${last.at}.${last.seq}` : null;
  const newest = m !== null ? html`<p><a href="${href(['devices', d.id])}#tl-h">${ctx.t(W.newest)}</a></p>` : '';
  return html`<section class="card" aria-labelledby="tl-h"><h2 id="tl-h">${ctx.t(W.timeline)}</h2>
${items.length === 0 ? html`<p class="muted">${ctx.t(W.noTransitions)}</p>` : html`<ol class="timeline">${items.map((t) => html`<li><time datetime="${new Date(t.at).toISOString()}">${ctx.time(t.at)}</time> <span class="mono">${deviceText(t.subject)}</span>: ${deviceText(t.from ?? '—')} → <strong>${deviceText(t.to)}</strong></li>`)}</ol>`}
${newest}${pager(ctx, { next, cursorKey: 'before' })}</section>`;
}

export const deviceDetailPages: ConsolePage[] = [
  {
    path: '/devices/:id',
    access: 'read',
    render: async (ctx) => {
      const inv = ctx.deps.inventory();
      const d = inv.devices.get(ctx.params['id'] ?? '');
      if (d === undefined) throw new ConsoleError(404, W.notFound);
      const o = ctx.deps.device(d.id)?.observation ?? null;
      const observed = o === null
        ? html`<section class="card"><p class="muted">${ctx.t(W.noObservation)}</p></section>`
        : html`${powerUnits(ctx, d, o)}${plant(ctx, o)}${routing(ctx, o)}`;
      return {
        title: d.name ?? d.id,
        body: html`<div class="device-detail">${identity(ctx, d)}${observed}${powerChain(ctx, inv, d)}${neighbours(ctx, inv, d, o)}${o !== null ? interfaces(ctx, o) : ''}${await findings(ctx, d)}${timeline(ctx, d)}</div>`,
      };
    },
  },
];

/** The words of this page (tests check both languages). */
export const DEVICE_DETAIL_WORDS = W;
