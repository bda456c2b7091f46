/**
 * Reads all 25 real-device recordings through Debian's snmpsim with `redline probe`'s engine
 * and checks every fact against ../shared/snmprec/expected.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { compare, loadExpected, type ExpectedRecording } from '../support/agreement.js';
import { sharedAvailable } from '../support/shared.js';
import { startSnmpSim, type SnmpSim } from '../support/snmpsim.js';

const available = sharedAvailable();
const expected: Map<string, ExpectedRecording> = available ? loadExpected() : new Map<string, ExpectedRecording>();

describe.skipIf(!available)('real-device recordings through snmpsim', () => {
  let sim: SnmpSim;
  const seen = new Map<string, DeviceObservation>();

  beforeAll(async () => {
    sim = await startSnmpSim();
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('has 25 recordings to read', () => {
    expect(expected.size).toBe(25);
  });

  for (const name of expected.keys()) {
    it(`${name}: agrees with expected.json`, async () => {
      const t = openSnmpTransport({ host: sim.host, port: sim.port }, { version: '2c', community: name }, { timeoutMs: 5000, retries: 1 }, new SecretRegistry());
      try {
        const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => Date.now() });
        expect(r.answered).toBe(true);
        seen.set(name, r.observation);
        const disagreements = compare(name, expected.get(name)!, r.observation).filter((c) => !c.agrees);
        expect(disagreements).toEqual([]);
      } finally {
        t.close();
      }
    });
  }
});
