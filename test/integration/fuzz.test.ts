/**
 * Fuzzing the transport: a responder answers every request with many mutated copies of a
 * valid response (bit flips, truncation, corrupted length fields, swapped tags, random junk,
 * structurally valid but absurd values, v3-shaped replies), the request id often kept so that
 * the parser goes deep, then with the valid response. At least 100,000 datagrams: no uncaught
 * exception, every request settles, the heap stays flat.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedlineError } from '../../src/common/errors.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { openSnmpTransport, type SnmpCredentials, type SnmpTransport } from '../../src/collect/snmp/transport.js';
import { mulberry32 } from '../../src/sim/replay-agent.js';
import {
  BerReader, TAG, encodeInteger, encodeIp, encodeNull, encodeOctets, encodeOid, encodeUnsigned, oidContent, sequence, tlv,
} from '../../src/sim/ber.js';

const TARGET_DATAGRAMS = Number(process.env['FUZZ_DATAGRAMS'] ?? 100_000);
const PER_REQUEST = 100;
const COMMUNITY = 'fuzz-community';

const rand = mulberry32(20_240_601);
const below = (n: number): number => Math.floor(rand() * n);
const pick = <T>(list: readonly T[]): T => list[below(list.length)]!;
const junk = (n: number): Buffer => {
  const b = Buffer.allocUnsafe(n);
  for (let k = 0; k < n; k++) b[k] = below(256);
  return b;
};

/** Valid varbinds of every type, and absurd ones that are still well-formed BER. */
function varbinds(absurd: boolean): Buffer[] {
  const vb = (oid: string, value: Buffer): Buffer => sequence([encodeOid(oid), value]);
  const base = '1.3.6.1.2.1.2.2.1';
  const list = [
    vb(`${base}.2.1`, encodeOctets('eth0')),
    vb(`${base}.3.1`, encodeInteger(6)),
    vb(`${base}.5.1`, encodeUnsigned(TAG.gauge32, 4_294_967_295)),
    vb(`${base}.10.1`, encodeUnsigned(TAG.counter32, 123_456)),
    vb(`${base}.9.1`, encodeUnsigned(TAG.timeTicks, 42)),
    vb('1.3.6.1.2.1.31.1.1.1.6.1', encodeUnsigned(TAG.counter64, 2n ** 64n - 1n)),
    vb('1.3.6.1.2.1.4.20.1.1.10.0.0.1', encodeIp('10.0.0.1')),
    vb('1.3.6.1.2.1.1.2.0', encodeOid('1.3.6.1.4.1.8072.3.2.10')),
    vb('1.3.6.1.2.1.1.9.0', encodeNull()),
    vb('1.3.6.1.2.1.1.8.0', encodeOctets(Buffer.from([1, 2, 3]), TAG.opaque)),
    vb('1.3.6.1.2.1.1.10.0', encodeNull(TAG.noSuchObject)),
    vb('1.3.6.1.2.1.1.11.0', encodeNull(TAG.endOfMibView)),
  ];
  if (!absurd) return list;
  const weird = [
    tlv(TAG.integer, junk(1 + below(12))), // integers wider than 32 bits
    tlv(TAG.counter32, junk(1 + below(9))),
    tlv(TAG.counter64, junk(1 + below(16))),
    tlv(TAG.timeTicks, Buffer.alloc(0)),
    tlv(TAG.ipAddress, junk(below(9))),
    tlv(TAG.oid, junk(below(12))), // arbitrary OID content, maybe unterminated
    tlv(TAG.oid, oidContent([1, 3, 6, 1, 4294967295, 4294967295])),
    tlv(TAG.oid, Buffer.from([0x2b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])), // arc over 2^32
    tlv(below(256), junk(below(20))), // any tag at all
    tlv(TAG.octetString, junk(below(300))),
    Buffer.from([TAG.null, 0x05, 0, 0, 0, 0, 0]),
    tlv(TAG.sequence, junk(below(10))),
  ];
  const out: Buffer[] = [];
  for (let k = 0; k < 1 + below(6); k++) {
    const oid = rand() < 0.8 ? `${base}.${1 + below(30)}.${below(5)}` : `1.3.6.1.${below(100)}`;
    out.push(rand() < 0.5 ? pick(list) : sequence([rand() < 0.9 ? encodeOid(oid) : pick(weird), pick(weird)]));
  }
  return out;
}

// Building absurd varbinds is the costly part of a mutation: build a pool once, pick from it.
const VALID_VARBINDS = varbinds(false);
const ABSURD_POOL: readonly Buffer[][] = Array.from({ length: 512 }, () => varbinds(true));
const someVarbinds = (absurd: boolean): Buffer[] => (absurd ? pick(ABSURD_POOL) : VALID_VARBINDS);

/** A community-based response. */
function response(version: number, id: number, vbs: readonly Buffer[], pduTag: number = TAG.getResponse, status = 0, index = 0): Buffer {
  return sequence([
    encodeInteger(version),
    encodeOctets(COMMUNITY),
    sequence([encodeInteger(id), encodeInteger(status), encodeInteger(index), sequence(vbs)], pduTag),
  ]);
}

/** A v3-shaped message with the given msgID and flags (auth, priv, reportable bits). */
function v3Message(msgId: number, flags: number, id: number, plain = false): Buffer {
  const pdu = sequence([encodeInteger(id), encodeInteger(0), encodeInteger(0), sequence(someVarbinds(!plain && rand() < 0.3))], plain ? TAG.getResponse : pick([TAG.getResponse, 0xa8]));
  const usm = sequence([
    encodeOctets(plain || rand() < 0.5 ? Buffer.from('80001f8880e9630000d61ff449', 'hex') : junk(below(40))),
    encodeInteger(plain ? 1 : below(3)), encodeInteger(plain ? 1 : below(100_000)),
    encodeOctets(plain ? 'fuzz' : pick(['simulator', 'fuzz', ''])), encodeOctets(junk(plain ? 12 : pick([0, 12, 24, 32]))), encodeOctets(junk(plain ? 0 : pick([0, 8, 16]))),
  ]);
  const scoped = plain || rand() < 0.5 ? sequence([encodeOctets(junk(plain ? 0 : below(12))), encodeOctets(''), pdu]) : encodeOctets(junk(16 + below(200)));
  return sequence([encodeInteger(3), sequence([encodeInteger(msgId), encodeInteger(65_507), encodeOctets(Buffer.from([flags])), encodeInteger(3)]), encodeOctets(usm), scoped]);
}

/** Offsets of every TLV header in `buf` (best effort: stops at the first inconsistency). */
function headers(buf: Buffer): number[] {
  const out: number[] = [];
  const walk = (start: number, end: number): void => {
    const r = new BerReader(buf, start, end);
    while (r.pos < end) {
      const at = r.pos;
      try {
        const { tag, length } = r.readHeader();
        out.push(at);
        if (tag & 0x20) walk(r.pos, r.pos + length);
        r.pos += length;
      } catch {
        return;
      }
    }
  };
  walk(0, buf.length);
  return out;
}

/** One mutated copy of `valid`; `idEnd` is where the request id ends (mutations after it keep it). */
function mutate(valid: Buffer, idEnd: number, version: number, id: number): Buffer {
  const b = Buffer.from(valid);
  switch (below(9)) {
    case 0: { // bit flips anywhere
      for (let k = 0; k <= below(8); k++) b[below(b.length)]! ^= 1 << below(8);
      return b;
    }
    case 1: { // bit flips after the request id: the message still matches a pending request
      for (let k = 0; k <= below(4); k++) {
        const at = idEnd + below(Math.max(1, b.length - idEnd));
        if (at < b.length) b[at]! ^= 1 << below(8);
      }
      return b;
    }
    case 2: // truncation
      return b.subarray(0, below(b.length));
    case 3: { // a corrupted length field
      const hs = headers(b);
      const at = (hs.length > 0 ? pick(hs) : 0) + 1;
      if (at < b.length) b[at] = pick([0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0x89, 0xff, below(256)]);
      return b;
    }
    case 4: { // a swapped tag
      const hs = headers(b);
      const at = hs.length > 0 ? pick(hs) : 0;
      b[at] = pick([TAG.integer, TAG.octetString, TAG.null, TAG.oid, TAG.sequence, TAG.counter64, 0xa8, 0xa7, 0x1f, below(256)]);
      return b;
    }
    case 5: // random junk
      return junk(below(700));
    case 6: { // bytes spliced in or cut out
      const at = below(b.length);
      return rand() < 0.5 ? Buffer.concat([b.subarray(0, at), junk(1 + below(16)), b.subarray(at)]) : Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + below(8))]);
    }
    case 7: // well-formed, request id kept, absurd values / error fields / PDU types
      return response(
        rand() < 0.9 ? version : pick([0, 1, 2, 3, 255, -1]),
        id,
        someVarbinds(true),
        rand() < 0.85 ? TAG.getResponse : pick([0xa8, 0xa4, 0xa7, 0xa0, 0xa3]),
        rand() < 0.8 ? 0 : below(20),
        rand() < 0.8 ? 0 : below(20) - 5,
      );
    default: // v3-shaped replies with the request id as msgID, any flags
      return v3Message(rand() < 0.8 ? id : below(2 ** 31), below(8), id);
  }
}

interface Responder {
  readonly port: number;
  sent: number;
  requests: number;
  close(): Promise<void>;
}

/** Answers each request with PER_REQUEST mutated datagrams, then (for v1/v2c) the valid reply. */
async function startResponder(): Promise<Responder> {
  const socket: Socket = createSocket('udp4');
  const state = { sent: 0, requests: 0, closed: false };
  const send = (buf: Buffer, to: RemoteInfo): void => {
    if (state.closed) return;
    socket.send(buf, to.port, to.address, (err) => {
      if (err === null) state.sent++;
    });
  };
  socket.on('message', (msg, rinfo) => {
    let version: number;
    let id: number;
    try {
      const r = new BerReader(msg);
      r.expect(TAG.sequence);
      version = r.readInteger();
      if (version === 3) {
        r.expect(TAG.sequence);
        id = r.readInteger();
      } else {
        r.readOctetsRange();
        r.readHeader();
        id = r.readInteger();
      }
    } catch {
      return;
    }
    state.requests++;
    const valid = version === 3 ? v3Message(id, 0, id) : response(version, id, VALID_VARBINDS);
    let idEnd = 0;
    if (version !== 3) {
      const r = new BerReader(valid);
      r.expect(TAG.sequence);
      r.readInteger();
      r.readOctetsRange();
      r.readHeader();
      r.readInteger();
      idEnd = r.pos;
    }
    void (async () => {
      for (let k = 0; k < PER_REQUEST; k++) {
        send(mutate(valid, idEnd, version, id), rinfo);
        // let the client's socket drain now and then, so the datagrams are read, not dropped
        if (k % 16 === 15) await new Promise((r) => setImmediate(r));
      }
      if (version !== 3) send(valid, rinfo);
    })();
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    get sent() { return state.sent; },
    get requests() { return state.requests; },
    close: () => new Promise((resolve) => {
      state.closed = true;
      socket.close(() => { resolve(); });
    }),
  };
}

/** UDP receive-buffer drops of the whole network namespace (subtracted from what was sent). */
function udpRcvbufErrors(): number | null {
  try {
    const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    const i = names.indexOf('RcvbufErrors');
    return i < 0 ? null : Number(values[i]);
  } catch {
    return null;
  }
}

function gcFunction(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

describe('transport fuzz', () => {
  let responder: Responder;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown): void => { uncaught.push(err); };

  beforeAll(async () => {
    responder = await startResponder();
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await responder.close();
  });

  it(`survives ≥ ${TARGET_DATAGRAMS.toLocaleString('en')} mutated datagrams with a flat heap`, async () => {
    const gc = gcFunction();
    const secrets = new SecretRegistry();
    const target = { host: '127.0.0.1', port: responder.port };
    const open = (creds: SnmpCredentials, timeoutMs: number): SnmpTransport => openSnmpTransport(target, creds, { timeoutMs, retries: 0 }, secrets);
    const outcomes = new Map<string, number>();
    const note = (k: string): void => { outcomes.set(k, (outcomes.get(k) ?? 0) + 1); };
    const oids = ['1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.3', '1.3.6.1.2.1.1.2.0'];
    const drops0 = udpRcvbufErrors();

    const round = async (t: SnmpTransport, k: number): Promise<void> => {
      try {
        const r = k % 3 === 0 ? await t.get(oids) : k % 3 === 1 ? await t.getNext(oids) : await t.getBulk(oids, 1 + (k % 7));
        note(`resolved (${r.length} results)`.replace(/\d+ results/, 'n results'));
      } catch (err) {
        expect(err, String(err)).toBeInstanceOf(RedlineError);
        note(`${(err as Error).name}${/no response was handled/.test((err as Error).message) ? ' (watchdog)' : ''} v${t.version}`);
      }
    };
    /** Datagrams that reached the client: sent, less the UDP receive-buffer drops (namespace-wide, so an underestimate). */
    const delivered = (): number => {
      const now = udpRcvbufErrors();
      return responder.sent - (drops0 === null || now === null ? 0 : now - drops0);
    };
    const run = async (until: number): Promise<void> => {
      const v2 = open({ version: '2c', community: COMMUNITY }, 150);
      const v1 = open({ version: '1', community: COMMUNITY }, 150);
      const v3 = open({ version: '3', user: 'fuzz', authProtocol: 'sha', authKey: 'fuzz-auth-key', privProtocol: 'aes', privKey: 'fuzz-priv-key' }, 40);
      try {
        for (let k = 0; delivered() < until; k++) {
          // mostly v2c, some v1, a few v3 (slow: no valid v3 reply comes, and mutated Reports make
          // net-snmp re-send until the request times out)
          const t = k % 50 === 0 ? v3 : k % 5 === 0 ? v1 : v2;
          if (t.version === '1' && k % 3 === 2) continue; // no GETBULK in v1
          await round(t, k);
        }
      } finally {
        for (const t of [v1, v2, v3]) {
          expect(t.incidents.length).toBeLessThanOrEqual(100);
          t.close();
        }
      }
    };

    await run(Math.min(10_000, TARGET_DATAGRAMS / 10)); // warm-up: JIT, caches, the transports' incident lists fill to their cap
    gc();
    gc();
    const heapWarm = process.memoryUsage().heapUsed;
    const deliveredWarm = delivered();
    await run(deliveredWarm + TARGET_DATAGRAMS);
    gc();
    gc();
    const heapEnd = process.memoryUsage().heapUsed;
    const drops1 = udpRcvbufErrors();

    const mb = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MB`;
    console.log(`[fuzz] ${responder.sent} datagrams sent for ${responder.requests} requests; heap after warm-up ${mb(heapWarm)}, at the end ${mb(heapEnd)}; ` +
      `UDP receive-buffer drops ${drops0 === null || drops1 === null ? 'unknown' : drops1 - drops0}; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);

    // what counts is what the transport had to parse, not what was sent: dropped datagrams are not
    expect(delivered() - deliveredWarm).toBeGreaterThanOrEqual(TARGET_DATAGRAMS);
    expect(drops0, '/proc/net/snmp must be readable to count the drops').not.toBeNull();
    expect(uncaught).toEqual([]);
    expect([...outcomes.keys()].some((k) => k.startsWith('resolved'))).toBe(true);
    expect(heapEnd - heapWarm).toBeLessThan(16 * 2 ** 20);
  }, 300_000);

  // Replies the fuzzer found: each crashed the process (an exception out of net-snmp's socket
  // handler) or left its request pending forever before the transport guarded against it.
  const CRAFTED: readonly { name: string; reply: (version: number, id: number) => Buffer; error: RegExp }[] = [
    { name: 'a v3-shaped reply with the auth flag and the request id as msgID', reply: (_v, id) => v3Message(id, 0x01, id, true), error: /timed out/ },
    { name: 'a Report PDU in a community message', reply: (v, id) => response(v, id, VALID_VARBINDS, 0xa8), error: /timed out/ },
    { name: 'an unknown error-status with error-index 0', reply: (v, id) => response(v, id, VALID_VARBINDS, TAG.getResponse, 19, 0), error: /failed: 5/ },
  ];
  for (const c of CRAFTED) {
    it(`${c.name}: no crash, the request settles`, async () => {
      const socket = createSocket('udp4');
      socket.on('message', (msg, rinfo) => {
        const r = new BerReader(msg);
        r.expect(TAG.sequence);
        const version = r.readInteger();
        r.readOctetsRange();
        r.readHeader();
        socket.send(c.reply(version, r.readInteger()), rinfo.port, rinfo.address);
      });
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      const t = openSnmpTransport({ host: '127.0.0.1', port: socket.address().port }, { version: '2c', community: COMMUNITY }, { timeoutMs: 200, retries: 0 }, new SecretRegistry());
      try {
        await expect(t.get(['1.3.6.1.2.1.1.5.0'])).rejects.toThrow(c.error);
        expect(uncaught).toEqual([]);
      } finally {
        t.close();
        await new Promise<void>((resolve) => { socket.close(() => { resolve(); }); });
      }
    });
  }
});
