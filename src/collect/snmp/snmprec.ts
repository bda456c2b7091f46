/**
 * snmpsim's `.snmprec` format (`oid|type|value`, one varbind a line, sorted by OID) read and
 * written: the recorder's output and `probe --snmprec`'s input. Types: 2 INTEGER, 4 OCTET STRING
 * (4x hex-encoded), 5 NULL, 6 OBJECT IDENTIFIER, 64 IpAddress, 65 Counter32, 66 Gauge32,
 * 67 TimeTicks, 68 Opaque (hex), 70 Counter64.
 */
import { compareOid, normalizeOid } from './oid.js';
import type { SnmpValue } from './value.js';

/** One recorded varbind. */
export type RecordedRow = readonly [oid: string, value: SnmpValue];

function parseValue(type: string, value: string): SnmpValue | null {
  switch (type) {
    case '2': return { kind: 'int', value: Number(value) };
    case '4': return { kind: 'octets', value: Buffer.from(value, 'utf8') };
    case '4x': return { kind: 'octets', value: Buffer.from(value, 'hex') };
    case '5': return { kind: 'null' };
    case '6': return { kind: 'oid', value: normalizeOid(value) };
    case '64': return { kind: 'ip', value };
    case '64x': return { kind: 'ip', value: [...Buffer.from(value, 'hex')].join('.') };
    case '65':
    case '66': return { kind: 'uint', value: Number(value) };
    case '67': return { kind: 'ticks', value: Number(value) };
    case '68':
    case '68x': return { kind: 'opaque', value: Buffer.from(value, 'hex') };
    case '70': return { kind: 'counter64', value: BigInt(value) };
    default: return null;
  }
}

/** Parses snmprec text; lines it cannot read are counted, not fatal (recordings carry oddities). */
export function parseSnmprec(text: string): { rows: RecordedRow[]; skipped: number } {
  const rows: RecordedRow[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const first = line.indexOf('|');
    const second = line.indexOf('|', first + 1);
    const v = first < 0 || second < 0 ? null : parseValue(line.slice(first + 1, second), line.slice(second + 1));
    if (v === null) { skipped++; continue; }
    rows.push([normalizeOid(line.slice(0, first)), v]);
  }
  rows.sort((a, b) => compareOid(a[0], b[0]));
  return { rows, skipped };
}

/** Printable text stays text; anything else (binary, line breaks, `|`) is written as hex. */
function isPlainText(b: Buffer): boolean {
  for (const c of b) if (c < 0x20 || c > 0x7e) return false;
  return true;
}

/** Formats rows as snmprec text, sorted by OID. */
export function formatSnmprec(rows: readonly RecordedRow[]): string {
  const sorted = [...rows].sort((a, b) => compareOid(a[0], b[0]));
  const lines: string[] = [];
  for (const [oid, v] of sorted) {
    switch (v.kind) {
      case 'int': lines.push(`${oid}|2|${v.value}`); break;
      case 'uint': lines.push(`${oid}|66|${v.value}`); break;
      case 'ticks': lines.push(`${oid}|67|${v.value}`); break;
      case 'counter64': lines.push(`${oid}|70|${v.value}`); break;
      case 'octets': lines.push(isPlainText(v.value) ? `${oid}|4|${v.value.toString('latin1')}` : `${oid}|4x|${v.value.toString('hex')}`); break;
      case 'oid': lines.push(`${oid}|6|${v.value}`); break;
      case 'ip': lines.push(`${oid}|64|${v.value}`); break;
      case 'null': lines.push(`${oid}|5|`); break;
      case 'opaque': lines.push(`${oid}|68x|${v.value.toString('hex')}`); break;
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
