/**
 * The sentences of the PWR rules (PSUs, feeds, utility supply, batteries, UPS path), in Chinese
 * and English, in one table for review. Device, PSU and power-element ids are the only Latin
 * text in the Chinese sentences.
 */
import type { Bilingual } from '../finding.js';
import { bi, list } from './words.js';

/** The PWR sentences. */
export const PWR_WORDS = {
  // PWR-001: working PSUs
  psuUnknownBecause: (dev: string, why: Bilingual) => bi(`${dev}：电源状态未知，${why.zh}`, `${dev}: PSU state unknown; ${why.en}`),
  noPsuState: (dev: string) => bi(`${dev}：设备未上报电源状态`, `${dev}: the device reports no PSU state`),
  failed: (names: string) => bi(`${names} 故障`, `${names} failed`),
  missing: (missing: number, expected: number) => bi(`应有 ${expected} 个电源，缺失 ${missing} 个`, `${missing} of ${expected} expected PSU(s) missing`),
  noneOk: (dev: string, what: Bilingual) => bi(`${dev}：无电源处于正常状态（${what.zh}）`, `${dev}: no PSU reports ok (${what.en})`),
  aloneOn: (dev: string, what: Bilingual, psu: string) => bi(`${dev}：${what.zh}，仅靠 ${psu} 供电，再有一处故障即中断`, `${dev}: ${what.en}; it runs on ${psu} alone, one failure from an outage`),
  left: (dev: string, what: Bilingual, n: number) => bi(`${dev}：${what.zh}，剩余 ${n} 个电源`, `${dev}: ${what.en}; ${n} PSUs left`),
  someUnknown: (dev: string, ok: number, names: string) => bi(`${dev}：${ok} 个电源正常，${names} 状态未知`, `${dev}: ${ok} PSU(s) ok, ${names} state unknown`),
  tooFew: (dev: string, ok: number, min: number) => bi(`${dev}：仅安装 ${ok} 个电源（要求 ${min} 个），单个电源故障即导致设备中断`, `${dev}: only ${ok} PSU installed, ${min} required; one PSU failure takes it down`),
  redundancyLost: (dev: string) => bi(
    `${dev}：电源均正常，但设备报告电源冗余已丧失（负载超出单电源能力，或为合并模式）`,
    `${dev}: all PSUs ok but the device reports power redundancy lost (load exceeds what one PSU can carry, or a combined mode)`,
  ),
  psusOk: (dev: string, n: number) => bi(`${dev}：${n} 个电源正常`, `${dev}: ${n} PSUs ok`),

  // PWR-001b: independent feeds, the mapping checked against the device
  independent: (dev: string) => bi(`${dev}：各路电源取自相互独立的供电回路`, `${dev}: PSUs on independent feeds`),
  allPsus: (n: number) => (n === 2 ? bi('两路电源', 'both PSUs') : bi(`全部 ${n} 路电源`, `all ${n} PSUs`)),
  fedFrom: (dev: string, all: Bilingual, element: string, kind: Bilingual) => bi(
    `${dev}：${all.zh}均取自 ${element}，单个${kind.zh}故障即导致设备中断`,
    `${dev}: ${all.en} are fed from ${element}; one ${kind.en} failure takes it down`,
  ),
  dependOn: (dev: string, all: Bilingual, feeds: readonly string[], element: string, kind: Bilingual) => bi(
    `${dev}：${all.zh}（${list(feeds).zh}）均依赖${kind.zh} ${element}，单个${kind.zh}故障即导致设备中断`,
    `${dev}: ${all.en} (feeds ${list(feeds).en}) depend on ${kind.en} ${element}; one ${kind.en} failure takes it down`,
  ),
  survivorsShare: (dev: string, failed: readonly string[], survivors: readonly string[], element: string, kind: Bilingual) => bi(
    `${dev}：${list(failed).zh} 已故障，剩余的 ${list(survivors).zh} 均依赖${kind.zh} ${element}，该${kind.zh}一旦故障设备即中断`,
    `${dev}: with ${list(failed).en} failed, the remaining ${list(survivors).en} all depend on ${kind.en} ${element}; one ${kind.en} failure takes it down`,
  ),
  matchesNone: (match: string, reported: readonly string[]) => bi(
    `清单中的电源「${match}」与设备上报的电源（${list(reported).zh}）均不对应`,
    `PSU "${match}" in the inventory matches none of the PSUs the device reports (${list(reported).en})`,
  ),
  matchesSeveral: (match: string, units: readonly string[]) => bi(
    `清单中的电源「${match}」同时对应多个电源（${list(units).zh}），无法确定其供电回路`,
    `PSU "${match}" in the inventory matches several PSUs (${list(units).en}), so its feed is ambiguous`,
  ),
  unmapped: (units: readonly string[]) => bi(
    `设备上报的 ${list(units).zh} 未在清单中登记供电回路`,
    `${list(units).en} reported by the device ${units.length === 1 ? 'is' : 'are'} not mapped to a feed in the inventory`,
  ),
  mappingWrong: (dev: string, notes: readonly Bilingual[]) => bi(
    `${dev}：电源与供电回路的对应关系与设备不符，供电独立性无法确认：${notes.map((n) => n.zh).join('；')}`,
    `${dev}: the PSU-to-feed mapping does not match the device, so feed independence cannot be confirmed: ${notes.map((n) => n.en).join('; ')}`,
  ),
  withNotes: (sentence: Bilingual, notes: readonly Bilingual[]) => (notes.length === 0 ? sentence : bi(
    `${sentence.zh}；另外，${notes.map((n) => n.zh).join('；')}`,
    `${sentence.en}; also, ${notes.map((n) => n.en).join('; ')}`,
  )),

  // PWR-002: utility feeds
  substations: (site: string, n: number) => bi(`${site}：市电引自 ${n} 个变电站`, `${site}: utility feeds from ${n} substations`),
  tooFewSubstations: (site: string, subs: readonly string[], min: number) => bi(
    `${site}：市电仅引自 ${subs.length} 个变电站（${subs.join('、')}），要求 ${min} 个；单一变电站停电即只能依靠电池和油机`,
    `${site}: utility feed from ${subs.length} substation (${subs.join(', ')}), ${min} required; one substation outage leaves the site on batteries and generators`,
  ),
  linesLost: (site: string, lost: readonly string[], powered: number) => (powered === 0 ? bi(
    `${site}：市电输入均无电（${list(lost).zh}），站点正依靠电池或油机供电`,
    `${site}: no mains input has power (${list(lost).en}); the site runs on batteries or generator`,
  ) : bi(
    `${site}：${list(lost).zh} 当前无电，仅剩 ${powered} 路市电输入有电，再失一路即依靠电池或油机`,
    `${site}: ${list(lost).en} without power now; ${powered} mains input(s) left, one more loss leaves the site on batteries or generator`,
  )),
  onGenerator: (site: string, lost: readonly string[], running: readonly string[]) => bi(
    `${site}：市电输入均无电（${list(lost).zh}），站点由运行中的油机（${list(running).zh}）供电，油机再停即依靠电池`,
    `${site}: no mains input has power (${list(lost).en}); the site runs on its generator (${list(running).en}), and only batteries remain if it stops`,
  ),
  livePowered: (n: number) => bi(`当前上报的 ${n} 路市电输入均有电`, `all ${n} mains input(s) reported live have power`),
  liveUnknown: bi('市电实时状态未知：本站无设备上报市电输入', 'live state of the lines unknown: no device at the site reports its mains inputs'),
  withLive: (sentence: Bilingual, note: Bilingual) => bi(`${sentence.zh}；${note.zh}`, `${sentence.en}; ${note.en}`),

  // PWR-004: battery
  batteryUnknownBecause: (dev: string, why: Bilingual) => bi(`${dev}：电池状态未知，${why.zh}`, `${dev}: battery state unknown; ${why.en}`),
  batteryLow: (dev: string, status: 'low' | 'depleted') => bi(
    `${dev}：电池${status === 'low' ? '电量低' : '已耗尽'}，此时市电中断将直接导致负载断电`,
    `${dev}: battery ${status}; a mains failure now drops the load`,
  ),
  noRuntime: (dev: string) => bi(`${dev}：UPS 未上报后备时长`, `${dev}: the UPS does not report its runtime`),
  shortRuntime: (dev: string, minutes: number, min: number) => bi(`${dev}：电池后备 ${minutes} 分钟，低于要求的 ${min} 分钟`, `${dev}: ${minutes} min of battery, ${min} min required`),
  runtime: (dev: string, minutes: number) => bi(`${dev}：电池后备 ${minutes} 分钟`, `${dev}: ${minutes} min of battery`),

  // PWR-005: UPS path
  pathUnknownBecause: (dev: string, why: Bilingual) => bi(`${dev}：UPS 输出状态未知，${why.zh}`, `${dev}: UPS output path unknown; ${why.en}`),
  normalPath: (dev: string) => bi(`${dev}：UPS 处于正常供电状态`, `${dev}: UPS on its normal path`),
  onBattery: bi('处于电池供电', 'on battery'),
  onBypass: bi('处于旁路（负载失去 UPS 保护）', 'on bypass (load unprotected by the UPS)'),
  forMinutes: (mins: number | null) => (mins === null ? bi('持续时间未知', 'for an unknown time') : bi(`已持续 ${Math.round(mins)} 分钟`, `for ${Math.round(mins)} min`)),
  offNormal: (dev: string, how: Bilingual, dur: Bilingual) => bi(`${dev}：UPS ${how.zh}，${dur.zh}`, `${dev}: UPS ${how.en} ${dur.en}`),
  noOutput: (dev: string) => bi(`${dev}：UPS 无输出`, `${dev}: the UPS reports no output`),
  sourceUnknown: (dev: string, source: string) => bi(`${dev}：UPS 输出来源未知`, `${dev}: UPS output source ${source}`),
} as const;
