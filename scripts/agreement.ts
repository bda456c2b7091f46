/**
 * Prints the agreement table: for each of the 25 recordings, each fact redline reads compared
 * with ../shared/snmprec/expected.json. Run: `npx tsx scripts/agreement.ts`.
 */
import { SecretRegistry } from '../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../src/collect/snmp/engine.js';
import { PROFILES } from '../src/collect/snmp/profiles/index.js';
import { openSnmpTransport } from '../src/collect/snmp/transport.js';
import { compare, failures, loadExpected, type Check } from '../test/support/agreement.js';
import { sharedAvailable } from '../test/support/shared.js';
import { startSnmpSim } from '../test/support/snmpsim.js';

async function run(): Promise<number> {
  if (!sharedAvailable()) return 0;
  const expected = loadExpected();
  const sim = await startSnmpSim();
  const all: Check[] = [];
  try {
    for (const name of expected.keys()) {
      const t = openSnmpTransport({ host: sim.host, port: sim.port }, { version: '2c', community: name }, { timeoutMs: 5000, retries: 1 }, new SecretRegistry());
      try {
        const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => Date.now() });
        all.push(...compare(name, r.observation));
      } finally {
        t.close();
      }
    }
  } finally {
    await sim.stop();
  }
  const rows = all.map((c) => [c.agrees ? 'ok ' : c.known !== undefined ? 'gap' : 'XX ', c.recording, c.fact, String(c.expected), String(c.actual)]);
  const head = ['', 'recording', 'fact', 'expected', 'redline'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  const agree = all.filter((c) => c.agrees).length;
  const gaps = all.filter((c) => c.known !== undefined && !c.agrees);
  console.log(`\n${agree}/${all.length} facts agree across ${expected.size} recordings; ${gaps.length} known redline gap(s):`);
  for (const g of gaps) console.log(`  ${g.recording} ${g.fact}: ${g.known ?? ''}`);
  return failures(all).length === 0 ? 0 : 1;
}

run().then((code) => { process.exitCode = code; }, (err: unknown) => { console.error(err); process.exitCode = 1; });
