/** Tests of the shared words: labels, clause citations and the operator-zone time formatter. */
import { describe, expect, it } from 'vitest';
import { COLOURS, FINDING_STATES, MEASURES } from '../finding.js';
import { citeClause, formatTime, isTimeZone, localDate, MEASURE_LABELS, RISK_LEVELS, STATE_LABELS } from './words.js';

describe('words', () => {
  it('labels every state, measure and colour in both languages', () => {
    expect(FINDING_STATES.map((s) => STATE_LABELS[s].zh)).toEqual(['已保护', '降级', '无保护', '中断', '未知']);
    expect(MEASURES.map((m) => MEASURE_LABELS[m].zh).join('、')).toBe('多重节点、多重路由、负荷分担、自动倒换、冗余配置、多路电源');
    expect(COLOURS.map((c) => RISK_LEVELS[c].level.zh)).toEqual(['低风险', '一般风险', '较大风险', '重大风险']);
    for (const c of COLOURS) expect(RISK_LEVELS[c].colour.zh).toContain('双重预防');
  });

  it.each([
    ['MIIT-2023-46/2.3', '工信厅通信函〔2023〕46号 二、（三）', 'MIIT Notice No. 46 [2023], section 2(3)'],
    ['MIIT-2023-46/2.4', '工信厅通信函〔2023〕46号 二、（四）', 'MIIT Notice No. 46 [2023], section 2(4)'],
  ])('cites %s', (id, zh, en) => {
    expect(citeClause(id)).toEqual({ id, cite: { zh, en } });
  });

  it.each([
    // 16:30 UTC on the 11th is already the 12th in Shanghai
    [Date.UTC(2026, 8, 11, 16, 30), 'Asia/Shanghai', '2026-09-12', '2026-09-12 00:30 (Asia/Shanghai)'],
    [Date.UTC(2026, 8, 11, 16, 30), 'UTC', '2026-09-11', '2026-09-11 16:30 (UTC)'],
    [Date.UTC(2026, 8, 12, 6, 3), 'Asia/Shanghai', '2026-09-12', '2026-09-12 14:03 (Asia/Shanghai)'],
  ])('formats %s in %s', (at, zone, date, en) => {
    expect(localDate(at, zone)).toBe(date);
    expect(formatTime(at, zone).en).toBe(en);
    expect(formatTime(new Date(at).toISOString(), zone).zh).toBe(`${en.slice(0, 16)}（${zone} 时间）`);
  });

  it('validates zone names', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
