/**
 * The hazard ledger's words, in one table a Chinese reader reviews in one place: statuses
 * (待整改 … 已销号, 逾期), every field of protection-policy.md §6.1, the person actions, the hazard
 * categories, grades, ways of finding, and the sentences redline writes into a hazard's history
 * or its errors. Chinese text carries no English words (ids, field keys, paths and zone names excepted).
 */
import type { Bilingual, Measure } from '../analysis/finding.js';
import { HAZARD_GRADE_LABELS, bi, formatTime } from '../analysis/rules/words.js';
import { isOverdue } from './deadlines.js';
import type { FoundByMethod, GovernancePlan, Hazard, HazardLocation, HazardStatus, RegulatorReport, Verification } from './types.js';

/** The hazard grades in both languages (shared with the rules' words). */
export { HAZARD_GRADE_LABELS };

/** The statuses as the ledger shows them: 待整改 / 已确认 / 整改中 / 整改完成待验收 / 已销号 / 重新打开. */
export const HAZARD_STATUS_LABELS: Readonly<Record<HazardStatus, Bilingual>> = {
  open: bi('待整改', 'open'),
  acknowledged: bi('已确认', 'acknowledged'),
  rectifying: bi('整改中', 'under rectification'),
  pendingVerification: bi('整改完成待验收', 'rectified, awaiting verification'),
  closed: bi('已销号', 'closed'),
  reopened: bi('重新打开', 'reopened'),
};

/** 逾期: shown beside the status of a hazard past its deadline (computed, never stored). */
export const OVERDUE_LABEL: Bilingual = bi('逾期', 'overdue');

/** A hazard's status as people read it, with 逾期 beside it when it is past its deadline at `now`: `整改中（逾期）` / `under rectification (overdue)`. */
export function statusLabel(hazard: Pick<Hazard, 'status' | 'fixedAt' | 'deadline'>, now: number): Bilingual {
  const s = HAZARD_STATUS_LABELS[hazard.status];
  return isOverdue(hazard, now) ? bi(`${s.zh}（${OVERDUE_LABEL.zh}）`, `${s.en} (${OVERDUE_LABEL.en})`) : s;
}

/** Every field of a hazard (protection-policy.md §6.1 and the ledger's own bookkeeping). */
export const HAZARD_FIELD_LABELS: Readonly<Record<keyof Hazard, Bilingual>> = {
  id: bi('隐患编号', 'hazard id'),
  version: bi('版本', 'version'),
  fingerprint: bi('判定指纹', 'finding fingerprint'),
  rule: bi('判定规则', 'rule'),
  subject: bi('判定对象', 'subject'),
  location: bi('隐患部位', 'location'),
  protectionClass: bi('保护类别', 'protection class'),
  measure: bi('保护措施', 'protection measure'),
  category: bi('隐患类别', 'category'),
  description: bi('隐患描述', 'description'),
  basis: bi('判定依据', 'basis'),
  colour: bi('风险等级', 'risk level'),
  suggestedGrade: bi('建议隐患级别', 'suggested hazard grade'),
  grade: bi('隐患级别', 'hazard grade'),
  foundAt: bi('排查日期', 'found at'),
  foundBy: bi('排查人', 'found by'),
  foundByMethod: bi('排查方式', 'found by (method)'),
  reportingOrg: bi('填报单位', 'reporting organisation'),
  potentialConsequence: bi('可能后果', 'potential consequence'),
  interimControls: bi('临时管控措施', 'interim controls'),
  remediationPlan: bi('整改措施', 'remediation plan'),
  governancePlan: bi('治理方案', 'governance plan'),
  regulatorReport: bi('是否上报', 'reported to the regulator'),
  supervised: bi('挂牌督办', 'supervised by the regulator'),
  ownerOrg: bi('整改责任单位', 'responsible unit'),
  ownerPerson: bi('责任人', 'responsible person'),
  contractorOrg: bi('实施单位（代维）', 'contractor (maintenance)'),
  contractorPerson: bi('实施人', 'contractor person'),
  funding: bi('整改资金', 'funding'),
  deadline: bi('整改时限', 'deadline'),
  status: bi('整改状态', 'status'),
  findingState: bi('最近判定状态', 'latest measured state'),
  lastMeasuredAt: bi('最近判定时间', 'last measured at'),
  protectedPasses: bi('连续已保护判定次数', 'consecutive protected passes'),
  fixedAt: bi('完成日期', 'fixed at'),
  verification: bi('验收', 'verification'),
  closedAt: bi('销号日期', 'closed at'),
  reopenCount: bi('重新打开次数', 'times reopened'),
  createdAt: bi('创建时间', 'created at'),
  updatedAt: bi('更新时间', 'updated at'),
};

/** What a hazard keeps beside its fields (§6.1 items 23 and 24): attachments and its history. */
export const HAZARD_RECORD_LABELS = {
  attachments: bi('佐证材料', 'evidence'),
  history: bi('复查记录', 'recheck log'),
} as const satisfies Readonly<Record<string, Bilingual>>;

/** The six parts of a 重大隐患's governance plan (治理方案). */
export const GOVERNANCE_PART_LABELS: Readonly<Record<keyof GovernancePlan, Bilingual>> = {
  goals: bi('目标和任务', 'goals and tasks'),
  methods: bi('方法和措施', 'methods and measures'),
  fundingAndMaterials: bi('经费和物资', 'funding and materials'),
  organisationAndPeople: bi('机构和人员', 'organisation and people'),
  timeLimits: bi('时限和要求', 'time limits and requirements'),
  safetyAndContingency: bi('安全措施和应急预案', 'safety measures and contingency plan'),
};

/** The parts of the record of a report to the communications administration. */
export const REGULATOR_REPORT_LABELS: Readonly<Record<keyof RegulatorReport, Bilingual>> = {
  date: bi('上报日期', 'reported on'),
  to: bi('上报单位', 'reported to'),
  reference: bi('上报文号', 'reference'),
};

/** The parts of a verifier's sign-off (验收人、验收日期、验收结论). */
export const VERIFICATION_LABELS: Readonly<Record<keyof Verification, Bilingual>> = {
  by: bi('验收人', 'verified by'),
  at: bi('验收日期', 'verified at'),
  result: bi('验收结论', 'verification result'),
  note: bi('验收意见', 'verification note'),
};

/** The verification results. */
export const VERIFICATION_RESULT_LABELS: Readonly<Record<Verification['result'], Bilingual>> = {
  passed: bi('验收通过', 'passed'),
  failed: bi('验收不通过', 'failed'),
};

/** The parts of a hazard's location (局站/机房/网元/线路). */
export const LOCATION_LABELS: Readonly<Record<keyof HazardLocation, Bilingual>> = {
  siteId: bi('局站', 'site'),
  sites: bi('涉及局站', 'sites'),
  roomId: bi('机房', 'room'),
  neId: bi('网元', 'network element'),
  routeId: bi('线路', 'route'),
};

/** How a hazard was found (排查方式). */
export const FOUND_BY_METHOD_LABELS: Readonly<Record<FoundByMethod, Bilingual>> = {
  'auto-rule': bi('自动判定', 'automatic rule'),
  patrol: bi('巡检', 'patrol'),
  inspection: bi('检查', 'inspection'),
  drill: bi('演练', 'drill'),
};

/** The hazard categories (隐患类别) of §6.1: 网络架构 by measure, 供电, and those people file. */
export const HAZARD_CATEGORY_LABELS = {
  '网络架构-节点': bi('网络架构（节点）', 'network architecture (nodes)'),
  '网络架构-路由': bi('网络架构（路由）', 'network architecture (routes)'),
  '网络架构-负荷': bi('网络架构（负荷）', 'network architecture (load sharing)'),
  '网络架构-倒换': bi('网络架构（倒换）', 'network architecture (switchover)'),
  '网络架构-配置': bi('网络架构（配置）', 'network architecture (configuration)'),
  供电: bi('供电', 'power supply'),
  消防: bi('消防', 'fire protection'),
  防雷: bi('防雷', 'lightning protection'),
  防震: bi('防震', 'earthquake protection'),
  防汛: bi('防汛', 'flood protection'),
  管理: bi('管理', 'management'),
} as const satisfies Readonly<Record<string, Bilingual>>;
/** One of the hazard categories. */
export type HazardCategory = keyof typeof HAZARD_CATEGORY_LABELS;
/** Every hazard category, in the order of §6.1. */
export const HAZARD_CATEGORIES = Object.keys(HAZARD_CATEGORY_LABELS) as readonly HazardCategory[];

/** The category of a measured hazard, from the protection measure its rule checks. */
export const CATEGORY_OF_MEASURE: Readonly<Record<Measure, HazardCategory>> = {
  multipleNodes: '网络架构-节点',
  multipleRoutes: '网络架构-路由',
  loadSharing: '网络架构-负荷',
  automaticSwitchover: '网络架构-倒换',
  redundantConfiguration: '网络架构-配置',
  multiplePower: '供电',
};

/** The actions a person takes on a hazard (and filing one). */
export const ACTION_LABELS = {
  acknowledge: bi('确认并指定责任人', 'acknowledge and assign an owner'),
  update: bi('更新台账信息', 'update'),
  confirmGrade: bi('确认隐患级别', 'confirm the hazard grade'),
  startRectification: bi('开始整改', 'start rectification'),
  markFixed: bi('标记整改完成', 'mark as fixed'),
  verify: bi('验收', 'verify'),
  reopen: bi('重新打开', 'reopen'),
  file: bi('登记隐患', 'file a hazard'),
} as const satisfies Readonly<Record<string, Bilingual>>;
/** One person action on a hazard (filing excepted). */
export type LifecycleAction = Exclude<keyof typeof ACTION_LABELS, 'file'>;

/** The rule a measured hazard rests on, cited first in its basis (判定依据). */
export function ruleCite(rule: string): Bilingual {
  return bi(`判定规则 ${rule}`, `rule ${rule}`);
}

/** What redline writes into a hazard's history when it acts by itself. */
export const DAEMON_EVENT_TEXT = {
  opened: bi('自动判定发现隐患', 'found by an automatic rule'),
  reopened: bi('已销号的隐患再次出现', 'the closed hazard recurred'),
  backToRectifying: bi('待验收期间再次判定为未保护，退回整改中', 'failed again before sign-off: back to rectification'),
  pendingVerification: (passes: number): Bilingual => bi(`连续 ${passes} 次判定为已保护，整改完成待验收`, `judged protected in ${passes} consecutive passes: awaiting verification`),
  measured: bi('重新判定', 're-measured'),
  gone: bi('判定对象已不在分析范围内（已从资源清单移除或规则不再适用）', 'the subject left the analysis (removed from the inventory, or the rule no longer applies)'),
} as const;

/** A bilingual sentence as one line of history text: Chinese first. */
export function historyText(b: Bilingual): string {
  return `${b.zh} / ${b.en}`;
}

/** The error of a policy file that still lists `waivers:` once they were imported into the ledger. */
export function policyWaiversMovedText(file: string, importedAt: number, timeZone: string): Bilingual {
  const when = formatTime(importedAt, timeZone);
  return bi(
    `风险接受（豁免）已移入台账（${when.zh}导入）；请从 ${file} 删除 \`waivers:\`，并通过 /api/v1/waivers 管理`,
    `waivers now live in the ledger (imported ${when.en}); remove \`waivers:\` from ${file}; manage them with /api/v1/waivers`,
  );
}
