/**
 * The ledger's words: the six statuses and 逾期 as §6.1 names them, a label for every hazard
 * field and every §6.1 item, every action, category, grade and way of finding, and no English
 * word inside a Chinese label (ids, config keys and API paths in code spans excepted).
 */
import { describe, expect, it } from 'vitest';
import { hazard, T } from '../../test/support/hazard-builders.js';
import type { Bilingual } from '../analysis/finding.js';
import { MEASURES } from '../analysis/finding.js';
import { FOUND_BY_METHODS, HAZARD_GRADES, HAZARD_STATUSES } from './types.js';
import * as words from './words.js';

const {
  ACTION_LABELS, CATEGORY_OF_MEASURE, DAEMON_EVENT_TEXT, FOUND_BY_METHOD_LABELS, GOVERNANCE_PART_LABELS, HAZARD_CATEGORIES, HAZARD_CATEGORY_LABELS,
  HAZARD_FIELD_LABELS, HAZARD_GRADE_LABELS, HAZARD_RECORD_LABELS, HAZARD_STATUS_LABELS, OVERDUE_LABEL, VERIFICATION_LABELS, policyWaiversMovedText,
} = words;

/** Every bilingual value in the module's tables (functions called with sample arguments). */
function everyLabel(): Bilingual[] {
  const out: Bilingual[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'function') {
      const r: unknown = (v as (...a: unknown[]) => unknown)(3, T('2026-12-04T06:00:00Z'), 'Asia/Shanghai');
      walk(r);
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['zh'] === 'string' && typeof o['en'] === 'string') out.push(o as unknown as Bilingual);
      else Object.values(o).forEach(walk);
    }
  };
  for (const [name, v] of Object.entries(words)) if (name !== 'historyText' && name !== 'ruleCite' && name !== 'statusLabel') walk(v);
  walk(policyWaiversMovedText('/etc/redline/policy.yaml', T('2026-12-04T06:00:00Z'), 'Asia/Shanghai'));
  return out;
}

describe('ledger words', () => {
  it('names the statuses as §6.1 does, and 逾期', () => {
    expect(HAZARD_STATUSES.map((s) => HAZARD_STATUS_LABELS[s].zh)).toEqual(['待整改', '已确认', '整改中', '整改完成待验收', '已销号', '重新打开']);
    expect(OVERDUE_LABEL.zh).toBe('逾期');
  });

  it('shows 逾期 beside the status of a hazard past its deadline, computed at now', () => {
    const h = hazard({ status: 'rectifying', deadline: T('2026-12-08T00:00:00Z') });
    expect(words.statusLabel(h, T('2026-12-07T00:00:00Z'))).toEqual({ zh: '整改中', en: 'under rectification' });
    expect(words.statusLabel(h, T('2026-12-09T00:00:00Z'))).toEqual({ zh: '整改中（逾期）', en: 'under rectification (overdue)' });
    expect(words.statusLabel({ ...h, status: 'closed' }, T('2026-12-09T00:00:00Z')).zh).toBe('已销号');
  });

  it('labels every hazard field', () => {
    expect(Object.keys(HAZARD_FIELD_LABELS).sort()).toEqual(Object.keys(hazard()).sort());
  });

  it('has every §6.1 item', () => {
    const zh = new Set(everyLabel().map((l) => l.zh));
    for (const item of [
      '隐患编号', '填报单位', '排查日期', '排查方式', '排查人', '隐患部位', '保护类别', '隐患类别', '隐患描述', '判定依据', '风险等级', '隐患级别',
      '可能后果', '临时管控措施', '整改措施', '治理方案', '整改责任单位', '责任人', '实施单位（代维）', '实施人', '整改资金', '整改时限', '整改状态',
      '完成日期', '验收人', '验收日期', '验收结论', '销号日期', '是否上报', '挂牌督办', '佐证材料', '复查记录',
      '目标和任务', '方法和措施', '经费和物资', '机构和人员', '时限和要求', '安全措施和应急预案',
    ]) expect(zh.has(item), item).toBe(true);
    expect(HAZARD_RECORD_LABELS.history.zh).toBe('复查记录');
    expect(Object.keys(GOVERNANCE_PART_LABELS)).toHaveLength(6);
    expect(VERIFICATION_LABELS.by.zh).toBe('验收人');
  });

  it('labels every action, category, grade and way of finding; each measure has a category', () => {
    expect(Object.keys(ACTION_LABELS)).toEqual(['acknowledge', 'update', 'confirmGrade', 'startRectification', 'markFixed', 'verify', 'reopen', 'file']);
    expect(HAZARD_CATEGORIES).toEqual(Object.keys(HAZARD_CATEGORY_LABELS));
    for (const m of MEASURES) expect(HAZARD_CATEGORIES).toContain(CATEGORY_OF_MEASURE[m]);
    for (const g of HAZARD_GRADES) expect(HAZARD_GRADE_LABELS[g].zh).toBe(g);
    for (const f of FOUND_BY_METHODS) expect(FOUND_BY_METHOD_LABELS[f].en.length).toBeGreaterThan(0);
    expect(DAEMON_EVENT_TEXT.pendingVerification(3).zh).toBe('连续 3 次判定为已保护，整改完成待验收');
  });

  it('has no English word inside a Chinese label (code spans, paths and zone names excepted)', () => {
    const labels = everyLabel();
    expect(labels.length).toBeGreaterThan(100);
    const bad = labels.flatMap(({ zh }) => {
      const bare = zh.replace(/`[^`]*`/g, '').replace(/\/[\w./-]+/g, '').replace(/Asia\/Shanghai|Asia|Shanghai/g, '').replace(/\b[A-Z]{2,5}-\d{3}[a-z]?\b/g, '');
      return (bare.match(/[A-Za-z][A-Za-z-]*/g) ?? []).map((w) => `"${w}" in ${zh}`);
    });
    expect(bad).toEqual([]);
    for (const l of labels) expect(l.en).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
