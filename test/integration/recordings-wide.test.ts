/**
 * Reads the 89 recordings of ../shared/snmprec-wide through Debian's snmpsim with the profile
 * engine: at least 95 % of the facts agree with what LibreNMS reads, every disagreement is a
 * written-down difference (WIDE_KNOWN_DIFFERENCES), and no recording has a power supply reported
 * failed that LibreNMS reads ok.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { failures, type Check, type ExpectedRecording } from '../support/agreement.js';
import { NO_FALSE_PSU_FAILURE, SNMPREC_WIDE_DIR, compareWide, loadWideExpected } from '../support/agreement-wide.js';
import { sharedAvailable } from '../support/shared.js';
import { startSnmpSim, type SnmpSim } from '../support/snmpsim.js';

const available = sharedAvailable('snmprec-wide');
const expected: Map<string, ExpectedRecording> = available ? loadWideExpected() : new Map<string, ExpectedRecording>();

describe.skipIf(!available)('the wide set of real-device recordings through snmpsim', () => {
  let sim: SnmpSim;
  const checks: Check[] = [];

  beforeAll(async () => {
    sim = await startSnmpSim({ dataDir: SNMPREC_WIDE_DIR, readyCommunity: expected.keys().next().value ?? '' });
    for (const [name, e] of expected) {
      const t = openSnmpTransport({ host: sim.host, port: sim.port }, { version: '2c', community: name }, { timeoutMs: 5000, retries: 1 }, new SecretRegistry());
      try {
        const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => Date.now() });
        expect(r.answered, name).toBe(true);
        checks.push(...compareWide(name, e, r.observation));
      } finally {
        t.close();
      }
    }
  }, 600_000);
  afterAll(async () => {
    await sim.stop();
  });

  it('has 89 recordings to read', () => {
    expect(expected.size).toBe(89);
  });

  it('agrees with LibreNMS on at least 95 % of the facts', () => {
    const agree = checks.filter((c) => c.agrees).length;
    expect(checks.length).toBeGreaterThan(600);
    expect(agree / checks.length).toBeGreaterThanOrEqual(0.95);
  });

  it('disagrees only where a written-down difference says why, and every such difference still holds', () => {
    expect(failures(checks).map((c) => `${c.recording}: ${c.fact} expected ${String(c.expected)}, read ${String(c.actual)}`)).toEqual([]);
  });

  it('never reports failed a power supply that LibreNMS reads ok, on any recording', () => {
    const psu = checks.filter((c) => c.fact === NO_FALSE_PSU_FAILURE);
    expect(psu).toHaveLength(expected.size);
    expect(psu.filter((c) => !c.agrees)).toEqual([]);
  });
});
