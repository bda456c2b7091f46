/** The words of the special periods (重要保障期): the readiness sweeps before a period starts. */
import type { Bilingual } from '../finding.js';
import { bi } from './words.js';

/** Sentences of the readiness sweeps, by case. */
export const PERIOD_WORDS = {
  readinessClear: (name: Bilingual, start: Bilingual, days: number) => bi(
    `${name.zh}自 ${start.zh}起，提前 ${days} 天检查：范围内无未消除的风险`, `${name.en} starts ${start.en}; readiness sweep ${days} day(s) before: nothing left to clear in its scope`,
  ),
  readinessOpen: (name: Bilingual, start: Bilingual, days: number, n: number) => bi(
    `${name.zh}自 ${start.zh}起，提前 ${days} 天检查：范围内仍有 ${n} 项风险须在保障期前消除`,
    `${name.en} starts ${start.en}; readiness sweep ${days} day(s) before: ${n} finding(s) in its scope to clear before it starts`,
  ),
} as const;
