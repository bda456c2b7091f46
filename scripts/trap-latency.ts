/**
 * How soon a trap becomes a page. Starts the daemon (poll interval 60 s by default) on two routers
 * with two PSUs each: pe1 over SNMP v2c (replay agent) and pe3 over SNMPv3 authPriv (Debian snmpd,
 * its PSUs proxied from the replay agent), alerting to a signed webhook on 127.0.0.1. Then
 * `--traps` times, alternating pe1 (v2c trap) and pe3 (v3 trap): PSU 2 fails or recovers and
 * Debian's snmptrap sends the matching Cisco cefcPowerStatusChange trap; timed from just before
 * the change to the arrival of the RedundancyLost page (firing, or resolved) at the webhook:
 * trap → re-poll → early pass → outbox → delivery. Then both fail once more without a trap, timed
 * the same way: that page waits for the next scheduled poll. Prints p50/p95/max of each version
 * and the no-trap figures side by side (one JSON object with --json). Progress goes to stderr on a
 * terminal only.
 *
 *   npx tsx scripts/trap-latency.ts [--interval 60] [--traps 20] [--json]
 *
 * Figures are wall time on this machine: under load (other test runs) they are inflated.
 */
import { parseArgs } from 'node:util';
import { haveSnmptrap, sendTrap, type TrapAuth } from '../test/support/snmptrap.js';
import { TRAP_DAEMON_SECRETS as S, startTrapDaemon, type TrapDaemon } from '../test/support/trap-daemon.js';
import { alertingToWebhook, psuPage, startNotifyHook, type NotifyHook } from '../test/support/trap-notifications.js';

const CEFC_POWER_STATUS_CHANGE = '1.3.6.1.4.1.9.9.117.2.0.2';
const DEVICES = [
  { device: 'pe1', version: 'v2c', auth: { community: S.community } },
  { device: 'pe3', version: 'v3', auth: { user: S.user, authProtocol: 'SHA-256', authKey: S.authKey, privKey: S.privKey } },
] as const satisfies readonly { device: 'pe1' | 'pe3'; version: string; auth: TrapAuth }[];

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** ms from `since` (performance.now()) to the page about `device`'s PSU with `status`; throws after `limitMs`. */
async function pageAfter(hook: NotifyHook, device: string, status: 'firing' | 'resolved', since: number, limitMs: number): Promise<number> {
  for (;;) {
    const page = psuPage(hook, device, status, since);
    if (page !== undefined) return page.at - since;
    if (performance.now() - since > limitMs) throw new Error(`${device}: no ${status} page within ${Math.round(limitMs / 1000)} s`);
    await delay(5);
  }
}

/** Nearest-rank percentile of `xs` (ms). */
function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
}

interface Stats { n: number; p50: number; p95: number; max: number }
const stats = (xs: readonly number[]): Stats => ({ n: xs.length, p50: percentile(xs, 0.5), p95: percentile(xs, 0.95), max: Math.max(...xs) });
const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { interval: { type: 'string', default: '60' }, traps: { type: 'string', default: '20' }, json: { type: 'boolean' } } });
  const interval = Number(values.interval);
  const traps = Number(values.traps);
  if (!Number.isInteger(interval) || interval < 5 || !Number.isInteger(traps) || traps < 2) throw new Error('--interval must be an integer ≥ 5 (seconds) and --traps an integer ≥ 2');
  if (!haveSnmptrap()) throw new Error('snmptrap (Debian package snmp) is needed');
  const progress = (line: string): void => { if (values.json !== true && process.stderr.isTTY) process.stderr.write(`${line}\n`); };

  const hook = await startNotifyHook('trap-latency-hook-key-41c2');
  // the re-poll gap (1 s) stays below the pause between changes of one device, so every trap re-polls
  const d: TrapDaemon = await startTrapDaemon({ pollIntervalSeconds: interval, withSnmpd: true, minRepollSeconds: 1, extraYaml: alertingToWebhook(hook.url) });
  const limitMs = interval * 3 * 1000;
  try {
    const psu: Record<'pe1' | 'pe3', 'ok' | 'failed'> = { pe1: 'ok', pe3: 'ok' };
    const samples: Record<'v2c' | 'v3', number[]> = { v2c: [], v3: [] };
    for (let k = 0; k < traps; k++) {
      const { device, version, auth } = DEVICES[k % 2]!;
      psu[device] = psu[device] === 'ok' ? 'failed' : 'ok';
      const since = performance.now();
      d.setPsu2(psu[device], device);
      await sendTrap(d.trapPort, auth, CEFC_POWER_STATUS_CHANGE);
      const ms = await pageAfter(hook, device, psu[device] === 'failed' ? 'firing' : 'resolved', since, limitMs);
      samples[version].push(ms);
      progress(`trap ${k + 1}/${traps}: ${version} from ${device}, PSU 2 ${psu[device]} → page at the webhook after ${fmt(ms)}`);
      // past the 1 s re-poll gap, at a random phase (not in step with any timer of the daemon)
      await delay(1100 + Math.floor(Math.random() * 900));
    }
    // without a trap: both fail (recovering first where needed), the page waits for the scheduled poll
    for (const { device, auth } of DEVICES) {
      if (psu[device] === 'failed') {
        const since = performance.now();
        d.setPsu2('ok', device);
        await sendTrap(d.trapPort, auth, CEFC_POWER_STATUS_CHANGE);
        await pageAfter(hook, device, 'resolved', since, limitMs);
        psu[device] = 'ok';
      }
    }
    await delay(1100);
    progress(`without a trap: waiting for the next scheduled poll (every ${interval} s)…`);
    const since = performance.now();
    for (const { device } of DEVICES) d.setPsu2('failed', device);
    const bare = await Promise.all(DEVICES.map(({ device }) => pageAfter(hook, device, 'firing', since, limitMs)));

    const all = [...samples.v2c, ...samples.v3];
    const result = {
      pollIntervalSeconds: interval,
      withTrap: { v2c: stats(samples.v2c), v3: stats(samples.v3), all: stats(all) },
      samplesMs: { v2c: samples.v2c.map(Math.round), v3: samples.v3.map(Math.round) },
      withoutTrap: { v2c: bare[0]!, v3: bare[1]! },
      targetMs: 2000,
      targetMet: percentile(all, 0.95) < 2000,
    };
    if (values.json === true) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const row = (name: string, s: Stats, without: string): string => `  ${name.padEnd(18)} ${String(s.n).padStart(3)}   ${fmt(s.p50).padStart(7)} ${fmt(s.p95).padStart(7)} ${fmt(s.max).padStart(7)}     ${without}`;
    console.log('');
    console.log(`PSU 2 fails or recovers → RedundancyLost page at the webhook      with a trap                 without (poll every ${interval} s)`);
    console.log('                       traps   p50     p95     max');
    console.log(row('v2c trap (pe1)', result.withTrap.v2c, fmt(result.withoutTrap.v2c)));
    console.log(row('v3 authPriv (pe3)', result.withTrap.v3, fmt(result.withoutTrap.v3)));
    console.log(row('all', result.withTrap.all, '—'));
    console.log('');
    console.log(`target: under 2 s at p95 — ${result.targetMet ? 'met' : 'NOT met'}. Wall time on a shared, loaded machine: inflated.`);
  } finally {
    await d.stop();
    await hook.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
