/**
 * A table agent (test/support/table-transport.ts) with faults injected and every request recorded,
 * for unit tests of the walks and the engine (pure code: no sockets): a fault function decides,
 * per request, whether it answers or throws (a TimeoutError, a ProtocolError with an SNMP status).
 */
import type { SnmpTransport } from '../../src/collect/snmp/transport.js';
import type { DecodedVarbind } from '../../src/collect/snmp/value.js';
import { TableTransport } from './table-transport.js';

export type AgentOp = 'get' | 'getNext' | 'getBulk';
/** What the agent does with the n-th request of one kind (0-based): null answers, an Error is thrown. */
export type AgentFault = (op: AgentOp, n: number, oids: readonly string[]) => Error | null;

/** One request the agent was sent. */
export interface AgentCall {
  readonly op: AgentOp;
  readonly oids: readonly string[];
  readonly reps?: number;
}

/** What a test may set on the agent besides its rows. */
export interface AgentOptions {
  readonly fault?: AgentFault;
  readonly version?: '1' | '2c';
  readonly incidents?: readonly string[];
  readonly undecodable?: number;
  /** Called before each request is answered (e.g. to move a test clock). */
  readonly onRequest?: (call: AgentCall) => void;
}

/** A scripted SNMP agent over a table. */
export class ScriptedAgent implements SnmpTransport {
  readonly label = 'table:0';
  readonly version: '1' | '2c';
  readonly incidents: readonly string[];
  readonly undecodable: number;
  readonly calls: AgentCall[] = [];
  /** Most requests that were awaiting their answer at once. */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly table: TableTransport;
  private readonly counts: Record<AgentOp, number> = { get: 0, getNext: 0, getBulk: 0 };

  constructor(rows: string, private readonly opts: AgentOptions = {}) {
    this.table = new TableTransport(rows);
    this.version = opts.version ?? '2c';
    this.incidents = opts.incidents ?? [];
    this.undecodable = opts.undecodable ?? 0;
  }

  private async answer<T>(call: AgentCall, read: () => Promise<T>): Promise<T> {
    this.calls.push(call);
    this.opts.onRequest?.(call);
    const err = this.opts.fault?.(call.op, this.counts[call.op]++, call.oids) ?? null;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // one turn of the event loop's microtasks, as a network answer would take at least
      await Promise.resolve();
      if (err !== null) throw err;
      return await read();
    } finally {
      this.inFlight--;
    }
  }

  get(oids: readonly string[]): Promise<DecodedVarbind[]> {
    return this.answer({ op: 'get', oids }, () => this.table.get(oids));
  }

  getNext(oids: readonly string[]): Promise<DecodedVarbind[]> {
    return this.answer({ op: 'getNext', oids }, () => this.table.getNext(oids));
  }

  getBulk(oids: readonly string[], maxRepetitions: number): Promise<DecodedVarbind[][]> {
    return this.answer({ op: 'getBulk', oids, reps: maxRepetitions }, () => this.table.getBulk(oids, maxRepetitions));
  }

  close(): void {
    // nothing to release: no socket
  }
}
