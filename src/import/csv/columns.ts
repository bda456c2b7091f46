/**
 * The tables a spreadsheet import reads and their columns, each with the English and Chinese
 * headings a resource-management export uses. A file is recognised by its headings, not its name.
 */

/** The kinds of table. */
export const TABLE_KINDS = ['sites', 'rooms', 'devices', 'links', 'power', 'psus'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** Column → accepted headings (compared without case, spaces and brackets' contents). */
export const COLUMNS: Readonly<Record<TableKind, Readonly<Record<string, readonly string[]>>>> = {
  sites: {
    id: ['site id', 'site code', '站点编码', '站点id', '站点编号'],
    name: ['site name', 'site', '站点名称', '站点', '局站名称'],
    class: ['protection class', 'class', '保护等级', '保护类别'],
    province: ['province', '省份', '省'],
    flags: ['flags', '标志', '特殊标志'],
  },
  rooms: {
    site: ['site', 'site name', 'site id', '站点名称', '所属站点', '站点编码', '站点'],
    room: ['room', 'room name', '机房', '机房名称'],
    id: ['room id', 'room code', '机房编码', '机房编号'],
    fireCompartment: ['fire compartment', '防火分区'],
  },
  devices: {
    name: ['device name', 'device', 'hostname', '设备名称', '设备名', '网元名称'],
    id: ['device id', 'device code', '设备编码', '设备编号', '网元编码'],
    site: ['site', 'site name', 'site id', '站点名称', '所属站点', '站点编码', '站点'],
    room: ['room', '机房', '机房名称', '所属机房'],
    role: ['role', 'device role', '设备角色', '设备类型', '网元类型'],
    address: ['management address', 'management ip', 'mgmt ip', '管理地址', '管理ip', '网管地址'],
    class: ['protection class', 'class', '保护等级', '保护类别'],
    expectedPsus: ['psus', 'power supplies', '电源数量', '电源模块数'],
    pair: ['redundancy pair', 'pair', '冗余设备', '主备设备', '成对设备'],
  },
  links: {
    id: ['link id', 'circuit id', 'link', '链路编号', '电路编号', '链路名称'],
    aDevice: ['a device', 'local device', 'device a', '本端设备', 'a端设备'],
    aPort: ['a port', 'local port', 'port a', 'a interface', '本端端口', 'a端端口'],
    bDevice: ['b device', 'remote device', 'device b', 'z device', '对端设备', 'z端设备', 'b端设备'],
    bPort: ['b port', 'remote port', 'port b', 'z port', 'b interface', '对端端口', 'z端端口', 'b端端口'],
    capacityMbps: ['capacity mbps', 'capacity', 'bandwidth', '带宽', '带宽mbps', '速率mbps'],
    risks: ['shared risks', 'risks', '共享风险', '管道/光缆', '路由资源'],
    duct: ['duct', '管道', '管孔'],
    cable: ['cable', 'fibre cable', 'fiber cable', '光缆', '光缆段'],
    poleRoute: ['pole route', '杆路'],
  },
  power: {
    id: ['power element', 'power id', 'element id', '电源设备编码', '电源设备', '供电设备', '电源编码'],
    kind: ['kind', 'type', 'power kind', '类型', '电源类型', '设备类型'],
    site: ['site', 'site name', 'site id', '站点名称', '所属站点', '站点编码', '站点'],
    room: ['room', '机房', '机房名称'],
    upstream: ['upstream', 'fed by', '上级电源', '上级设备', '供电来源'],
    substation: ['substation', '变电站', '引入变电站'],
    device: ['monitored device', 'monitored by', '监控设备'],
  },
  psus: {
    device: ['device name', 'device', 'device id', '设备名称', '设备编码', '设备'],
    psu: ['psu', 'power supply', '电源模块', '电源模块名称', '电源'],
    feed: ['feed', 'fed by', 'pdu', '供电来源', '所接pdu', '所接电源', '上级电源'],
  },
};

/** The columns each kind must have; a file with all of them (and the most of them) is that kind. */
export const REQUIRED: Readonly<Record<TableKind, readonly string[]>> = {
  sites: ['name', 'class'],
  rooms: ['site', 'room'],
  devices: ['name', 'site', 'role'],
  links: ['aDevice', 'aPort', 'bDevice', 'bPort'],
  power: ['id', 'kind', 'site'],
  psus: ['device', 'psu', 'feed'],
};

/** Normalises a heading: lower case, no spaces, no parenthesised unit ("带宽(Mbps)" → "带宽mbps"). */
export function normalHeading(h: string): string {
  return h.trim().toLowerCase().replace(/[()（）[\]【】\s_]/g, '').replace(/-/g, '');
}

const ALIASES = new Map<string, Map<string, string>>(TABLE_KINDS.map((k) => [k, new Map(Object.entries(COLUMNS[k]).flatMap(([col, hs]) => hs.map((h) => [normalHeading(h), col] as const)))]));

/** Column names of each heading for a kind (null for a heading the kind does not know). */
export function columnsOf(kind: TableKind, headings: readonly string[]): (string | null)[] {
  const m = ALIASES.get(kind)!;
  return headings.map((h) => m.get(normalHeading(h)) ?? null);
}

/** The table kind whose required columns the headings hold (the most specific one), or null. */
export function recogniseTable(headings: readonly string[]): TableKind | null {
  let best: { kind: TableKind; known: number } | null = null;
  for (const kind of TABLE_KINDS) {
    const cols = columnsOf(kind, headings);
    if (!REQUIRED[kind].every((r) => cols.includes(r))) continue;
    const known = cols.filter((c) => c !== null).length;
    if (best === null || known > best.known) best = { kind, known };
  }
  return best?.kind ?? null;
}
