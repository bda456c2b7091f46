/** The words of the RTE family (多重路由): one sentence per case, Chinese first. */
import type { Bilingual } from '../finding.js';
import { anyOf, bi, list, SPOF } from './words.js';

/** How routes must be apart, in words. */
export const DISJOINTNESS: Readonly<Record<'srlg' | 'node', Bilingual>> = {
  srlg: bi('不共享风险的', 'SRLG-disjoint'),
  node: bi('节点不重叠的', 'node-disjoint'),
};

const joinWords = (items: readonly Bilingual[]): Bilingual => bi(list(items.map((i) => i.zh)).zh, list(items.map((i) => i.en)).en);
/** Alternatives of which any one suffices (「或」 / "or"). */
const eitherWords = (items: readonly Bilingual[]): Bilingual => bi(anyOf(items.map((i) => i.zh)).zh, anyOf(items.map((i) => i.en)).en);

/** Sentences of the RTE rules, by case. */
export const RTE_WORDS = {
  link: (id: string) => bi(`链路 ${id}`, `link ${id}`),
  // RTE-001 (services) and RTE-005
  routes: (svc: string, n: number, how: Bilingual) => bi(`${svc}：${n} 条${how.zh}路由`, `${svc}: ${n} ${how.en} route${n === 1 ? '' : 's'}`),
  dependsOnUnknown: (svc: string, links: readonly string[]) => bi(`${svc}：结论取决于状态未知的链路（${list(links).zh}）`, `${svc}: the verdict depends on links of unknown state (${list(links).en})`),
  disconnected: (svc: string, a: string, b: string) => bi(`${svc}：${a} 与 ${b} 之间已无连通路由`, `${svc}: ${a} and ${b} are no longer connected`),
  tooFewWithCuts: (svc: string, n: number, how: Bilingual, a: string, b: string, req: number, cuts: readonly Bilingual[]) => bi(
    `${svc}：${a} 与 ${b} 之间仅有 ${n} 条${how.zh}路由（要求 ${req} 条），${eitherWords(cuts).zh}${cuts.length > 1 ? '任一' : ''}中断即导致业务中断`,
    `${svc}: only ${n} ${how.en} route(s) between ${a} and ${b} (${req} required); ${cuts.length > 1 ? 'the loss of any one of' : 'the loss of'} ${eitherWords(cuts).en} cuts it`,
  ),
  tooFew: (svc: string, n: number, how: Bilingual, a: string, b: string, req: number) => bi(
    `${svc}：${a} 与 ${b} 之间仅有 ${n} 条${how.zh}路由（要求 ${req} 条）`, `${svc}: only ${n} ${how.en} route(s) between ${a} and ${b} (${req} required)`,
  ),
  // RTE-001 (multihomed devices)
  multihomed: (device: string) => bi(`${device}：经不共享风险的链路多归属接入`, `${device}: multihomed over risk-disjoint links`),
  multihomingUnknown: (device: string) => bi(`${device}：多归属情况取决于状态未知的链路`, `${device}: multihoming depends on links of unknown state`),
  noLiveLink: (device: string) => bi(`${device}：无可用链路`, `${device}: no live link`),
  singleHomed: (device: string, peer: string) => bi(`${device}：单归属，所有可用链路均接至 ${peer}，存在${SPOF.zh}`, `${device}: single-homed, every live link goes to ${peer}`),
  sharedRisk: (device: string, peers: readonly string[], shared: readonly Bilingual[]) => bi(
    `${device}：至 ${list(peers).zh} 的链路共用${joinWords(shared).zh}`, `${device}: its links to ${list(peers).en} share ${joinWords(shared).en}`,
  ),
  // RTE-002
  working: () => bi('工作', 'working'),
  protect: () => bi('保护', 'protect'),
  missingLeg: (group: string, leg: Bilingual) => bi(`${group}：资源清单中无${leg.zh}路由`, `${group}: no ${leg.en} leg in the inventory`),
  legsApart: (group: string) => bi(`${group}：工作与保护路由无共用风险`, `${group}: working and protect legs share no risk`),
  legsShareOne: (group: string, risk: Bilingual) => bi(
    `${group}：工作与保护路由同经${risk.zh}，该处单点中断即导致两路同时中断`, `${group}: working and protect legs both run through ${risk.en}; one cut there takes down both`,
  ),
  legsShareMany: (group: string, risks: readonly Bilingual[]) => bi(
    `${group}：工作与保护路由共用${joinWords(risks).zh}，任一处中断即导致两路同时中断`, `${group}: working and protect legs share ${joinWords(risks).en}; one cut in any of them takes down both`,
  ),
  // RTE-005
  oneSite: (svc: string, site: string) => bi(`${svc}：两端均位于站点 ${site}，不属于站间复制`, `${svc}: both ends at site ${site}; not an inter-site replication`),
  // RTE-001a
  aggDiverse: (device: string, a: readonly string[], b: readonly string[]) => bi(
    `${device}：经两条不共享风险的路由上联核心（${list(a).zh}；${list(b).zh}）`, `${device}: two risk-disjoint routes to the core (${list(a).en}; ${list(b).en})`,
  ),
  aggSingleRoute: (device: string, links: readonly string[]) => bi(
    `${device}：仅有一条上联核心的路由（${list(links).zh}），既无闭合环也无双上联，存在${SPOF.zh}`, `${device}: a single route to the core (${list(links).en}); neither a closed ring nor dual uplinks`,
  ),
  aggShared: (device: string, shared: readonly Bilingual[]) => bi(
    `${device}：上联核心的路由共用${joinWords(shared).zh}，该处中断即导致失去上联，存在${SPOF.zh}`, `${device}: its routes to the core share ${joinWords(shared).en}; one cut there cuts it off`,
  ),
  aggNoTwoApart: (device: string, n: number) => bi(
    `${device}：有 ${n} 条上联核心的路由，但任意两条均共用设备、链路或风险，既无闭合环也无双上联`,
    `${device}: ${n} routes to the core, but every two of them share a device, link or risk; neither a closed ring nor dual uplinks`,
  ),
  aggNoRoute: (device: string) => bi(`${device}：无可用路由到达核心节点`, `${device}: no live route to the core`),
  aggUnknown: (device: string) => bi(`${device}：路由分离情况取决于状态未知的链路`, `${device}: route diversity depends on links of unknown state`),
  aggSearchLimit: (device: string) => bi(`${device}：路由过多，未能在搜索上限内判定`, `${device}: too many routes to judge within the search limit`),
} as const;
