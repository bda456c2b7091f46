/**
 * What the analysis reads from the records, prepared by the daemon before each pass and sent with
 * it: the done drills as the drill register of SWO-006 and SWO-002 (beside the policy file's
 * `evidence.drills`, kept as a fallback), and the cutover windows of the recent past for OPS-003
 * and OPS-004, each ended window with the findings the ledger saw begin to fail in it and still
 * failing at its end (read once per window and version, then kept).
 */
import type { CutoverWindow, DrillRecord as DrillEvidence } from '../snapshot/types.js';
import type { AppearedReader } from './findings-history.js';
import type { RecordsStore } from './port.js';
import type { CutoverRecord, DrillRecord, RecordKind, RecordOfKind } from './types.js';

/** The records a pass reads. */
export interface RecordsEvidence {
  readonly drills: readonly DrillEvidence[];
  readonly cutovers: readonly CutoverWindow[];
}

const DAY = 86_400_000;
/** Cutovers whose window ended this long ago are no longer read (OPS-004's `watchDays` is at most 90). */
export const CUTOVER_HORIZON_MS = 90 * DAY;
/** A change made at the end of a window is seen a poll and a pass later: the ledger is read this long after the end. */
export const APPEARED_GRACE_MS = 30 * 60_000;

/** A done drill as the drill register's entry (null: not done, no result, or no group named). */
export function drillEvidence(d: DrillRecord): DrillEvidence | null {
  if (d.status !== 'done' || d.result === null || d.group === null) return null;
  return {
    group: d.group, at: d.start, result: d.result,
    ...(d.measuredSwitchMs !== null ? { measuredMs: d.measuredSwitchMs } : {}),
    report: d.reportRef !== '' ? d.reportRef : `drill ${d.id}`,
  };
}

/**
 * The drill register a pass uses: the policy file's list and the records' drills together. The
 * register counts as configured when either has one (a daemon whose records hold no drill and
 * whose policy lists none skips SWO-006 as before, rather than flagging every group at once).
 */
export function mergeDrills(fromPolicy: readonly DrillEvidence[] | undefined, fromRecords: readonly DrillEvidence[] | undefined): readonly DrillEvidence[] | undefined {
  if (fromPolicy === undefined && (fromRecords === undefined || fromRecords.length === 0)) return undefined;
  return [...(fromPolicy ?? []), ...(fromRecords ?? [])];
}

/** Every record of a query, page by page. */
async function all<K extends RecordKind>(store: RecordsStore, kind: K, filter: { status?: readonly string[]; from?: number }): Promise<RecordOfKind[K][]> {
  const out: RecordOfKind[K][] = [];
  for (;;) {
    const page = await store.list({ kind, ...filter, limit: 1000, offset: out.length });
    out.push(...page.items);
    if (page.items.length < 1000 || out.length >= page.total) return out;
  }
}

/** The records' evidence for the analysis, refreshed before each pass. */
export interface RecordsEvidenceSource {
  current(): RecordsEvidence;
  /** Reads the records (and the ledger, for windows that ended since) again. */
  refresh(): Promise<RecordsEvidence>;
}

/** The evidence source over the records and the ledger's findings history (`appeared`: findings-history.ts). */
export function recordsEvidenceSource(deps: { readonly records: RecordsStore; readonly appeared: AppearedReader; readonly now: () => number }): RecordsEvidenceSource {
  let current: RecordsEvidence = { drills: [], cutovers: [] };
  const appearedCache = new Map<string, readonly string[]>();

  /** Fingerprints failing at the end of the window (plus grace) whose failing state began in it. */
  const appearedIn = async (c: CutoverRecord): Promise<readonly string[]> => {
    const key = `${c.id}:${c.version}`;
    const hit = appearedCache.get(key);
    if (hit !== undefined) return hit;
    const out = await deps.appeared(c.windowStart, c.windowEnd + APPEARED_GRACE_MS);
    appearedCache.set(key, out);
    return out;
  };

  const windowOf = async (c: CutoverRecord, now: number): Promise<CutoverWindow> => ({
    id: c.id, ref: c.ref, title: c.title, status: c.status, emergency: c.emergency, start: c.windowStart, end: c.windowEnd, approvedAt: c.approvedAt,
    affected: c.affected,
    appeared: c.status === 'draft' || c.status === 'cancelled' || now < c.windowEnd + APPEARED_GRACE_MS ? null : await appearedIn(c),
  });

  return {
    current: () => current,
    refresh: async () => {
      const now = deps.now();
      const drills = (await all(deps.records, 'drill', { status: ['done'] })).map(drillEvidence).filter((d): d is DrillEvidence => d !== null);
      const cutovers: CutoverWindow[] = [];
      for (const c of await all(deps.records, 'cutover', { from: now - CUTOVER_HORIZON_MS })) cutovers.push(await windowOf(c, now));
      current = { drills, cutovers };
      return current;
    },
  };
}
