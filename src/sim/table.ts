/**
 * The MIB of one simulated device: a sorted OID table whose varbinds are BER-encoded once, when
 * it is built, so that an agent answers a request by copying bytes. OIDs are kept as flat
 * arrays of arcs for numeric comparison (BER bytes do not sort like OIDs).
 */
import {
  BerError, BerReader, TAG, encodeInteger, encodeIp, encodeNull, encodeOctets, encodeOid, encodeUnsigned,
  oidArcs, oidContent, sequence, tlv,
} from './ber.js';

/** One value of a simulated MIB object. */
export type SimValue =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'octets'; readonly value: Buffer | string }
  | { readonly type: 'oid'; readonly value: string }
  | { readonly type: 'ip'; readonly value: string }
  | { readonly type: 'counter32'; readonly value: number }
  | { readonly type: 'gauge32'; readonly value: number }
  | { readonly type: 'ticks'; readonly value: number }
  | { readonly type: 'counter64'; readonly value: bigint }
  | { readonly type: 'opaque'; readonly value: Buffer }
  | { readonly type: 'null' };

/** One object instance: OID (dotted, no leading dot) and value. */
export interface SimEntry {
  readonly oid: string;
  readonly value: SimValue;
}

/** The BER TLV of a value. */
export function encodeValue(v: SimValue): Buffer {
  switch (v.type) {
    case 'int': return encodeInteger(v.value);
    case 'octets': return encodeOctets(v.value);
    case 'oid': return encodeOid(v.value);
    case 'ip': return encodeIp(v.value);
    case 'counter32': return encodeUnsigned(TAG.counter32, v.value);
    case 'gauge32': return encodeUnsigned(TAG.gauge32, v.value);
    case 'ticks': return encodeUnsigned(TAG.timeTicks, v.value);
    case 'counter64': return encodeUnsigned(TAG.counter64, v.value);
    case 'opaque': return encodeOctets(v.value, TAG.opaque);
    case 'null': return encodeNull();
  }
}

/** Decodes a value TLV (the inverse of `encodeValue`, for tests and table rewrites). */
export function decodeValue(buf: Buffer, start: number, end: number): SimValue {
  const r = new BerReader(buf, start, end);
  const save = r.pos;
  const { tag, length } = r.readHeader();
  const c = r.pos;
  const content = buf.subarray(c, c + length);
  const unsigned = (): bigint => {
    let n = 0n;
    for (const b of content) n = (n << 8n) | BigInt(b);
    return n;
  };
  switch (tag) {
    case TAG.integer: {
      r.pos = save;
      return { type: 'int', value: r.readInteger() };
    }
    case TAG.octetString: return { type: 'octets', value: Buffer.from(content) };
    case TAG.null: return { type: 'null' };
    case TAG.oid: {
      r.pos = save;
      const arcs: number[] = [];
      r.readOid(arcs);
      return { type: 'oid', value: arcs.join('.') };
    }
    case TAG.ipAddress: return { type: 'ip', value: [...content].join('.') };
    case TAG.counter32: return { type: 'counter32', value: Number(unsigned()) };
    case TAG.gauge32: return { type: 'gauge32', value: Number(unsigned()) };
    case TAG.timeTicks: return { type: 'ticks', value: Number(unsigned()) };
    case TAG.counter64: return { type: 'counter64', value: unsigned() };
    case TAG.opaque: return { type: 'opaque', value: Buffer.from(content) };
    default: throw new BerError(`unknown value tag 0x${tag.toString(16)}`);
  }
}

/** Compares two arc arrays like OIDs. */
export function compareArcs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const d = a[k]! - b[k]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** A sorted, pre-encoded OID table; immutable and shareable by any number of devices. */
export class SimTable {
  /** Number of object instances. */
  readonly size: number;
  private readonly arcs: Uint32Array;
  private readonly arcStart: Uint32Array;
  private readonly data: Buffer;
  private readonly vbStart: Uint32Array;
  /** Offset, inside each varbind, where the value TLV starts. */
  private readonly valueOffset: Uint16Array;

  private constructor(arcs: Uint32Array, arcStart: Uint32Array, data: Buffer, vbStart: Uint32Array, valueOffset: Uint16Array) {
    this.arcs = arcs;
    this.arcStart = arcStart;
    this.data = data;
    this.vbStart = vbStart;
    this.valueOffset = valueOffset;
    this.size = vbStart.length - 1;
  }

  /** Builds a table from entries in any order; a repeated OID keeps its last value. */
  static from(entries: Iterable<SimEntry>): SimTable {
    const byOid = new Map<string, { arcs: number[]; value: SimValue }>();
    for (const e of entries) {
      const arcs = oidArcs(e.oid);
      byOid.set(e.oid.charCodeAt(0) === 46 ? e.oid.slice(1) : e.oid, { arcs, value: e.value });
    }
    const list = [...byOid.values()].sort((a, b) => compareArcs(a.arcs, b.arcs));
    let totalArcs = 0;
    for (const e of list) totalArcs += e.arcs.length;
    const arcs = new Uint32Array(totalArcs);
    const arcStart = new Uint32Array(list.length + 1);
    const vbStart = new Uint32Array(list.length + 1);
    const valueOffset = new Uint16Array(list.length);
    const parts: Buffer[] = [];
    let a = 0;
    let d = 0;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      arcStart[i] = a;
      arcs.set(e.arcs, a);
      a += e.arcs.length;
      const valueTlv = encodeValue(e.value);
      const vb = sequence([tlv(TAG.oid, oidContent(e.arcs)), valueTlv]);
      vbStart[i] = d;
      valueOffset[i] = vb.length - valueTlv.length;
      parts.push(vb);
      d += vb.length;
    }
    arcStart[list.length] = a;
    vbStart[list.length] = d;
    return new SimTable(arcs, arcStart, Buffer.concat(parts, d), vbStart, valueOffset);
  }

  /** The dotted OID of entry `i`. */
  oidAt(i: number): string {
    return Array.from(this.arcs.subarray(this.arcStart[i], this.arcStart[i + 1])).join('.');
  }

  /** The pre-encoded varbind (SEQUENCE of OID and value) of entry `i`; a view, not a copy. */
  varbind(i: number): Buffer {
    return this.data.subarray(this.vbStart[i], this.vbStart[i + 1]);
  }

  /** Byte length of entry `i`'s varbind. */
  varbindLength(i: number): number {
    return this.vbStart[i + 1]! - this.vbStart[i]!;
  }

  /** Copies entry `i`'s varbind into `target` at `pos`; returns the position after it. */
  copyVarbind(i: number, target: Buffer, pos: number): number {
    return pos + this.data.copy(target, pos, this.vbStart[i], this.vbStart[i + 1]);
  }

  /** The OID TLV of entry `i` (a view). */
  oidTlv(i: number): Buffer {
    const s = this.vbStart[i]!;
    const second = this.data[s + 1]!;
    const header = second & 0x80 ? 2 + (second & 0x7f) : 2;
    return this.data.subarray(s + header, s + this.valueOffset[i]!);
  }

  /** The value TLV of entry `i` (a view). */
  valueTlv(i: number): Buffer {
    return this.data.subarray(this.vbStart[i]! + this.valueOffset[i]!, this.vbStart[i + 1]);
  }

  /** The value of entry `i`, decoded. */
  valueAt(i: number): SimValue {
    const s = this.vbStart[i]! + this.valueOffset[i]!;
    return decodeValue(this.data, s, this.vbStart[i + 1]!);
  }

  /** Compares entry `i` with `arcs` (entry minus request). */
  private cmp(i: number, arcs: ArrayLike<number>, arcsLength: number): number {
    const s = this.arcStart[i]!;
    const e = this.arcStart[i + 1]!;
    const len = e - s;
    const n = Math.min(len, arcsLength);
    for (let k = 0; k < n; k++) {
      const d = this.arcs[s + k]! - arcs[k]!;
      if (d !== 0) return d;
    }
    return len - arcsLength;
  }

  /** Index of the first entry strictly after `arcs` (GETNEXT); `size` when there is none. */
  nextIndex(arcs: ArrayLike<number>, arcsLength: number = arcs.length): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(mid, arcs, arcsLength) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the entry equal to `arcs` (GET), or -1. */
  indexOf(arcs: ArrayLike<number>, arcsLength: number = arcs.length): number {
    const i = this.nextIndex(arcs, arcsLength) - 1;
    return i >= 0 && this.cmp(i, arcs, arcsLength) === 0 ? i : -1;
  }

  /** Whether any entry lies under the first `prefixLength` arcs of `arcs`. */
  hasUnder(arcs: ArrayLike<number>, prefixLength: number): boolean {
    const i = this.nextIndex(arcs, prefixLength);
    if (i >= this.size) return false;
    const s = this.arcStart[i]!;
    if (this.arcStart[i + 1]! - s <= prefixLength) return false;
    for (let k = 0; k < prefixLength; k++) if (this.arcs[s + k] !== arcs[k]) return false;
    return true;
  }

  /** Every entry, decoded (for tests and rewrites; not for the serving path). */
  *entries(): Generator<SimEntry> {
    for (let i = 0; i < this.size; i++) yield { oid: this.oidAt(i), value: this.valueAt(i) };
  }

  /** A copy in which `rewrite` may replace values (return the value unchanged to keep it). */
  map(rewrite: (e: SimEntry) => SimValue): SimTable {
    const out: SimEntry[] = [];
    for (const e of this.entries()) out.push({ oid: e.oid, value: rewrite(e) });
    return SimTable.from(out);
  }
}

/**
 * Parses snmprec text (`OID|TYPE|VALUE` per line; types 2, 4, 4x, 5, 6, 64, 64x, 65, 66, 67, 68,
 * 70 and their `x` hex forms). Lines of unknown types are skipped and counted.
 */
export function parseSnmprec(text: string): { entries: SimEntry[]; skipped: number } {
  const entries: SimEntry[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const a = line.indexOf('|');
    const b = line.indexOf('|', a + 1);
    if (a < 0 || b < 0) { skipped++; continue; }
    const oid = line.slice(0, a).replace(/^\./, '');
    const type = line.slice(a + 1, b);
    const text = line.slice(b + 1);
    const hex = type.endsWith('x');
    const bytes = (): Buffer => (hex ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8'));
    const number = (): number => (hex ? Number.parseInt(text, 16) : Number(text));
    let value: SimValue | null = null;
    switch (type.replace(/x$/, '')) {
      case '2': value = { type: 'int', value: number() }; break;
      case '4': value = { type: 'octets', value: bytes() }; break;
      case '5': value = { type: 'null' }; break;
      case '6': value = { type: 'oid', value: text.replace(/^\./, '') }; break;
      case '64': value = { type: 'ip', value: hex ? [...Buffer.from(text, 'hex')].join('.') : text }; break;
      case '65': value = { type: 'counter32', value: number() }; break;
      case '66': value = { type: 'gauge32', value: number() }; break;
      case '67': value = { type: 'ticks', value: number() }; break;
      case '68': value = { type: 'opaque', value: bytes() }; break;
      case '70': value = { type: 'counter64', value: BigInt(hex ? `0x${text}` : text) }; break;
      default: value = null;
    }
    if (value === null || (value.type === 'int' && !Number.isSafeInteger(value.value))) { skipped++; continue; }
    try {
      oidArcs(oid);
      encodeValue(value);
    } catch {
      skipped++;
      continue;
    }
    entries.push({ oid, value });
  }
  return { entries, skipped };
}
