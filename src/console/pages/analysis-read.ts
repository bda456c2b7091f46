/**
 * Reading the latest analysis for a page (findings, coverage): the report's holder is asked like
 * the API asks it, and its refusals become a notice with the API's status — analysis off (404),
 * no report yet or holder busy (503) — instead of an error page.
 */
import { AnalysisUnavailableError, type ReportPage, type ReportView } from '../../analysis/worker/report-queries.js';
import { html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import type { ConsoleContext } from '../page.js';

const W = words({
  noAnalysis: { zh: '尚无分析结果：所有设备完成首次轮询后运行。', en: 'No analysis yet: it runs once every device has been polled.' },
  notEnabled: { zh: '此实例未启用保护分析。', en: 'The protection analysis is not enabled here.' },
  busy: { zh: '分析结果暂不可读（正在计算或重启），请稍后刷新。', en: 'The analysis cannot be read now (busy or restarting); reload in a moment.' },
});

/** Why the analysis cannot be shown: a notice and its status. */
export class Unavailable {
  constructor(readonly body: SafeHtml, readonly status: number) {}
}

const notice = (ctx: ConsoleContext, w: (typeof W)[keyof typeof W], status: number): Unavailable => new Unavailable(html`<p class="notice">${ctx.t(w)}</p>`, status);

/** The latest report, or why there is none. */
export function latestReport(ctx: ConsoleContext): ReportView | Unavailable {
  const analysis = ctx.deps.analysis;
  if (analysis === undefined) return notice(ctx, W.notEnabled, 404);
  return analysis.latest() ?? notice(ctx, W.noAnalysis, 503);
}

/** Asks the report's holder; parsed JSON, or the busy notice. */
export async function askReport<T>(ctx: ConsoleContext, page: Promise<ReportPage>): Promise<T | Unavailable> {
  try {
    return JSON.parse((await page).json) as T;
  } catch (err) {
    if (err instanceof AnalysisUnavailableError) return notice(ctx, W.busy, 503);
    throw err;
  }
}

/** Whether a read came back as a notice. */
export function isUnavailable(v: unknown): v is Unavailable {
  return v instanceof Unavailable;
}
