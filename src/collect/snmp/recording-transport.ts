/**
 * An SnmpTransport that answers from a recording (`redline probe --snmprec`): GET, GETNEXT and
 * GETBULK over the sorted rows, as a well-behaved agent would, with no socket. The engine reads a
 * recording exactly as it reads a device.
 */
import { compareOid, normalizeOid } from './oid.js';
import type { RecordedRow } from './snmprec.js';
import type { SnmpTransport } from './transport.js';
import type { DecodedVarbind } from './value.js';

/** A transport over recorded rows. */
export class RecordingTransport implements SnmpTransport {
  readonly version = '2c' as const;
  readonly incidents: string[] = [];
  readonly undecodable = 0;
  private readonly rows: RecordedRow[];
  private readonly byOid: Map<string, RecordedRow[1]>;

  constructor(rows: readonly RecordedRow[], readonly label: string) {
    this.rows = [...rows].sort((a, b) => compareOid(a[0], b[0]));
    this.byOid = new Map(this.rows.map(([o, v]) => [o, v]));
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
    return Promise.resolve(oids.map((oid) => {
      const v = this.byOid.get(normalizeOid(oid));
      return v === undefined ? { oid, value: null, exception: 'noSuchInstance' as const } : { oid, value: v, exception: null };
    }));
  }

  getNext(oids: readonly string[]): Promise<DecodedVarbind[]> {
    return Promise.resolve(oids.map((oid) => this.next(normalizeOid(oid))));
  }

  getBulk(oids: readonly string[], maxRepetitions: number): Promise<DecodedVarbind[][]> {
    return Promise.resolve(oids.map((start) => {
      const out: DecodedVarbind[] = [];
      let at = normalizeOid(start);
      for (let k = 0; k < maxRepetitions; k++) {
        const vb = this.next(at);
        out.push(vb);
        if (vb.exception !== null) break;
        at = vb.oid;
      }
      return out;
    }));
  }

  close(): void {
    // nothing to release: no socket
  }
}
