/**
 * Guarded table walks. Several columns advance together in one GETBULK (or GETNEXT) per step;
 * a walk stops at the end of each subtree, on a non-increasing OID (a looping agent), at a
 * varbind cap and at a deadline, so no agent can hang or flood the poller.
 */
import { ProtocolError, TimeoutError, errorMessage } from '../../common/errors.js';
import { compareOid, indexOf, isUnder } from './oid.js';
import type { SnmpTransport } from './transport.js';
import type { SnmpValue } from './value.js';

/** The rows of one column: index (dotted, below the column OID) → value. */
export type ColumnRows = Map<string, SnmpValue>;

/** Limits and tuning of one device's walks. */
export interface WalkLimits {
  /** Varbinds asked for in one GETBULK, shared by its columns (halved when the agent answers tooBig). */
  readonly maxRepetitions: number;
  /** False forces GETNEXT (SNMPv1, or agents known to mishandle GETBULK). */
  readonly useBulk: boolean;
  /** Most varbinds one device may return in a whole poll. */
  readonly maxVarbinds: number;
  /** Absolute time (ms, by `now`) after which walks stop. */
  readonly deadline: number;
  /** Columns sent together in one request. */
  readonly columnsPerRequest: number;
  /** Consecutive timeouts after which the device is taken as silent and every walk stops. */
  readonly timeoutsBeforeSilent: number;
  readonly now: () => number;
}

/** Something that went wrong in a walk; the rows read before it are kept. */
export interface WalkProblem {
  readonly oid: string;
  readonly message: string;
}

/** Shared state of all walks of one device poll. */
export class WalkSession {
  readonly problems: WalkProblem[] = [];
  varbinds = 0;
  requests = 0;
  consecutiveTimeouts = 0;
  answered = false;
  silent = false;
  bulk: boolean;
  maxRepetitions: number;
  /** Set when the whole poll must stop (deadline, varbind cap, silent device). */
  stopReason: string | null = null;

  constructor(readonly transport: SnmpTransport, readonly limits: WalkLimits) {
    this.bulk = limits.useBulk && transport.version !== '1';
    this.maxRepetitions = Math.max(1, limits.maxRepetitions);
  }

  problem(oid: string, message: string): void {
    if (this.problems.length < 200) this.problems.push({ oid, message });
  }

  /** Checks the poll-wide limits; returns false (and records why) when walking must stop. */
  canContinue(): boolean {
    if (this.stopReason !== null) return false;
    if (this.limits.now() >= this.limits.deadline) this.stopReason = 'poll deadline reached; remaining walks skipped';
    else this.atCap();
    return this.stopReason === null;
  }

  /** Whether the poll has read its most varbinds; records it as the reason to stop. */
  atCap(): boolean {
    if (this.varbinds < this.limits.maxVarbinds) return false;
    this.stopReason ??= `varbind cap of ${this.limits.maxVarbinds} reached; remaining walks skipped`;
    return true;
  }

  noteTimeout(): void {
    this.consecutiveTimeouts++;
    if (this.consecutiveTimeouts >= this.limits.timeoutsBeforeSilent) {
      this.silent = true;
      this.stopReason = `${this.transport.label} stopped answering; remaining walks skipped`;
    }
  }

  noteAnswer(): void {
    this.consecutiveTimeouts = 0;
    this.answered = true;
  }
}

interface ColumnState {
  readonly root: string;
  last: string;
  done: boolean;
  readonly rows: ColumnRows;
}

/**
 * Walks the given column (or subtree) OIDs together and returns their rows, keyed by the
 * requested root. Problems go to `session.problems`; this never throws for agent behaviour.
 */
export async function walkColumns(session: WalkSession, roots: readonly string[]): Promise<Map<string, ColumnRows>> {
  const states: ColumnState[] = roots.map((root) => ({ root, last: root, done: false, rows: new Map() }));
  const result = new Map<string, ColumnRows>();
  for (const s of states) result.set(s.root, s.rows);

  for (;;) {
    const active = states.filter((s) => !s.done);
    if (active.length === 0) break;
    if (!session.canContinue()) {
      for (const s of active) s.done = true;
      break;
    }
    const batch = active.slice(0, session.limits.columnsPerRequest);
    const answer = await step(session, batch);
    if (answer === null) {
      for (const s of batch) s.done = true;
      continue;
    }
    for (let c = 0; c < batch.length; c++) absorb(session, batch[c]!, answer[c] ?? []);
  }
  return result;
}

type Answer = { readonly oid: string; readonly value: SnmpValue | null; readonly exception: string | null }[][];

/** One request for a batch of columns, with tooBig back-off and the GETNEXT fallback. */
async function step(session: WalkSession, batch: readonly ColumnState[]): Promise<Answer | null> {
  const oids = batch.map((s) => s.last);
  for (let attempt = 0; attempt < 6; attempt++) {
    session.requests++;
    // Whether this request is a GETBULK: another walk in flight may switch the device to GETNEXT meanwhile.
    const bulk = session.bulk;
    try {
      let answer: Answer;
      if (bulk) {
        // maxRepetitions is the varbind budget of one response, shared by the columns of the batch.
        const reps = Math.max(1, Math.floor(session.maxRepetitions / batch.length));
        answer = await session.transport.getBulk(oids, reps);
      } else {
        const vbs = await session.transport.getNext(oids);
        answer = oids.map((_, k) => (vbs[k] === undefined ? [] : [vbs[k]]));
      }
      session.noteAnswer();
      return answer;
    } catch (err) {
      if (err instanceof TimeoutError) {
        if (bulk && !session.silent && session.answered) {
          // Some agents drop GETBULK silently while answering GETNEXT: try that before giving up.
          // The timeout is not counted towards "silent": the walks in flight at once would
          // otherwise add up to a silent device before any GETNEXT had a chance.
          if (session.bulk) {
            session.bulk = false;
            session.problem(batch[0]!.root, 'GETBULK timed out; falling back to GETNEXT for this device');
          }
          continue;
        }
        session.noteTimeout();
        session.problem(batch[0]!.root, errorMessage(err));
        return null;
      }
      if (err instanceof ProtocolError && err.status === 1 /* tooBig */ && bulk && session.maxRepetitions > 1) {
        session.maxRepetitions = Math.max(1, Math.floor(session.maxRepetitions / 2));
        continue;
      }
      if (bulk) {
        if (session.bulk) {
          session.bulk = false;
          session.problem(batch[0]!.root, `GETBULK failed (${errorMessage(err)}); falling back to GETNEXT for this device`);
        }
        continue;
      }
      if (batch.length > 1) {
        // A GETNEXT over several columns failed as a whole (an SNMPv1 agent, say): go one by one.
        const one: Answer = [];
        for (const s of batch) {
          const r = await step(session, [s]);
          one.push(r?.[0] ?? []);
          if (r === null) s.done = true;
        }
        return one;
      }
      session.problem(batch[0]!.root, errorMessage(err));
      return null;
    }
  }
  session.problem(batch[0]!.root, 'gave up after repeated failures');
  return null;
}

function absorb(session: WalkSession, s: ColumnState, vbs: Answer[number]): void {
  if (vbs.length === 0) {
    s.done = true;
    return;
  }
  for (const vb of vbs) {
    if (vb.exception === 'endOfMibView') {
      s.done = true;
      return;
    }
    // Before the subtree test: an agent that answers GETNEXT(root) with the root itself loops,
    // it does not have an empty table.
    if (compareOid(vb.oid, s.last) <= 0) {
      session.problem(s.root, `agent returned non-increasing OID ${vb.oid} after ${s.last}; walk stopped`);
      s.done = true;
      return;
    }
    if (!isUnder(vb.oid, s.root)) {
      s.done = true;
      return;
    }
    s.last = vb.oid;
    session.varbinds++;
    if (vb.value !== null) s.rows.set(indexOf(vb.oid, s.root), vb.value);
    if (session.atCap()) {
      s.done = true;
      return;
    }
  }
}
