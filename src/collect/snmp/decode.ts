/** Pure decoders for index parts and values: octets to text, addresses, BITS. */
import type { IndexPart } from './profile-parts.js';
import type { SnmpValue } from './value.js';

/** Formats 4 or 16 octets as an IPv4 or (RFC 5952 compressed) IPv6 address; other lengths as hex. */
export function octetsToIp(bytes: ArrayLike<number>): string {
  if (bytes.length === 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
  if (bytes.length === 16) {
    const groups: number[] = [];
    for (let k = 0; k < 16; k += 2) groups.push(((bytes[k] ?? 0) << 8) | (bytes[k + 1] ?? 0));
    return compressIpv6(groups);
  }
  if (bytes.length === 8 || bytes.length === 20) {
    // ipv4z / ipv6z: address followed by a 4-octet zone index
    const addrLen = bytes.length - 4;
    const addr = octetsToIp(Array.prototype.slice.call(bytes, 0, addrLen) as number[]);
    let zone = 0;
    for (let k = addrLen; k < bytes.length; k++) zone = zone * 256 + (bytes[k] ?? 0);
    return `${addr}%${zone}`;
  }
  return toHex(bytes);
}

function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let k = 0; k < 8;) {
    if (groups[k] !== 0) { k++; continue; }
    let e = k;
    while (e < 8 && groups[e] === 0) e++;
    if (e - k > bestLen && e - k >= 2) { bestStart = k; bestLen = e - k; }
    k = e;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

/** Lower-case hex with colons, e.g. "00:1a:2b". */
export function toHex(bytes: ArrayLike<number>): string {
  const out: string[] = [];
  for (let k = 0; k < bytes.length; k++) out.push((bytes[k] ?? 0).toString(16).padStart(2, '0'));
  return out.join(':');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * True when the octets read as printable text: no control bytes (tabs and line breaks allowed)
 * and, when any byte is ≥ 0x80, valid UTF-8 (so a binary MAC is not taken for text).
 */
export function isPrintable(buf: Buffer): boolean {
  let high = false;
  for (const b of buf) {
    if (b === 0) continue;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
    if (b === 0x7f) return false;
    if (b >= 0x80) high = true;
  }
  if (!high) return true;
  try {
    utf8.decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Text of an OCTET STRING: printable bytes as text (NULs stripped), anything else as hex. */
export function octetsToText(buf: Buffer): string {
  if (isPrintable(buf)) return buf.toString('utf8').replace(/\0/g, '').trim();
  return toHex(buf);
}

/** Whether bit `n` (0 = most significant bit of the first octet, as in SMI BITS) is set. */
export function bitSet(buf: Buffer, n: number): boolean {
  const byte = buf[n >> 3];
  if (byte === undefined) return false;
  return (byte & (0x80 >> (n & 7))) !== 0;
}

const INET_LENGTH: Readonly<Record<number, number>> = { 1: 4, 2: 16, 3: 8, 4: 20 };

/**
 * Decodes a dotted table index into named parts. Returns null when the index does not fit the
 * declared encoding (a malformed row is skipped, not guessed).
 */
export function decodeIndex(index: string, parts: readonly IndexPart[]): Record<string, string> | null {
  const ids = index.length === 0 ? [] : index.split('.').map(Number);
  if (ids.some((n) => !Number.isInteger(n) || n < 0)) return null;
  const out: Record<string, string> = {};
  let pos = 0;
  for (const part of parts) {
    switch (part.kind) {
      case 'int': {
        if (pos >= ids.length) return null;
        out[part.name] = String(ids[pos++]);
        break;
      }
      case 'ipv4': {
        if (pos + 4 > ids.length) return null;
        const b = ids.slice(pos, pos + 4);
        if (b.some((x) => x > 255)) return null;
        out[part.name] = b.join('.');
        pos += 4;
        break;
      }
      case 'inetAddress':
      case 'inetAddressImplied': {
        if (pos >= ids.length) return null;
        const type = ids[pos++]!;
        let len: number;
        if (part.kind === 'inetAddress') {
          if (pos >= ids.length) return null;
          len = ids[pos++]!;
        } else {
          len = INET_LENGTH[type] ?? 0;
        }
        if (pos + len > ids.length) return null;
        const b = ids.slice(pos, pos + len);
        if (b.some((x) => x > 255)) return null;
        pos += len;
        out[`${part.name}Type`] = String(type);
        out[part.name] = type === 16 ? Buffer.from(b).toString('utf8') : octetsToIp(b);
        break;
      }
      case 'string': {
        if (pos >= ids.length) return null;
        const len = ids[pos++]!;
        if (pos + len > ids.length) return null;
        const b = ids.slice(pos, pos + len);
        if (b.some((x) => x > 255)) return null;
        out[part.name] = Buffer.from(b).toString('utf8');
        pos += len;
        break;
      }
      case 'fixed': {
        if (pos + part.length > ids.length) return null;
        out[part.name] = ids.slice(pos, pos + part.length).join('.');
        pos += part.length;
        break;
      }
      case 'rest': {
        out[part.name] = ids.slice(pos).join('.');
        pos = ids.length;
        break;
      }
    }
  }
  return out;
}

/** A value as text under a decoding rule; null for exceptions/empties. */
export function valueToText(v: SnmpValue, decode: 'text' | 'ip' | 'int' | 'hex' | 'mac' | undefined): string | null {
  switch (v.kind) {
    case 'octets':
      if (decode === 'ip') return octetsToIp(v.value);
      if (decode === 'hex' || decode === 'mac') return toHex(v.value);
      if (decode === 'int') return v.value.length > 0 && v.value.length <= 6 ? String(v.value.readUIntBE(0, v.value.length)) : null;
      return octetsToText(v.value);
    case 'int':
    case 'uint':
    case 'ticks':
      return String(v.value);
    case 'counter64':
      return v.value.toString();
    case 'oid':
    case 'ip':
      return v.value;
    case 'null':
      return null;
    case 'opaque':
      return toHex(v.value);
  }
}

/** A value as a number, or null when it is not numeric. */
export function valueToNumber(v: SnmpValue): number | null {
  switch (v.kind) {
    case 'int':
    case 'uint':
    case 'ticks':
      return v.value;
    case 'counter64':
      return Number(v.value);
    case 'octets': {
      const t = v.value.toString('utf8').trim();
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
    }
    case 'oid':
    case 'ip':
    case 'null':
    case 'opaque':
      return null;
  }
}
