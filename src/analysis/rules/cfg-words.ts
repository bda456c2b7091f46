/** The words of the CFG family (冗余配置): one sentence per case, Chinese first. */
import type { Bilingual } from '../finding.js';
import { bi } from './words.js';

/** Sentences of CFG-002, by case. */
export const CFG_WORDS = {
  noBackup: (device: string) => bi(`${device}：无配置备份记录`, `${device}: no configuration backup on record`),
  age: (hours: number) => (hours >= 48 ? bi(`${Math.floor(hours / 24)} 天`, `${Math.floor(hours / 24)} days`) : bi(`${Math.round(hours)} 小时`, `${Math.round(hours)} h`)),
  tooOld: (device: string, age: Bilingual, max: number, at: Bilingual) => bi(
    `${device}：最近一次配置备份为 ${at.zh}，距今 ${age.zh}（上限 ${max} 小时）`, `${device}: last configuration backup ${at.en}, ${age.en} old (max ${max} h)`,
  ),
  fresh: (device: string, hours: number) => bi(`${device}：${hours} 小时前已备份配置`, `${device}: configuration backed up ${hours} h ago`),
} as const;
