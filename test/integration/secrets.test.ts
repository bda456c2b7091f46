/**
 * Canary credentials must appear in no output: the CLI's stdout and stderr (with `--json` and
 * without) against silence, garbage, wrong-community responses and snmpsim (v2c, v3 with the
 * right and the wrong keys), the transport's error messages and `observation.errors`. net-snmp
 * itself writes the community into "Community '…' in request does not match": proven redacted.
 */
import { copyFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../src/common/secrets.js';
import { errorMessage } from '../../src/common/errors.js';
import { openSnmpTransport } from '../../src/collect/snmp/transport.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { fleetDevice, syntheticTable } from '../../src/sim/synthetic-devices.js';
import { leaks } from '../support/canary.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { pollReplay } from '../support/replay.js';
import { SNMPREC_DIR, sharedAvailable } from '../support/shared.js';
import { startSnmpSim, type SnmpSim } from '../support/snmpsim.js';

const COMMUNITY = 'CANARY-community-7f3a9c41';
const AUTH_KEY = 'CANARY-auth-key-51d0e2b8';
const PRIV_KEY = 'CANARY-priv-key-a8b4c6d2';
const WRONG_AUTH = 'CANARY-wrong-auth-93e1f0aa';
const WRONG_PRIV = 'CANARY-wrong-priv-0c7d2e55';
const CANARIES = [COMMUNITY, AUTH_KEY, PRIV_KEY, WRONG_AUTH, WRONG_PRIV];
const V3_USER = 'canary-user';

// The replay agent keys devices by community: the canary community selects each behaviour on its own socket.
const TABLE = syntheticTable(fleetDevice(5));

describe('secrets never leak', () => {
  const agents = {
    silent: new ReplayAgent([{ community: COMMUNITY, table: TABLE, faults: [{ kind: 'silent' }] }]),
    garbage: new ReplayAgent([{ community: COMMUNITY, table: TABLE, faults: [{ kind: 'garbage' }] }]),
    garbageWalks: new ReplayAgent([{ community: COMMUNITY, table: TABLE, faults: [{ kind: 'garbage', ops: ['getnext', 'getbulk'] }] }]),
    wrongCommunity: new ReplayAgent([{ community: COMMUNITY, table: TABLE, faults: [{ kind: 'wrongCommunity' }] }]),
    wrongCommunityWalks: new ReplayAgent([{ community: COMMUNITY, table: TABLE, faults: [{ kind: 'wrongCommunity', ops: ['getnext', 'getbulk'] }] }]),
    healthy: new ReplayAgent([{ community: COMMUNITY, table: TABLE }]),
  };
  const ports = new Map<keyof typeof agents, number>();

  beforeAll(async () => {
    for (const [name, agent] of Object.entries(agents) as [keyof typeof agents, ReplayAgent][]) ports.set(name, await agent.start());
    await ensureBuilt();
  });
  afterAll(async () => {
    for (const agent of Object.values(agents)) await agent.stop();
  });

  const cliCases: readonly [keyof typeof agents, number][] = [
    ['silent', 2], ['garbage', 2], ['garbageWalks', 0], ['wrongCommunity', 2], ['wrongCommunityWalks', 0], ['healthy', 0],
  ];
  for (const [name, code] of cliCases) {
    for (const json of [true, false]) {
      it.concurrent(`CLI against ${name}${json ? ' --json' : ''}: exit ${code}, no canary in stdout or stderr`, async () => {
        const r = await runCli(['probe', `127.0.0.1:${ports.get(name)}`, '--community', COMMUNITY, '--timeout-ms', '400', '--retries', '0', ...(json ? ['--json'] : [])]);
        expect(r.hung).toBe(false);
        expect(r.code, r.stderr).toBe(code);
        expect(leaks(r.stdout + r.stderr, CANARIES)).toEqual([]);
        if (name === 'wrongCommunityWalks') {
          // the community-mismatch message made it to the output, redacted
          expect(r.stdout).toMatch(/Community '\[REDACTED\]' in request does not match/);
        }
      });
    }
  }

  it('usage errors do not echo credentials', async () => {
    for (const args of [
      ['probe', '--community', COMMUNITY],
      ['probe', '127.0.0.1:1', '--community', COMMUNITY, '--v3-user', V3_USER, '--auth-key', AUTH_KEY],
      ['probe', '127.0.0.1:1', '--v3-user', V3_USER, '--priv-key', PRIV_KEY],
      ['probe', '127.0.0.1:1', '--v3-user', V3_USER, '--auth-key', AUTH_KEY, '--auth-protocol', 'rot13'],
      ['probe', '127.0.0.1:1', '--community', COMMUNITY, '--timeout-ms', 'soon'],
    ]) {
      const r = await runCli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(leaks(r.stdout + r.stderr, CANARIES)).toEqual([]);
    }
  });

  it("the transport's errors and observation.errors redact net-snmp's community-mismatch message", async () => {
    const secrets = new SecretRegistry();
    const t = openSnmpTransport({ host: '127.0.0.1', port: ports.get('wrongCommunity')! }, { version: '2c', community: COMMUNITY }, { timeoutMs: 400, retries: 0 }, secrets);
    let message = '';
    try {
      await t.get(['1.3.6.1.2.1.1.5.0']);
    } catch (err) {
      message = errorMessage(err);
    } finally {
      t.close();
    }
    expect(message).toMatch(/Community '\[REDACTED\]' in request does not match community 'wrong-community' in response/);
    expect(leaks(message, CANARIES)).toEqual([]);

    for (const name of ['wrongCommunity', 'wrongCommunityWalks', 'garbage', 'garbageWalks', 'silent'] as const) {
      const r = await pollReplay(ports.get(name)!, COMMUNITY, { transport: { timeoutMs: 400, retries: 0 } });
      expect(r.observation.errors.length, name).toBeGreaterThan(0);
      expect(leaks(JSON.stringify(r.observation), CANARIES), name).toEqual([]);
    }
  });

  describe.skipIf(!sharedAvailable())('against snmpsim (v2c and v3)', () => {
    let sim: SnmpSim;
    let dataDir = '';
    // snmpsim picks the recording by community (v2c) or context name (v3): the canary names the file.
    const RECORDING = 'iosxe_c9500h-svl';

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'redline-canary-'));
      copyFileSync(join(SNMPREC_DIR, `${RECORDING}.snmprec`), join(dataDir, `${COMMUNITY}.snmprec`));
      chmodSync(dataDir, 0o755);
      chmodSync(join(dataDir, `${COMMUNITY}.snmprec`), 0o644);
      sim = await startSnmpSim({
        dataDir,
        readyCommunity: COMMUNITY,
        extraArgs: [`--v3-user=${V3_USER}`, `--v3-auth-key=${AUTH_KEY}`, '--v3-auth-proto=SHA256', `--v3-priv-key=${PRIV_KEY}`, '--v3-priv-proto=AES'],
      });
    }, 120_000);
    afterAll(async () => {
      await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const v3 = (auth: string, priv: string): string[] => [
      '--v3-user', V3_USER, '--auth-protocol', 'sha256', '--auth-key', auth, '--priv-protocol', 'aes', '--priv-key', priv, '--context', COMMUNITY,
    ];
    const cases: readonly [string, string[], number][] = [
      ['v2c, right community', ['--community', COMMUNITY], 0],
      ['v2c, wrong community', ['--community', `${WRONG_AUTH}-as-community`], 2],
      ['v3, right keys', v3(AUTH_KEY, PRIV_KEY), 0],
      ['v3, wrong keys', v3(WRONG_AUTH, WRONG_PRIV), 2],
      ['v3, right auth key, wrong priv key', v3(AUTH_KEY, WRONG_PRIV), 2],
    ];
    for (const [name, args, code] of cases) {
      for (const json of [true, false]) {
        it.concurrent(`${name}${json ? ' --json' : ''}: exit ${code}, no canary in the output`, async () => {
          const r = await runCli(['probe', `${sim.host}:${sim.port}`, ...args, '--timeout-ms', code === 0 ? '5000' : '1500', '--retries', '0', ...(json ? ['--json'] : [])], 90_000);
          expect(r.hung).toBe(false);
          expect(r.code, r.stderr).toBe(code);
          expect(leaks(r.stdout + r.stderr, CANARIES)).toEqual([]);
          if (code === 0) expect(r.stdout).toMatch(json ? /"powerSupplies":\[/ : /Power supplies/);
        }, 120_000);
      }
    }

    it('v3 errors from the transport carry no key', async () => {
      const secrets = new SecretRegistry();
      for (const [auth, priv] of [[WRONG_AUTH, WRONG_PRIV], [AUTH_KEY, WRONG_PRIV]] as const) {
        const t = openSnmpTransport({ host: sim.host, port: sim.port }, {
          version: '3', user: V3_USER, authProtocol: 'sha256', authKey: auth, privProtocol: 'aes', privKey: priv, context: COMMUNITY,
        }, { timeoutMs: 3000, retries: 0 }, secrets);
        // a wrong key must fail the request: the error is what is checked, so a request that
        // (wrongly) succeeds fails the test instead of skipping the check
        let failure: unknown = null;
        try {
          await t.get(['1.3.6.1.2.1.1.5.0']);
        } catch (err) {
          failure = err;
        } finally {
          expect(leaks(t.incidents.join('\n'), CANARIES)).toEqual([]);
          t.close();
        }
        expect(failure, `auth ${auth === AUTH_KEY ? 'right' : 'wrong'}, priv wrong: the request must fail`).toBeInstanceOf(Error);
        expect(leaks(`${errorMessage(failure)} ${String((failure as Error).stack)} ${JSON.stringify(failure)}`, CANARIES)).toEqual([]);
      }
    }, 60_000);
  });
});
