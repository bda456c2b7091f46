/**
 * The words of the helpers every family shares (common.ts): why a device's data is unknown, and
 * whether an instance of a redundant function is up. Decisions stay in common.ts.
 */
import type { Bilingual } from '../finding.js';
import { bi } from './words.js';

/** Sentences of common.ts, by case. */
export const COMMON_WORDS = {
  fresh: () => bi('数据为最新', 'its data is fresh'),
  unreachable: (polls: number) => bi(`已连续 ${polls} 次未响应轮询`, `it has not answered SNMP for ${polls} poll(s)`),
  notPolledRecently: () => bi('近期未被轮询', 'it has not been polled recently'),
  stale: (last: Bilingual) => bi(`数据已过期（最后一次响应于 ${last.zh}）`, `its data is stale (last answer ${last.en})`),
  never: () => bi('从未响应轮询', 'it has never answered a poll'),
  unmonitored: () => bi('未纳入监测（无轮询目标）', 'it is not monitored (no SNMP target)'),
  healthDown: (device: string, site: string, check: string, http: number | null) => bi(
    `${device}（站点 ${site}）健康检查 ${check} 失败${http === null ? '' : `（返回码 ${http}）`}`,
    `${device} (site ${site}) fails its health check ${check}${http === null ? '' : ` (HTTP ${http})`}`,
  ),
  up: (device: string) => bi(`${device} 运行正常`, `${device} is up`),
  healthStale: (device: string) => bi(`${device}：健康检查无最新结果`, `${device}: its health checks have no fresh result`),
  notInInventory: (device: string) => bi(`${device} 不在资源清单中`, `${device} is not in the inventory`),
  unreachableAt: (device: string, site: string, why: Bilingual) => bi(`${device}（站点 ${site}）${why.zh}`, `${device} (site ${site}): ${why.en}`),
  notMonitored: (device: string) => bi(`${device} 未纳入监测`, `${device} is not monitored`),
  deviceWhy: (device: string, why: Bilingual) => bi(`${device}：${why.zh}`, `${device}: ${why.en}`),
} as const;
