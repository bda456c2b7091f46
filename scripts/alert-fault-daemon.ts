/**
 * The alerting fault run of issue 12 with the daemon itself killed:
 * `npx tsx scripts/alert-fault-daemon.ts [--alerts=10000] [--kills=20] [--devices=300] [--seed=N] [--json] [--keep]`.
 * A real `redline run` (bin/redline.js, built by `npm run build`) polls a fleet of replay-agent
 * routers whose second PSU fails and recovers at random, pages each change to a signed webhook
 * that refuses half the deliveries (500) and answers some after the delivery timeout, and is
 * SIGKILLed `kills` times, restarted each time on the same state and ledger files. Expected is
 * what the daemon committed to its outbox. Prints a line per kill (stderr; with --json only on a
 * terminal) and the counts (stdout; one JSON object with --json); exits 1 when anything committed was lost, anything
 * arrived that was never committed, a duplicate differed from its first copy, or a row ended dead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { daemonFaultOk, runDaemonAlertFault } from '../test/support/alert-fault-daemon.js';
import { ensureBuilt } from '../test/support/cli.js';

const { values } = parseArgs({
  args: process.argv.slice(2), strict: true,
  options: {
    alerts: { type: 'string', default: '10000' }, kills: { type: 'string', default: '20' }, devices: { type: 'string', default: '300' },
    seed: { type: 'string' }, json: { type: 'boolean' }, keep: { type: 'boolean' },
  },
});
const alerts = Number(values.alerts);
const kills = Number(values.kills);
const devices = Number(values.devices);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
for (const [name, v, min] of [['--alerts', alerts, 1], ['--kills', kills, 0], ['--devices', devices, 1], ['--seed', seed, 0]] as const) {
  if (!Number.isInteger(v) || v < min) {
    process.stderr.write(`${name} must be an integer ≥ ${min}\n`);
    process.exit(2);
  }
}
await ensureBuilt();
const dir = mkdtempSync(join(tmpdir(), 'redline-alert-fault-daemon-'));
// progress on stderr; with --json only on a terminal
const say = (line: string): void => { if (values.json !== true || process.stderr.isTTY) process.stderr.write(`${line}\n`); };
say(`daemon fault run: ≥ ${alerts} alerts from ${devices} routers, ${kills} kill -9 of redline run, webhook refusing 50% (seed ${seed}), files in ${dir}`);
const r = await runDaemonAlertFault(dir, {
  alerts, kills, devices, seed,
  onKill: (k) => { say(`kill ${String(k.round).padStart(String(kills).length)}/${kills}: after ${(k.livedMs / 1000).toFixed(1)} s, ${k.committedAlerts} alerts committed, ${k.accepted} delivery ids accepted so far`); },
});
const ok = daemonFaultOk(r);
if (values.json === true) {
  process.stdout.write(`${JSON.stringify({ ...r, lost: r.lost.length, lostIds: r.lost.slice(0, 100), phantom: r.phantom.length, ok, seed })}\n`);
} else {
  const list = (ids: readonly string[]): string => (ids.length > 0 ? ` (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})` : '');
  process.stdout.write([
    `routers:                       ${r.devices} (PSU changes made: ${r.psuChanges})`,
    `kill -9 of the daemon:         ${r.kills} (${r.starts} starts on the same files)`,
    `alerts expected (committed):   ${r.alertsExpected} in ${r.notificationsExpected} notifications (${r.resolvedNotifications} resolved)`,
    `webhook requests:              ${r.requests} (${r.refusedOnPurpose} refused with 500, ${r.slow} answered after the timeout, ${r.badSignatures} bad signatures)`,
    `delivered (distinct ids):      ${r.distinctDelivered} notifications, ${r.alertsDelivered} alerts`,
    `duplicates:                    ${r.duplicates} (all under the same delivery id; ${r.mismatchedDuplicates} differing in content, ${r.headerMismatches} header/body id mismatches)`,
    `lost:                          ${r.lost.length}${list(r.lost)}`,
    `arrived but never committed:   ${r.phantom.length}${list(r.phantom)}`,
    `outbox rows:                   ${Object.entries(r.rows).map(([s, n]) => `${s} ${n}`).join(', ')} (dead ${r.rows['dead'] ?? 0})`,
    `time:                          ${(r.ms / 1000).toFixed(1)} s (on a shared, loaded machine)`,
    ok ? 'result: OK, 0 lost' : 'result: FAILED',
    '',
  ].join('\n'));
}
if (values.keep === true) say(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
