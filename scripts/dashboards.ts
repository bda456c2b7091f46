/**
 * The Grafana dashboards of redline, generated from code: `npx tsx scripts/dashboards.ts` writes
 * dashboards/*.json (Grafana's provisioning reads them from there; the committed files must equal
 * what this script generates, test/integration/dashboards.test.ts checks). Five dashboards: the
 * NOC overview, the device drill-down, power, routing and failover, and the inspector's view,
 * each over the metric families of docs/metrics.md, with the template variables datasource,
 * site, class and device, titles in Chinese and English, built-in panel types only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder the dashboards are written to (provisioned into Grafana from there). */
export const DASHBOARDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'dashboards');

/** Grafana's dashboard schema version the JSON follows. */
export const SCHEMA_VERSION = 39;

/** The panel types the dashboards use: Grafana built-ins only. */
export const PANEL_TYPES = ['timeseries', 'stat', 'table', 'state-timeline', 'bargauge'] as const;

/** A built-in panel type. */
export type PanelType = (typeof PANEL_TYPES)[number];

/** The datasource reference every panel, target and query variable carries. */
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

/** One PromQL query of a panel. */
export interface DashboardTarget {
  readonly refId: string;
  readonly expr: string;
  readonly datasource: typeof DATASOURCE;
  readonly legendFormat?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly format?: 'table' | 'time_series';
}

/** One panel as Grafana stores it (the fields redline sets). */
export interface DashboardPanel {
  readonly id: number;
  readonly type: PanelType;
  readonly title: string;
  readonly description: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource: typeof DATASOURCE;
  readonly targets: readonly DashboardTarget[];
  readonly fieldConfig: { readonly defaults: Record<string, unknown>; readonly overrides: readonly unknown[] };
  readonly options: Record<string, unknown>;
  readonly transformations?: readonly unknown[];
}

/** One template variable. */
export interface DashboardVariable {
  readonly name: string;
  readonly label: string;
  readonly type: 'datasource' | 'query';
  readonly query: string | { readonly query: string; readonly refId: string };
  readonly [key: string]: unknown;
}

/** One dashboard as Grafana's provisioning reads it. */
export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly timezone: string;
  readonly schemaVersion: number;
  readonly version: number;
  readonly editable: boolean;
  readonly graphTooltip: number;
  readonly refresh: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly templating: { readonly list: readonly DashboardVariable[] };
  readonly annotations: { readonly list: readonly unknown[] };
  readonly links: readonly unknown[];
  readonly panels: readonly DashboardPanel[];
}

/** What a panel is before layout gives it an id and a place. */
interface PanelSpec {
  readonly type: PanelType;
  readonly title: string;
  readonly description: string;
  readonly w: number;
  readonly h: number;
  readonly targets: readonly Omit<DashboardTarget, 'datasource' | 'refId'>[];
  readonly unit?: string;
  readonly mappings?: readonly unknown[];
  readonly overrides?: readonly unknown[];
  readonly thresholds?: readonly { readonly color: string; readonly value: number | null }[];
  readonly transformations?: readonly unknown[];
  readonly options?: Record<string, unknown>;
}

/** Filters every per-device family by the site, class and device variables. */
const DEVICE_SEL = 'site=~"$site",class=~"$class",device=~"$device"';
/** Filters families carrying site and class (findings, single points of failure). */
const SITE_CLASS_SEL = 'site=~"$site",class=~"$class"';

/** Risk colours (风险等级) as Grafana paints them. */
const RISK_COLOURS: readonly (readonly [string, string, string])[] = [
  ['red', 'red', '重大风险 · major risk'],
  ['orange', 'orange', '较大风险 · significant risk'],
  ['yellow', 'yellow', '一般风险 · general risk'],
  ['blue', 'blue', '低风险 · low risk'],
];

/** Overrides painting a series named by its `colour` label in that risk colour. */
const RISK_OVERRIDES = RISK_COLOURS.map(([name, colour, label]) => ({
  matcher: { id: 'byName', options: name },
  properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: colour } }, { id: 'displayName', value: label }],
}));

/** Protection states, coloured as the findings' states are everywhere in redline. */
const STATE_MAPPINGS = [{
  type: 'value',
  options: {
    protected: { text: '受保护 · protected', color: 'green', index: 0 },
    degraded: { text: '降级 · degraded', color: 'orange', index: 1 },
    unprotected: { text: '无保护 · unprotected', color: 'red', index: 2 },
    down: { text: '中断 · down', color: 'dark-red', index: 3 },
    unknown: { text: '未知 · unknown', color: 'gray', index: 4 },
  },
}];

/** 0/1 gauges of reachability shown as words. */
const UP_MAPPINGS = [{ type: 'value', options: { '0': { text: '不可达 · down', color: 'red', index: 0 }, '1': { text: '可达 · up', color: 'green', index: 1 } } }];

/** Thresholds for counts where anything above zero is a gap. */
const ZERO_IS_GOOD = [{ color: 'green', value: null }, { color: 'red', value: 1 }];

/** An instant table query: label columns, one row per series. */
function tableQuery(expr: string): Omit<DashboardTarget, 'datasource' | 'refId'> {
  return { expr, instant: true, range: false, format: 'table' };
}

/** A range query drawn over time, legend from labels. */
function rangeQuery(expr: string, legendFormat: string): Omit<DashboardTarget, 'datasource' | 'refId'> {
  return { expr, legendFormat, range: true, instant: false, format: 'time_series' };
}

/** Names the value columns of a table merging several instant queries (Value #A, Value #B …), with their own mappings. */
function valueColumns(columns: readonly (readonly [string, readonly unknown[]])[]): unknown[] {
  return columns.map(([name, mappings], k) => ({
    matcher: { id: 'byName', options: `Value #${String.fromCharCode(65 + k)}` },
    properties: [{ id: 'displayName', value: name }, { id: 'mappings', value: mappings }],
  }));
}

/** Stale flags shown as words. */
const STALE_MAPPINGS = [{ type: 'value', options: { '0': { text: '新鲜 · fresh', color: 'green', index: 0 }, '1': { text: '陈旧 · stale', color: 'orange', index: 1 } } }];

/** Hides Prometheus' bookkeeping columns in an instant table. */
const HIDE_TIME = { id: 'organize', options: { excludeByName: { Time: true, __name__: true, job: true, instance: true } } };

/** Places panels left to right in 24 columns, wrapping rows, and numbers them from 1. */
function layout(specs: readonly PanelSpec[]): DashboardPanel[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return specs.map((s, k) => {
    if (s.w > 24) throw new Error(`panel "${s.title}" is ${s.w} columns wide; the grid has 24`);
    if (x + s.w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w: s.w, h: s.h };
    x += s.w;
    rowHeight = Math.max(rowHeight, s.h);
    return {
      id: k + 1,
      type: s.type,
      title: s.title,
      description: s.description,
      gridPos,
      datasource: DATASOURCE,
      targets: s.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), datasource: DATASOURCE, ...t })),
      fieldConfig: {
        defaults: {
          ...(s.unit !== undefined ? { unit: s.unit } : {}),
          mappings: s.mappings ?? [],
          thresholds: { mode: 'absolute', steps: s.thresholds ?? [{ color: 'green', value: null }] },
          color: { mode: s.thresholds !== undefined || s.mappings !== undefined ? 'thresholds' : 'palette-classic' },
        },
        overrides: s.overrides ?? [],
      },
      options: s.options ?? {},
      ...(s.transformations !== undefined ? { transformations: s.transformations } : {}),
    };
  });
}

/** The template variables: datasource, then site, class and device, each narrowing the next. */
function variables(withDevice: boolean): DashboardVariable[] {
  const query = (name: string, label: string, q: string): DashboardVariable => ({
    name, label, type: 'query', datasource: DATASOURCE,
    query: { query: q, refId: `${name}-variable` }, definition: q,
    refresh: 2, includeAll: true, multi: true, allValue: '.*', sort: 1, hide: 0,
    current: { selected: true, text: ['All'], value: ['$__all'] }, options: [], regex: '',
  });
  return [
    { name: 'datasource', label: '数据源 · Data source', type: 'datasource', query: 'prometheus', hide: 0, refresh: 1, regex: '', current: {}, options: [] },
    query('site', '站点 · Site', 'label_values(redline_device_up, site)'),
    query('class', '保护类别 · Class', 'label_values(redline_device_up{site=~"$site"}, class)'),
    ...(withDevice ? [query('device', '设备 · Device', 'label_values(redline_device_up{site=~"$site",class=~"$class"}, device)')] : []),
  ];
}

/** A dashboard around its panels, in the operator's default zone (settings.timeZone, Asia/Shanghai). */
function dashboard(uid: string, title: string, description: string, withDevice: boolean, specs: readonly PanelSpec[]): Dashboard {
  return {
    uid, title, description,
    tags: ['redline'],
    timezone: 'Asia/Shanghai',
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    editable: true,
    graphTooltip: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: variables(withDevice) },
    annotations: { list: [] },
    links: [{ type: 'dashboards', tags: ['redline'], asDropdown: true, title: 'redline', includeVars: true, keepTime: true }],
    panels: layout(specs),
  };
}

/** NOC overview: is the network still protected, where not, and is the ledger draining. */
function nocOverview(): Dashboard {
  return dashboard('redline-noc-overview', '核心网保护概览 · Protection overview',
    'Protection by class, site and measure of 二、（三）; single points of failure; unreachable or stale devices; open and overdue hazards.', false, [
      { type: 'stat', title: '单点故障 · Single points of failure', description: 'Findings one failure from an outage (state unprotected).', w: 6, h: 5,
        targets: [{ expr: `sum(redline_single_points_of_failure{${SITE_CLASS_SEL}})` }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: '不可达设备 · Devices down', description: 'Devices whose latest poll did not answer or is not recent.', w: 6, h: 5,
        targets: [{ expr: `sum(1 - redline_device_up{site=~"$site",class=~"$class"})` }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: '状态未知设备 · Devices stale', description: 'Devices with no recent poll at all: their protection is unknown.', w: 6, h: 5,
        targets: [{ expr: `sum(redline_device_stale{site=~"$site",class=~"$class"})` }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: '超期隐患 · Overdue hazards', description: 'Hazards past their rectification deadline (all sites).', w: 6, h: 5,
        targets: [{ expr: 'sum(redline_hazards_overdue)' }], thresholds: ZERO_IS_GOOD },
      { type: 'table', title: '按措施保护状态 · Protection by measure', description: 'Findings per measure of 二、（三） (rows) and state (columns).', w: 12, h: 9,
        targets: [tableQuery(`count by (measure, state) (redline_protection_state{${SITE_CLASS_SEL}})`)],
        transformations: [{ id: 'groupingToMatrix', options: { columnField: 'state', rowField: 'measure', valueField: 'Value' } }] },
      { type: 'table', title: '按类别和站点保护状态 · Protection by class and site', description: 'Findings per protection class and site (empty site: the subject spans sites), by state.', w: 24, h: 8,
        targets: [tableQuery(`count by (class, site, state) (redline_protection_state{${SITE_CLASS_SEL}})`)], transformations: [HIDE_TIME],
        overrides: [{ matcher: { id: 'byName', options: 'state' }, properties: [{ id: 'mappings', value: STATE_MAPPINGS }, { id: 'custom.cellOptions', value: { type: 'color-background' } }] }] },
      { type: 'bargauge', title: '单点故障（类别/站点） · SPOFs by class and site', description: 'Unprotected findings by protection class and site (empty site: spans sites).', w: 12, h: 9,
        targets: [{ expr: `redline_single_points_of_failure{${SITE_CLASS_SEL}}`, legendFormat: '{{class}} {{site}}', instant: true, range: false }],
        thresholds: ZERO_IS_GOOD, options: { orientation: 'horizontal', displayMode: 'gradient', showUnfilled: true } },
      { type: 'table', title: '未受保护的发现 · Findings not protected', description: 'Every finding whose state is not protected, by rule and subject.', w: 24, h: 8,
        targets: [tableQuery(`redline_protection_state{${SITE_CLASS_SEL},state!="protected"}`)],
        transformations: [HIDE_TIME], overrides: [{ matcher: { id: 'byName', options: 'state' }, properties: [{ id: 'mappings', value: STATE_MAPPINGS }, { id: 'custom.cellOptions', value: { type: 'color-background' } }] }] },
      { type: 'table', title: '设备可达性 · Device reachability', description: 'Per device: up (latest poll answered and recent) and stale (no recent poll).', w: 12, h: 9,
        targets: [tableQuery(`redline_device_up{site=~"$site",class=~"$class"}`), tableQuery(`redline_device_stale{site=~"$site",class=~"$class"}`)],
        transformations: [{ id: 'merge', options: {} }, HIDE_TIME], overrides: valueColumns([['可达 · up', UP_MAPPINGS], ['陈旧 · stale', STALE_MAPPINGS]]) },
      { type: 'bargauge', title: '未关闭隐患（风险等级） · Open hazards by risk level', description: 'Hazards not closed, by risk colour (all sites).', w: 12, h: 9,
        targets: [{ expr: 'sum by (colour) (redline_hazards_open)', legendFormat: '{{colour}}', instant: true, range: false }],
        overrides: RISK_OVERRIDES, options: { orientation: 'horizontal', displayMode: 'basic', showUnfilled: true } },
      { type: 'timeseries', title: '隐患清零趋势 · Hazards cleared-to-zero trend', description: 'Hazards not yet closed, by risk colour, over time: the line should reach zero.', w: 12, h: 9,
        targets: [rangeQuery('sum by (colour) (redline_hazards{status!="closed"})', '{{colour}}')], overrides: RISK_OVERRIDES },
      { type: 'timeseries', title: '单点故障趋势 · SPOFs over time', description: 'Unprotected findings by class over time.', w: 12, h: 9,
        targets: [rangeQuery(`sum by (class) (redline_single_points_of_failure{${SITE_CLASS_SEL}})`, '{{class}}')] },
    ]);
}

/** Device drill-down: one device's power, cooling, routing, FHRP and LAGs. */
function deviceDrillDown(): Dashboard {
  return dashboard('redline-device', '设备详情 · Device drill-down',
    'One device (or a few): reachability, PSUs and fans, UPS and DC plant, BGP/OSPF/IS-IS, VRRP/HSRP, LAG members.', true, [
      { type: 'state-timeline', title: '可达性 · Reachability', description: 'Whether the device answered its latest poll, over time.', w: 24, h: 5,
        targets: [rangeQuery(`redline_device_up{${DEVICE_SEL}}`, '{{device}}')], mappings: UP_MAPPINGS },
      { type: 'table', title: '电源模块 · Power supplies', description: 'PSU state per device (ok, failed, absent, unknown).', w: 12, h: 7,
        targets: [tableQuery(`redline_psu_state{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'table', title: '风扇 · Fans', description: 'Fan state per device.', w: 12, h: 7,
        targets: [tableQuery(`redline_fan_state{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'table', title: 'UPS 输出与电池 · UPS output and battery', description: 'Where the UPS output comes from and the battery status.', w: 12, h: 6,
        targets: [tableQuery(`redline_ups_output_source{${DEVICE_SEL}}`), tableQuery(`redline_ups_battery_status{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'table', title: '直流电源 · DC plant', description: 'Rectifiers working of installed, battery and mains state per plant.', w: 12, h: 6,
        targets: [tableQuery(`redline_dc_rectifiers_ok{${DEVICE_SEL}}`), tableQuery(`redline_dc_battery_state{${DEVICE_SEL}}`), tableQuery(`redline_dc_mains_state{${DEVICE_SEL}}`)],
        transformations: [HIDE_TIME] },
      { type: 'table', title: 'BGP 会话 · BGP sessions', description: 'BGP sessions per peer and VRF, with their state.', w: 8, h: 7,
        targets: [tableQuery(`redline_bgp_session_state{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'table', title: 'OSPF 邻居 · OSPF neighbours', description: 'OSPF neighbours by router id, with their state.', w: 8, h: 7,
        targets: [tableQuery(`redline_ospf_neighbor_state{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'table', title: 'IS-IS 邻接 · IS-IS adjacencies', description: 'IS-IS adjacencies by system id and interface.', w: 8, h: 7,
        targets: [tableQuery(`redline_isis_adjacency_state{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'table', title: 'VRRP/HSRP 角色 · FHRP roles', description: 'First-hop redundancy groups and this device\'s role in each.', w: 12, h: 6,
        targets: [tableQuery(`redline_fhrp_role{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'bargauge', title: 'LAG 成员 · LAG members up', description: 'Members in the bundle, out of members configured.', w: 12, h: 6,
        targets: [{ expr: `redline_lag_members_up{${DEVICE_SEL}}`, legendFormat: '{{device}} {{lag}}', instant: true, range: false }],
        options: { orientation: 'horizontal', displayMode: 'basic', showUnfilled: true } },
      { type: 'timeseries', title: '轮询耗时 · Poll duration', description: 'Wall time of the device\'s latest poll.', w: 24, h: 7, unit: 's',
        targets: [rangeQuery(`redline_device_last_poll_duration_seconds{${DEVICE_SEL}}`, '{{device}}')] },
    ]);
}

/** Power: PSUs and their feeds, UPS, DC plant, and the power findings. */
function power(): Dashboard {
  return dashboard('redline-power', '电源保障 · Power',
    'Power supplies, UPS and -48 V DC plants, and the multiplePower findings (PSUs, feeds, sources).', true, [
      { type: 'stat', title: '故障电源模块 · Failed PSUs', description: 'Power supplies in state failed.', w: 6, h: 5,
        targets: [{ expr: `count(redline_psu_state{${DEVICE_SEL},state="failed"}) or vector(0)` }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: 'UPS 电池供电 · UPS on battery', description: 'UPSes whose output is on battery.', w: 6, h: 5,
        targets: [{ expr: `sum(redline_ups_on_battery{${DEVICE_SEL}})` }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: '电源类单点 · Power SPOFs', description: 'multiplePower findings in state unprotected.', w: 6, h: 5,
        targets: [{ expr: `count(redline_protection_state{${SITE_CLASS_SEL},measure="multiplePower",state="unprotected"}) or vector(0)` }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: '整流模块余量 · Rectifier headroom', description: 'Fewest spare rectifiers in any DC plant (working − 1).', w: 6, h: 5,
        targets: [{ expr: `min(redline_dc_rectifiers_ok{${DEVICE_SEL}} - 1)` }], thresholds: [{ color: 'red', value: null }, { color: 'green', value: 1 }] },
      { type: 'table', title: '电源类发现 · Power findings', description: 'Every multiplePower finding (PSUs, feeds, UPS, DC plant) with its state.', w: 24, h: 8,
        targets: [tableQuery(`redline_protection_state{${SITE_CLASS_SEL},measure="multiplePower"}`)], transformations: [HIDE_TIME],
        overrides: [{ matcher: { id: 'byName', options: 'state' }, properties: [{ id: 'mappings', value: STATE_MAPPINGS }, { id: 'custom.cellOptions', value: { type: 'color-background' } }] }] },
      { type: 'bargauge', title: '电源模块状态 · PSUs by state', description: 'Power supplies counted by state.', w: 12, h: 7,
        targets: [{ expr: `count by (state) (redline_psu_state{${DEVICE_SEL}})`, legendFormat: '{{state}}', instant: true, range: false }],
        options: { orientation: 'horizontal', displayMode: 'basic', showUnfilled: true } },
      { type: 'table', title: '电源模块 · Power supplies', description: 'Every PSU and its state.', w: 12, h: 7,
        targets: [tableQuery(`redline_psu_state{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'timeseries', title: '电池剩余时间 · Battery runtime', description: 'Runtime left at the present load: UPS and DC plant batteries.', w: 12, h: 8, unit: 's',
        targets: [rangeQuery(`redline_ups_battery_runtime_seconds{${DEVICE_SEL}}`, 'UPS {{device}}'), rangeQuery(`redline_dc_battery_runtime_seconds{${DEVICE_SEL}}`, 'DC {{device}} {{plant}}')] },
      { type: 'timeseries', title: '整流模块 · Rectifiers working / installed', description: 'Rectifier modules working and installed per DC plant.', w: 12, h: 8,
        targets: [rangeQuery(`redline_dc_rectifiers_ok{${DEVICE_SEL}}`, '{{device}} {{plant}} ok'), rangeQuery(`redline_dc_rectifiers_installed{${DEVICE_SEL}}`, '{{device}} {{plant}} installed')] },
      { type: 'table', title: 'UPS 与直流状态 · UPS and DC plant state', description: 'UPS output source, DC battery and mains state.', w: 24, h: 6,
        targets: [tableQuery(`redline_ups_output_source{${DEVICE_SEL}}`), tableQuery(`redline_dc_battery_state{${DEVICE_SEL}}`), tableQuery(`redline_dc_mains_state{${DEVICE_SEL}}`)],
        transformations: [HIDE_TIME] },
    ]);
}

/** Routing and failover: sessions, FHRP, LAG headroom, disjoint paths per service. */
function routing(): Dashboard {
  return dashboard('redline-routing', '路由与倒换 · Routing and failover',
    'BGP, OSPF and IS-IS sessions, VRRP/HSRP roles, LAG N-1 headroom, disjoint paths of protected services, and the route, switchover and load-sharing findings.', true, [
      { type: 'stat', title: '未建立的 BGP 会话 · BGP sessions not established', description: 'BGP sessions in any state but established.', w: 8, h: 5,
        targets: [{ expr: `count(redline_bgp_session_state{${DEVICE_SEL},state!="established"}) or vector(0)` }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: '非 Full 的 OSPF 邻居 · OSPF neighbours not full', description: 'OSPF neighbours in any state but full.', w: 8, h: 5,
        targets: [{ expr: `count(redline_ospf_neighbor_state{${DEVICE_SEL},state!="full"}) or vector(0)` }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: '无余量的 LAG · LAGs with no N-1 headroom', description: 'LAGs one member loss (or none) from down.', w: 8, h: 5,
        targets: [{ expr: `count(redline_lag_n1_headroom{${DEVICE_SEL}} < 1) or vector(0)` }], thresholds: ZERO_IS_GOOD },
      { type: 'bargauge', title: '业务不相交路径 · Disjoint paths per service', description: 'Disjoint routes proven between each service\'s endpoints (counted up to required + 1).', w: 12, h: 7,
        targets: [{ expr: 'redline_service_disjoint_paths', legendFormat: '{{service}} ({{rule}})', instant: true, range: false }],
        options: { orientation: 'horizontal', displayMode: 'basic', showUnfilled: true } },
      { type: 'table', title: '路径缺口 · Services short of paths', description: 'Proven disjoint paths against required, per service.', w: 12, h: 7,
        targets: [tableQuery('redline_service_disjoint_paths'), tableQuery('redline_service_required_paths')],
        transformations: [{ id: 'merge', options: {} }, HIDE_TIME], overrides: valueColumns([['已证明 · proven', []], ['要求 · required', []]]) },
      { type: 'state-timeline', title: 'BGP 会话建立 · BGP established over time', description: '1 while the session is established.', w: 24, h: 7,
        targets: [rangeQuery(`max by (device, peer, vrf) (redline_bgp_session_state{${DEVICE_SEL},state="established"})`, '{{device}} → {{peer}} {{vrf}}')] },
      { type: 'table', title: 'OSPF 与 IS-IS · OSPF and IS-IS', description: 'OSPF neighbours and IS-IS adjacencies with their state.', w: 12, h: 7,
        targets: [tableQuery(`redline_ospf_neighbor_state{${DEVICE_SEL}}`), tableQuery(`redline_isis_adjacency_state{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'table', title: 'VRRP/HSRP 角色 · FHRP roles', description: 'Every group and each member\'s role: one master per group.', w: 12, h: 7,
        targets: [tableQuery(`redline_fhrp_role{${DEVICE_SEL}}`)], transformations: [HIDE_TIME] },
      { type: 'bargauge', title: 'LAG N-1 余量 · LAG N-1 headroom', description: 'Member losses each LAG survives (0: one loss from down).', w: 12, h: 7,
        targets: [{ expr: `redline_lag_n1_headroom{${DEVICE_SEL}}`, legendFormat: '{{device}} {{lag}}', instant: true, range: false }],
        thresholds: [{ color: 'red', value: null }, { color: 'green', value: 1 }], options: { orientation: 'horizontal', displayMode: 'basic', showUnfilled: true } },
      { type: 'table', title: '路由、倒换、负载分担发现 · Route, switchover and load-sharing findings', description: 'Findings of the measures multipleRoutes, automaticSwitchover and loadSharing.', w: 12, h: 7,
        targets: [tableQuery(`redline_protection_state{${SITE_CLASS_SEL},measure=~"multipleRoutes|automaticSwitchover|loadSharing"}`)], transformations: [HIDE_TIME],
        overrides: [{ matcher: { id: 'byName', options: 'state' }, properties: [{ id: 'mappings', value: STATE_MAPPINGS }, { id: 'custom.cellOptions', value: { type: 'color-background' } }] }] },
    ]);
}

/** Inspector's view: coverage of the rules, findings by rule and colour, the ledger by status. */
function inspector(): Dashboard {
  return dashboard('redline-inspector', '检查视图 · Inspector\'s view',
    'What was checked and what was not (rule coverage, skipped subjects and why), findings by rule, state and risk colour, hazards by risk level and status, overdue.', false, [
      { type: 'stat', title: '已评估规则 · Rules evaluated', description: 'Rules evaluated on at least one subject this pass.', w: 6, h: 5,
        targets: [{ expr: 'sum(redline_rule_evaluated)' }] },
      { type: 'stat', title: '未评估规则 · Rules skipped', description: 'Rules skipped as a whole this pass.', w: 6, h: 5,
        targets: [{ expr: 'count(redline_rule_evaluated == 0) or vector(0)' }], thresholds: [{ color: 'green', value: null }, { color: 'yellow', value: 1 }] },
      { type: 'stat', title: '未关闭隐患 · Open hazards', description: 'Hazards not closed, all risk levels.', w: 6, h: 5,
        targets: [{ expr: 'sum(redline_hazards_open)' }], thresholds: ZERO_IS_GOOD },
      { type: 'stat', title: '超期隐患 · Overdue hazards', description: 'Hazards past their deadline.', w: 6, h: 5,
        targets: [{ expr: 'sum(redline_hazards_overdue)' }], thresholds: ZERO_IS_GOOD },
      { type: 'table', title: '规则覆盖 · Rule coverage', description: 'Per rule: evaluated (1/0) and subjects judged.', w: 12, h: 10,
        targets: [tableQuery('redline_rule_evaluated'), tableQuery('redline_rule_subjects_evaluated')], transformations: [{ id: 'merge', options: {} }, HIDE_TIME],
        overrides: valueColumns([['已评估 · evaluated', []], ['已判定对象 · subjects judged', []]]) },
      { type: 'table', title: '未能判定的对象 · Subjects not judged', description: 'Subjects a rule could not judge, by reason (no_data, not_applicable …).', w: 12, h: 10,
        targets: [tableQuery('redline_rule_subjects_skipped > 0')], transformations: [HIDE_TIME] },
      { type: 'table', title: '发现（规则/状态/风险等级） · Findings by rule, state and risk level', description: 'Findings of the latest pass (colour none when protected).', w: 12, h: 10,
        targets: [tableQuery(`redline_findings{class=~"$class"}`)], transformations: [HIDE_TIME] },
      { type: 'table', title: '隐患台账 · Hazards by risk level and status', description: 'Hazards by risk colour (rows) and status (columns).', w: 12, h: 10,
        targets: [tableQuery('redline_hazards')],
        transformations: [{ id: 'groupingToMatrix', options: { columnField: 'status', rowField: 'colour', valueField: 'Value' } }] },
      { type: 'bargauge', title: '超期隐患（风险等级） · Overdue by risk level', description: 'Overdue hazards per risk colour.', w: 12, h: 7,
        targets: [{ expr: 'redline_hazards_overdue', legendFormat: '{{colour}}', instant: true, range: false }],
        overrides: RISK_OVERRIDES, options: { orientation: 'horizontal', displayMode: 'basic', showUnfilled: true } },
      { type: 'timeseries', title: '隐患状态趋势 · Hazards by status over time', description: 'Hazards by status over time: open should drain into closed.', w: 12, h: 7,
        targets: [rangeQuery('sum by (status) (redline_hazards)', '{{status}}')] },
    ]);
}

/** Every dashboard, by the file name it is written to. */
export function buildDashboards(): Record<string, Dashboard> {
  return {
    'noc-overview.json': nocOverview(),
    'device.json': deviceDrillDown(),
    'power.json': power(),
    'routing.json': routing(),
    'inspector.json': inspector(),
  };
}

/** The text a dashboard's file holds: stable JSON, two-space indent, final newline. */
export function dashboardFileText(d: Dashboard): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

/** Writes every dashboard into `dir`; returns the files written. */
export function writeDashboards(dir = DASHBOARDS_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(buildDashboards()).map(([file, d]) => {
    const path = join(dir, file);
    writeFileSync(path, dashboardFileText(d));
    return path;
  });
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  for (const path of writeDashboards()) process.stdout.write(`wrote ${path}\n`);
}
