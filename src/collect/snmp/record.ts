/**
 * Walking a device into a recording (`redline record`): the subtrees the profiles read (every
 * column and scalar, the system group included) or the whole MIB view, with the same guarded
 * walks as a poll (varbind cap, deadline, tooBig back-off, GETNEXT fallback).
 */
import { errorMessage } from '../../common/errors.js';
import { compareOid } from './oid.js';
import type { Profile } from './profiles/types.js';
import type { RecordedRow } from './snmprec.js';
import type { SnmpTransport } from './transport.js';
import { WalkSession, walkColumns } from './walk.js';

/** What to record and how hard to try. */
export interface RecordOptions {
  readonly profiles: readonly Profile[];
  /** Everything under 1.3.6.1 instead of what the profiles read. */
  readonly all: boolean;
  readonly maxRepetitions: number;
  readonly maxVarbinds: number;
  readonly timeoutMs: number;
  readonly now: () => number;
}

/** What a recording run yields: the rows and the problems met (rows read before a problem are kept). */
export interface Recording {
  readonly rows: RecordedRow[];
  readonly problems: string[];
}

/** The walk roots and GET scalars the profiles read. */
export function profileSubtrees(profiles: readonly Profile[]): { columns: string[]; scalars: string[] } {
  const columns = new Set<string>();
  const scalars = new Set<string>();
  for (const p of profiles) {
    for (const c of Object.values(p.columns ?? {})) columns.add(c.oid);
    for (const s of Object.values(p.scalars ?? {})) scalars.add(s.oid);
  }
  return { columns: [...columns].sort(compareOid), scalars: [...scalars].sort(compareOid) };
}

/** Records one device. Never throws for agent behaviour; problems are returned. */
export async function recordDevice(transport: SnmpTransport, opts: RecordOptions): Promise<Recording> {
  const session = new WalkSession(transport, {
    maxRepetitions: opts.maxRepetitions, useBulk: true, maxVarbinds: opts.maxVarbinds, deadline: opts.now() + opts.timeoutMs,
    columnsPerRequest: 6, timeoutsBeforeSilent: 2, now: opts.now,
  });
  const rows = new Map<string, RecordedRow[1]>();
  const problems: string[] = [];
  const { columns, scalars } = opts.all ? { columns: ['1.3.6.1'], scalars: [] } : profileSubtrees(opts.profiles);
  for (let k = 0; k < scalars.length; k += 20) {
    const chunk = scalars.slice(k, k + 20);
    try {
      for (const vb of await transport.get(chunk)) if (vb.value !== null) rows.set(vb.oid.replace(/^\./, ''), vb.value);
    } catch (err) {
      problems.push(`${chunk[0]!}: ${errorMessage(err)}`);
      if (rows.size === 0 && k === 0) return { rows: [], problems };
    }
  }
  for (const [root, colRows] of await walkColumns(session, columns)) {
    for (const [index, v] of colRows) rows.set(`${root}.${index}`, v);
  }
  for (const p of session.problems) problems.push(`${p.oid}: ${p.message}`);
  if (session.stopReason !== null) problems.push(session.stopReason);
  for (const i of transport.incidents) problems.push(i);
  return { rows: [...rows.entries()].sort((a, b) => compareOid(a[0], b[0])), problems };
}
