/**
 * What `analyze` adds to a rule's verdict, per state: the risk level in full with its 双重预防
 * colour, the suggested hazard grade only on failing states (down is a fault), the clause by
 * machine id with its citations, the state and measure labels, and the unknown reason code.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inventoryFromObject, snapshotOf } from '../../test/support/snapshot-builders.js';
import { runAnalysis, suggestedGrade } from './analyze.js';
import type { FindingState } from './finding.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from './policy.js';
import { defineRule } from './rules/types.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const policy = loadPolicy(DEFAULT_POLICY_FILE);
const STATES: readonly FindingState[] = ['protected', 'degraded', 'unprotected', 'down', 'unknown'];

/** A stand-in for NODE-001 (重大隐患 suggested) that says each state once, on one subject each. */
const everyState = defineRule({
  id: 'NODE-001',
  family: 'NODE',
  thresholds: z.strictObject({}),
  evaluate(ctx) {
    for (const state of STATES) {
      ctx.emit({
        subject: { kind: 'service', id: state }, class: 'PC-CORE', site: 's', state, evidence: [],
        explanation: { zh: '测试。', en: 'test.' }, ...(state === 'unknown' ? { reason: 'stale_data' } : {}),
      });
    }
  },
});

describe('analyze: risk level and suggested hazard grade per state', () => {
  const inv = inventoryFromObject({ sites: [{ id: 's', class: 'PC-CORE' }] });
  const report = runAnalysis(snapshotOf(inv, { now: NOW }), policy, NOW, [everyState]);
  const by = (s: FindingState) => report.findings.find((f) => f.state === s)!;

  it.each([
    // state, risk level, colour label, suggested grade, fault
    ['protected', null, null, null, false],
    ['degraded', '较大风险', '橙色（双重预防风险等级）', '重大隐患', false],
    ['unprotected', '重大风险', '红色（双重预防风险等级）', '重大隐患', false],
    ['down', '重大风险', '红色（双重预防风险等级）', null, true],
    ['unknown', '一般风险', '黄色（双重预防风险等级）', null, false],
  ] as const)('%s: %s, colour %s, suggests %s, fault %s', (state, level, colour, grade, fault) => {
    const f = by(state);
    expect(f.riskLevel).toBe(level);
    expect(f.risk?.colour.zh ?? null).toBe(colour);
    expect(f.suggestedHazardGrade).toBe(grade);
    expect(f.fault).toBe(fault);
  });

  it('labels the state and measure, cites the clause by machine id in both languages', () => {
    const f = by('unprotected');
    expect(f.labels).toEqual({ measure: { zh: '多重节点', en: 'multiple nodes' }, state: { zh: '无保护', en: 'unprotected' } });
    expect(f.clause).toBe('MIIT-2023-46/2.3');
    expect(f.clauses).toEqual([{ id: 'MIIT-2023-46/2.3', cite: { zh: '工信厅通信函〔2023〕46号 二、（三）', en: 'MIIT Notice No. 46 [2023], section 2(3)' } }]);
  });

  it('keeps the reason code of an unknown verdict and counts it in the summary', () => {
    expect(by('unknown').reason).toBe('stale_data');
    expect(by('degraded').reason).toBeUndefined();
    expect(report.summary.rules[0]!.unknownReasons).toEqual([{ reason: 'stale_data', count: 1 }]);
  });

  it.each([
    ['unprotected', '一般隐患', '一般隐患'], ['degraded', '重大隐患', '重大隐患'],
    ['protected', '重大隐患', null], ['unknown', '重大隐患', null], ['down', '重大隐患', null],
  ] as const)('suggestedGrade(%s, %s) = %s', (state, rule, want) => {
    expect(suggestedGrade(state, rule)).toBe(want);
  });

  it('cites 二、（四） beside 二、（三） for the drill rule', () => {
    expect(policy.rules.get('SWO-006')!.clauses.map((c) => c.cite.zh)).toEqual(['工信厅通信函〔2023〕46号 二、（三）', '工信厅通信函〔2023〕46号 二、（四）']);
  });
});
