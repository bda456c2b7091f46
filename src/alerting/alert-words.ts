/**
 * The words of on-call alerting, in one table: alert summaries and descriptions, the flapping,
 * window and nil-report texts. House style as src/analysis/rules/words.ts: Chinese sentences
 * carry no English words (ids, device names and zone names excepted); times are in the
 * operator's zone, zone named.
 */
import type { Bilingual } from '../analysis/finding.js';
import { bi, formatTime, MEASURE_LABELS, RISK_LEVELS, STATE_LABELS } from '../analysis/rules/words.js';
import type { Finding } from '../analysis/finding.js';

/** 冗余丧失 / redundancy lost: the subject works but is one failure (or a degraded member) from an outage. */
export function redundancyLostSummary(f: Finding): Bilingual {
  const m = MEASURE_LABELS[f.measure];
  const s = STATE_LABELS[f.state];
  return bi(`冗余丧失：${f.subject.id} ${m.zh}${s.zh}`, `Redundancy lost: ${f.subject.id} ${m.en} ${s.en}`);
}

/** 业务中断 / service down: an incident, with the time it began (the report to the administration is timed from it). */
export function serviceDownSummary(f: Finding): Bilingual {
  return bi(`业务中断：${f.subject.id}（${MEASURE_LABELS[f.measure].zh}）`, `Service down: ${f.subject.id} (${MEASURE_LABELS[f.measure].en})`);
}

/** The description: the finding's explanation, its risk level, since when, and the hazard link when there is one. */
export function alertDescription(f: Finding, since: number, zone: string, hazardLink: { id: string; url: string | null } | null): Bilingual {
  const t = formatTime(since, zone);
  const risk = f.colour === null ? null : RISK_LEVELS[f.colour];
  const zh = [f.explanation.zh, risk === null ? '' : `风险等级：${risk.level.zh}（${risk.colour.zh}）。`, `开始时间：${t.zh}。`];
  const en = [f.explanation.en, risk === null ? '' : `Risk level: ${risk.level.en} (${risk.colour.en}).`, `Since ${t.en}.`];
  if (hazardLink !== null) {
    zh.push(`隐患 ${hazardLink.id}${hazardLink.url === null ? '' : `：${hazardLink.url}`}（确认隐患即停止重复通知）。`);
    en.push(`Hazard ${hazardLink.id}${hazardLink.url === null ? '' : `: ${hazardLink.url}`} (acknowledge it to stop re-notification).`);
  }
  return bi(zh.filter((x) => x !== '').join(''), en.filter((x) => x !== '').join(' '));
}

/** 频繁翻转 / flapping: prefixed to the summary of a subject that keeps changing state. */
export function flappingSummary(summary: Bilingual, changes: number, minutes: number): Bilingual {
  return bi(`频繁翻转（${minutes} 分钟内 ${changes} 次）：${summary.zh}`, `Flapping (${changes} changes in ${minutes} min): ${summary.en}`);
}

/** The meta alert for a window on a PC-CORE element without an approved operation plan. */
export function windowWithoutPlan(windowId: string): { summary: Bilingual; description: Bilingual } {
  return {
    summary: bi(`维护窗口 ${windowId} 缺少操作方案`, `Maintenance window ${windowId} has no operation plan`),
    description: bi(
      `维护窗口 ${windowId} 覆盖核心网元（PC-CORE），但未引用经审批的操作方案。请补充方案编号或撤销该窗口。`,
      `Maintenance window ${windowId} covers a core element (PC-CORE) but references no approved operation plan (operationPlanRef). Add the plan reference or cancel the window.`,
    ),
  };
}

/** 零报告 / nil report: the daily report to the duty receivers during a special period. */
export function nilReport(date: string, zone: string, firing: number, periodNames: readonly string[]): { summary: Bilingual; description: Bilingual } {
  const periods = periodNames.length === 0 ? bi('', '') : bi(`（${periodNames.join('、')}）`, ` (${periodNames.join(', ')})`);
  const state = firing === 0
    ? bi('无新增告警，网络保护状态正常。', 'nothing to report: no alert is firing.')
    : bi(`当前仍有 ${firing} 条告警未恢复。`, `${firing} alert(s) still firing.`);
  return {
    summary: bi(`零报告 ${date}${periods.zh}`, `Nil report ${date}${periods.en}`),
    description: bi(`${date}（${zone} 时间）零报告：${state.zh}`, `${date} (${zone}) nil report: ${state.en}`),
  };
}

/** The meta alert for a roster with nobody on duty now: pages routed to it wait. */
export function nobodyOnDuty(roster: string): { summary: Bilingual; description: Bilingual } {
  return {
    summary: bi(`值班表 ${roster} 当前无人值班`, `Nobody on duty in roster ${roster}`),
    description: bi(
      `值班表 ${roster} 在当前时段没有任何班次，发往该值班表的通知将等待，直到有人值班。请补充班次。`,
      `Roster ${roster} has no slot covering this moment: notifications routed to it wait until someone is on duty. Add a slot.`,
    ),
  };
}
