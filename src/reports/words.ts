/** The words of the reports: titles, headings and the sentences around the tables, in both languages. */
import type { Bilingual } from '../analysis/finding.js';
import { bi, formatTime } from '../analysis/rules/words.js';
import { inLang, type ReportLang } from './document.js';
import type { ReportScope, ReportWindow } from './audit-model.js';

/** The headings and labels of the reports. */
export const REPORT_WORDS = {
  auditTitle: bi('冗余保护核查及风险清单', 'Redundancy audit and risk list'),
  ledgerTitle: bi('隐患排查治理台账', 'Hazard ledger (隐患排查治理台账)'),
  at: bi('核查时点', 'As of'),
  range: bi('核查期间', 'Period'),
  scope: bi('核查范围', 'Scope'),
  all: bi('全部', 'all'),
  province: bi('省份', 'province'),
  site: bi('局站', 'site'),
  class: bi('保护类别', 'protection class'),
  createdAt: bi('生成时间', 'Created'),
  policy: bi('保护策略版本（策略文本 SHA-256）', 'Policy version (SHA-256 of the policy text)'),
  judgedBy: bi('判定所用策略版本', 'Policy versions that judged these findings'),
  key: bi('签名密钥指纹（Ed25519）', 'Signing key fingerprint (Ed25519)'),
  keyNone: bi('未签名', 'not signed'),
  basis: bi('依据', 'Basis'),
  element: bi('保护对象', 'Protected element'),
  clause: bi('依据条款', 'Clause'),
  notChecked: bi('未核查', 'not checked'),
  spofs: bi('单点故障清单', 'Single points of failure'),
  elements: bi('保护对象逐项核查（六项措施）', 'Protected elements by measure (the six measures)'),
  hazards: bi('隐患（未销号与已销号）', 'Hazards (open and closed)'),
  waivers: bi('风险接受（豁免）', 'Accepted risks (waivers)'),
  coverage: bi('核查覆盖说明（已评估与未评估的规则）', 'Coverage statement (rules evaluated and skipped)'),
  rule: bi('规则', 'Rule'),
  subject: bi('对象', 'Subject'),
  sites: bi('局站', 'Sites'),
  measure: bi('措施', 'Measure'),
  risk: bi('风险等级', 'Risk level'),
  since: bi('起始时间', 'Since'),
  explanation: bi('说明', 'Explanation'),
  evidence: bi('证据', 'Evidence'),
  hazardId: bi('隐患编号', 'Hazard id'),
  description: bi('隐患描述', 'Description'),
  grade: bi('隐患级别', 'Hazard grade'),
  statusThen: bi('当时状态', 'Status then'),
  statusNow: bi('当前状态', 'Status now'),
  owner: bi('整改责任单位/责任人', 'Owner (org / person)'),
  foundAt: bi('排查日期', 'Found'),
  deadline: bi('整改时限', 'Deadline'),
  fixedAt: bi('完成日期', 'Fixed'),
  closedAt: bi('销号日期', 'Closed'),
  reason: bi('原因', 'Reason'),
  approvedBy: bi('批准人', 'Approved by'),
  validFrom: bi('生效时间', 'From'),
  until: bi('失效时间', 'Until'),
  revokedAt: bi('撤销时间', 'Revoked'),
  title: bi('规则名称', 'Title'),
  status: bi('状态', 'Status'),
  evaluated: bi('已评估', 'evaluated'),
  skipped: bi('未评估', 'skipped'),
  subjectsCount: bi('评判对象数', 'Subjects judged'),
  coverageAt: (at: string, zone: string): Bilingual => {
    const t = formatTime(at, zone);
    return bi(`以下为 ${t.zh} 的分析所作覆盖说明：目录规则之外另含 redline 自有规则。`, `The coverage statement of the analysis of ${t.en}; redline's own rules follow the catalogue's.`);
  },
  noCoverage: bi('无可用的分析覆盖说明（守护进程尚未完成分析）。', 'No coverage statement is available (no analysis has run yet).'),
  note: bi('说明', 'Note'),
  noElements: bi('范围内无保护对象：资源清单为空，或范围未命中任何对象；本报告不证明任何保护。', 'No protected element in scope: the inventory is empty or the scope matches nothing; this report vouches for no protection.'),
  rangeNote: bi('按期间核查时，每格显示期间内最差的状态。', 'Over a period, each cell shows the worst state seen in it.'),
  cellNote: bi('每格为该措施全部规则中最差的状态；未核查格注明原因。', 'Each cell shows the worst state of the rules of that measure; a cell not checked gives the reason.'),
  yes: bi('是', 'yes'),
  no: bi('否', 'no'),
  none: bi('无', 'none'),
  history: bi('整改过程记录（复查、验收、销号）', 'Rectification history (re-checks, verification, closure)'),
  major: bi('重大隐患治理方案及上报情况', 'Major hazards: governance plan and report to the administration'),
  ledgerRows: bi('隐患台账', 'Ledger'),
  time: bi('时间', 'Time'),
  actor: bi('操作人', 'By'),
  event: bi('事项', 'Event'),
  change: bi('变更', 'Change'),
  supervised: bi('挂牌督办', 'Supervised'),
  reported: bi('上报情况', 'Report to the administration'),
  notReported: bi('未上报', 'not reported'),
  noPlan: bi('未制定治理方案', 'no governance plan'),
  footer: (fingerprint: string | null): Bilingual => fingerprint === null
    ? bi('本文件未签名。', 'This file is not signed.')
    : bi(`本导出目录中 manifest.json 列出每个文件的 SHA-256，manifest.sig 为以台账密钥（指纹 ${fingerprint}）对其所作 Ed25519 签名；可用 redline verify-report 或 OpenSSL 离线核验（见 docs/reports.md）。`,
      `manifest.json in this export lists the SHA-256 of every file; manifest.sig is its Ed25519 signature by the ledger key (fingerprint ${fingerprint}). Check it offline with redline verify-report or OpenSSL (docs/reports.md).`),
} as const;

/** The window in words, in the operator's zone (zone named). */
export function windowText(w: ReportWindow, zone: string, lang: ReportLang): { label: string; value: string } {
  if ('at' in w) return { label: inLang(REPORT_WORDS.at, lang), value: inLang(formatTime(w.at, zone), lang) };
  return { label: inLang(REPORT_WORDS.range, lang), value: `${inLang(formatTime(w.from, zone), lang)} — ${inLang(formatTime(w.to, zone), lang)}` };
}

/** The scope in words. */
export function scopeText(s: ReportScope, lang: ReportLang): string {
  const parts: string[] = [];
  if (s.province !== undefined) parts.push(`${inLang(REPORT_WORDS.province, lang)} ${s.province}`);
  if (s.site !== undefined) parts.push(`${inLang(REPORT_WORDS.site, lang)} ${s.site}`);
  if (s.class !== undefined) parts.push(`${inLang(REPORT_WORDS.class, lang)} ${s.class}`);
  return parts.length === 0 ? inLang(REPORT_WORDS.all, lang) : parts.join(lang === 'en' ? ', ' : '，');
}

/** A window given as ISO strings back in ms. */
export function windowOf(w: { readonly at: string } | { readonly from: string; readonly to: string }): ReportWindow {
  return 'at' in w ? { at: Date.parse(w.at) } : { from: Date.parse(w.from), to: Date.parse(w.to) };
}
