/**
 * A fast simulated SNMP v1/v2c agent: many devices on one UDP socket on 127.0.0.1, told apart
 * by community (and optionally a socket of their own), each serving a pre-encoded `SimTable`.
 * GET, GETNEXT and GETBULK follow RFC 3416 (v1: noSuchName); per-device fault modes make a
 * device silent, slow, looping, garbled, truncated, wrongly typed, wrong in community or
 * deaf to GETBULK, for the tests that prove the poller survives all of it.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import {
  BerError, BerReader, ERROR_STATUS, TAG, encodeInteger, lengthSize, oidContent, tlv, writeLength,
} from './ber.js';
import { SimTable, type SimEntry, type SimValue } from './table.js';

/** The request kinds the agent answers. */
export type SnmpOp = 'get' | 'getnext' | 'getbulk';

/** How a device misbehaves. `ops` limits a fault to some request kinds (default: all). */
export type Fault =
  /** Never answers. */
  | { readonly kind: 'silent'; readonly ops?: readonly SnmpOp[] }
  /** Answers after a fixed delay. */
  | { readonly kind: 'slow'; readonly delayMs: number; readonly ops?: readonly SnmpOp[] }
  /**
   * GETNEXT/GETBULK return a bad sequence: `repeat` the requested OID itself, `backwards` an OID
   * before it, `endless` an ever-increasing OID inside the requested column (last arc + 1).
   */
  | { readonly kind: 'loop'; readonly style?: 'repeat' | 'backwards' | 'endless'; readonly ops?: readonly SnmpOp[] }
  /** Random bytes instead of a response. */
  | { readonly kind: 'garbage'; readonly ops?: readonly SnmpOp[] }
  /** A valid response cut short, keeping this fraction of its bytes (default 0.5). */
  | { readonly kind: 'truncated'; readonly keep?: number; readonly ops?: readonly SnmpOp[] }
  /** INTEGER-family values under these column OIDs are served as OCTET STRING text. */
  | { readonly kind: 'wrongType'; readonly columns: readonly string[] }
  /** The response carries another community. */
  | { readonly kind: 'wrongCommunity'; readonly community?: string; readonly ops?: readonly SnmpOp[] }
  /** GETBULK is dropped; GET and GETNEXT are answered. */
  | { readonly kind: 'bulkBroken' };

/** One simulated device. */
export interface ReplayDevice {
  /** The community that selects this device (unknown communities get no answer, like snmpsim). */
  readonly community: string;
  readonly table: SimTable | Iterable<SimEntry>;
  readonly faults?: readonly Fault[];
  /** SNMP versions answered; both by default. */
  readonly versions?: readonly ('1' | '2c')[];
  /** Also serve this device on a UDP socket of its own (see `portOf`); set before `start()`. */
  readonly ownSocket?: boolean;
  /** Largest response in bytes: GETBULK is cut to fit, GET/GETNEXT answer tooBig. */
  readonly maxResponseBytes?: number;
  /** GETBULK responses larger than this many bytes get tooBig instead of being cut. */
  readonly bulkTooBigBytes?: number;
}

/** Agent-wide settings. */
export interface ReplayAgentOptions {
  /** Default largest response (bytes); 65,000 unless set. */
  readonly maxResponseBytes?: number;
  /** Seed of the random bytes of the `garbage` fault. */
  readonly seed?: number;
  /** Most varbinds one request may carry (others are ignored); 256 unless set. */
  readonly maxRequestVarbinds?: number;
  /** UDP port of the shared socket (0 or unset: any free port). The demo serves fixed ports. */
  readonly port?: number;
  /** Loopback address to listen on (default 127.0.0.1): other 127.x.y.z addresses let one test run many "hosts". */
  readonly host?: string;
}

/** Counters of what the agent did. */
export interface ReplayStats {
  requests: number;
  responses: number;
  /** Datagrams that were not a readable SNMP v1/v2c request. */
  malformed: number;
  /** Requests for a community no device has. */
  unknownCommunity: number;
  /** Requests dropped on purpose (silent, bulkBroken, version not served, unsupported PDU). */
  dropped: number;
  /** Bugs of the agent itself (should stay 0; see `lastInternalError`). */
  internalErrors: number;
}

interface DeviceState {
  readonly community: string;
  readonly communityBytes: Buffer;
  readonly table: SimTable;
  readonly faults: readonly Fault[];
  readonly v1: boolean;
  readonly v2c: boolean;
  readonly maxResponseBytes: number;
  readonly bulkTooBigBytes: number;
  readonly ownSocket: boolean;
  port: number;
}

/** One varbind of a response: a table entry (by index) or encoded bytes. */
type Piece = number | Buffer;

const MAX_BULK_VARBINDS = 4096;

/** A small seeded PRNG (mulberry32): reproducible garbage and fuzz inputs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function applies(f: Fault & { readonly ops?: readonly SnmpOp[] }, op: SnmpOp): boolean {
  return f.ops === undefined || f.ops.includes(op);
}

/** Serves simulated devices on 127.0.0.1 until `stop()`. */
export class ReplayAgent {
  readonly stats: ReplayStats = { requests: 0, responses: 0, malformed: 0, unknownCommunity: 0, dropped: 0, internalErrors: 0 };
  /** Message of the last internal error, if any. */
  lastInternalError: string | null = null;
  private readonly devices = new Map<string, DeviceState>();
  private readonly sockets: Socket[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private shared: Socket | null = null;
  private port = 0;
  private readonly wantedPort: number;
  private readonly random: () => number;
  private readonly maxResponseBytes: number;
  private readonly maxRequestVarbinds: number;
  // Scratch space reused by every request (the agent is single-threaded).
  private readonly host: string;
  private readonly reqArcs: number[][] = [];
  private readonly reqOidTlv: [number, number][] = [];
  private readonly reqVarbindTlv: [number, number][] = [];

  constructor(devices: Iterable<ReplayDevice> = [], opts: ReplayAgentOptions = {}) {
    this.random = mulberry32(opts.seed ?? 0x5eed);
    this.maxResponseBytes = opts.maxResponseBytes ?? 65_000;
    this.maxRequestVarbinds = opts.maxRequestVarbinds ?? 256;
    this.wantedPort = opts.port ?? 0;
    this.host = opts.host ?? '127.0.0.1';
    if (!this.host.startsWith('127.')) throw new Error(`the replay agent listens on loopback only, not ${this.host}`);
    for (const d of devices) this.addDevice(d);
  }

  /** Adds (or replaces) a device. Devices with `ownSocket` must be added before `start()`. */
  addDevice(d: ReplayDevice): void {
    if (d.ownSocket === true && this.shared !== null) throw new Error('devices with ownSocket must be added before start()');
    let table = d.table instanceof SimTable ? d.table : SimTable.from(d.table);
    const faults = d.faults ?? [];
    for (const f of faults) if (f.kind === 'wrongType') table = retype(table, f.columns);
    const versions = d.versions ?? ['1', '2c'];
    this.devices.set(d.community, {
      community: d.community,
      communityBytes: Buffer.from(d.community, 'latin1'),
      table,
      faults,
      v1: versions.includes('1'),
      v2c: versions.includes('2c'),
      maxResponseBytes: d.maxResponseBytes ?? this.maxResponseBytes,
      bulkTooBigBytes: d.bulkTooBigBytes ?? Number.POSITIVE_INFINITY,
      ownSocket: d.ownSocket === true,
      port: 0,
    });
  }

  /** Removes a device; it stops answering at once. */
  removeDevice(community: string): void {
    this.devices.delete(community);
  }

  /** Replaces a device's faults (wrongType is applied only when a device is added). */
  setFaults(community: string, faults: readonly Fault[]): void {
    const d = this.devices.get(community);
    if (d === undefined) throw new Error(`no device with community "${community}"`);
    this.devices.set(community, { ...d, faults });
  }

  /** Number of devices served. */
  get deviceCount(): number {
    return this.devices.size;
  }

  /** Binds the shared socket (and each device's own socket); resolves to the shared port. */
  async start(): Promise<number> {
    if (this.shared !== null) return this.port;
    this.shared = await this.bind(null);
    this.port = this.shared.address().port;
    for (const d of this.devices.values()) {
      if (!d.ownSocket) {
        d.port = this.port;
        continue;
      }
      const s = await this.bind(d);
      d.port = s.address().port;
    }
    return this.port;
  }

  /** The port a device answers on (its own socket's, or the shared one). */
  portOf(community: string): number {
    const d = this.devices.get(community);
    if (d === undefined) throw new Error(`no device with community "${community}"`);
    return d.ownSocket ? d.port : this.port;
  }

  /** Closes every socket and cancels delayed answers. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closing = this.sockets.map((s) => new Promise<void>((r) => {
      try {
        s.close(() => { r(); });
      } catch {
        r();
      }
    }));
    this.sockets.length = 0;
    this.shared = null;
    await Promise.all(closing);
  }

  private bind(only: DeviceState | null): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const s = createSocket('udp4');
      s.once('error', reject);
      s.on('message', (msg, rinfo) => {
        try {
          this.handle(s, msg, rinfo, only);
        } catch (err) {
          // The agent must survive anything a client sends: count it and go on.
          if (err instanceof BerError) this.stats.malformed++;
          else {
            this.stats.internalErrors++;
            this.lastInternalError = err instanceof Error ? err.message : String(err);
          }
        }
      });
      s.bind(only === null ? this.wantedPort : 0, this.host, () => {
        s.removeListener('error', reject);
        s.on('error', () => { /* a send to a closed port: nothing to do */ });
        this.sockets.push(s);
        resolve(s);
      });
    });
  }

  private handle(socket: Socket, msg: Buffer, rinfo: RemoteInfo, only: DeviceState | null): void {
    // Message ::= SEQUENCE { version, community, PDU }
    const r = new BerReader(msg);
    const seqLen = r.expect(TAG.sequence);
    r.end = r.pos + seqLen;
    const version = r.readInteger();
    const [cs, ce] = r.readOctetsRange();
    const { tag: pduTag, length: pduLen } = r.readHeader();
    r.end = r.pos + pduLen;
    const reqIdStart = r.pos;
    r.readInteger();
    const reqIdTlv = msg.subarray(reqIdStart, r.pos);
    const f1 = r.readInteger();
    const f2 = r.readInteger();
    const vbLen = r.expect(TAG.sequence);
    const vbEnd = r.pos + vbLen;
    let count = 0;
    while (r.pos < vbEnd) {
      const vbStart = r.pos;
      const one = r.expect(TAG.sequence);
      const oneEnd = r.pos + one;
      if (count < this.maxRequestVarbinds) {
        const arcs = this.reqArcs[count] ?? (this.reqArcs[count] = []);
        this.reqOidTlv[count] = r.readOid(arcs);
        this.reqVarbindTlv[count] = [vbStart, oneEnd];
        count++;
      }
      r.pos = oneEnd;
    }
    this.stats.requests++;

    const community = msg.toString('latin1', cs, ce);
    const device = only ?? this.devices.get(community);
    if (device === undefined || (only !== null && community !== only.community)) {
      this.stats.unknownCommunity++;
      return;
    }
    if ((version === 0 && !device.v1) || (version === 1 && !device.v2c) || (version !== 0 && version !== 1)) {
      this.stats.dropped++;
      return;
    }
    let op: SnmpOp;
    if (pduTag === TAG.getRequest) op = 'get';
    else if (pduTag === TAG.getNextRequest) op = 'getnext';
    else if (pduTag === TAG.getBulkRequest && version === 1) op = 'getbulk';
    else {
      this.stats.dropped++;
      return;
    }

    let delay = 0;
    let loop: 'repeat' | 'backwards' | 'endless' | null = null;
    let garbage = false;
    let truncate = 1;
    let replyCommunity = device.communityBytes;
    for (const f of device.faults) {
      switch (f.kind) {
        case 'silent':
          if (applies(f, op)) { this.stats.dropped++; return; }
          break;
        case 'bulkBroken':
          if (op === 'getbulk') { this.stats.dropped++; return; }
          break;
        case 'slow':
          if (applies(f, op)) delay = Math.max(delay, f.delayMs);
          break;
        case 'loop':
          if (op !== 'get' && applies(f, op)) loop = f.style ?? 'repeat';
          break;
        case 'garbage':
          if (applies(f, op)) garbage = true;
          break;
        case 'truncated':
          if (applies(f, op)) truncate = Math.min(truncate, f.keep ?? 0.5);
          break;
        case 'wrongCommunity':
          if (applies(f, op)) replyCommunity = Buffer.from(f.community ?? 'wrong-community', 'latin1');
          break;
        case 'wrongType':
          break;
      }
    }

    let out: Buffer;
    if (garbage) {
      const n = 1 + Math.floor(this.random() * 600);
      out = Buffer.allocUnsafe(n);
      for (let k = 0; k < n; k++) out[k] = Math.floor(this.random() * 256);
    } else {
      out = this.respond(device, msg, version, op, reqIdTlv, f1, f2, count, replyCommunity, loop);
      if (truncate < 1) out = out.subarray(0, Math.max(1, Math.floor(out.length * truncate)));
    }
    this.stats.responses++;
    if (delay > 0) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        socket.send(out, rinfo.port, rinfo.address);
      }, delay);
      this.timers.add(t);
    } else {
      socket.send(out, rinfo.port, rinfo.address);
    }
  }

  private respond(
    d: DeviceState, msg: Buffer, version: number, op: SnmpOp, reqIdTlv: Buffer, f1: number, f2: number,
    count: number, community: Buffer, loop: 'repeat' | 'backwards' | 'endless' | null,
  ): Buffer {
    const t = d.table;
    const pieces: Piece[] = [];
    const v1 = version === 0;
    // v1 error: echo the request's varbinds with noSuchName at the first failing one.
    const v1Error = (k: number): Buffer => {
      const echo: Piece[] = [];
      for (let j = 0; j < count; j++) echo.push(msg.subarray(this.reqVarbindTlv[j]![0], this.reqVarbindTlv[j]![1]));
      return this.encode(version, community, reqIdTlv, ERROR_STATUS.noSuchName, k + 1, echo, t);
    };
    const exception = (oidTlv: Buffer, tag: number): Buffer => {
      const len = oidTlv.length + 2;
      const b = Buffer.allocUnsafe(1 + lengthSize(len) + len);
      b[0] = TAG.sequence;
      let p = writeLength(b, 1, len);
      p += oidTlv.copy(b, p);
      b[p] = tag;
      b[p + 1] = 0;
      return b;
    };
    const requestOid = (k: number): Buffer => msg.subarray(this.reqOidTlv[k]![0], this.reqOidTlv[k]![1]);

    if (op === 'get') {
      for (let k = 0; k < count; k++) {
        const arcs = this.reqArcs[k]!;
        const i = t.indexOf(arcs);
        if (i >= 0) pieces.push(i);
        else if (v1) return v1Error(k);
        else pieces.push(exception(requestOid(k), t.hasUnder(arcs, arcs.length - 1) ? TAG.noSuchInstance : TAG.noSuchObject));
      }
      return this.sized(d, version, community, reqIdTlv, pieces, false);
    }

    // One GETNEXT step from a cursor: a table index, or the request's own OID (index -1).
    // `step` counts the repetitions of a GETBULK column (0 for GETNEXT).
    const nextPiece = (k: number, after: number, step = 0): { piece: Piece; at: number } => {
      const arcs = this.reqArcs[k]!;
      if (loop !== null) return this.loopPiece(t, loop, arcs, step, requestOid(k), exception);
      const i = after < 0 ? t.nextIndex(arcs) : after + 1;
      if (i >= t.size) {
        const oidTlv = after < 0 ? requestOid(k) : t.oidTlv(after);
        return { piece: exception(oidTlv, TAG.endOfMibView), at: t.size };
      }
      return { piece: i, at: i };
    };

    if (op === 'getnext') {
      for (let k = 0; k < count; k++) {
        const { piece, at } = nextPiece(k, -1);
        if (v1 && at >= t.size) return v1Error(k);
        pieces.push(piece);
      }
      return this.sized(d, version, community, reqIdTlv, pieces, false);
    }

    // GETBULK: f1 = non-repeaters, f2 = max-repetitions.
    const nonRepeaters = Math.min(Math.max(0, f1), count);
    const repeaters = count - nonRepeaters;
    const maxReps = repeaters === 0 ? 0 : Math.min(Math.max(0, f2), Math.floor(MAX_BULK_VARBINDS / repeaters));
    for (let k = 0; k < nonRepeaters; k++) pieces.push(nextPiece(k, -1).piece);
    const cursor: number[] = [];
    for (let k = 0; k < repeaters; k++) cursor.push(-1);
    for (let rep = 0; rep < maxReps; rep++) {
      let live = 0;
      for (let j = 0; j < repeaters; j++) {
        const k = nonRepeaters + j;
        const c = cursor[j]!;
        if (c >= t.size) {
          pieces.push(pieces[pieces.length - repeaters]!); // endOfMibView again, same OID
          continue;
        }
        const { piece, at } = nextPiece(k, c, rep);
        cursor[j] = at;
        if (at < t.size) live++;
        pieces.push(piece);
      }
      if (live === 0) break;
    }
    return this.sized(d, version, community, reqIdTlv, pieces, true);
  }

  /** A GETNEXT answer that breaks the rules; `at` stays -1 so that a GETBULK goes on repeating it. */
  private loopPiece(
    t: SimTable, style: 'repeat' | 'backwards' | 'endless', arcs: readonly number[], step: number, requestOid: Buffer,
    exception: (oidTlv: Buffer, tag: number) => Buffer,
  ): { piece: Piece; at: number } {
    if (t.size === 0) return { piece: exception(requestOid, TAG.endOfMibView), at: 0 };
    const next = t.nextIndex(arcs);
    switch (style) {
      case 'repeat':
        // the requested OID itself, with some value: a GETNEXT that does not advance
        return { piece: varbindOf(requestOid, t.valueTlv(Math.min(next, t.size - 1))), at: -1 };
      case 'backwards':
        return { piece: t.varbind(Math.max(0, next - 2)), at: -1 };
      case 'endless': {
        // always further on inside the requested subtree, never its end: below a column the
        // instances 1, 2, 3 …; after an instance, the next numbers (+ 1 per repetition)
        const moved = [...arcs];
        if (t.hasUnder(arcs, arcs.length)) moved.push(1 + step);
        else moved[moved.length - 1] = Math.min(0xffffffff, moved[moved.length - 1]! + 1 + step);
        return { piece: varbindOf(encodeOidArcs(moved), encodeInteger(1)), at: -1 };
      }
    }
  }

  /** Encodes a response, cutting GETBULK to fit or answering tooBig when it cannot. */
  private sized(d: DeviceState, version: number, community: Buffer, reqIdTlv: Buffer, pieces: Piece[], bulk: boolean): Buffer {
    const t = d.table;
    const overhead = 40 + community.length + reqIdTlv.length;
    let total = 0;
    let fit = pieces.length;
    for (let k = 0; k < pieces.length; k++) {
      const p = pieces[k]!;
      total += typeof p === 'number' ? t.varbindLength(p) : p.length;
      if (fit === pieces.length && total + overhead > d.maxResponseBytes) fit = k;
    }
    if (bulk && total + overhead > d.bulkTooBigBytes) return this.encode(version, community, reqIdTlv, ERROR_STATUS.tooBig, 0, [], t);
    if (fit < pieces.length) {
      if (!bulk || fit === 0) return this.encode(version, community, reqIdTlv, ERROR_STATUS.tooBig, 0, [], t);
      pieces.length = fit;
    }
    return this.encode(version, community, reqIdTlv, ERROR_STATUS.noError, 0, pieces, t);
  }

  private encode(version: number, community: Buffer, reqIdTlv: Buffer, status: number, index: number, pieces: readonly Piece[], t: SimTable): Buffer {
    let vbLen = 0;
    for (const p of pieces) vbLen += typeof p === 'number' ? t.varbindLength(p) : p.length;
    const statusTlv = encodeInteger(status);
    const indexTlv = encodeInteger(index);
    const vbSeq = 1 + lengthSize(vbLen) + vbLen;
    const pduContent = reqIdTlv.length + statusTlv.length + indexTlv.length + vbSeq;
    const pdu = 1 + lengthSize(pduContent) + pduContent;
    const communityTlv = 1 + lengthSize(community.length) + community.length;
    const msgContent = 3 + communityTlv + pdu;
    const out = Buffer.allocUnsafe(1 + lengthSize(msgContent) + msgContent);
    let p = 0;
    out[p++] = TAG.sequence;
    p = writeLength(out, p, msgContent);
    out[p++] = TAG.integer;
    out[p++] = 1;
    out[p++] = version;
    out[p++] = TAG.octetString;
    p = writeLength(out, p, community.length);
    p += community.copy(out, p);
    out[p++] = TAG.getResponse;
    p = writeLength(out, p, pduContent);
    p += reqIdTlv.copy(out, p);
    p += statusTlv.copy(out, p);
    p += indexTlv.copy(out, p);
    out[p++] = TAG.sequence;
    p = writeLength(out, p, vbLen);
    for (const piece of pieces) p = typeof piece === 'number' ? t.copyVarbind(piece, out, p) : p + piece.copy(out, p);
    return out;
  }
}

function varbindOf(oidTlv: Buffer, valueTlv: Buffer): Buffer {
  const len = oidTlv.length + valueTlv.length;
  const b = Buffer.allocUnsafe(1 + lengthSize(len) + len);
  b[0] = TAG.sequence;
  let p = writeLength(b, 1, len);
  p += oidTlv.copy(b, p);
  valueTlv.copy(b, p);
  return b;
}

function encodeOidArcs(arcs: readonly number[]): Buffer {
  return tlv(TAG.oid, oidContent(arcs));
}

const INTEGER_TYPES = new Set<SimValue['type']>(['int', 'counter32', 'gauge32', 'ticks', 'counter64']);

/** A table in which integer values under `columns` are served as OCTET STRING text. */
export function retype(table: SimTable, columns: readonly string[]): SimTable {
  const roots = columns.map((c) => `${c.replace(/^\./, '')}.`);
  return table.map((e) => {
    if (!INTEGER_TYPES.has(e.value.type) || !roots.some((r) => e.oid.startsWith(r))) return e.value;
    const v = e.value as { readonly value: number | bigint };
    return { type: 'octets', value: String(v.value) };
  });
}
