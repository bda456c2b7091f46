/**
 * Configuration backups as files (the layout of oxidized's file output and RANCID's configs/
 * directory): a file named after the device id or name, optionally with an extension, or a
 * directory named after the device holding dated copies. The newest file's modification time
 * is the backup time. Only file metadata is read, never the contents (they hold secrets).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, parse } from 'node:path';
import type { ConfigBackupSource } from './evidence.js';
import type { BackupRecord } from './types.js';

/** Names a device may be filed under, by device id (its id and, when known, its inventory name). */
export type DeviceNames = (id: string) => readonly string[];

function newestIn(path: string, depth: number): number | null {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) return null;
  if (st.isFile()) return st.mtimeMs;
  if (!st.isDirectory() || depth <= 0) return null;
  let newest: number | null = null;
  for (const entry of readdirSync(path)) {
    if (entry.startsWith('.')) continue;
    const t = newestIn(join(path, entry), depth - 1);
    if (t !== null && (newest === null || t > newest)) newest = t;
  }
  return newest;
}

/** A source reading backup files under `dir` (one listing per call; unreadable entries are skipped). */
export function fileBackupSource(dir: string, names: DeviceNames = (id) => [id]): ConfigBackupSource {
  return {
    describe: `backup files under ${dir}`,
    latest: (ids) => {
      const byName = new Map<string, string[]>();
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return new Map();
      }
      for (const e of entries) {
        if (e.startsWith('.')) continue;
        const key = parse(e).name.toLowerCase();
        const full = e.toLowerCase();
        for (const k of new Set([key, full])) {
          const list = byName.get(k);
          if (list === undefined) byName.set(k, [e]);
          else list.push(e);
        }
      }
      const out = new Map<string, BackupRecord>();
      for (const id of ids) {
        let best: { at: number; entry: string } | null = null;
        for (const name of names(id)) {
          for (const e of byName.get(name.toLowerCase()) ?? []) {
            const at = newestIn(join(dir, e), 2);
            if (at !== null && (best === null || at > best.at)) best = { at, entry: e };
          }
        }
        if (best !== null) out.set(id, { device: id, at: best.at, location: join(dir, best.entry) });
      }
      return out;
    },
  };
}
