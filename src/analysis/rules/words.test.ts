/** Tests of the shared words: labels, clause citations and the operator-zone time formatter. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The Chinese sentence of each `bi(zh, en)` in a source file: its literal text, substitutions left out. */
function chineseTemplates(source: string): string[] {
  const out: string[] = [];
  let i = source.indexOf('bi(');
  while (i >= 0) {
    let j = i + 3;
    while (/\s/.test(source[j] ?? '')) j++;
    const quote = source[j];
    if (quote === '`' || quote === "'") {
      let text = '';
      let depth = 0;
      for (j++; j < source.length; j++) {
        const c = source[j]!;
        if (depth === 0 && c === quote) break;
        if (quote === '`' && c === '$' && source[j + 1] === '{') { depth++; j++; continue; }
        if (depth > 0 && c === '{') depth++;
        else if (depth > 0 && c === '}') depth--;
        else if (depth === 0) text += c;
      }
      out.push(text);
    }
    i = source.indexOf('bi(', j);
  }
  return out;
}

describe('the words tables', () => {
  // protocol and equipment acronyms, units and the N-1 / N+1 notation read the same in Chinese
  const ALLOWED = new Set(['SNMP', 'HTTP', 'BFD', 'BGP', 'OSPF', 'IS-IS', 'VRRP', 'HSRP', 'PDU', 'UPS', 'ATS', 'PSU', 'LAG', 'ECMP', 'LLDP', 'CDP', 'AS', 'N', 'N-', 'ms', 's', 'h']);
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('-words.ts') || f === 'words.ts');

  it('finds the tables', () => {
    expect(files).toEqual(expect.arrayContaining(['words.ts', 'node-words.ts', 'load-words.ts', 'rte-words.ts', 'swo-words.ts', 'cfg-words.ts', 'common-words.ts']));
    expect(chineseTemplates("bi(`${a}：主用 ${b ? `x${c}` : ''} word`, 'en')")).toEqual(['：主用  word']);
  });

  it.each(readdirSync(fileURLToPath(new URL('.', import.meta.url))).filter((f) => f.endsWith('-words.ts') || f === 'words.ts'))('%s: no English word inside a Chinese sentence', (file) => {
    const bad = chineseTemplates(readFileSync(join(dir, file), 'utf8'))
      .flatMap((zh) => (zh.match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((w) => !ALLOWED.has(w)).map((w) => `"${w}" in ${zh}`));
    expect(bad).toEqual([]);
  });
});
