/**
 * The sentences of the TOPO rules (declared links, undeclared links, routing adjacencies), in
 * Chinese and English, in one table for review. Protocol names (LLDP, CDP, BGP, OSPF, IS-IS),
 * device names, ports and ids are the only Latin text in the Chinese sentences.
 */
import type { Bilingual } from '../finding.js';
import { bi } from './words.js';

/** BGP session states (RFC 4271) in words. */
const BGP_STATE: Readonly<Record<string, Bilingual>> = {
  idle: bi('空闲', 'idle'),
  connect: bi('连接', 'connect'),
  active: bi('主动', 'active'),
  opensent: bi('已发送打开报文', 'opensent'),
  openconfirm: bi('等待确认', 'openconfirm'),
  established: bi('已建立', 'established'),
};
/** OSPF neighbour states (RFC 2328) in words. */
const OSPF_STATE: Readonly<Record<string, Bilingual>> = {
  down: bi('失效', 'down'),
  attempt: bi('尝试', 'attempt'),
  init: bi('初始', 'init'),
  twoWay: bi('双向', '2-way'),
  exchangeStart: bi('交换开始', 'exchange start'),
  exchange: bi('交换', 'exchange'),
  loading: bi('加载', 'loading'),
  full: bi('完全邻接', 'full'),
};
/** IS-IS adjacency states in words. */
const ISIS_STATE: Readonly<Record<string, Bilingual>> = {
  down: bi('失效', 'down'),
  initializing: bi('初始化中', 'initializing'),
  up: bi('正常', 'up'),
  failed: bi('失败', 'failed'),
};
const stateOf = (table: Readonly<Record<string, Bilingual>>, s: string): Bilingual => table[s] ?? bi(s, s);

/** The TOPO sentences. */
export const TOPO_WORDS = {
  linkUp: (link: string, seenBy: 'lldp' | 'cdp' | null) => bi(
    `${link}：正常${seenBy !== null ? `（${seenBy.toUpperCase()} 已确认）` : ''}`,
    `${link}: up${seenBy !== null ? ` (seen by ${seenBy.toUpperCase()})` : ''}`,
  ),
  linkDown: (link: string, dev: string, port: string) => bi(
    `${link}：${dev} ${port} 端口处于启用状态但链路中断`,
    `${link}: ${dev} ${port} is down while administratively up`,
  ),
  linkUnconfirmed: (link: string, a: string, b: string) => bi(
    `${link}：端口正常，但 ${a} 与 ${b} 的 LLDP/CDP 邻居均未显示该链路（可能错接，或资源清单有误）`,
    `${link}: interfaces up, but no LLDP/CDP neighbour on ${a} or ${b} shows this link (miscabled, or the inventory is wrong)`,
  ),
  portMissing: (link: string, dev: string, port: string, confirmed: 'lldp' | 'cdp' | null) => bi(
    `${link}：资源清单登记的端口 ${port} 在 ${dev} 上不存在（端口名写错，或链路接在其他端口）${confirmed !== null ? `；${confirmed.toUpperCase()} 显示两台设备之间确有链路` : ''}`,
    `${link}: port ${port} declared in the inventory does not exist on ${dev} (a mistyped port name, or the link is on another port)${confirmed !== null ? `; ${confirmed.toUpperCase()} shows a link between the two devices` : ''}`,
  ),
  noInterfaceTable: (link: string, dev: string) => bi(
    `${link}：${dev} 未提供接口表，该端状态未知，且 LLDP/CDP 未确认该链路`,
    `${link}: ${dev} exposes no interface table, so its end is unknown, and LLDP/CDP does not confirm the link`,
  ),
  unknownBecause: (link: string, dev: string, why: Bilingual) => bi(`${link}：状态未知，${dev} ${why.zh}`, `${link}: state unknown; ${dev} ${why.en}`),
  unknown: (link: string) => bi(`${link}：状态未知`, `${link}: state unknown`),
  undeclared: (proto: string, a: string, aPort: string, b: string, bPort: string) => bi(
    `${proto} 显示 ${a} ${aPort} 与 ${b} ${bPort} 相连，但资源清单未登记该链路，路由分析无法得知其管道或光缆等共用风险`,
    `${proto} shows ${a} ${aPort} connected to ${b} ${bPort}, a link the inventory does not declare; its ducts and cables are unknown to the route analysis`,
  ),
  bgpUp: (dev: string, peer: string) => bi(`${dev}：BGP 邻居 ${peer} 已建立`, `${dev}: BGP peer ${peer} established`),
  bgpDown: (dev: string, peer: string, remoteAs: number | null, state: string) => bi(
    `${dev}：BGP 邻居 ${peer}${remoteAs !== null ? `（AS ${remoteAs}）` : ''} 处于${stateOf(BGP_STATE, state).zh}状态，未建立`,
    `${dev}: BGP peer ${peer}${remoteAs !== null ? ` (AS ${remoteAs})` : ''} is ${stateOf(BGP_STATE, state).en}, not established`,
  ),
  ospfUp: (dev: string, id: string, state: string) => bi(`${dev}：OSPF 邻居 ${id} 状态为${stateOf(OSPF_STATE, state).zh}`, `${dev}: OSPF neighbour ${id} ${stateOf(OSPF_STATE, state).en}`),
  ospfNotFull: (dev: string, id: string, address: string, state: string) => bi(
    `${dev}：OSPF 邻居 ${id}（${address}）处于${stateOf(OSPF_STATE, state).zh}状态，未达完全邻接`,
    `${dev}: OSPF neighbour ${id} (${address}) is ${stateOf(OSPF_STATE, state).en}, not full`,
  ),
  isisUp: (dev: string, id: string) => bi(`${dev}：IS-IS 邻接 ${id} 正常`, `${dev}: IS-IS adjacency ${id} up`),
  isisNotUp: (dev: string, id: string, iface: string, state: string) => bi(
    `${dev}：${iface} 上的 IS-IS 邻接 ${id} 处于${stateOf(ISIS_STATE, state).zh}状态`,
    `${dev}: IS-IS adjacency ${id} on ${iface} is ${stateOf(ISIS_STATE, state).en}`,
  ),
} as const;
