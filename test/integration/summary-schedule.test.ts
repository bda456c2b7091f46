/**
 * The safety summaries on a schedule (issue #13 item 5), with a manual clock over a real SQLite
 * ledger file and its real alerting outbox: the admins' reminder 7 days before 15 June 09:00
 * (Asia/Shanghai), the signed summary of 2026-H1 at the deadline into the reports folder with its
 * recipients told, each exactly once — across a restart (the ledger reopened, a new schedule) —
 * and a summary missed while redline was down made when it starts again, while a missed reminder
 * is not sent after its deadline.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteOutbox } from '../../src/alerting/outbox-sqlite.js';
import { runVerifyReport } from '../../src/cli/verify-report.js';
import { silentLogger } from '../../src/common/logger.js';
import { configSchema, type SummariesConfig } from '../../src/config/schema.js';
import { loadOrCreateSigningKey } from '../../src/ledger/signing.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import { openSqliteRecordsStore } from '../../src/records/sqlite-store.js';
import { createSummarySchedule, jobsDue, writeSignedSummary, type SummarySchedule } from '../../src/reports/summary-schedule.js';
import { ManualClock } from '../support/clock.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

const L = (local: string): number => Date.parse(`${local}+08:00`);
const ZONE = 'Asia/Shanghai';
const MIN = 60_000;

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** The configuration's summaries section, validated as a file would be. */
function summariesConfig(): SummariesConfig {
  return configSchema.parse({
    version: 1,
    alerting: { receivers: [{ name: 'ops-mail', type: 'webhook', options: { url: 'http://127.0.0.1:9/' } }, { name: 'bureau', type: 'webhook', options: { url: 'http://127.0.0.1:9/' } }] },
    summaries: { admins: ['ops-mail'], recipients: ['bureau'], formats: ['html', 'json'] },
  }).summaries;
}

/** A daemon's worth of the schedule over the ledger file in `dir`, on `clock`. */
function daemon(dir: string, clock: ManualClock): { schedule: SummarySchedule; store: SqliteLedgerStore } {
  const store = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const outbox = openSqliteOutbox(store.db);
  const key = loadOrCreateSigningKey(join(dir, 'ledger-signing.key'), { now: L('2026-01-01T00:00:00') });
  const cfg = summariesConfig();
  const schedule = createSummarySchedule({
    config: () => ({ summaries: cfg, timeZone: ZONE }), now: () => clock.wallMs(), store, logger: silentLogger,
    enqueue: (n) => outbox.enqueue(n),
    produce: (period, createdAt) => writeSignedSummary({
      dir: join(dir, cfg.dir), signer: key, period, createdAt, formats: cfg.formats, lang: cfg.lang,
      sources: {
        store, inventory: inventoryFromObject({}), policy: null, policyHash: null, timeZone: ZONE, coverage: () => Promise.resolve(null),
        latestFindings: () => Promise.resolve(null), records: openSqliteRecordsStore(store.db), signingKey: { keyId: key.keyId, fingerprint: key.fingerprint },
      },
    }),
  });
  return { schedule, store };
}

/** The outbox rows waiting for `receiver`, with their alert names. */
async function waiting(store: SqliteLedgerStore, receiver: string, now: number): Promise<string[]> {
  const rows = await openSqliteOutbox(store.db).claim(receiver, now, 100, 1);
  return rows.map((r) => r.notification.alerts[0]!.labels.alertname);
}

describe('the scheduled safety summaries', () => {
  it('remind the admins 7 days before the deadline and make the summary at it, once each, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-summary-schedule-'));
    dirs.push(dir);
    const clock = new ManualClock({ wallMs: L('2026-06-08T08:59:00') });
    let d = daemon(dir, clock);
    expect((await d.schedule.step()).done).toEqual([]);
    clock.advance(MIN);
    expect((await d.schedule.step()).done).toEqual([{ kind: 'remind', target: 'summary:2026-06-15', notified: 1 }]);
    expect((await d.schedule.step()).done).toEqual([]);
    // a restart: the ledger reopened, a new schedule; the reminder is not sent again
    await d.store.close();
    clock.advance(2 * 86_400_000);
    d = daemon(dir, clock);
    expect((await d.schedule.step()).done).toEqual([]);
    clock.advance(L('2026-06-15T08:59:00') - clock.wallMs());
    expect((await d.schedule.step()).done).toEqual([]);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
    clock.advance(MIN);
    const made = await d.schedule.step();
    expect(made).toEqual({ done: [{ kind: 'produce', target: 'summary:2026-06-15', notified: 1 }], failed: [] });
    const folders = readdirSync(join(dir, 'reports')).sort();
    expect(folders).toEqual(['summary-2026-H1-20260615T010000Z', 'summary-2026-H1-20260615T010000Z.tar']);
    const lines: string[] = [];
    expect(runVerifyReport([join(dir, 'reports', folders[1]!)], { out: (t) => { lines.push(t); }, err: (t) => { lines.push(t); } }), lines.join('')).toBe(0);
    // restarted again the same day: nothing more
    await d.store.close();
    clock.advance(60 * MIN);
    d = daemon(dir, clock);
    expect((await d.schedule.step()).done).toEqual([]);
    expect(readdirSync(join(dir, 'reports'))).toHaveLength(2);
    // one message each, through the outbox; the audit trail says what was done
    expect(await waiting(d.store, 'ops-mail', clock.wallMs())).toEqual(['SafetySummaryReminder']);
    expect(await waiting(d.store, 'bureau', clock.wallMs())).toEqual(['SafetySummaryReady']);
    const audit = await d.store.audit({ limit: 100, target: 'summary:' });
    expect(audit.map((r) => [r.action, r.target, r.at])).toEqual([
      ['summary.remind', 'summary:2026-06-15', L('2026-06-08T09:00:00')],
      ['summary.produce', 'summary:2026-06-15', L('2026-06-15T09:00:00')],
    ]);
    await d.store.close();
  });

  it('makes a summary missed while redline was down when it starts again, and does not remind after the deadline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-summary-schedule-'));
    dirs.push(dir);
    const clock = new ManualClock({ wallMs: L('2026-12-20T10:00:00') });
    const d = daemon(dir, clock);
    expect((await d.schedule.step()).done).toEqual([{ kind: 'produce', target: 'summary:2026-12-15', notified: 1 }]);
    expect(readdirSync(join(dir, 'reports'))[0]).toMatch(/^summary-2026-\d{8}T/);
    expect(await waiting(d.store, 'ops-mail', clock.wallMs())).toEqual([]);
    await d.store.close();
  });

  it('knows which job is due when: reminder window, the deadline in the operator\'s zone, a year of its own, the grace into January', () => {
    const base = summariesConfig();
    expect(jobsDue(base, L('2026-06-08T08:59:59'), ZONE)).toEqual([]);
    expect(jobsDue(base, L('2026-06-08T09:00:00'), ZONE).map((j) => [j.kind, j.period])).toEqual([['remind', '2026-H1']]);
    expect(jobsDue(base, L('2026-06-15T09:00:00'), ZONE).map((j) => [j.kind, j.period])).toEqual([['produce', '2026-H1']]);
    expect(jobsDue(base, L('2027-01-10T09:00:00'), ZONE).map((j) => [j.kind, j.target])).toEqual([['produce', 'summary:2026-12-15']]);
    const own = { ...base, years: { 2027: { deadlines: ['06-30', '12-10'] } }, leadDays: 1 };
    expect(jobsDue(own, L('2027-06-29T09:00:00'), ZONE).map((j) => [j.kind, j.target])).toEqual([['remind', 'summary:2027-06-30'], ['produce', 'summary:2027-06-30']]);
    expect(jobsDue({ ...base, enabled: true, reminderDays: 0 }, L('2026-06-08T09:00:00'), ZONE)).toEqual([]);
  });

  it('refuses a summary recipient that is not an alerting receiver', () => {
    const r = configSchema.safeParse({ version: 1, summaries: { recipients: ['nobody'] } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('unknown receiver \\"nobody\\"');
  });
});
