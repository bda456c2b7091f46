/**
 * Misbehaving agents: silence, slowness on either side of the timeout, looping walks, garbled
 * and truncated replies, wrong types, a wrong community, broken GETBULK, plus SNMPv1 and
 * tooBig. Both `collectDevice` and the built CLI must end every case with a clean error in
 * `errors` or exit 2 with `no answer from <target> within <N> ms`: never a crash, never a hang
 * (each CLI run is killed and reported if it outlives its bound).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../src/collect/observation.js';
import type { CollectResult } from '../../src/collect/snmp/engine.js';
import { ReplayAgent, type Fault, type ReplayDevice } from '../../src/sim/replay-agent.js';
import { fleetDevice, syntheticTable } from '../../src/sim/synthetic-devices.js';
import { ensureBuilt, runCli, type CliResult } from '../support/cli.js';
import { pollReplay, type PollOptions } from '../support/replay.js';

const TABLE = syntheticTable(fleetDevice(3)); // 50 interfaces, 2 PSUs ok, 5 BGP peers
const WALKS = ['getnext', 'getbulk'] as const;
const IF_ADMIN = '1.3.6.1.2.1.2.2.1.7';
const ENT_STATE_OPER = '1.3.6.1.2.1.131.1.1.1.3';

type Expect = 'answers' | 'no answer';

interface Case {
  readonly name: string;
  readonly faults?: readonly Fault[];
  readonly device?: Partial<ReplayDevice>;
  readonly expect: Expect;
  /** Extra checks of the collectDevice result. */
  readonly check?: (r: CollectResult) => void;
  /** Extra checks of the CLI's JSON observation (when it answers). */
  readonly checkCli?: (o: DeviceObservation) => void;
  readonly poll?: PollOptions;
  readonly timeoutMs?: number;
  readonly cliArgs?: readonly string[];
}

const messages = (r: { errors: readonly { message: string }[] }): string => r.errors.map((e) => e.message).join('\n');

const CASES: readonly Case[] = [
  { name: 'healthy', expect: 'answers', check: (r) => { expect(r.observation.interfaces).toHaveLength(50); expect(r.observation.errors).toEqual([]); } },
  { name: 'silent', faults: [{ kind: 'silent' }], expect: 'no answer', check: (r) => { expect(messages(r.observation)).toMatch(/timed out/); } },
  { name: 'slower than the timeout', faults: [{ kind: 'slow', delayMs: 900 }], expect: 'no answer', timeoutMs: 300 },
  {
    name: 'slow but within the timeout', faults: [{ kind: 'slow', delayMs: 40 }], expect: 'answers', timeoutMs: 1500,
    check: (r) => { expect(r.observation.interfaces).toHaveLength(50); expect(r.observation.errors).toEqual([]); },
    checkCli: (o) => { expect(o.interfaces).toHaveLength(50); },
  },
  {
    name: 'walks that repeat the requested OID', faults: [{ kind: 'loop', style: 'repeat' }], expect: 'answers',
    check: (r) => { expect(messages(r.observation)).toMatch(/precede|non-increasing/); expect(r.observation.system.name).toBe('edge-0003'); },
    checkCli: (o) => { expect(o.errors.length).toBeGreaterThan(0); },
  },
  {
    name: 'walks that go backwards', faults: [{ kind: 'loop', style: 'backwards' }], expect: 'answers',
    check: (r) => { expect(messages(r.observation)).toMatch(/precede|non-increasing/); },
    checkCli: (o) => { expect(o.errors.length).toBeGreaterThan(0); },
  },
  {
    name: 'walks that never end', faults: [{ kind: 'loop', style: 'endless' }], expect: 'answers',
    poll: { collect: { maxVarbinds: 3000 } },
    check: (r) => { expect(messages(r.observation)).toMatch(/varbind cap of 3000/); expect(r.stats.varbinds).toBeLessThanOrEqual(3000 + 50); },
    checkCli: (o) => { expect(messages(o)).toMatch(/varbind cap/); },
  },
  { name: 'garbage for every request', faults: [{ kind: 'garbage' }], expect: 'no answer' },
  {
    name: 'garbage for walks', faults: [{ kind: 'garbage', ops: WALKS }], expect: 'answers',
    check: (r) => { expect(messages(r.observation)).toMatch(/unreadable datagram|timed out|stopped answering/); expect(r.observation.interfaces).toEqual([]); },
    checkCli: (o) => { expect(o.errors.length).toBeGreaterThan(0); },
  },
  { name: 'truncated replies', faults: [{ kind: 'truncated', keep: 0.6 }], expect: 'no answer' },
  {
    name: 'truncated walk replies', faults: [{ kind: 'truncated', keep: 0.9, ops: WALKS }], expect: 'answers',
    check: (r) => { expect(r.observation.errors.length).toBeGreaterThan(0); },
    checkCli: (o) => { expect(o.errors.length).toBeGreaterThan(0); },
  },
  {
    name: 'OCTET STRING where INTEGER is expected', faults: [{ kind: 'wrongType', columns: [IF_ADMIN, ENT_STATE_OPER] }], expect: 'answers',
    check: (r) => {
      const o = r.observation;
      expect(messages(o)).toMatch(/\(1\.3\.6\.1\.2\.1\.2\.2\.1\.7\): 50 value\(s\) of type octets/);
      expect(messages(o)).toMatch(/\(1\.3\.6\.1\.2\.1\.131\.1\.1\.1\.3\): \d+ value\(s\) of type octets/);
      expect(o.interfaces).toHaveLength(50);
      expect(o.interfaces.every((i) => i.adminStatus === 'unknown' && i.operStatus === 'up')).toBe(true);
      expect(o.powerSupplies.map((p) => p.status)).toEqual(['ok', 'ok']); // the sensors still say ok
    },
    checkCli: (o) => { expect(o.interfaces.every((i) => i.adminStatus === 'unknown')).toBe(true); },
  },
  {
    name: 'a wrong community in every response', faults: [{ kind: 'wrongCommunity' }], expect: 'no answer',
    check: (r) => { expect(messages(r.observation)).toMatch(/[Cc]ommunity/); },
  },
  {
    name: 'a wrong community in walk responses', faults: [{ kind: 'wrongCommunity', ops: WALKS }], expect: 'answers',
    check: (r) => { expect(messages(r.observation)).toMatch(/[Cc]ommunity/); },
    checkCli: (o) => { expect(messages(o)).toMatch(/[Cc]ommunity/); },
  },
  {
    name: 'GETBULK dropped, GETNEXT answered', faults: [{ kind: 'bulkBroken' }], expect: 'answers',
    check: (r) => {
      const o = r.observation;
      expect(o.interfaces).toHaveLength(50);
      expect(o.powerSupplies).toHaveLength(2);
      expect(messages(o)).toMatch(/falling back to GETNEXT/);
      expect(messages(o)).not.toMatch(/stopped answering/);
    },
    checkCli: (o) => { expect(o.interfaces).toHaveLength(50); },
  },
  {
    name: 'an SNMPv1-only agent', device: { versions: ['1'] }, expect: 'answers', poll: { version: '1' }, cliArgs: ['--snmp-version', '1'],
    check: (r) => { expect(r.observation.interfaces).toHaveLength(50); expect(r.observation.errors).toEqual([]); },
    checkCli: (o) => { expect(o.interfaces).toHaveLength(50); },
  },
  {
    name: 'tooBig for large GETBULK responses', device: { bulkTooBigBytes: 700 }, expect: 'answers',
    check: (r) => { expect(r.observation.interfaces).toHaveLength(50); expect(r.observation.errors).toEqual([]); },
    checkCli: (o) => { expect(o.interfaces).toHaveLength(50); },
  },
  {
    name: 'GETBULK responses cut to a small size', device: { maxResponseBytes: 500 }, expect: 'answers',
    check: (r) => { expect(r.observation.interfaces).toHaveLength(50); expect(r.observation.errors).toEqual([]); },
  },
];

const community = (c: Case): string => `f-${c.name.replace(/\W+/g, '-')}`;

describe('fault injection', () => {
  const agent = new ReplayAgent(CASES.map((c) => ({ community: community(c), table: TABLE, faults: c.faults ?? [], ...c.device })));
  let port = 0;

  beforeAll(async () => {
    port = await agent.start();
    await ensureBuilt();
  });
  afterAll(async () => {
    await agent.stop();
  });

  for (const c of CASES) {
    const timeoutMs = c.timeoutMs ?? 300;

    it(`collectDevice: ${c.name}`, async () => {
      const r = await pollReplay(port, community(c), { ...c.poll, transport: { timeoutMs, retries: 0, ...c.poll?.transport } });
      expect(r.answered).toBe(c.expect === 'answers');
      if (c.expect === 'no answer') expect(r.observation.errors.length).toBeGreaterThan(0);
      c.check?.(r);
    }, 30_000);
  }

  // the CLI runs are separate processes: a few at a time
  for (const c of CASES) {
    const timeoutMs = c.timeoutMs ?? 300;

    it.concurrent(`redline probe: ${c.name}`, async () => {
      const target = `127.0.0.1:${port}`;
      const r: CliResult = await runCli(['probe', target, '--timeout-ms', String(timeoutMs), '--retries', '0', '--json', ...(c.cliArgs ?? [])], 45_000, [], { REDLINE_COMMUNITY: community(c) });
      expect(r.hung, `probe hung; stderr: ${r.stderr}`).toBe(false);
      expect(r.signal).toBeNull();
      expect(r.stderr).not.toMatch(/^redline: |Error:|at .*\.js:\d+/m);
      if (c.expect === 'no answer') {
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(`no answer from ${target} within ${timeoutMs} ms\n`);
      } else {
        expect(r.code, r.stderr).toBe(0);
        const o = JSON.parse(r.stdout) as DeviceObservation;
        expect(o.system.name).toBe('edge-0003');
        c.checkCli?.(o);
      }
    }, 60_000);
  }

  it('the agent itself met no internal error', () => {
    expect(agent.lastInternalError).toBeNull();
    expect(agent.stats.internalErrors).toBe(0);
  });
});
