/**
 * Where configuration-backup evidence comes from (CFG-002): a small port with two
 * implementations, a list of records (from the policy file or a test) and backup files on disk
 * (`backup-files.ts`). The daemon reads the source at the edge, when it builds a snapshot; the
 * rule only sees the records.
 */
import type { BackupRecord } from './types.js';

/** A source of the latest configuration backup of each device. */
export interface ConfigBackupSource {
  /** What the source is, for logs and the findings summary (never a secret). */
  readonly describe: string;
  /** The latest backup per device id; devices without one are absent. */
  latest(deviceIds: Iterable<string>): ReadonlyMap<string, BackupRecord>;
}

/** A source over fixed records (e.g. `evidence.configBackups.records` in policy.yaml). */
export function listBackupSource(records: readonly BackupRecord[], describe = 'configured backup list'): ConfigBackupSource {
  const newest = new Map<string, BackupRecord>();
  for (const r of records) {
    const prev = newest.get(r.device);
    if (prev === undefined || r.at > prev.at) newest.set(r.device, r);
  }
  return {
    describe,
    latest: (ids) => {
      const out = new Map<string, BackupRecord>();
      for (const id of ids) {
        const r = newest.get(id);
        if (r !== undefined) out.set(id, r);
      }
      return out;
    },
  };
}
