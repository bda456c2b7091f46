/**
 * The words of the NODE family (多重节点): one sentence per case, Chinese first, for review in
 * one place. The rule bodies in node.ts only decide which case applies.
 */
import type { Bilingual } from '../finding.js';
import { bi, list, SPOF } from './words.js';

/** What a device's control-plane redundancy is, by observation subject. */
export const REDUNDANCY_NAMES: Readonly<Record<string, Bilingual>> = {
  supervisor: bi('主控板冗余', 'supervisor redundancy'),
  stack: bi('堆叠环', 'stack ring'),
  power: bi('电源冗余', 'power supply redundancy'),
  fabric: bi('交换网板冗余', 'switch fabric redundancy'),
};

/** The name of a redundancy subject (the device's own name when redline has none). */
export function redundancyName(subject: string, fallback: string): Bilingual {
  return REDUNDANCY_NAMES[subject] ?? bi(fallback, fallback);
}

/** Sentences of NODE-001 … NODE-005, by case. */
export const NODE_WORDS = {
  // NODE-001
  membersUp: (set: string, up: number, total: number) => bi(`${set}：${total} 个成员中 ${up} 个运行正常`, `${set}: ${up} of ${total} members up`),
  membersUnknown: (set: string, up: number, why: readonly Bilingual[]) => bi(
    `${set}：仅确认 ${up} 个成员运行；${list(why.map((w) => w.zh)).zh}`, `${set}: only ${up} member(s) known up; ${list(why.map((w) => w.en)).en}`,
  ),
  noMemberUp: (set: string, why: readonly Bilingual[]) => bi(`${set}：无成员运行；${list(why.map((w) => w.zh)).zh}`, `${set}: no member is up; ${list(why.map((w) => w.en)).en}`),
  tooFewByDesign: (set: string, members: number, min: number) => bi(
    `${set}：设计上仅有 ${members} 个成员，要求至少 ${min} 个，存在${SPOF.zh}`, `${set}: only ${members} member(s) by design, ${min} required`,
  ),
  lastOneUp: (set: string, up: readonly string[], why: readonly Bilingual[]) => bi(
    `${set}：仅 ${list(up).zh} 在运行；${list(why.map((w) => w.zh)).zh}，再有一处故障即导致中断`,
    `${set}: only ${list(up).en} is up; ${list(why.map((w) => w.en)).en}; one more failure takes it down`,
  ),
  // NODE-002
  apartSites: (set: string, sites: number) => bi(`${set}：成员分布于 ${sites} 个站点`, `${set}: members at ${sites} sites`),
  oneSite: (set: string, site: string) => bi(
    `${set}：所有成员均位于站点 ${site}，单一站点故障即导致该功能中断`, `${set}: every member is at site ${site}; one site failure takes the function down`,
  ),
  apartRooms: (set: string) => bi(`${set}：成员分处不同机房`, `${set}: members in separate rooms`),
  room: (room: string) => bi(`${room} 机房`, `room ${room}`),
  fireCompartment: (fc: string) => bi(`${fc} 防火分区`, `fire compartment ${fc}`),
  pairOneRoom: (set: string, site: string, where: Bilingual) => bi(
    `${set}：冗余对两台设备均位于 ${site} 站点 ${where.zh}，单一机房事故（火灾、水浸、停电）即导致两台同时中断`,
    `${set}: both members of the redundancy pair sit in ${where.en} (site ${site}); one room incident (fire, flood, power) takes down both`,
  ),
  setOneRoom: (set: string, site: string, where: Bilingual) => bi(
    `${set}：所有成员均位于 ${site} 站点 ${where.zh}，单一机房事故（火灾、水浸、停电）即导致全部中断`,
    `${set}: every member sits in ${where.en} (site ${site}); one room incident (fire, flood, power) takes down all of them`,
  ),
  // NODE-003
  hotStandby: (device: string, name: Bilingual) => bi(`${device}：${name.zh}备用单元处于热备状态`, `${device}: ${name.en} has a hot standby`),
  noHotStandby: (device: string, name: Bilingual) => bi(
    `${device}：${name.zh}无热备单元（备用单元为冷备、启动中或缺失）`, `${device}: ${name.en} has no hot standby (the standby is cold, booting or missing)`,
  ),
  configuredNoPeer: (device: string, name: Bilingual) => bi(
    `${device}：${name.zh}已配置冗余，但无备用单元参与，冗余降级`, `${device}: ${name.en} is configured redundant but no peer takes part`,
  ),
  stateUnknown: (device: string, name: Bilingual) => bi(`${device}：${name.zh}状态未知`, `${device}: ${name.en} state is not known`),
  // NODE-005
  dualHomed: (device: string, cores: readonly string[]) => bi(
    `${device}：经互不重叠的路由分别归属核心节点 ${list(cores).zh}`, `${device}: homed to distinct core nodes ${list(cores).en} over node-disjoint routes`,
  ),
  singleCore: (device: string, core: string) => bi(
    `${device}：仅归属核心节点 ${core}，该核心节点故障即导致汇聚节点失去上联，存在${SPOF.zh}`,
    `${device}: homed to core node ${core} only; its failure cuts the aggregation node off`,
  ),
  sharedTransit: (device: string, cores: readonly string[], via: readonly string[]) => bi(
    `${device}：至核心节点 ${list(cores).zh} 的路由均经过 ${list(via).zh}，该处故障即导致失去上联，存在${SPOF.zh}`,
    `${device}: every route to core nodes ${list(cores).en} passes through ${list(via).en}; one failure there cuts it off`,
  ),
  noCore: (device: string) => bi(`${device}：无可用路由到达任何核心节点`, `${device}: no live route to any core node`),
  homingUnknown: (device: string, links: readonly string[]) => bi(
    `${device}：双归属情况取决于状态未知的链路（${list(links).zh}）`, `${device}: dual homing depends on links of unknown state (${list(links).en})`,
  ),
  searchLimit: (device: string) => bi(`${device}：路由过多，未能在搜索上限内判定`, `${device}: too many routes to judge within the search limit`),
} as const;
