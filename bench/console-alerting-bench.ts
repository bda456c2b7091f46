/**
 * Console page render times over HTTP (real API app, real accounts, real SQLite ledger file):
 * `/alerting` with N booked maintenance windows and N/10 silences (default 10,000), page 1 and a
 * far page, as a logged-in operator. Prints figures; asserts nothing.
 *
 *   npx tsx bench/console-alerting-bench.ts [windows=10000] [runs=20]
 */
import { loginAs } from '../test/support/console.js';
import { startAlertingApi } from '../test/support/alerting-api.js';
import type { BookedWindow, Silence } from '../src/alerting/bookings.js';

const N = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 20);
const T0 = Date.parse('2026-12-07T02:00:00Z');

const h = await startAlertingApi({
  now: T0,
  alerting: { receivers: [{ name: 'noc', type: 'webhook', options: { url: 'http://127.0.0.1:9/x' } }], route: { receivers: ['noc'] }, rosters: [{ name: 'duty', slots: [{ from: '00:00', to: '00:00', tiers: [['noc']] }] }] },
});
try {
  const meta = (id: string) => ({ id, version: 1, createdAt: T0, createdBy: 'bench', updatedAt: T0, updatedBy: 'bench', closedAt: null, closedBy: null, closedHow: null });
  const audit = (id: string) => ({ at: T0, actor: 'bench', action: 'bench.create', target: id, before: null, after: null });
  for (let i = 0; i < N; i++) {
    const w: BookedWindow = { ...meta(`w-${i}`), mode: 'mute', scope: { device: [`dev-${i}`] }, schedule: { every: 'daily', at: '01:00', durationMinutes: 30 }, reason: `work ${i}` };
    await h.bookings.create('window', w, audit(`window:w-${i}`));
    if (i % 10 === 0) {
      const s: Silence = { ...meta(`s-${i}`), matchers: [{ name: 'device', op: '=', value: `dev-${i}` }], startsAt: T0, endsAt: T0 + 3_600_000, comment: 'bench' };
      await h.bookings.create('silence', s, audit(`silence:s-${i}`));
    }
  }
  const op = await loginAs(h.base, h.accounts.tokens.operator);
  for (const path of ['/alerting', `/alerting?wo=${N - 50}`]) {
    const times: number[] = [];
    let bytes = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const res = await op.get(path);
      bytes = (await res.text()).length;
      times.push(performance.now() - t);
    }
    times.sort((x, y) => x - y);
    const p = (q: number): string => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
    console.log(`${path} with ${N} windows, ${Math.ceil(N / 10)} silences: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms over ${RUNS} runs; ${(bytes / 1024).toFixed(0)} KB of HTML`);
  }
} finally {
  await h.close();
}
