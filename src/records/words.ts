/** The words people read for records: kinds, statuses, categories, grades and results, in zh-CN and English. */
import type { Bilingual } from '../analysis/finding.js';
import { bi } from '../analysis/rules/words.js';
import type {
  CHECK_CATEGORIES, CHECK_RESULTS, CHECKLIST_STATUSES, CUTOVER_CATEGORIES, CutoverStatus, DRILL_RESULTS, DRILL_STATUSES, IncidentGrade,
  INCIDENT_STATUSES, PLAN_STATUSES, RecordKind,
} from './types.js';

export const KIND_LABELS: Readonly<Record<RecordKind, Bilingual>> = {
  cutover: bi('割接/扩容/升级', 'cutover, expansion or upgrade'),
  plan: bi('应急预案', 'emergency plan'),
  drill: bi('应急演练', 'drill'),
  incident: bi('网络运行事故', 'incident'),
  checklist: bi('重要保障期准备检查单', 'special-period checklist'),
};

export const CUTOVER_STATUS_LABELS: Readonly<Record<CutoverStatus, Bilingual>> = {
  draft: bi('草稿', 'draft'),
  approved: bi('已审批', 'approved'),
  in_progress: bi('实施中', 'in progress'),
  done: bi('已完成', 'done'),
  rolled_back: bi('已回退', 'rolled back'),
  cancelled: bi('已取消', 'cancelled'),
};

export const CUTOVER_CATEGORY_LABELS: Readonly<Record<(typeof CUTOVER_CATEGORIES)[number], Bilingual>> = {
  cutover: bi('业务割接', 'cutover'),
  expansion: bi('设备扩容', 'expansion'),
  upgrade: bi('升级改造', 'upgrade'),
};

export const PLAN_STATUS_LABELS: Readonly<Record<(typeof PLAN_STATUSES)[number], Bilingual>> = {
  active: bi('有效', 'in force'),
  retired: bi('已废止', 'retired'),
};

export const DRILL_STATUS_LABELS: Readonly<Record<(typeof DRILL_STATUSES)[number], Bilingual>> = {
  planned: bi('计划中', 'planned'),
  done: bi('已完成', 'done'),
  cancelled: bi('已取消', 'cancelled'),
};

export const DRILL_RESULT_LABELS: Readonly<Record<(typeof DRILL_RESULTS)[number], Bilingual>> = {
  pass: bi('通过', 'passed'),
  fail: bi('未通过', 'failed'),
};

export const INCIDENT_GRADE_LABELS: Readonly<Record<IncidentGrade, Bilingual>> = {
  particularlyMajor: bi('特别重大', 'particularly major'),
  major: bi('重大', 'major'),
  larger: bi('较大', 'larger'),
  general: bi('一般', 'general'),
};

export const INCIDENT_STATUS_LABELS: Readonly<Record<(typeof INCIDENT_STATUSES)[number], Bilingual>> = {
  open: bi('处置中', 'open'),
  resolved: bi('已恢复', 'resolved'),
  closed: bi('已结案', 'closed'),
};

export const CHECKLIST_STATUS_LABELS: Readonly<Record<(typeof CHECKLIST_STATUSES)[number], Bilingual>> = {
  open: bi('检查中', 'open'),
  complete: bi('已完成', 'complete'),
};

export const CHECK_CATEGORY_LABELS: Readonly<Record<(typeof CHECK_CATEGORIES)[number], Bilingual>> = {
  patrol: bi('巡检', 'patrol'),
  generatorFuel: bi('油机及储油', 'generator and fuel'),
  towerReinforcement: bi('铁塔加固', 'tower reinforcement'),
  floodBarriers: bi('防汛物资', 'flood barriers'),
  dutyRoster: bi('值班安排', 'duty roster'),
  other: bi('其他', 'other'),
};

export const CHECK_RESULT_LABELS: Readonly<Record<(typeof CHECK_RESULTS)[number], Bilingual>> = {
  ok: bi('正常', 'ok'),
  problem: bi('发现问题', 'problem found'),
};

/** A review past due, and reported within or past the required time. */
export const FLAG_LABELS = {
  reviewOverdue: bi('预案评审已逾期', 'plan review overdue'),
  reportedInTime: bi('按时报告', 'reported in time'),
  reportedLate: bi('迟报', 'reported late'),
  notReported: bi('未报告', 'not reported'),
} as const;
