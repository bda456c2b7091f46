/** `transitionsSince` (OPS-003's read of a fleet's recent changes): SQLite and memory stores agree on range, subjects, order and limit. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKED_SUBJECTS } from '../../src/analysis/rules/ops.js';
import { createMemoryStateStore } from '../../src/state/memory-store.js';
import { openSqliteStateStore } from '../../src/state/store.js';
import type { StateStore } from '../../src/state/store.js';

const T0 = Date.UTC(2026, 8, 12);

function fill(s: StateStore): void {
  const subjects = ['reboot', 'bgp:|10.0.0.1', 'if:3', 'fhrp:vrrp|Vlan10|10', 'trap:restart', 'trap:link', 'lldp:a|b|c', 'bgpx', 'ospf:1|2'];
  for (let i = 0; i < 40; i++) s.recordDeviceEvent({ deviceId: `d${i % 3}`, at: T0 + (i % 10) * 1000, subject: subjects[i % subjects.length]!, from: 'a', to: 'b' });
}

describe('transitionsSince', () => {
  it('reads every device\'s transitions from a time, oldest first, of the subjects asked, up to a limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-since-'));
    const sqlite = openSqliteStateStore(join(dir, 'state.db'));
    const memory = createMemoryStateStore();
    try {
      fill(sqlite);
      fill(memory);
      const strip = (ts: ReturnType<StateStore['transitionsSince']>) => ts.map((t) => `${t.at - T0} ${t.deviceId} ${t.subject}`);
      for (const [since, limit, subjects] of [[T0 + 5000, 100, undefined], [T0, 100, CHECKED_SUBJECTS], [T0 + 3000, 7, CHECKED_SUBJECTS], [T0, 100, []]] as const) {
        const got = strip(sqlite.transitionsSince(since, limit, subjects));
        expect(got).toEqual(strip(memory.transitionsSince(since, limit, subjects)));
        expect(got.length).toBeLessThanOrEqual(limit);
        for (const line of got) {
          const [at, , subject] = line.split(' ');
          expect(Number(at)).toBeGreaterThanOrEqual(since - T0);
          if (subjects !== undefined) expect(subjects.some((x) => subject === x || (x.endsWith(':') && subject!.startsWith(x)))).toBe(true);
        }
      }
      expect(strip(sqlite.transitionsSince(T0, 100, CHECKED_SUBJECTS)).some((l) => l.endsWith('bgpx') || l.endsWith('trap:link') || l.endsWith('if:3'))).toBe(false);
      expect(sqlite.transitionsSince(T0, 100, CHECKED_SUBJECTS).length).toBeGreaterThan(10);
    } finally {
      sqlite.close();
      memory.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
