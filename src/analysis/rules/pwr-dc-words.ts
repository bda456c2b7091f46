/**
 * The words of the DC power-plant rules (PWR-003, the DC half of PWR-004), zh-CN and English,
 * in one table so a Chinese reader reviews them in one place; the rules hold only decisions.
 */
import type { Bilingual } from '../finding.js';

const BATTERY_STATE_ZH: Readonly<Record<string, string>> = { float: '浮充', charging: '均充', discharging: '放电', test: '核容测试', fault: '故障', unknown: '未知' };

/** Sentences of PWR-003 (rectifier N+1) and the DC half of PWR-004 (battery). */
export const PWR_DC_WORDS = {
  unknownDevice: (id: string, why: Bilingual): Bilingual => ({ en: `${id}: DC plant state unknown; ${why.en}`, zh: `${id}：直流电源系统状态未知，${why.zh}` }),
  noPlantData: (id: string): Bilingual => ({
    en: `${id}: the controller reports no DC plant data (no profile reads its MIB)`,
    zh: `${id}：监控单元未上报直流电源系统数据（无可读取其 MIB 的配置）`,
  }),
  noRectifiers: (id: string): Bilingual => ({ en: `${id}: the controller does not report its rectifier modules`, zh: `${id}：监控单元未上报整流模块状态` }),
  noHeadroomData: (id: string): Bilingual => ({
    en: `${id}: neither the load with the module rating nor the used capacity is reported, so N+1 cannot be judged`,
    zh: `${id}：未上报负载电流与模块额定电流，也未上报容量占用率，无法判断 N+1 冗余`,
  }),
  overloaded: (id: string, ok: number, needed: number): Bilingual => ({
    en: `${id}: ${ok} working rectifier module(s) but the load needs ${needed}: no headroom at all`,
    zh: `${id}：正常整流模块 ${ok} 个，负载需要 ${needed} 个，已无任何余量`,
  }),
  noSpare: (id: string, ok: number, needed: number, spares: number): Bilingual => ({
    en: `${id}: ${ok} working rectifier module(s), ${needed} carry the load and ${spares} spare(s) are required (N+${spares})`,
    zh: `${id}：正常整流模块 ${ok} 个，承载负载需 ${needed} 个，另需备用 ${spares} 个（N+${spares}），冗余不足`,
  }),
  nPlusOne: (id: string, ok: number, needed: number): Bilingual => ({
    en: `${id}: ${ok} working rectifier module(s) for a load that needs ${needed}`,
    zh: `${id}：正常整流模块 ${ok} 个，负载需要 ${needed} 个，满足 N+1`,
  }),
  batteryFault: (id: string): Bilingual => ({ en: `${id}: the battery is in fault; a mains failure now drops the load`, zh: `${id}：蓄电池故障，此时市电中断将直接导致负载断电` }),
  oneString: (id: string, strings: number): Bilingual => ({
    en: `${id}: ${strings} battery string; one string is a single point of failure (≥ 2 required)`,
    zh: `${id}：仅 ${strings} 组蓄电池，单组即为单点故障（要求不少于 2 组）`,
  }),
  noMinutes: (id: string): Bilingual => ({ en: `${id}: the controller does not report the battery's remaining minutes`, zh: `${id}：监控单元未上报蓄电池后备时长` }),
  short: (id: string, minutes: number, min: number): Bilingual => ({
    en: `${id}: ${minutes} min of DC battery, ${min} min required`,
    zh: `${id}：直流蓄电池后备 ${minutes} 分钟，低于要求的 ${min} 分钟`,
  }),
  enough: (id: string, minutes: number, state: string): Bilingual => ({
    en: `${id}: ${minutes} min of DC battery (${state})`,
    zh: `${id}：直流蓄电池后备 ${minutes} 分钟（${BATTERY_STATE_ZH[state] ?? state}）`,
  }),
};
