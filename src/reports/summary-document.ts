/** The half-year or annual safety summary as a document in one language (the renderers' input). */
import type { Bilingual } from '../analysis/finding.js';
import { COLOURS } from '../analysis/finding.js';
import { RISK_LEVELS, bi, formatTime } from '../analysis/rules/words.js';
import { HAZARD_GRADE_LABELS, HAZARD_STATUS_LABELS } from '../ledger/words.js';
import { CUTOVER_CATEGORY_LABELS, CUTOVER_STATUS_LABELS, CHECKLIST_STATUS_LABELS, DRILL_RESULT_LABELS, DRILL_STATUS_LABELS, FLAG_LABELS, INCIDENT_GRADE_LABELS, INCIDENT_STATUS_LABELS } from '../records/words.js';
import { cell, inLang, type DocCell, type DocTable, type ReportDocument, type ReportLang } from './document.js';
import type { HazardFigures, SummaryGrade, SummaryModel } from './summary-model.js';
import { REPORT_WORDS as W, scopeText } from './words.js';

/** The summary's own words. */
export const SUMMARY_WORDS = {
  title: (m: Pick<SummaryModel['period'], 'kind' | 'year'>): Bilingual => (m.kind === 'year'
    ? bi(`${m.year}年全年信息通信业安全生产工作总结（网络冗余保护）`, `Safety-production work summary for the year ${m.year} (network redundancy)`)
    : m.kind === 'H1'
      ? bi(`${m.year}年上半年信息通信业安全生产工作总结（网络冗余保护）`, `Safety-production work summary for the first half of ${m.year} (network redundancy)`)
      : bi(`${m.year}年下半年信息通信业安全生产工作总结（网络冗余保护）`, `Safety-production work summary for the second half of ${m.year} (network redundancy)`)),
  period: bi('总结期间', 'Period'),
  asOf: bi('数据截至', 'Figures as of'),
  underWay: bi('（期间尚未结束，数据截至生成时）', ' (the period is under way: figures as of the time of writing)'),
  coverage: bi('核查覆盖', 'Coverage'),
  coverageOf: (evaluated: number, catalogue: number, skipped: number, at: string): Bilingual => bi(`目录规则 ${catalogue} 条，已评估 ${evaluated} 条，未评估 ${skipped} 条（${at} 的分析）`, `${catalogue} catalogue rules: ${evaluated} evaluated, ${skipped} skipped (analysis of ${at})`),
  figures: bi('主要数据', 'Key figures'),
  figure: bi('项目', 'Figure'),
  value: bi('数值', 'Value'),
  definition: bi('口径', 'Definition'),
  byRisk: bi('隐患排查治理情况（按风险等级）', 'Hazards found and closed, by risk level'),
  byGrade: bi('隐患排查治理情况（按隐患级别）', 'Hazards found and closed, by hazard grade'),
  group: bi('分组', 'Group'),
  found: bi('本期发现', 'Found'),
  closed: bi('本期销号', 'Closed'),
  foundAndClosed: bi('本期发现且已销号', 'Found and closed'),
  openAtEnd: bi('期末未销号', 'Open at the end'),
  overdueAtEnd: bi('期末逾期', 'Overdue at the end'),
  closedLate: bi('逾期整改后销号', 'Closed late'),
  total: bi('合计', 'Total'),
  ungraded: bi('未定级', 'not graded'),
  clearanceRate: bi('清零率（本期新增）', 'Cleared-to-zero rate (found in the period)'),
  clearanceDef: bi('本期发现且期末已销号的隐患数 ÷ 本期发现的隐患数', 'hazards found in the period and closed at its end ÷ hazards found in the period'),
  backlogRate: bi('清零率（含期初存量）', 'Cleared-to-zero rate (with the backlog)'),
  backlogDef: (open: number, closed: number): Bilingual => bi(`（期初未销号 ${open} 项中期末已销号 ${closed} 项 + 本期发现且已销号）÷（期初未销号 + 本期发现）`, `(of the ${open} open at the start, ${closed} closed by the end, + found and closed) ÷ (open at the start + found)`),
  hazardsFound: bi('本期发现隐患', 'Hazards found'),
  hazardsClosed: bi('本期销号隐患', 'Hazards closed'),
  overdueDef: bi('期末未销号且超过整改时限（整改完成晚于时限或至期末未完成）', 'not closed at the end and past the deadline (fixed after it, or not fixed by the end)'),
  closedLateDef: bi('本期销号且完成日期（无则销号日期）晚于整改时限', 'closed in the period with the fix (or, without a fix date, the closure) after the deadline'),
  spofsAtEnd: bi('期末单点故障', 'Single points of failure at the end'),
  spofDef: bi('期末处于"无保护"（单点故障）状态的核查项数', 'findings unprotected (one failure from an outage) at the end'),
  na: bi('无（本期无新增隐患）', 'n/a (nothing found in the period)'),
  hazardLines: bi('本期隐患明细', 'Hazards of the period'),
  hazardLinesIntro: bi('本期发现、本期销号或期末仍未销号的隐患。', 'Hazards found or closed in the period, or still open at its end.'),
  statusAtEnd: bi('期末状态', 'Status at the end'),
  spofMeasure: bi('单点故障趋势（按保护措施，月末）', 'Single points of failure by measure, month by month'),
  spofClass: bi('单点故障趋势（按保护类别，月末）', 'Single points of failure by protection class, month by month'),
  spofIntro: bi('每月最后时刻（期间未结束时最后一列为截至时刻）处于"无保护"状态的核查项数，取自台账核查记录。', 'Findings unprotected at the last instant of each month (the last column: the time of writing while the period is under way), from the ledger\'s findings history.'),
  checklists: bi('重要保障期准备情况', 'Special-period preparations'),
  checklistTitle: bi('检查单', 'Checklist'),
  periodId: bi('保障期', 'Special period'),
  dueAt: bi('完成时限', 'Due'),
  items: bi('检查项（已查/总数）', 'Items (checked / all)'),
  problems: bi('发现问题', 'Problems'),
  readyByDue: bi('按时完成', 'Ready by the due date'),
  cutovers: bi('割接、扩容与升级改造', 'Cutovers, expansions and upgrades'),
  ref: bi('工单号', 'Ticket'),
  category: bi('类型', 'Type'),
  window: bi('实施窗口', 'Window'),
  approval: bi('审批', 'Approval'),
  approvedInTime: bi('实施前已审批', 'approved before the work'),
  approvedLate: bi('实施后审批或未审批', 'approved after the work began, or not at all'),
  emergency: bi('（抢修）', ' (emergency)'),
  restored: bi('保护恢复', 'Protection restored'),
  restoredYes: (n: number): Bilingual => bi(n === 0 ? '是（窗口内未出现保护下降）' : `是（窗口内 ${n} 项下降均已恢复）`, n === 0 ? 'yes (no protection lost in the window)' : `yes (all ${n} losses in the window recovered)`),
  restoredNo: (n: number, of: number): Bilingual => bi(`否（窗口内 ${of} 项下降中 ${n} 项期末仍未恢复）`, `no (${n} of ${of} losses in the window still failing at the end)`),
  pending: bi('窗口未结束', 'window not over'),
  notApplicable: bi('未实施', 'not carried out'),
  drills: bi('应急演练与倒换测试', 'Drills and switchover tests'),
  scenario: bi('场景', 'Scenario'),
  date: bi('日期', 'Date'),
  result: bi('结果', 'Result'),
  switchMs: bi('实测倒换时间（毫秒）', 'Measured switchover (ms)'),
  participants: bi('参加人数', 'Participants'),
  observed: bi('观测到的变化', 'Changes observed'),
  incidents: bi('网络运行事故', 'Incidents'),
  incidentGrade: bi('事故等级', 'Grade'),
  start: bi('开始', 'Start'),
  end: bi('结束', 'End'),
  reportedAt: bi('上报时间', 'Reported'),
  reportInTime: bi('是否按时上报', 'Reported in time'),
  services: bi('影响业务', 'Services affected'),
  noRecords: bi('本处未保存记录（记录库不可用）。', 'No records are kept where this report was made.'),
  recordsNote: bi('记录不受范围限制，列出全网记录。', 'Records are listed for the whole network, whatever the scope.'),
} as const;

/** The summary in `lang`, times in the model's zone. */
export function summaryDocument(m: SummaryModel, lang: ReportLang): ReportDocument {
  const t = (b: Bilingual): string => inLang(b, lang);
  const S = SUMMARY_WORDS;
  const zone = m.timeZone;
  const time = (iso: string | null): string => (iso === null ? '' : t(formatTime(iso, zone)));
  const pct = (r: number | null): string => (r === null ? t(S.na) : `${(r * 100).toFixed(1)}%`);
  const yesNo = (b: boolean): DocCell => cell(t(b ? W.yes : W.no), b ? 'ok' : 'red');
  const figureColumns = [
    { key: 'group', label: t(S.group) }, { key: 'found', label: t(S.found) }, { key: 'closed', label: t(S.closed) }, { key: 'foundAndClosed', label: t(S.foundAndClosed) },
    { key: 'openAtEnd', label: t(S.openAtEnd) }, { key: 'overdueAtEnd', label: t(S.overdueAtEnd) }, { key: 'closedLate', label: t(S.closedLate) },
  ];
  const figureRow = (label: DocCell, f: HazardFigures): DocCell[] => [label, cell(f.found), cell(f.closed), cell(f.foundAndClosed), cell(f.openAtEnd), cell(f.overdueAtEnd, f.overdueAtEnd > 0 ? 'red' : undefined), cell(f.closedLate)];
  const gradeLabel = (g: SummaryGrade): string => (g === 'ungraded' ? t(S.ungraded) : t(HAZARD_GRADE_LABELS[g]));
  const months = m.spofs.months.map((x) => x.label);
  const trend = (id: string, title: Bilingual, rows: { name: string; counts: readonly number[] }[]): DocTable => ({
    id, title: t(title), intro: t(S.spofIntro),
    columns: [{ key: 'group', label: t(S.group) }, ...months.map((l) => ({ key: l, label: l }))],
    rows: rows.map((r) => [cell(r.name), ...r.counts.map((n) => cell(n, n > 0 ? 'orange' : undefined))]),
    empty: t(W.none),
    chart: { title: t(title), labels: months, series: rows.filter((r) => r.counts.some((n) => n > 0)).map((r) => ({ name: r.name, values: r.counts })) },
  });
  const h = m.hazards;
  const recordsIntro = m.records.kept ? t(S.recordsNote) : t(S.noRecords);
  const periodText = `${m.period.id}：${time(m.period.from)} — ${time(m.period.to)}`;
  return {
    kind: 'summary',
    lang,
    title: t(S.title(m.period)),
    subtitle: lang === 'en' ? `${m.clause.cite.en}: half-year and annual safety-production summaries` : `依据${m.clause.cite.zh}：上半年、全年安全生产工作总结`,
    meta: [
      { label: t(S.period), value: periodText },
      { label: t(S.asOf), value: `${time(m.period.asOf)}${m.period.complete ? '' : t(S.underWay)}` },
      { label: t(W.scope), value: scopeText(m.scope, lang) },
      { label: t(W.createdAt), value: time(m.createdAt) },
      { label: t(W.policy), value: m.policy.inForce ?? t(W.none) },
      { label: t(S.coverage), value: m.coverage === null ? t(W.noCoverage) : t(S.coverageOf(m.coverage.evaluated, m.coverage.catalogue, m.coverage.skipped, t(formatTime(m.coverage.at, zone)))) },
      { label: t(W.clause), value: t(m.clause.cite) },
      { label: t(W.key), value: m.signingKey?.fingerprint ?? t(W.keyNone) },
    ],
    sections: [
      {
        id: 'figures',
        title: t(S.figures),
        columns: [{ key: 'figure', label: t(S.figure) }, { key: 'value', label: t(S.value) }, { key: 'definition', label: t(S.definition) }],
        rows: [
          [cell(t(S.hazardsFound)), cell(h.total.found), cell('')],
          [cell(t(S.hazardsClosed)), cell(h.total.closed), cell('')],
          [cell(t(S.clearanceRate)), cell(pct(h.clearanceRate)), cell(t(S.clearanceDef))],
          [cell(t(S.backlogRate)), cell(pct(h.backlog.rateWithFound)), cell(t(S.backlogDef(h.backlog.openAtStart, h.backlog.closedByEnd)))],
          [cell(t(S.overdueAtEnd)), cell(h.total.overdueAtEnd, h.total.overdueAtEnd > 0 ? 'red' : undefined), cell(t(S.overdueDef))],
          [cell(t(S.closedLate)), cell(h.total.closedLate), cell(t(S.closedLateDef))],
          [cell(t(S.spofsAtEnd)), cell(m.totals.spofsAtEnd), cell(t(S.spofDef))],
          [cell(t(S.checklists)), cell(m.totals.checklists), cell('')],
          [cell(t(S.cutovers)), cell(m.totals.cutovers), cell('')],
          [cell(t(S.drills)), cell(m.totals.drills), cell('')],
          [cell(t(S.incidents)), cell(m.totals.incidents), cell('')],
        ],
        empty: t(W.none),
      },
      {
        id: 'by-risk',
        title: t(S.byRisk),
        columns: figureColumns,
        rows: [...[...COLOURS].reverse().map((c) => figureRow(cell(t(RISK_LEVELS[c].level), c), h.byRiskLevel[c])), figureRow(cell(t(S.total)), h.total)],
        empty: t(W.none),
      },
      {
        id: 'by-grade',
        title: t(S.byGrade),
        columns: figureColumns,
        rows: [...(['重大隐患', '一般隐患', 'ungraded'] as const).map((g) => figureRow(cell(gradeLabel(g)), h.byGrade[g])), figureRow(cell(t(S.total)), h.total)],
        empty: t(W.none),
      },
      {
        id: 'hazards',
        title: t(S.hazardLines),
        intro: t(S.hazardLinesIntro),
        columns: [
          { key: 'id', label: t(W.hazardId) }, { key: 'description', label: t(W.description) }, { key: 'class', label: t(W.class) }, { key: 'risk', label: t(W.risk) },
          { key: 'grade', label: t(W.grade) }, { key: 'foundAt', label: t(W.foundAt) }, { key: 'deadline', label: t(W.deadline) }, { key: 'fixedAt', label: t(W.fixedAt) },
          { key: 'closedAt', label: t(W.closedAt) }, { key: 'statusAtEnd', label: t(S.statusAtEnd) }, { key: 'closedLate', label: t(S.closedLate) },
        ],
        rows: h.lines.map((x) => [
          cell(x.id), cell(t(x.description)), cell(x.class), cell(t(RISK_LEVELS[x.colour].level), x.colour), cell(x.grade === null ? t(S.ungraded) : t(HAZARD_GRADE_LABELS[x.grade])),
          cell(time(x.foundAt)), cell(time(x.deadline)), cell(time(x.fixedAt)), cell(time(x.closedAt)),
          cell(`${t(HAZARD_STATUS_LABELS[x.statusAtEnd])}${x.overdueAtEnd ? ` (${lang === 'en' ? 'overdue' : '逾期'})` : ''}`, x.overdueAtEnd ? 'red' : undefined),
          cell(x.closedLate ? t(W.yes) : ''),
        ]),
        empty: t(W.none),
      },
      trend('spofs-measure', S.spofMeasure, [...m.spofs.byMeasure.map((r) => ({ name: t(r.label), counts: r.counts })), { name: t(S.total), counts: m.spofs.total }]),
      trend('spofs-class', S.spofClass, m.spofs.byClass.map((r) => ({ name: r.class, counts: r.counts }))),
      {
        id: 'checklists',
        title: t(S.checklists),
        intro: recordsIntro,
        columns: [
          { key: 'title', label: t(S.checklistTitle) }, { key: 'periodId', label: t(S.periodId) }, { key: 'dueAt', label: t(S.dueAt) }, { key: 'items', label: t(S.items) },
          { key: 'problems', label: t(S.problems) }, { key: 'status', label: t(W.status) }, { key: 'readyByDue', label: t(S.readyByDue) },
        ],
        rows: m.records.checklists.map((c) => [
          cell(c.title), cell(c.periodId), cell(time(c.dueAt)), cell(`${c.checked}/${c.items}`), cell(c.problems, c.problems > 0 ? 'orange' : undefined),
          cell(t(CHECKLIST_STATUS_LABELS[c.status])), yesNo(c.readyByDue),
        ]),
        empty: t(W.none),
      },
      {
        id: 'cutovers',
        title: t(S.cutovers),
        intro: recordsIntro,
        columns: [
          { key: 'ref', label: t(S.ref) }, { key: 'title', label: t(W.title) }, { key: 'category', label: t(S.category) }, { key: 'window', label: t(S.window) },
          { key: 'status', label: t(W.status) }, { key: 'approval', label: t(S.approval) }, { key: 'restored', label: t(S.restored) },
        ],
        rows: m.records.cutovers.map((c) => {
          const r = c.restoration;
          const restored = r.status === 'restored' ? cell(t(S.restoredYes(r.failedInWindow)), 'ok')
            : r.status === 'notRestored' ? cell(t(S.restoredNo(r.stillFailing.length, r.failedInWindow)), 'red', r.stillFailing.join(', '))
              : cell(t(r.status === 'pending' ? S.pending : S.notApplicable), 'muted');
          return [
            cell(c.ref), cell(c.title), cell(`${t(CUTOVER_CATEGORY_LABELS[c.category])}${c.emergency ? t(S.emergency) : ''}`), cell(`${time(c.windowStart)} — ${time(c.windowEnd)}`),
            cell(t(CUTOVER_STATUS_LABELS[c.status])),
            cell(c.approvedInTime ? t(S.approvedInTime) : t(S.approvedLate), c.approvedInTime ? 'ok' : 'red', c.approvedBy === null ? undefined : `${c.approvedBy} ${time(c.approvedAt)}`),
            restored,
          ];
        }),
        empty: t(W.none),
      },
      {
        id: 'drills',
        title: t(S.drills),
        intro: recordsIntro,
        columns: [
          { key: 'title', label: t(W.title) }, { key: 'scenario', label: t(S.scenario) }, { key: 'date', label: t(S.date) }, { key: 'status', label: t(W.status) },
          { key: 'result', label: t(S.result) }, { key: 'switchMs', label: t(S.switchMs) }, { key: 'participants', label: t(S.participants) }, { key: 'observed', label: t(S.observed) },
        ],
        rows: m.records.drills.map((d) => [
          cell(d.title, undefined, d.group ?? undefined), cell(d.scenario), cell(time(d.start)), cell(t(DRILL_STATUS_LABELS[d.status])),
          d.result === null ? cell('') : cell(t(DRILL_RESULT_LABELS[d.result]), d.result === 'pass' ? 'ok' : 'red'),
          cell(d.measuredSwitchMs), cell(d.participants), cell(d.observed),
        ]),
        empty: t(W.none),
      },
      {
        id: 'incidents',
        title: t(S.incidents),
        intro: recordsIntro,
        columns: [
          { key: 'title', label: t(W.title) }, { key: 'grade', label: t(S.incidentGrade) }, { key: 'start', label: t(S.start) }, { key: 'end', label: t(S.end) },
          { key: 'reportedAt', label: t(S.reportedAt) }, { key: 'report', label: t(S.reportInTime) }, { key: 'status', label: t(W.status) }, { key: 'services', label: t(S.services) },
        ],
        rows: m.records.incidents.map((i) => [
          cell(i.title), cell(t(INCIDENT_GRADE_LABELS[i.grade])), cell(time(i.start)), cell(time(i.end)), cell(time(i.reportedAt)),
          cell(t(i.report === 'inTime' ? FLAG_LABELS.reportedInTime : i.report === 'late' ? FLAG_LABELS.reportedLate : FLAG_LABELS.notReported), i.report === 'inTime' ? 'ok' : 'red'),
          cell(t(INCIDENT_STATUS_LABELS[i.status])), cell(i.affectedServices.join(', ')),
        ]),
        empty: t(W.none),
      },
    ],
    footer: t(W.footer(m.signingKey?.fingerprint ?? null)),
  };
}
