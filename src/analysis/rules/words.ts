/**
 * The shared words of every rule family: the `bi(zh, en)` helper the `<family>-words.ts` tables
 * use, and the labels people read (states, the six measures, 「单点故障」, risk levels with their
 * 双重预防 colours, hazard grades, the notice's clauses) plus the operator-zone time formatter.
 * Chinese sentences carry no English words (device names, ids, units and zone names excepted).
 */
import type { Bilingual, Colour, FindingState, Measure } from '../finding.js';

/** One sentence in both languages: Chinese first, as the tables are reviewed by Chinese readers. */
export function bi(zh: string, en: string): Bilingual {
  return { zh, en };
}

/** Joins bilingual fragments language by language (`sep` per language). */
export function join(parts: readonly Bilingual[], sep: Bilingual = bi('', ' ')): Bilingual {
  return { zh: parts.map((p) => p.zh).join(sep.zh), en: parts.map((p) => p.en).join(sep.en) };
}

/** `a, b and c` / `a、b 和 c` (at most `max` shown, then the count of the rest). */
export function list(items: readonly string[], max = 5): Bilingual {
  const shown = items.length > max ? [...items.slice(0, max), `… (+${items.length - max})`] : [...items];
  if (shown.length <= 1) return { en: shown[0] ?? '', zh: shown[0] ?? '' };
  return { en: `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`, zh: `${shown.slice(0, -1).join('、')} 和 ${shown.at(-1)!}` };
}

/** Alternatives of which any one suffices: `a, b or c` / `a、b 或 c`. */
export function anyOf(items: readonly string[], max = 5): Bilingual {
  const shown = items.length > max ? [...items.slice(0, max), `… (+${items.length - max})`] : [...items];
  if (shown.length <= 1) return { en: shown[0] ?? '', zh: shown[0] ?? '' };
  return { en: `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)!}`, zh: `${shown.slice(0, -1).join('、')} 或 ${shown.at(-1)!}` };
}

/** The protection states: 已保护 / 降级 / 无保护 / 中断 / 未知. */
export const STATE_LABELS: Readonly<Record<FindingState, Bilingual>> = {
  protected: bi('已保护', 'protected'),
  degraded: bi('降级', 'degraded'),
  unprotected: bi('无保护', 'unprotected'),
  down: bi('中断', 'down'),
  unknown: bi('未知', 'unknown'),
};

/** The six protection measures of the notice's 二、（三）. */
export const MEASURE_LABELS: Readonly<Record<Measure, Bilingual>> = {
  multipleNodes: bi('多重节点', 'multiple nodes'),
  multipleRoutes: bi('多重路由', 'multiple routes'),
  loadSharing: bi('负荷分担', 'load sharing'),
  automaticSwitchover: bi('自动倒换', 'automatic switchover'),
  redundantConfiguration: bi('冗余配置', 'redundant configuration'),
  multiplePower: bi('多路电源', 'multiple power supplies'),
};

/** 「单点故障」: the words for a single point of failure. */
export const SPOF = bi('单点故障', 'single point of failure');

/** A risk level of the 双重预防 mechanism (风险等级), in full, with its colour. */
export interface RiskLevelLabel {
  /** 重大风险 / major risk … */
  readonly level: Bilingual;
  /** 红色 / red, labelled as a 双重预防 risk level (not an emergency-warning colour). */
  readonly colour: Bilingual;
}

/** The four risk levels (风险等级) by colour: 重大风险 red, 较大风险 orange, 一般风险 yellow, 低风险 blue. */
export const RISK_LEVELS: Readonly<Record<Colour, RiskLevelLabel>> = {
  red: { level: bi('重大风险', 'major risk'), colour: bi('红色（双重预防风险等级）', 'red (dual-prevention risk level)') },
  orange: { level: bi('较大风险', 'significant risk'), colour: bi('橙色（双重预防风险等级）', 'orange (dual-prevention risk level)') },
  yellow: { level: bi('一般风险', 'general risk'), colour: bi('黄色（双重预防风险等级）', 'yellow (dual-prevention risk level)') },
  blue: { level: bi('低风险', 'low risk'), colour: bi('蓝色（双重预防风险等级）', 'blue (dual-prevention risk level)') },
};

/** The hazard grades (隐患等级) a person confirms in the ledger; a rule only suggests one. */
export const HAZARD_GRADES = ['一般隐患', '重大隐患'] as const;
/** One of HAZARD_GRADES. */
export type HazardGrade = (typeof HAZARD_GRADES)[number];

/** The hazard grades in both languages. */
export const HAZARD_GRADE_LABELS: Readonly<Record<HazardGrade, Bilingual>> = {
  一般隐患: bi('一般隐患', 'general hazard'),
  重大隐患: bi('重大隐患', 'major hazard'),
};

/** A subject that is down is a fault (故障), handled as an incident, not a hazard. */
export const FAULT = bi('故障', 'fault');

/** A clause of the notice: the stable machine id kept in JSON and its citation in both languages. */
export interface ClauseCitation {
  readonly id: string;
  readonly cite: Bilingual;
}

/** The clauses of 工信厅通信函〔2023〕46号 redline cites, by stable machine id. */
export const CLAUSES: Readonly<Record<string, ClauseCitation>> = {
  'MIIT-2023-46/2.3': { id: 'MIIT-2023-46/2.3', cite: bi('工信厅通信函〔2023〕46号 二、（三）', 'MIIT Notice No. 46 [2023], section 2(3)') },
  'MIIT-2023-46/2.4': { id: 'MIIT-2023-46/2.4', cite: bi('工信厅通信函〔2023〕46号 二、（四）', 'MIIT Notice No. 46 [2023], section 2(4)') },
  'MIIT-2023-46/3.3': { id: 'MIIT-2023-46/3.3', cite: bi('工信厅通信函〔2023〕46号 三、（三）', 'MIIT Notice No. 46 [2023], section 3(3)') },
};

/** The citation of a clause id; an id redline does not know is cited as itself in both languages. */
export function citeClause(id: string): ClauseCitation {
  return CLAUSES[id] ?? { id, cite: bi(id, id) };
}

/** The default operator time zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether `zone` is an IANA time-zone name (the config schema's validator). */
export { isTimeZone } from '../../config/schema.js';

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The parts of an instant in a zone. */
function zoned(at: number, zone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(at))) p[part.type] = part.value;
  return { year: p.year ?? '', month: p.month ?? '', day: p.day ?? '', hour: p.hour ?? '', minute: p.minute ?? '' };
}

/** The calendar date (YYYY-MM-DD) of an instant in the operator's zone. */
export function localDate(at: number, zone: string): string {
  const p = zoned(at, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant in the operator's zone, zone named: `2026-09-12 14:03 (Asia/Shanghai)` / `2026-09-12 14:03（Asia/Shanghai 时间）`. */
export function formatTime(at: number | string, zone: string): Bilingual {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return bi(String(at), String(at));
  const p = zoned(ms, zone);
  const t = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return bi(`${t}（${zone} 时间）`, `${t} (${zone})`);
}

/** A calendar date already local to the operator (a drill date, a holiday), zone named. */
export function formatLocalDate(date: string, zone: string): Bilingual {
  return bi(`${date}（${zone} 时间）`, `${date} (${zone})`);
}
