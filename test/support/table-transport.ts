/**
 * An in-memory SnmpTransport over a sorted OID table, for unit tests of profiles and the engine
 * (pure code: no sockets). Rows are given in snmprec-like form: `oid|type|value`, where type is
 * 2 INTEGER, 4 OCTET STRING (4x = hex), 6 OID, 64 IpAddress, 65 Counter32, 66 Gauge32,
 * 67 TimeTicks, 70 Counter64.
 */
import { normalizeOid } from '../../src/collect/snmp/oid.js';
import { RecordingTransport } from '../../src/collect/snmp/recording-transport.js';
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

/**
 * A transport that answers GET/GETNEXT/GETBULK from a fixed table, like a well-behaved agent: the
 * recording transport `probe --snmprec` uses, counting the requests it is asked.
 */
export class TableTransport extends RecordingTransport implements SnmpTransport {
  requests = 0;

  constructor(rows: [string, SnmpValue][] | string) {
    super(typeof rows === 'string' ? parseRows(rows) : rows, 'table:0');
  }

  override get(oids: readonly string[]): Promise<DecodedVarbind[]> {
    this.requests++;
    return super.get(oids);
  }

  override getNext(oids: readonly string[]): Promise<DecodedVarbind[]> {
    this.requests++;
    return super.getNext(oids);
  }

  override getBulk(oids: readonly string[], maxRepetitions: number): Promise<DecodedVarbind[][]> {
    this.requests++;
    return super.getBulk(oids, maxRepetitions);
  }
}
