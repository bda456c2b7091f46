/** Vendor-neutral SNMP values: what the transport hands to walks and profiles. */
import type { Varbind } from 'net-snmp';

/** One decoded SNMP value. Exceptions (noSuchObject …) are separate, see `SnmpException`. */
export type SnmpValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'uint'; readonly value: number }
  | { readonly kind: 'ticks'; readonly value: number }
  | { readonly kind: 'counter64'; readonly value: bigint }
  | { readonly kind: 'octets'; readonly value: Buffer }
  | { readonly kind: 'oid'; readonly value: string }
  | { readonly kind: 'ip'; readonly value: string }
  | { readonly kind: 'null' }
  | { readonly kind: 'opaque'; readonly value: Buffer };

/** The three SNMPv2 exception values: they are answers, not errors. */
export type SnmpException = 'noSuchObject' | 'noSuchInstance' | 'endOfMibView';

/** A varbind after decoding: either a value or an exception. */
export interface DecodedVarbind {
  readonly oid: string;
  readonly value: SnmpValue | null;
  readonly exception: SnmpException | null;
}

// net-snmp ObjectType codes (RFC 2578 / RFC 3416 tags).
const T_BOOLEAN = 1;
const T_INTEGER = 2;
const T_OCTETS = 4;
const T_NULL = 5;
const T_OID = 6;
const T_IP = 64;
const T_COUNTER = 65;
const T_GAUGE = 66;
const T_TICKS = 67;
const T_OPAQUE = 68;
const T_COUNTER64 = 70;
const T_NO_SUCH_OBJECT = 128;
const T_NO_SUCH_INSTANCE = 129;
const T_END_OF_MIB = 130;

function counter64(value: unknown): bigint {
  if (Buffer.isBuffer(value)) {
    let n = 0n;
    for (const byte of value) n = (n << 8n) | BigInt(byte);
    return n;
  }
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value === 'bigint') return value;
  return 0n;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Decodes one raw net-snmp varbind; returns null for a type redline does not know. */
export function decodeVarbind(vb: Varbind): DecodedVarbind | null {
  const oid = vb.oid;
  switch (vb.type) {
    case T_INTEGER:
    case T_BOOLEAN:
      return { oid, value: { kind: 'int', value: num(vb.value) }, exception: null };
    case T_COUNTER:
    case T_GAUGE:
      return { oid, value: { kind: 'uint', value: num(vb.value) }, exception: null };
    case T_TICKS:
      return { oid, value: { kind: 'ticks', value: num(vb.value) }, exception: null };
    case T_COUNTER64:
      return { oid, value: { kind: 'counter64', value: counter64(vb.value) }, exception: null };
    case T_OCTETS:
      return { oid, value: { kind: 'octets', value: Buffer.isBuffer(vb.value) ? vb.value : Buffer.from(String(vb.value)) }, exception: null };
    case T_OID:
      return { oid, value: { kind: 'oid', value: String(vb.value) }, exception: null };
    case T_IP:
      return { oid, value: { kind: 'ip', value: String(vb.value) }, exception: null };
    case T_NULL:
      return { oid, value: { kind: 'null' }, exception: null };
    case T_OPAQUE:
      return { oid, value: { kind: 'opaque', value: Buffer.isBuffer(vb.value) ? vb.value : Buffer.alloc(0) }, exception: null };
    case T_NO_SUCH_OBJECT:
      return { oid, value: null, exception: 'noSuchObject' };
    case T_NO_SUCH_INSTANCE:
      return { oid, value: null, exception: 'noSuchInstance' };
    case T_END_OF_MIB:
      return { oid, value: null, exception: 'endOfMibView' };
    default:
      return null;
  }
}

/** The SMI type name of a value, for error messages. */
export function typeName(v: SnmpValue): string {
  switch (v.kind) {
    case 'int': return 'INTEGER';
    case 'uint': return 'Gauge32/Counter32';
    case 'ticks': return 'TimeTicks';
    case 'counter64': return 'Counter64';
    case 'octets': return 'OCTET STRING';
    case 'oid': return 'OBJECT IDENTIFIER';
    case 'ip': return 'IpAddress';
    case 'null': return 'NULL';
    case 'opaque': return 'Opaque';
  }
}
