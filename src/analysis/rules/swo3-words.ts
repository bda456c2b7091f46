/**
 * The sentences of SWO-003 (BFD on routing adjacencies), in Chinese and English, in one table
 * for review. Protocol and MIB names, addresses and device ids are the only Latin text in the
 * Chinese sentences.
 */
import type { BfdSessionState } from '../../collect/observation.js';
import type { Bilingual } from '../finding.js';
import { bi, list } from './words.js';

/** BFD session states (RFC 5880) in words. */
const BFD_STATE: Readonly<Record<BfdSessionState, Bilingual>> = {
  adminDown: bi('管理关闭', 'admin down'),
  down: bi('中断', 'down'),
  init: bi('初始化', 'init'),
  up: bi('正常', 'up'),
  failing: bi('故障', 'failing'),
};

/** The SWO-003 sentences. */
export const SWO3_WORDS = {
  /** An adjacency as people name it. */
  label: (protocol: 'bgp' | 'ospf' | 'isis', neighbor: string, iface: string | null) => protocol === 'bgp'
    ? bi(`BGP ${neighbor}`, `BGP ${neighbor}`)
    : protocol === 'ospf' ? bi(`OSPF ${neighbor}`, `OSPF ${neighbor}`) : bi(`IS-IS ${neighbor}（${iface ?? ''}）`, `IS-IS ${neighbor} (${iface ?? ''})`),
  noBfdTable: (dev: string, n: number) => bi(
    `${dev}：设备未提供标准 BFD 会话表，无法判断 ${n} 个路由邻接是否有 BFD 保护`,
    `${dev}: the device exposes no BFD session table (BFD-STD-MIB), so whether its ${n} routing adjacencies are protected by BFD is unknown`,
  ),
  noSession: (dev: string, n: number) => bi(
    `${dev}：设备支持 BFD 但无任何 BFD 会话，${n} 个路由邻接依赖协议定时器检测故障`,
    `${dev}: the device supports BFD but has no BFD session; ${n} routing adjacencies rely on protocol timers to detect a failure`,
  ),
  gapNone: (label: Bilingual) => bi(`${label.zh} 无 BFD 会话`, `${label.en} has no BFD session`),
  gapState: (label: Bilingual, state: BfdSessionState) => bi(`${label.zh} 的 BFD 会话${BFD_STATE[state].zh}`, `${label.en} BFD ${BFD_STATE[state].en}`),
  gapSlow: (label: Bilingual, ms: number | null, max: number) => bi(`${label.zh} 的 BFD 检测时间 ${ms ?? '?'} ms，超过 ${max} ms`, `${label.en} BFD detection ${ms ?? '?'} ms > ${max} ms`),
  /** Every gap holds at once: joined with "and"/「和」. */
  gaps: (dev: string, gaps: readonly Bilingual[]) => bi(`${dev}：${list(gaps.map((g) => g.zh)).zh}`, `${dev}: ${list(gaps.map((g) => g.en)).en}`),
  protected: (dev: string, n: number, max: number) => bi(`${dev}：${n} 个路由邻接均有 BFD 保护（≤${max} ms）`, `${dev}: ${n} routing adjacencies protected by BFD (≤${max} ms)`),
} as const;
