/**
 * A small BER (X.690) encoder and decoder for SNMP v1/v2c messages, written for the simulated
 * agents: values are encoded once into buffers, requests are read without allocating per
 * sub-identifier, and every malformed input ends in a `BerError` rather than a crash.
 */

/** ASN.1 / SMI tags SNMP uses. */
export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  ipAddress: 0x40,
  counter32: 0x41,
  gauge32: 0x42,
  timeTicks: 0x43,
  opaque: 0x44,
  counter64: 0x46,
  noSuchObject: 0x80,
  noSuchInstance: 0x81,
  endOfMibView: 0x82,
  getRequest: 0xa0,
  getNextRequest: 0xa1,
  getResponse: 0xa2,
  setRequest: 0xa3,
  getBulkRequest: 0xa5,
} as const;

/** SNMP error-status values the agents send. */
export const ERROR_STATUS = { noError: 0, tooBig: 1, noSuchName: 2, genErr: 5 } as const;

/** A malformed or unsupported BER input. */
export class BerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BerError';
  }
}

/** Bytes of a definite length field for `n`. */
export function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n <= 0xff) return Buffer.from([0x81, n]);
  if (n <= 0xffff) return Buffer.from([0x82, n >> 8, n & 0xff]);
  if (n <= 0xffffff) return Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  throw new BerError(`length ${n} too large`);
}

/** Number of bytes `encodeLength(n)` produces. */
export function lengthSize(n: number): number {
  if (n < 0x80) return 1;
  if (n <= 0xff) return 2;
  if (n <= 0xffff) return 3;
  return 4;
}

/** Writes the length field of `n` at `pos`; returns the position after it. */
export function writeLength(buf: Buffer, pos: number, n: number): number {
  if (n < 0x80) {
    buf[pos] = n;
    return pos + 1;
  }
  if (n <= 0xff) {
    buf[pos] = 0x81;
    buf[pos + 1] = n;
    return pos + 2;
  }
  if (n <= 0xffff) {
    buf[pos] = 0x82;
    buf[pos + 1] = n >> 8;
    buf[pos + 2] = n & 0xff;
    return pos + 3;
  }
  buf[pos] = 0x83;
  buf[pos + 1] = (n >> 16) & 0xff;
  buf[pos + 2] = (n >> 8) & 0xff;
  buf[pos + 3] = n & 0xff;
  return pos + 4;
}

/** A TLV with the given tag around `content`. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

/** A SEQUENCE (or other constructed tag) around the concatenated parts. */
export function sequence(parts: readonly Buffer[], tag: number = TAG.sequence): Buffer {
  return tlv(tag, Buffer.concat(parts));
}

/** Two's-complement minimal content bytes of a signed integer (up to 2^53). */
function signedContent(value: number): Buffer {
  if (!Number.isSafeInteger(value)) throw new BerError(`integer ${value} is not a safe integer`);
  const bytes: number[] = [];
  let v = BigInt(value);
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.unshift(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Buffer.from(bytes);
}

/** Minimal content bytes of a non-negative integer (a leading zero keeps it positive). */
function unsignedContent(value: bigint): Buffer {
  if (value < 0n) throw new BerError(`unsigned value ${value} is negative`);
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0]! & 0x80) !== 0) bytes.unshift(0);
  return Buffer.from(bytes);
}

/** INTEGER (or an application tag carrying a signed integer). */
export function encodeInteger(value: number, tag: number = TAG.integer): Buffer {
  return tlv(tag, signedContent(value));
}

/** Counter32 / Gauge32 / TimeTicks / Counter64: unsigned, under their application tag. */
export function encodeUnsigned(tag: number, value: number | bigint): Buffer {
  return tlv(tag, unsignedContent(typeof value === 'bigint' ? value : BigInt(value)));
}

/** OCTET STRING from bytes or UTF-8 text. */
export function encodeOctets(value: Buffer | string, tag: number = TAG.octetString): Buffer {
  return tlv(tag, typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
}

/** NULL, or an exception value (noSuchObject …) when given that tag. */
export function encodeNull(tag: number = TAG.null): Buffer {
  return Buffer.from([tag, 0]);
}

/** Parses a dotted OID into arcs; throws on anything that is not one. */
export function oidArcs(oid: string): number[] {
  const out: number[] = [];
  let n = 0;
  let digits = 0;
  for (let k = oid.charCodeAt(0) === 46 ? 1 : 0; k <= oid.length; k++) {
    const c = k === oid.length ? 46 : oid.charCodeAt(k);
    if (c === 46) {
      if (digits === 0) throw new BerError(`OID "${oid}" has an empty arc`);
      out.push(n);
      n = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 10) {
      n = n * 10 + (c - 48);
      digits++;
      if (n > 0xffffffff) throw new BerError(`OID "${oid}" has an arc over 2^32-1`);
    } else {
      throw new BerError(`OID "${oid}" is not a dotted OID`);
    }
  }
  if (out.length < 2) throw new BerError(`OID "${oid}" needs at least two arcs`);
  return out;
}

function pushBase128(out: number[], n: number): void {
  if (n < 0x80) {
    out.push(n);
    return;
  }
  const tmp: number[] = [];
  let v = n;
  while (v > 0) {
    tmp.unshift(v % 128);
    v = Math.floor(v / 128);
  }
  for (let k = 0; k < tmp.length - 1; k++) out.push(tmp[k]! | 0x80);
  out.push(tmp[tmp.length - 1]!);
}

/** Content bytes of an OID given as arcs. */
export function oidContent(arcs: readonly number[]): Buffer {
  if (arcs.length < 2) throw new BerError('OID needs at least two arcs');
  const a0 = arcs[0]!;
  const a1 = arcs[1]!;
  if (a0 > 2 || (a0 < 2 && a1 > 39)) throw new BerError(`OID starts with ${a0}.${a1}`);
  const out: number[] = [];
  pushBase128(out, a0 * 40 + a1);
  for (let k = 2; k < arcs.length; k++) pushBase128(out, arcs[k]!);
  return Buffer.from(out);
}

/** OBJECT IDENTIFIER TLV from a dotted string. */
export function encodeOid(oid: string): Buffer {
  return tlv(TAG.oid, oidContent(oidArcs(oid)));
}

/** IpAddress TLV from dotted-quad text. */
export function encodeIp(ip: string): Buffer {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new BerError(`bad IpAddress "${ip}"`);
  return tlv(TAG.ipAddress, Buffer.from(parts.map(Number)));
}

/**
 * A cursor over BER bytes. Each read checks bounds against the end of the enclosing TLV and
 * throws `BerError` on any violation.
 */
export class BerReader {
  pos: number;

  constructor(readonly buf: Buffer, pos = 0, public end: number = buf.length) {
    this.pos = pos;
  }

  /** Reads a tag and length; returns the tag and leaves `pos` at the content. */
  readHeader(): { tag: number; length: number } {
    if (this.pos + 2 > this.end) throw new BerError('truncated header');
    const tag = this.buf[this.pos++]!;
    if ((tag & 0x1f) === 0x1f) throw new BerError('multi-byte tags are not SNMP');
    let length = this.buf[this.pos++]!;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0) throw new BerError('indefinite length');
      if (n > 3) throw new BerError('length field too long');
      if (this.pos + n > this.end) throw new BerError('truncated length');
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + this.buf[this.pos++]!;
    }
    if (this.pos + length > this.end) throw new BerError('content runs past its container');
    return { tag, length };
  }

  /** Expects a tag; returns the content length. */
  expect(tag: number): number {
    const h = this.readHeader();
    if (h.tag !== tag) throw new BerError(`expected tag 0x${tag.toString(16)}, got 0x${h.tag.toString(16)}`);
    return h.length;
  }

  /** Reads an INTEGER of up to 6 content bytes. */
  readInteger(tag: number = TAG.integer): number {
    const len = this.expect(tag);
    if (len < 1 || len > 6) throw new BerError(`integer of ${len} bytes`);
    const v = this.buf.readIntBE(this.pos, len);
    this.pos += len;
    return v;
  }

  /** Reads an OCTET STRING's bounds: [start, end). */
  readOctetsRange(tag: number = TAG.octetString): [number, number] {
    const len = this.expect(tag);
    const start = this.pos;
    this.pos += len;
    return [start, start + len];
  }

  /**
   * Reads an OID into `arcs` (reused: cleared first) and returns the TLV's [start, end) so it
   * can be copied into a response without re-encoding.
   */
  readOid(arcs: number[]): [number, number] {
    const start = this.pos;
    const len = this.expect(TAG.oid);
    if (len < 1 || len > 1024) throw new BerError(`OID of ${len} bytes`);
    const end = this.pos + len;
    arcs.length = 0;
    let v = 0;
    let first = true;
    for (let p = this.pos; p < end; p++) {
      const b = this.buf[p]!;
      v = v * 128 + (b & 0x7f);
      if (v > 0xffffffff) throw new BerError('OID arc over 2^32-1');
      if ((b & 0x80) === 0) {
        if (first) {
          const a0 = v < 80 ? Math.floor(v / 40) : 2;
          arcs.push(a0, v - a0 * 40);
          first = false;
        } else {
          arcs.push(v);
        }
        v = 0;
      } else if (p === end - 1) {
        throw new BerError('OID ends inside an arc');
      }
    }
    this.pos = end;
    return [start, end];
  }

  /** Skips one whole TLV. */
  skip(): void {
    const h = this.readHeader();
    this.pos += h.length;
  }
}

/** Formats arcs as a dotted OID. */
export function arcsToOid(arcs: readonly number[]): string {
  return arcs.join('.');
}
