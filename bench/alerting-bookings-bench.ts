/**
 * What run-time bookings cost the alerting step (issue 12, item 10): a ledger file holding
 * `--history` closed bookings (ended windows, expired silences, past overrides) and a few standing
 * ones (50 windows, 50 silences, 20 overrides); prints p50/p95 of `readBookingsSync` (what the
 * worker's step reads in its transaction), of one engine `step` over `--alerts` alerts with and
 * without those bookings, and of the 7-day roster view the API computes. Figures only, no
 * assertions; on a shared machine they are inflated by whatever else runs.
 * Run: npx tsx bench/alerting-bookings-bench.ts [--history=10000] [--alerts=2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteBookingStore, readBookingsSync } from '../src/alerting/booking-sqlite.js';
import type { BookedWindow, BookingMeta, RosterOverride, Silence } from '../src/alerting/bookings.js';
import { EMPTY_ALERTING, step, type StepInput } from '../src/alerting/engine.js';
import { dutyTimeline } from '../src/alerting/roster-view.js';
import type { Finding } from '../src/analysis/finding.js';
import { configSchema } from '../src/config/schema.js';
import { openSqliteLedgerStore } from '../src/ledger/sqlite-store.js';
import { finding } from '../test/support/hazard-builders.js';

const arg = (name: string, fallback: number): number => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a === undefined ? fallback : Number(a.split('=')[1]);
};
const HISTORY = arg('history', 10_000);
const ALERTS = arg('alerts', 2000);
const T0 = Date.parse('2026-12-07T02:00:00Z');
const H = 3_600_000;
const ZONE = 'Asia/Shanghai';

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;
function timed(runs: number, fn: () => unknown): { p50: number; p95: number } {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) };
}
const fmt = (r: { p50: number; p95: number }): string => `p50 ${r.p50.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'redline-bookings-bench-'));
try {
  const ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
  const store = openSqliteBookingStore(ledger.db);
  const meta = (id: string, closed: boolean): BookingMeta => ({
    id, version: 1, createdAt: T0 - 30 * 24 * H, createdBy: 'op', updatedAt: T0, updatedBy: 'op',
    closedAt: closed ? T0 - H : null, closedBy: closed ? 'op' : null, closedHow: closed ? 'cancelled' : null,
  });
  const audit = (target: string) => ({ at: T0, actor: 'op', action: 'bench.book', target, before: null, after: null });
  const window = (id: string, closed: boolean, i: number): BookedWindow => ({
    ...meta(id, closed), mode: 'mute', scope: { site: [`site-${i % 200}`] }, operationPlanRef: 'OP-1',
    schedule: { every: 'once', start: '2026-12-07T09:00', end: '2026-12-07T12:00' },
  });
  const silence = (id: string, endsAt: number, i: number): Silence => ({ ...meta(id, false), matchers: [{ name: 'device', op: '=', value: `d${i}` }], startsAt: T0 - H, endsAt, comment: 'bench' });
  const override = (id: string, to: number, i: number): RosterOverride => ({ ...meta(id, false), roster: 'duty', replaces: 'amy', by: i % 2 === 0 ? 'bob' : 'cat', from: T0 - H, to, reason: '' });

  const t = performance.now();
  for (let i = 0; i < HISTORY; i++) {
    const k = i % 3;
    if (k === 0) await store.create('window', window(`hw-${i}`, true, i), audit(`window:hw-${i}`));
    else if (k === 1) await store.create('silence', silence(`hs-${i}`, T0 - H, i), audit(`silence:hs-${i}`));
    else await store.create('rosterOverride', override(`ho-${i}`, T0 - H, i), audit(`rosterOverride:ho-${i}`));
  }
  for (let i = 0; i < 50; i++) await store.create('window', window(`w-${i}`, false, i), audit(`window:w-${i}`));
  for (let i = 0; i < 50; i++) await store.create('silence', silence(`s-${i}`, T0 + 2 * H, i), audit(`silence:s-${i}`));
  for (let i = 0; i < 20; i++) await store.create('rosterOverride', override(`o-${i}`, T0 + 24 * H + i * H, i), audit(`rosterOverride:o-${i}`));
  console.log(`bookings written: ${HISTORY} closed + 120 standing, each with its audit record, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const booked = readBookingsSync(ledger.db, T0);
  console.log(`standing at the step: ${booked.windows.length} windows, ${booked.silences.length} silences, ${booked.overrides.length} overrides`);
  console.log(`readBookingsSync (the step's read)        ${fmt(timed(200, () => readBookingsSync(ledger.db, T0)))}`);

  const config = configSchema.parse({
    version: 1,
    alerting: {
      receivers: [{ name: 'noc', type: 'webhook' }, { name: 'amy', type: 'webhook' }, { name: 'bob', type: 'webhook' }, { name: 'cat', type: 'webhook' }],
      route: { receivers: ['noc'], groupBy: ['site'], routes: [{ match: { class: ['PC-CORE'] }, roster: 'duty' }] },
      rosters: [{ name: 'duty', slots: [{ from: '08:00', to: '20:00', tiers: [['amy'], ['noc']] }, { from: '20:00', to: '08:00', tiers: [['bob'], ['noc']] }] }],
    },
  }).alerting;
  const findings: Finding[] = Array.from({ length: ALERTS }, (_, i) => finding({ subject: { kind: 'device', id: `d${i}` }, site: `site-${i % 200}` }));
  const input: StepInput = { findings, hazards: [], parentsOf: () => [], devices: [], periods: [], timeZone: ZONE };
  const bare = timed(30, () => step(EMPTY_ALERTING, input, T0, config));
  const withBookings = timed(30, () => step(EMPTY_ALERTING, { ...input, booked }, T0, config));
  console.log(`engine step, ${ALERTS} alerts, no bookings   ${fmt(bare)}`);
  console.log(`engine step, ${ALERTS} alerts, with bookings ${fmt(withBookings)}`);
  console.log(`roster view, 7 days, 20 overrides          ${fmt(timed(100, () => dutyTimeline(config.rosters[0]!, T0, T0 + 7 * 24 * H, ZONE, [], booked.overrides)))}`);
  await ledger.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
