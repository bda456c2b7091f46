/**
 * The safety summaries on a schedule (三、（三）; `summaries:` in the configuration): for each
 * deadline of a year, a reminder to the admins `reminderDays` before it and, at it (less
 * `leadDays`), the summary made, signed into the reports folder, and its recipients told. Both
 * go through the alerting outbox, so a failing receiver gets retries. Times are local times of the
 * operator's zone. Each job done is recorded in the audit trail (`summary.remind`,
 * `summary.produce`, target `summary:<year>-<MM-DD>`), which is read before a job runs: a job
 * never runs twice for one deadline, across restarts too. A job late because redline was down
 * still runs when it starts again: a reminder until the deadline, a summary up to 30 days after.
 * `step` does one round with the injected clock; `start` runs it every minute with node-cron.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bi, formatTime } from '../analysis/rules/words.js';
import { deliveryIdOf } from '../alerting/routing.js';
import type { Alert, Notification } from '../alerting/types.js';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { SummariesConfig } from '../config/schema.js';
import { dateIn } from '../ledger/clearance.js';
import { DAY_MS } from '../ledger/deadlines.js';
import type { LedgerStore } from '../ledger/port.js';
import { reportOf } from './index.js';
import { produceSignedReport, type RenderableReport } from './produce.js';
import { exportTar, writeExportDir, type ExportSigner } from './signed-export.js';
import type { ReportSources } from './sources.js';
import { SUMMARY_WORDS } from './summary-document.js';
import { localMidnight, parsePeriod, periodEnd, type SummaryPeriod } from './summary-period.js';

/** How long after its time a summary not made (redline was down) is still made. */
export const PRODUCE_GRACE_MS = 30 * DAY_MS;

/** One thing the schedule does. */
export interface SummaryJob {
  readonly kind: 'remind' | 'produce';
  readonly year: number;
  /** MM-DD */
  readonly deadline: string;
  /** The deadline's instant: `at` local time on its day. */
  readonly deadlineAt: number;
  /** `2026-H1` for a deadline on or before 30 June, else the year. */
  readonly period: string;
  /** From when it is due, and until when it is still done. */
  readonly due: number;
  readonly until: number;
  /** Its audit target: `summary:<year>-<MM-DD>`. */
  readonly target: string;
  readonly receivers: readonly string[];
}

/** The audit action of a job. */
export const JOB_ACTIONS = { remind: 'summary.remind', produce: 'summary.produce' } as const;

/** The jobs of `year` (pure). */
export function summaryJobs(cfg: SummariesConfig, year: number, zone: string): SummaryJob[] {
  const own = cfg.years[String(year)];
  const [hh, mm] = cfg.at.split(':').map(Number) as [number, number];
  const out: SummaryJob[] = [];
  for (const d of [...new Set(own?.deadlines ?? cfg.deadlines)].sort()) {
    const [month, day] = d.split('-').map(Number) as [number, number];
    const deadlineAt = localMidnight(year, month, day, zone) + (hh * 60 + mm) * 60_000;
    const base = { year, deadline: d, deadlineAt, period: month <= 6 ? `${year}-H1` : String(year), target: `summary:${year}-${d}` };
    const admins = own?.admins ?? cfg.admins;
    if (cfg.reminderDays > 0 && admins.length > 0) out.push({ ...base, kind: 'remind', due: deadlineAt - cfg.reminderDays * DAY_MS, until: deadlineAt, receivers: admins });
    const at = deadlineAt - cfg.leadDays * DAY_MS;
    out.push({ ...base, kind: 'produce', due: at, until: at + PRODUCE_GRACE_MS, receivers: own?.recipients ?? cfg.recipients });
  }
  return out;
}

/** The jobs due at `now`: of this year and the last (a December deadline's grace runs into January). */
export function jobsDue(cfg: SummariesConfig, now: number, zone: string): SummaryJob[] {
  const year = Number(dateIn(now, zone).slice(0, 4));
  return [year - 1, year].flatMap((y) => summaryJobs(cfg, y, zone)).filter((j) => j.due <= now && now < j.until);
}

/** What a produced summary left: its folder and files. */
export interface ProducedSummary {
  readonly folder: string;
  readonly files: readonly string[];
  readonly fingerprint: string;
}

/** What the schedule needs from the daemon. */
export interface SummaryScheduleDeps {
  readonly config: () => { readonly summaries: SummariesConfig; readonly timeZone: string };
  readonly now: () => number;
  /** The ledger: its audit trail records what was done. */
  readonly store: Pick<LedgerStore, 'audit' | 'appendAudit'>;
  /** Makes and signs the summary of `period` as of `createdAt` into the reports folder. */
  readonly produce: (period: SummaryPeriod, createdAt: number, job: SummaryJob) => Promise<ProducedSummary>;
  /** The alerting outbox (a delivery id already there is ignored). */
  readonly enqueue: (notifications: readonly Notification[]) => Promise<number>;
  readonly logger: Logger;
}

/** What one round did. */
export interface SummaryStepResult {
  readonly done: readonly { readonly kind: SummaryJob['kind']; readonly target: string; readonly notified: number }[];
  readonly failed: readonly { readonly kind: SummaryJob['kind']; readonly target: string; readonly error: string }[];
}

/** The words of the two messages. */
function words(job: SummaryJob, zone: string, produced: ProducedSummary | null): { summary: { zh: string; en: string }; description: { zh: string; en: string } } {
  const title = SUMMARY_WORDS.title(parsePeriod(job.period, zone));
  const when = formatTime(job.deadlineAt, zone);
  if (produced === null) {
    return {
      summary: bi(`提醒：${title.zh}应于 ${when.zh} 前报送`, `Reminder: the ${title.en} is due by ${when.en}`),
      description: bi(`按工信厅通信函〔2023〕46号 三、（三），${title.zh}应于 ${when.zh} 前报送；redline 将于届时生成签名版本。`, `Under MIIT Notice No. 46 [2023], section 3(3), the ${title.en} is due by ${when.en}; redline makes the signed summary then.`),
    };
  }
  return {
    summary: bi(`${title.zh}已生成`, `${title.en} is ready`),
    description: bi(`已生成并签名（密钥指纹 ${produced.fingerprint}），报送时限 ${when.zh}，位于 ${produced.folder}`, `Made and signed (key fingerprint ${produced.fingerprint}), due ${when.en}, in ${produced.folder}`),
  };
}

/** The notifications of a job to its receivers: one delivery id per job and receiver, so a retry after a crash is one message. */
function notificationsOf(job: SummaryJob, zone: string, now: number, produced: ProducedSummary | null): Notification[] {
  const alertname = produced === null ? 'SafetySummaryReminder' : 'SafetySummaryReady';
  const alert: Alert = {
    key: `meta:${job.kind}:${job.target}`, kind: 'meta', severity: 'info', colour: null, labels: { alertname, period: job.period, deadline: `${job.year}-${job.deadline}` },
    ...words(job, zone, produced), startsAt: now, endsAt: null,
  };
  const groupKey = `${job.kind}:${job.target}`;
  return job.receivers.map((receiver) => ({
    deliveryId: deliveryIdOf(groupKey, receiver, job.due, 0), receiver, groupKey, groupLabels: { period: job.period }, status: 'firing', alerts: [alert], at: now, reason: 'summary', tier: 0,
  }));
}

/** Whether the audit trail records `job` as done. */
async function doneBefore(store: SummaryScheduleDeps['store'], job: SummaryJob): Promise<boolean> {
  const records = await store.audit({ limit: 100, action: JOB_ACTIONS[job.kind], target: job.target });
  return records.some((r) => r.target === job.target);
}

/** The schedule of the summaries. */
export interface SummarySchedule {
  /** One round at the clock's now: every job due and not yet done. */
  step(): Promise<SummaryStepResult>;
  /** Schedules `step` every minute (node-cron, in the operator's zone) and starts one round now without waiting for it (a late summary does not hold the daemon's start). */
  start(): Promise<void>;
  /** Stops the schedule; resolves once a round under way has finished. */
  stop(): Promise<void>;
}

/** Builds the schedule. */
export function createSummarySchedule(deps: SummaryScheduleDeps): SummarySchedule {
  let stopTask: (() => void) | null = null;
  let running: Promise<SummaryStepResult> | null = null;
  const round = async (): Promise<SummaryStepResult> => {
    const { summaries, timeZone } = deps.config();
    const done: { kind: SummaryJob['kind']; target: string; notified: number }[] = [];
    const failed: { kind: SummaryJob['kind']; target: string; error: string }[] = [];
    if (!summaries.enabled) return { done, failed };
    for (const job of jobsDue(summaries, deps.now(), timeZone)) {
      try {
        if (await doneBefore(deps.store, job)) continue;
        const now = deps.now();
        let produced: ProducedSummary | null = null;
        if (job.kind === 'produce') produced = await deps.produce(parsePeriod(job.period, timeZone), now, job);
        // told before it is recorded: a crash in between tells again under the same delivery ids
        const notified = await deps.enqueue(notificationsOf(job, timeZone, now, produced));
        await deps.store.appendAudit({
          at: now, actor: 'daemon', action: JOB_ACTIONS[job.kind], target: job.target, before: null,
          after: { period: job.period, deadline: new Date(job.deadlineAt).toISOString(), receivers: [...job.receivers], ...(produced === null ? {} : { folder: produced.folder, files: [...produced.files] }) },
        });
        deps.logger.info({ job: job.kind, target: job.target, period: job.period, receivers: job.receivers.length }, job.kind === 'produce' ? 'safety summary made and signed' : 'safety summary reminder sent');
        done.push({ kind: job.kind, target: job.target, notified });
      } catch (err) {
        deps.logger.error({ job: job.kind, target: job.target, err: errorMessage(err) }, 'a scheduled safety summary job failed; the next round tries again');
        failed.push({ kind: job.kind, target: job.target, error: errorMessage(err) });
      }
    }
    return { done, failed };
  };
  // one round at a time: a round still running is the answer to a second ask
  const step = (): Promise<SummaryStepResult> => {
    running ??= round().finally(() => { running = null; });
    return running;
  };
  return {
    step,
    start: async () => {
      const cron = await import('node-cron');
      const task = cron.schedule('* * * * *', async () => {
        try { await step(); } catch (err) { deps.logger.error({ err: errorMessage(err) }, 'the safety summary schedule failed a round; the next minute tries again'); }
      }, { timezone: deps.config().timeZone, name: 'redline-summaries', noOverlap: true });
      stopTask = () => { void task.stop(); };
      step().catch((err: unknown) => { deps.logger.error({ err: errorMessage(err) }, 'the safety summary schedule failed a round; the next minute tries again'); });
    },
    stop: async () => {
      stopTask?.();
      stopTask = null;
      await running?.catch(() => undefined);
    },
  };
}

/** Makes the whole-network summary of `period` as of `createdAt`, signed, into a new folder of `dir` (and its .tar beside it). */
export async function writeSignedSummary(o: {
  readonly dir: string; readonly sources: ReportSources; readonly signer: ExportSigner; readonly period: SummaryPeriod; readonly createdAt: number;
  readonly formats: SummariesConfig['formats']; readonly lang: SummariesConfig['lang'];
}): Promise<ProducedSummary> {
  const report = await reportOf('summary', o.sources, { window: { from: o.period.from, to: periodEnd(o.period, o.createdAt) }, scope: {}, lang: o.lang, period: o.period }, o.createdAt) as RenderableReport<unknown>;
  const files = await produceSignedReport(report, { lang: o.lang, formats: o.formats, createdAt: o.createdAt }, o.signer);
  const name = `summary-${o.period.id}-${new Date(o.createdAt).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const folder = join(o.dir, name);
  writeExportDir(folder, files);
  writeFileSync(`${folder}.tar`, exportTar(name, files, o.createdAt));
  return { folder, files: files.map((f) => f.name), fingerprint: o.signer.fingerprint };
}
