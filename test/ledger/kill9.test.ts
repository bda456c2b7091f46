/**
 * kill -9 durability of the ledger file: a child process appends ledger writes (a row and its
 * audit record per transaction, checkpoints signed on the way) and acknowledges each after its
 * commit returns; it is SIGKILLed at random moments 20 times, reopened each time, and after each
 * kill the file passes SQLite's integrity check and verify-ledger, and holds every acknowledged write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killLoop, roundOk } from '../support/kill9-loop.js';

const KILLS = 20;

describe('ledger under kill -9', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it(`survives ${KILLS} SIGKILLs at random moments: integrity ok, chain verifies, no acknowledged write lost`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'redline-kill9-'));
    const rounds = await killLoop(dir, KILLS);
    expect(rounds).toHaveLength(KILLS);
    for (const r of rounds) {
      expect(r.unexpectedExit, `round ${r.round}`).toBeNull();
      expect(r.integrity, `round ${r.round}: integrity`).toBe('ok');
      expect(r.lost, `round ${r.round}: acknowledged writes lost`).toEqual([]);
      expect(r.verify.firstBad, `round ${r.round}: verify-ledger`).toBeNull();
      expect(r.verify.ok, `round ${r.round}: ${JSON.stringify(r.verify.problems)}`).toBe(true);
      expect(roundOk(r)).toBe(true);
    }
    // the kills landed mid-stream: writes were acknowledged and the chain grew across rounds
    const acked = rounds.reduce((n, r) => n + r.acked, 0);
    expect(acked).toBeGreaterThan(KILLS);
    expect(rounds.at(-1)!.verify.records).toBeGreaterThanOrEqual(acked);
    expect(rounds.at(-1)!.verify.checkpoints).toBeGreaterThan(0);
  }, 600_000);
});
