/**
 * An in-memory SnmpTransport over a sorted OID table, for unit tests of profiles and the engine
 * (pure code: no sockets). Rows are given in snmprec-like form: `oid|type|value`, where type is
 * 2 INTEGER, 4 OCTET STRING (4x = hex), 6 OID, 64 IpAddress, 65 Counter32, 66 Gauge32,
 * 67 TimeTicks, 70 Counter64.
 */
import { compareOid, normalizeOid } from '../../src/collect/snmp/oid.js';
import type { SnmpTransport } from '../../src/collect/snmp/transport.js';
import type { DecodedVarbind, SnmpValue } from '../../src/collect/snmp/value.js';

function parseValue(type: string, value: string): SnmpValue {
  switch (type) {
    case '2': return { kind: 'int', value: Number(value) };
    case '4': return { kind: 'octets', value: Buffer.from(value, 'utf8') };
    case '4x': return { kind: 'octets', value: Buffer.from(value, 'hex') };
    case '6': return { kind: 'oid', value };
    case '64': return { kind: 'ip', value };
    case '64x': return { kind: 'ip', value: [...Buffer.from(value, 'hex')].join('.') };
    case '65':
    case '66': return { kind: 'uint', value: Number(value) };
    case '67': return { kind: 'ticks', value: Number(value) };
    case '70': return { kind: 'counter64', value: BigInt(value) };
    default: throw new Error(`table-transport: unknown type ${type}`);
  }
}

/** Parses `oid|type|value` lines (blank lines and # comments ignored). */
export function parseRows(text: string): [string, SnmpValue][] {
  const rows: [string, SnmpValue][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const first = line.indexOf('|');
    const second = line.indexOf('|', first + 1);
    if (first < 0 || second < 0) throw new Error(`table-transport: bad row "${line}"`);
    rows.push([normalizeOid(line.slice(0, first)), parseValue(line.slice(first + 1, second), line.slice(second + 1))]);
  }
  return rows;
}

/** A transport that answers GET/GETNEXT/GETBULK from a fixed table, like a well-behaved agent. */
export class TableTransport implements SnmpTransport {
  readonly label = 'table:0';
  readonly version = '2c' as const;
  readonly incidents: string[] = [];
  readonly undecodable = 0;
  requests = 0;
  private readonly rows: [string, SnmpValue][];
  private readonly byOid: Map<string, SnmpValue>;

  constructor(rows: [string, SnmpValue][] | string) {
    const list = typeof rows === 'string' ? parseRows(rows) : rows;
    this.rows = [...list].sort((a, b) => compareOid(a[0], b[0]));
    this.byOid = new Map(this.rows);
  }

  private next(oid: string): DecodedVarbind {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareOid(this.rows[mid]![0], oid) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const r = this.rows[lo];
    return r === undefined ? { oid, value: null, exception: 'endOfMibView' } : { oid: r[0], value: r[1], exception: null };
  }

  get(oids: readonly string[]): Promise<DecodedVarbind[]> {
    this.requests++;
    return Promise.resolve(oids.map((oid) => {
      const v = this.byOid.get(normalizeOid(oid));
      return v === undefined ? { oid, value: null, exception: 'noSuchInstance' as const } : { oid, value: v, exception: null };
    }));
  }

  getNext(oids: readonly string[]): Promise<DecodedVarbind[]> {
    this.requests++;
    return Promise.resolve(oids.map((oid) => this.next(normalizeOid(oid))));
  }

  getBulk(oids: readonly string[], maxRepetitions: number): Promise<DecodedVarbind[][]> {
    this.requests++;
    return Promise.resolve(oids.map((start) => {
      const out: DecodedVarbind[] = [];
      let cur = normalizeOid(start);
      for (let k = 0; k < maxRepetitions; k++) {
        const vb = this.next(cur);
        out.push(vb);
        if (vb.exception !== null) break;
        cur = vb.oid;
      }
      return out;
    }));
  }

  close(): void {
    // nothing to release
  }
}
