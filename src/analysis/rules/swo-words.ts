/**
 * The words of the SWO family (自动倒换), one sentence per case, Chinese first. SWO-003's words
 * belong to h/links' table; this one holds SWO-002, SWO-004, SWO-005 and SWO-006.
 */
import type { Bilingual } from '../finding.js';
import { bi, list } from './words.js';

/** First-hop redundancy protocols by name. */
const FHRP: Readonly<Record<string, string>> = { vrrp: 'VRRP', hsrp: 'HSRP' };

/** Sentences of the SWO rules, by case. */
export const SWO_WORDS = {
  // SWO-004
  groupName: (protocol: string, group: number) => `${FHRP[protocol] ?? protocol.toUpperCase()} ${group}`,
  masterAndBackup: (name: string, master: string, backups: readonly string[]) => bi(`${name}：主用 ${master}，备用 ${list(backups).zh}`, `${name}: master ${master}, backup ${list(backups).en}`),
  severalMasters: (name: string, masters: readonly string[]) => bi(
    `${name}：出现 ${masters.length} 个主用（${list(masters).zh}），路由器之间互不可见，倒换无法生效`,
    `${name}: ${masters.length} masters (${list(masters).en}); the routers do not hear each other, so failover will not work`,
  ),
  noMasterSilent: (name: string, why: Bilingual) => bi(`${name}：未见主用；${why.zh}`, `${name}: no master seen; ${why.en}`),
  noMaster: (name: string) => bi(`${name}：无主用路由器，虚拟网关不可用`, `${name}: no router is master; the virtual gateway is not served`),
  reportedStandby: (name: string, master: string) => bi(`${name}：主用 ${master}，设备报告存在备用路由器`, `${name}: master ${master}; the device reports a standby router`),
  backupUnconfirmed: (name: string, master: string, why: Bilingual) => bi(`${name}：主用 ${master}，备用未确认；${why.zh}`, `${name}: master ${master}, backup not confirmed; ${why.en}`),
  backupUnmonitored: (name: string, master: string) => bi(
    `${name}：主用 ${master}，其备用路由器未纳入监测（请在清单中声明冗余对）`, `${name}: master ${master}; its backup router is not monitored (declare a redundancy pair)`,
  ),
  backupNotReady: (name: string, master: string, others: readonly string[]) => bi(
    `${name}：主用 ${master} 无就绪备用（${list(others).zh} 未处于备用状态）`, `${name}: master ${master} has no ready backup (${list(others).en} not in backup state)`,
  ),
  noBackup: (name: string, master: string) => bi(`${name}：主用 ${master} 无备用路由器，其故障即导致网关中断`, `${name}: master ${master} has no backup router; its failure takes the gateway down`),
  deviceWhy: (device: string, why: Bilingual) => bi(`${device}：${why.zh}`, `${device}: ${why.en}`),
  // SWO-006
  noDrill: (group: string) => bi(`${group}：无倒换演练记录`, `${group}: no switchover drill on record`),
  drillFailed: (group: string, date: Bilingual) => bi(
    `${group}：最近一次倒换演练（${date.zh}）未通过，倒换保护未能生效`, `${group}: the last switchover drill (${date.en}) failed; the switchover did not protect the service`,
  ),
  drillOld: (group: string, date: Bilingual, days: number, max: number) => bi(
    `${group}：最近一次倒换演练为 ${date.zh}，已过 ${days} 天（上限 ${max} 天）`, `${group}: last switchover drill ${date.en}, ${days} days ago (max ${max})`,
  ),
  drillPassed: (group: string, date: Bilingual) => bi(`${group}：${date.zh}演练通过`, `${group}: drilled ${date.en}, passed`),
  // SWO-002
  switchWithin: (group: string, ms: number, max: number, date: Bilingual) => bi(
    `${group}：${date.zh}演练实测倒换时间 ${ms} 毫秒，不超过 ${max} 毫秒`, `${group}: switchover measured at ${ms} ms in the drill of ${date.en}, within ${max} ms`,
  ),
  switchSlow: (group: string, ms: number, max: number, date: Bilingual) => bi(
    `${group}：${date.zh}演练实测倒换时间 ${ms} 毫秒，超过 ${max} 毫秒的要求`, `${group}: switchover measured at ${ms} ms in the drill of ${date.en}, above the ${max} ms target`,
  ),
  // SWO-005
  sessionsProtected: (device: string, n: number, max: number) => bi(
    `${device}：${n} 个 BGP 会话均有 BFD 检测或保持时间不超过 ${max} 秒`, `${device}: ${n} BGP session(s) protected by BFD or a hold time of at most ${max} s`,
  ),
  holdTooLong: (peer: string, hold: number) => (hold === 0
    ? bi(`对端 ${peer} 无 BFD 检测且未启用保持定时器`, `peer ${peer} has no BFD and no hold timer`)
    : bi(`对端 ${peer} 无 BFD 检测且保持时间为 ${hold} 秒`, `peer ${peer} has no BFD and a hold time of ${hold} s`)),
  holdUnknown: (peer: string) => bi(`对端 ${peer} 无 BFD 检测且保持时间未知`, `peer ${peer} has no BFD and its hold time is not reported`),
  sessionsSlow: (device: string, gaps: readonly Bilingual[], max: number) => bi(
    `${device}：${list(gaps.map((g) => g.zh)).zh}；故障检测将慢于 ${max} 秒`, `${device}: ${list(gaps.map((g) => g.en)).en}; a failure is detected later than ${max} s`,
  ),
  sessionsUnknown: (device: string, gaps: readonly Bilingual[]) => bi(`${device}：${list(gaps.map((g) => g.zh)).zh}`, `${device}: ${list(gaps.map((g) => g.en)).en}`),
} as const;
