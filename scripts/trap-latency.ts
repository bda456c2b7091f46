/**
 * How much sooner a trap makes redline see a failed power supply. Starts the daemon (poll
 * interval 60 s by default) on one replay-agent router with two PSUs, then, `--runs` times:
 * fails PSU 2 and sends the matching Cisco cefcPowerStatusChange trap with Debian's snmptrap,
 * timing trap → re-poll (redline_polls_total rises) and trap → finding change (PWR-001 on the
 * device leaves `protected` in /api/v1/findings); restores the PSU the same way. Then fails the
 * PSU once more without a trap and times the same finding change, which waits for the next
 * scheduled poll and pass. Prints both side by side. Notifications (pages) are not sent yet: the
 * alerting issue adds them after the finding change measured here.
 *
 *   npx tsx scripts/trap-latency.ts [--interval 60] [--runs 3]
 *
 * Figures are wall time on this machine: under load (other test runs) they are inflated.
 */
import { parseArgs } from 'node:util';
import { haveSnmptrap, sendTrap } from '../test/support/snmptrap.js';
import { TRAP_DAEMON_SECRETS, startTrapDaemon, type TrapDaemon } from '../test/support/trap-daemon.js';

const CEFC_POWER_STATUS_CHANGE = '1.3.6.1.4.1.9.9.117.2.0.2';

interface Findings { items: { state: string; subject: { id: string } }[] }

async function psuState(d: TrapDaemon): Promise<string | undefined> {
  return (await d.get<Findings>('/api/v1/findings?state=all&rule=PWR-001')).items.find((f) => f.subject.id === 'pe1')?.state;
}

/** Milliseconds from `since` until `cond` holds (checked every 10 ms), or throws after `limitMs`. */
async function waitFor(what: string, since: number, limitMs: number, cond: () => Promise<boolean>): Promise<number> {
  for (;;) {
    if (await cond()) return performance.now() - since;
    if (performance.now() - since > limitMs) throw new Error(`${what}: not within ${Math.round(limitMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Fails or restores PSU 2, with a trap or without, and times the re-poll and the finding. */
async function flip(d: TrapDaemon, failed: boolean, withTrap: boolean, limitMs: number): Promise<{ repollMs: number | null; findingMs: number }> {
  const polls = await d.polls();
  d.setPsu2(failed ? 'failed' : 'ok');
  const start = performance.now();
  if (withTrap) await sendTrap(d.trapPort, { community: TRAP_DAEMON_SECRETS.community }, CEFC_POWER_STATUS_CHANGE);
  const repoll = withTrap ? waitFor('re-poll', start, limitMs, async () => (await d.polls()) > polls) : Promise.resolve(null);
  const finding = waitFor('finding change', start, limitMs, async () => ((await psuState(d)) === 'protected') !== failed);
  return { repollMs: await repoll, findingMs: await finding };
}

const fmt = (ms: number | null): string => (ms === null ? '—' : ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);
const median = (xs: readonly number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { interval: { type: 'string', default: '60' }, runs: { type: 'string', default: '3' } } });
  const interval = Number(values.interval);
  const runs = Number(values.runs);
  if (!Number.isInteger(interval) || interval < 5 || !Number.isInteger(runs) || runs < 1) throw new Error('--interval must be an integer ≥ 5 (seconds) and --runs an integer ≥ 1');
  if (!haveSnmptrap()) throw new Error('snmptrap (Debian package snmp) is needed');
  // the re-poll gap stays below the pause between flips, so every trap re-polls
  const d = await startTrapDaemon({ pollIntervalSeconds: interval, minRepollSeconds: 1 });
  const limitMs = interval * 3 * 1000;
  try {
    const withTrap: { repollMs: number; findingMs: number }[] = [];
    for (let k = 0; k < runs; k++) {
      const r = await flip(d, true, true, limitMs);
      withTrap.push({ repollMs: r.repollMs ?? 0, findingMs: r.findingMs });
      console.log(`run ${k + 1}: trap → re-poll ${fmt(r.repollMs)}, trap → finding ${fmt(r.findingMs)}`);
      await new Promise((r2) => setTimeout(r2, 1100));
      await flip(d, false, true, limitMs);
      await new Promise((r2) => setTimeout(r2, 1100));
    }
    console.log(`without a trap: waiting for the next scheduled poll and pass (up to ${interval * 2} s)…`);
    const bare = await flip(d, true, false, limitMs);
    console.log('');
    console.log(`PSU 2 of pe1 fails (PWR-001 leaves protected)   with trap (median of ${runs})   without trap (poll every ${interval} s)`);
    console.log(`  trap → re-poll                                ${fmt(median(withTrap.map((r) => r.repollMs))).padEnd(28)} —`);
    console.log(`  failure → finding in /api/v1/findings         ${fmt(median(withTrap.map((r) => r.findingMs))).padEnd(28)} ${fmt(bare.findingMs)}`);
    console.log('');
    console.log('Notifications are not sent yet (the alerting issue adds them after this finding change). Wall time on a shared, loaded machine: inflated.');
  } finally {
    await d.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
