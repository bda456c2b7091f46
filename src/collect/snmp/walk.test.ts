import { describe, expect, it } from 'vitest';
import { ScriptedAgent } from '../../../test/support/scripted-agent.js';
import { ProtocolError, TimeoutError } from '../../common/errors.js';
import type { DecodedVarbind } from './value.js';
import { WalkSession, walkColumns, type WalkLimits } from './walk.js';

const A = '1.3.6.1.4.1.99999.1';
const B = '1.3.6.1.4.1.99999.2';
/** Two columns of three rows each, and a scalar after them. */
const TABLE = `
${A}.1|2|11
${A}.2|2|12
${A}.3|2|13
${B}.1|2|21
${B}.2|2|22
${B}.3|2|23
1.3.6.1.4.1.99999.3.0|2|99
`;

const LIMITS: WalkLimits = {
  maxRepetitions: 10,
  useBulk: true,
  maxVarbinds: 1000,
  deadline: 1_000,
  columnsPerRequest: 6,
  timeoutsBeforeSilent: 2,
  now: () => 0,
};

/** The rows of each walked column as [index, value] pairs. */
async function walk(agent: ScriptedAgent, roots: readonly string[], limits: Partial<WalkLimits> = {}): Promise<{ rows: Record<string, [string, number][]>; session: WalkSession }> {
  const session = new WalkSession(agent, { ...LIMITS, ...limits });
  const walked = await walkColumns(session, roots);
  const rows: Record<string, [string, number][]> = {};
  for (const [root, r] of walked) rows[root] = [...r].map(([idx, v]) => [idx, 'value' in v ? Number(v.value) : NaN]);
  return { rows, session };
}

const FULL = { [A]: [['1', 11], ['2', 12], ['3', 13]], [B]: [['1', 21], ['2', 22], ['3', 23]] };

describe('walkColumns', () => {
  it('walks two columns together with GETBULK, sharing the repetitions, each up to the end of its subtree', async () => {
    const agent = new ScriptedAgent(TABLE);
    const { rows, session } = await walk(agent, [A, B]);
    expect(rows).toEqual(FULL);
    // 10 repetitions shared by two columns: 5 each, one request reads both columns to their ends
    expect(agent.calls).toEqual([{ op: 'getBulk', oids: [A, B], reps: 5 }]);
    expect(session.requests).toBe(1);
    expect(session.varbinds).toBe(6);
    expect(session.problems).toEqual([]);
    expect(session.stopReason).toBeNull();
  });

  it('asks for at least one repetition a column', async () => {
    const agent = new ScriptedAgent(TABLE);
    const { rows } = await walk(agent, [A, B], { maxRepetitions: 1 });
    expect(rows).toEqual(FULL);
    expect(agent.calls.every((c) => c.reps === 1)).toBe(true);
    expect(agent.calls).toHaveLength(4); // three rows each, then the step past each column's end
  });

  it('sends at most columnsPerRequest columns in one request', async () => {
    const agent = new ScriptedAgent(TABLE);
    const { rows } = await walk(agent, [A, B], { columnsPerRequest: 1, maxRepetitions: 2 });
    expect(rows).toEqual(FULL);
    expect(agent.calls.map((c) => c.oids)).toEqual([[A], [`${A}.2`], [B], [`${B}.2`]]);
  });

  it.each([
    ['useBulk is off', { useBulk: false }, '2c'],
    ['the agent speaks SNMPv1', {}, '1'],
  ] as const)('uses GETNEXT when %s', async (_, limits, version) => {
    const agent = new ScriptedAgent(TABLE, { version });
    const { rows, session } = await walk(agent, [A, B], limits);
    expect(rows).toEqual(FULL);
    expect(agent.calls.map((c) => c.op)).toEqual(['getNext', 'getNext', 'getNext', 'getNext']);
    expect(session.requests).toBe(4);
  });

  it('stops at endOfMibView and at an empty answer', async () => {
    const agent = new ScriptedAgent(`${A}.1|2|11\n`);
    const { rows } = await walk(agent, [A]);
    expect(rows).toEqual({ [A]: [['1', 11]] });
  });

  it('stops within one answer at the varbind cap', async () => {
    const agent = new ScriptedAgent(TABLE);
    const { rows, session } = await walk(agent, [A], { maxVarbinds: 2 });
    expect(rows).toEqual({ [A]: [['1', 11], ['2', 12]] });
    expect(session.varbinds).toBe(2);
    expect(session.stopReason).toBe('varbind cap of 2 reached; remaining walks skipped');
  });

  it('stops a column whose agent goes backwards and keeps what it read', async () => {
    class Looping extends ScriptedAgent {
      override getBulk(oids: readonly string[]): Promise<DecodedVarbind[][]> {
        this.calls.push({ op: 'getBulk', oids });
        return Promise.resolve([[{ oid: `${A}.1`, value: { kind: 'int', value: 11 }, exception: null }, { oid: `${A}.1`, value: { kind: 'int', value: 11 }, exception: null }]]);
      }
    }
    const agent = new Looping(TABLE);
    const { rows, session } = await walk(agent, [A]);
    expect(rows).toEqual({ [A]: [['1', 11]] });
    expect(session.problems).toEqual([{ oid: A, message: `agent returned non-increasing OID ${A}.1 after ${A}.1; walk stopped` }]);
    expect(agent.calls).toHaveLength(1);
  });

  it('takes an answer equal to the root as a loop, not as an empty table', async () => {
    class Echo extends ScriptedAgent {
      override getBulk(oids: readonly string[]): Promise<DecodedVarbind[][]> {
        this.calls.push({ op: 'getBulk', oids });
        return Promise.resolve([[{ oid: A, value: { kind: 'int', value: 1 }, exception: null }]]);
      }
    }
    const { rows, session } = await walk(new Echo(TABLE), [A]);
    expect(rows).toEqual({ [A]: [] });
    expect(session.problems.map((p) => p.message)).toEqual([`agent returned non-increasing OID ${A} after ${A}; walk stopped`]);
  });

  it('skips a varbind without a value but walks on past it', async () => {
    class Holes extends ScriptedAgent {
      override getBulk(oids: readonly string[]): Promise<DecodedVarbind[][]> {
        this.calls.push({ op: 'getBulk', oids });
        if (oids[0] !== A) return Promise.resolve([[]]);
        return Promise.resolve([[
          { oid: `${A}.1`, value: null, exception: 'noSuchInstance' },
          { oid: `${A}.2`, value: { kind: 'int', value: 12 }, exception: null },
        ]]);
      }
    }
    const agent = new Holes(TABLE);
    const { rows, session } = await walk(agent, [A]);
    expect(rows).toEqual({ [A]: [['2', 12]] });
    expect(agent.calls.map((c) => c.oids)).toEqual([[A], [`${A}.2`]]);
    expect(session.varbinds).toBe(2);
  });

  it('stops every walk at the varbind cap, keeping the rows read up to it', async () => {
    const agent = new ScriptedAgent(TABLE);
    // one repetition a column: the first request reads one row of each, which reaches the cap
    const { rows, session } = await walk(agent, [A, B], { maxVarbinds: 2, maxRepetitions: 2 });
    expect(rows).toEqual({ [A]: [['1', 11]], [B]: [['1', 21]] });
    expect(session.varbinds).toBe(2);
    expect(session.stopReason).toBe('varbind cap of 2 reached; remaining walks skipped');
    expect(agent.calls).toHaveLength(1);
  });

  it('stops at the deadline, exactly at it included, without sending a request', async () => {
    const agent = new ScriptedAgent(TABLE);
    const { rows, session } = await walk(agent, [A], { deadline: 500, now: () => 500 });
    expect(rows).toEqual({ [A]: [] });
    expect(agent.calls).toEqual([]);
    expect(session.stopReason).toBe('poll deadline reached; remaining walks skipped');
    expect(session.canContinue()).toBe(false);
  });

  it('walks on just before the deadline', async () => {
    const agent = new ScriptedAgent(TABLE);
    const { rows, session } = await walk(agent, [A], { deadline: 500, now: () => 499 });
    expect(rows).toEqual({ [A]: FULL[A] });
    expect(session.stopReason).toBeNull();
  });

  it('halves the repetitions on tooBig and walks on', async () => {
    const agent = new ScriptedAgent(TABLE, { fault: (op, n) => (op === 'getBulk' && n < 2 ? new ProtocolError('tooBig', undefined, 1) : null) });
    const { rows, session } = await walk(agent, [A], { maxRepetitions: 8 });
    expect(rows).toEqual({ [A]: FULL[A] });
    expect(agent.calls.map((c) => c.reps)).toEqual([8, 4, 2, 2]);
    expect(session.maxRepetitions).toBe(2);
    expect(session.problems).toEqual([]);
    expect(session.bulk).toBe(true);
  });

  it('falls back to GETNEXT when tooBig comes at one repetition', async () => {
    const agent = new ScriptedAgent(TABLE, { fault: (op) => (op === 'getBulk' ? new ProtocolError('tooBig', undefined, 1) : null) });
    const { rows, session } = await walk(agent, [A], { maxRepetitions: 1 });
    expect(rows).toEqual({ [A]: FULL[A] });
    expect(agent.calls.map((c) => c.op)).toEqual(['getBulk', 'getNext', 'getNext', 'getNext', 'getNext']);
    expect(session.problems).toEqual([{ oid: A, message: 'GETBULK failed (tooBig); falling back to GETNEXT for this device' }]);
  });

  it('falls back to GETNEXT for the device when GETBULK fails otherwise', async () => {
    const agent = new ScriptedAgent(TABLE, { fault: (op) => (op === 'getBulk' ? new ProtocolError('genErr', undefined, 5) : null) });
    const { rows, session } = await walk(agent, [A, B]);
    expect(rows).toEqual(FULL);
    expect(session.bulk).toBe(false);
    expect(session.problems).toEqual([{ oid: A, message: 'GETBULK failed (genErr); falling back to GETNEXT for this device' }]);
    expect(agent.calls.filter((c) => c.op === 'getBulk')).toHaveLength(1);
  });

  it('falls back to GETNEXT when GETBULK times out on a device that answered before', async () => {
    const agent = new ScriptedAgent(TABLE, { fault: (op, n) => (op === 'getBulk' && n > 0 ? new TimeoutError('request timed out') : null) });
    const { rows, session } = await walk(agent, [A], { maxRepetitions: 2 });
    expect(rows).toEqual({ [A]: FULL[A] });
    expect(session.problems).toEqual([{ oid: A, message: 'GETBULK timed out; falling back to GETNEXT for this device' }]);
    expect(session.consecutiveTimeouts).toBe(0);
    expect(session.silent).toBe(false);
    expect(agent.calls.map((c) => c.op)).toEqual(['getBulk', 'getBulk', 'getNext', 'getNext']);
  });

  it('counts a GETBULK timeout of a device that never answered, and a second one makes it silent', async () => {
    const agent = new ScriptedAgent(TABLE, { fault: () => new TimeoutError('request timed out') });
    const session = new WalkSession(agent, { ...LIMITS, columnsPerRequest: 1 });
    const walked = await walkColumns(session, [A]);
    expect([...walked.get(A)!]).toEqual([]);
    expect(session.consecutiveTimeouts).toBe(1);
    expect(session.silent).toBe(false);
    expect(session.stopReason).toBeNull();
    expect(session.problems).toEqual([{ oid: A, message: 'request timed out' }]);
    await walkColumns(session, [B]);
    expect(session.silent).toBe(true);
    expect(session.stopReason).toBe('table:0 stopped answering; remaining walks skipped');
    expect(agent.calls.map((c) => c.op)).toEqual(['getBulk', 'getBulk']);
    // the device is silent: no further walk sends anything
    await walkColumns(session, [A]);
    expect(agent.calls).toHaveLength(2);
  });

  it('an answer between two timeouts resets the count', () => {
    const session = new WalkSession(new ScriptedAgent(TABLE), LIMITS);
    session.noteTimeout();
    session.noteAnswer();
    session.noteTimeout();
    expect(session.silent).toBe(false);
    expect(session.answered).toBe(true);
    session.noteTimeout();
    expect(session.silent).toBe(true);
  });

  it('walks the columns of a failed multi-column GETNEXT one by one', async () => {
    const agent = new ScriptedAgent(TABLE, { fault: (op, _n, oids) => (op === 'getNext' && (oids.length > 1 || oids[0]!.startsWith(B)) ? new ProtocolError('noSuchName', undefined, 2) : null) });
    const { rows, session } = await walk(agent, [A, B], { useBulk: false });
    expect(rows).toEqual({ [A]: FULL[A], [B]: [] });
    expect(session.problems).toEqual([{ oid: B, message: 'noSuchName' }]);
    expect(agent.calls[0]!.oids).toEqual([A, B]);
    expect(agent.calls[1]!.oids).toEqual([A]);
    expect(agent.calls[2]!.oids).toEqual([B]);
  });

  it('gives up on a column after six failed attempts', async () => {
    const agent = new ScriptedAgent(TABLE, { fault: (op) => (op === 'getBulk' ? new ProtocolError('tooBig', undefined, 1) : null) });
    const { rows, session } = await walk(agent, [A], { maxRepetitions: 1 << 10 });
    expect(rows).toEqual({ [A]: [] });
    expect(agent.calls.map((c) => c.reps)).toEqual([1024, 512, 256, 128, 64, 32]);
    expect(session.problems).toEqual([{ oid: A, message: 'gave up after repeated failures' }]);
    expect(session.requests).toBe(6);
  });

  it('keeps at most 200 problems', () => {
    const session = new WalkSession(new ScriptedAgent(TABLE), LIMITS);
    for (let k = 0; k < 250; k++) session.problem(A, `p${k}`);
    expect(session.problems).toHaveLength(200);
    expect(session.problems[199]!.message).toBe('p199');
  });

  it('asks for one repetition at least when maxRepetitions is zero', () => {
    expect(new WalkSession(new ScriptedAgent(TABLE), { ...LIMITS, maxRepetitions: 0 }).maxRepetitions).toBe(1);
  });
});
