/** The words of the LOAD family (负荷分担): one sentence per case, Chinese first. */
import { bi, list, SPOF } from './words.js';

/** Sentences of LOAD-001, LOAD-002 and LOAD-004, by case. */
export const LOAD_WORDS = {
  // LOAD-001
  oneActive: (set: string, active: number, total: number) => bi(
    `${set}：${total} 个成员中仅 ${active} 个承载流量，已无冗余，存在${SPOF.zh}`, `${set}: only ${active} of ${total} members carry traffic; no redundancy left`,
  ),
  outOfBundle: (set: string, members: readonly string[]) => bi(
    `${set}：成员 ${list(members).zh} 未加入捆绑，负荷分担组冗余降级`, `${set}: member(s) ${list(members).en} out of the bundle; the set runs below its design`,
  ),
  overLimit: (set: string, member: string, pct: number, limit: number, n: number) => bi(
    `${set}：${member} 峰值利用率 ${pct}%，超过 ${limit}% 的 N-1 上限，任一成员故障后剩余成员将过载`,
    `${set}: ${member} peaks at ${pct} %, above the ${limit} % that lets ${n - 1} member(s) carry the load of ${n}`,
  ),
  noSamples: (set: string) => bi(`${set}：无流量采样数据，无法判断 N-1 余量`, `${set}: no utilisation samples; N-1 headroom cannot be judged`),
  someSamplesMissing: (set: string, members: readonly string[], why: string) => bi(`${set}：${list(members).zh} 无可用流量数据`, `${set}: ${members.join(', ')}: ${why}`),
  withinLimit: (set: string, pct: number, limit: number) => bi(`${set}：成员峰值利用率 ${pct}%，在 ${limit}% 的 N-1 上限之内`, `${set}: peak ${pct} % per member, within the ${limit} % N-1 limit`),
  // LOAD-002
  unbalanced: (set: string, hi: string, hiPct: number, lo: string, loPct: number) => bi(
    `${set}：成员负载不均衡，${hi} 为 ${hiPct}%，${lo} 为 ${loPct}%`, `${set}: members unbalanced, ${hi} at ${hiPct} % and ${lo} at ${loPct} %`,
  ),
  balanced: (set: string, points: number) => bi(`${set}：成员负载均衡（相差 ${points} 个百分点）`, `${set}: members balanced within ${points} points`),
  // LOAD-004
  idleMembers: (set: string, members: readonly string[], min: number) => bi(
    `${set}：成员 ${list(members).zh} 高峰时承载流量不足全组的 ${min}%，实为主备而非负荷分担`,
    `${set}: member(s) ${list(members).en} carry less than ${min} % of the set's traffic at peak; the set works as active-standby, not load sharing`,
  ),
  allCarry: (set: string, n: number, minShare: number) => bi(
    `${set}：${n} 个成员高峰时均承载流量（最小占比 ${minShare}%）`, `${set}: all ${n} members carry traffic at peak (smallest share ${minShare} %)`,
  ),
} as const;
