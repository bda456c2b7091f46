/**
 * Reads all 25 real-device recordings through Debian's snmpsim with `redline probe`'s engine
 * and compares, exactly, every fact test/fixtures/agreement/recordings.ts writes down for it
 * (PSUs and fans by state, BGP, OSPF, LLDP/CDP, interfaces, LAG members, FHRP, redundancy, UPS,
 * observation errors); the fixture is itself checked against ../shared/snmprec/expected.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { compare, failures, fixtureVersusLibreNms, loadExpected, type ExpectedRecording } from '../support/agreement.js';
import { RECORDING_FACTS } from '../fixtures/agreement/recordings.js';
import { sharedAvailable } from '../support/shared.js';
import { startSnmpSim, type SnmpSim } from '../support/snmpsim.js';

const available = sharedAvailable();
/** A fixed clock: nothing here may depend on today's date. */
const NOW = Date.parse('2026-03-02T04:00:00Z');
const expected: Map<string, ExpectedRecording> = available ? loadExpected() : new Map<string, ExpectedRecording>();

describe.skipIf(!available)('real-device recordings through snmpsim', () => {
  let sim: SnmpSim;

  beforeAll(async () => {
    sim = await startSnmpSim();
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('has 25 recordings to read, each with its facts written down', () => {
    expect(expected.size).toBe(25);
    expect(Object.keys(RECORDING_FACTS).sort()).toEqual([...expected.keys()].sort());
  });

  it('the written-down facts agree with LibreNMS wherever LibreNMS reads them reliably', () => {
    const differ = [...expected].flatMap(([name, e]) => fixtureVersusLibreNms(name, e, RECORDING_FACTS[name]!));
    expect(differ).toEqual([]);
  });

  for (const name of expected.keys()) {
    it(`${name}: reads exactly the facts written down for it`, async () => {
      const t = openSnmpTransport({ host: sim.host, port: sim.port }, { version: '2c', community: name }, { timeoutMs: 5000, retries: 1 }, new SecretRegistry());
      try {
        const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => NOW });
        expect(r.answered).toBe(true);
        // a disagreement fails, and so does a recorded redline gap that now agrees (remove it from the fixture)
        expect(failures(compare(name, r.observation))).toEqual([]);
      } finally {
        t.close();
      }
    });
  }
});
