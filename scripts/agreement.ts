/**
 * Prints the agreement tables: for each recording of ../shared/snmprec (25) and
 * ../shared/snmprec-wide (89), each fact redline reads compared with the set's expected.json,
 * then a line per recording and a total per set. Run: `npx tsx scripts/agreement.ts [--set core|wide] [--failing]`.
 * Exits 1 when either set disagrees beyond its written-down gaps, or the wide set falls below 95 %.
 */
import { SecretRegistry } from '../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../src/collect/snmp/engine.js';
import { PROFILES } from '../src/collect/snmp/profiles/index.js';
import { openSnmpTransport } from '../src/collect/snmp/transport.js';
import type { DeviceObservation } from '../src/collect/observation.js';
import { compare, failures, loadExpected, type Check, type ExpectedRecording } from '../test/support/agreement.js';
import { SNMPREC_WIDE_DIR, compareWide, loadWideExpected } from '../test/support/agreement-wide.js';
import { SNMPREC_DIR, sharedAvailable } from '../test/support/shared.js';
import { startSnmpSim } from '../test/support/snmpsim.js';

interface RecordingSet {
  readonly name: 'core' | 'wide';
  readonly dir: string;
  readonly expected: () => Map<string, ExpectedRecording>;
  readonly compare: (name: string, e: ExpectedRecording, o: DeviceObservation) => Check[];
  /** Whether the set passes: no disagreement but its written-down gaps or differences, and on the wide set ≥ 95 % of facts agreeing. */
  readonly passes: (all: readonly Check[]) => boolean;
}

const SETS: readonly RecordingSet[] = [
  { name: 'core', dir: SNMPREC_DIR, expected: loadExpected, compare: (name, _e, o) => compare(name, o), passes: (all) => failures(all).length === 0 },
  { name: 'wide', dir: SNMPREC_WIDE_DIR, expected: loadWideExpected, compare: compareWide, passes: (all) => failures(all).length === 0 && (all.length === 0 || all.filter((c) => c.agrees).length / all.length >= 0.95) },
];

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}

async function runSet(set: RecordingSet, failingOnly: boolean): Promise<boolean> {
  const expected = set.expected();
  const first = expected.keys().next().value;
  const sim = await startSnmpSim({ dataDir: set.dir, ...(first === undefined ? {} : { readyCommunity: first }) });
  const all: Check[] = [];
  try {
    for (const [name, e] of expected) {
      const t = openSnmpTransport({ host: sim.host, port: sim.port }, { version: '2c', community: name }, { timeoutMs: 5000, retries: 1 }, new SecretRegistry());
      try {
        const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => Date.now() });
        all.push(...set.compare(name, e, r.observation));
      } finally {
        t.close();
      }
    }
  } finally {
    await sim.stop();
  }
  const shown = failingOnly ? all.filter((c) => !c.agrees) : all;
  console.log(`\n== ${set.name} set (${set.dir})`);
  console.log(table([['', 'recording', 'fact', 'expected', 'redline'], ...shown.map((c) => [c.agrees ? 'ok ' : c.known !== undefined ? 'gap' : 'XX ', c.recording, c.fact, String(c.expected), String(c.actual)])]));
  const per = [...expected.keys()].map((name) => {
    const mine = all.filter((c) => c.recording === name);
    const ok = mine.filter((c) => c.agrees).length;
    return [ok === mine.length ? 'ok ' : 'XX ', name, `${ok}/${mine.length}`];
  });
  console.log(`\n${set.name}: per recording`);
  console.log(table(per.filter((r) => !failingOnly || r[0] === 'XX ')));
  const agree = all.filter((c) => c.agrees).length;
  const share = all.length === 0 ? 1 : agree / all.length;
  console.log(`\n${set.name}: ${agree}/${all.length} facts agree (${(share * 100).toFixed(1)} %) across ${expected.size} recordings; ${per.filter((r) => r[0] === 'ok ').length} recordings fully agree`);
  return set.passes(all);
}

async function run(): Promise<number> {
  const args = process.argv.slice(2);
  const only = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;
  const failingOnly = args.includes('--failing');
  let pass = true;
  for (const set of SETS) {
    if (only !== undefined && set.name !== only) continue;
    if (!sharedAvailable(set.dir === SNMPREC_DIR ? 'snmprec' : 'snmprec-wide')) continue;
    pass = (await runSet(set, failingOnly)) && pass;
  }
  return pass ? 0 : 1;
}

run().then((code) => { process.exitCode = code; }, (err: unknown) => { console.error(err); process.exitCode = 1; });
