import { describe, expect, it } from 'vitest';
import { createWriteBehind, type WriteOutcome } from './write-behind.js';

/** A writer recording its batches; items named "bad…" are refused alone, a batch holding "locked" fails whole. */
function writer(): { batches: string[][]; write: (items: readonly string[]) => WriteOutcome<string>[] } {
  const batches: string[][] = [];
  return {
    batches,
    write: (items) => {
      batches.push([...items]);
      if (items.includes('locked')) throw new Error('database is locked');
      return items.map((i) => (i.startsWith('bad') ? { ok: false, error: new Error(`refused ${i}`) } : { ok: true, transitions: `stored ${i}` }));
    },
  };
}

const settled = (p: Promise<string>): Promise<string> => p.then((v) => v, (e: unknown) => `rejected: ${(e as Error).message}`);

describe('write-behind of poll results', () => {
  it('writes what gathered within the delay as one batch, and settles each item only then', async () => {
    const w = writer();
    const q = createWriteBehind(w.write, { flushAfterMs: 5 });
    const a = q.record('a');
    const b = q.record('b');
    expect(w.batches).toEqual([]);
    expect(q.pending()).toBe(2);
    expect(await Promise.all([a, b])).toEqual(['stored a', 'stored b']);
    expect(w.batches).toEqual([['a', 'b']]);
    expect(await q.record('c')).toBe('stored c');
    expect(w.batches).toEqual([['a', 'b'], ['c']]);
  });

  it('writes a full batch on the next turn, one batch per turn, never more than maxBatch items in one', async () => {
    const w = writer();
    const q = createWriteBehind(w.write, { flushAfterMs: 20, maxBatch: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((i) => q.record(i));
    await all[0];
    // one batch per turn: the daemon's thread is never held for more than one batch
    expect(w.batches).toEqual([['a', 'b']]);
    await Promise.all(all.slice(0, 4));
    expect(w.batches).toEqual([['a', 'b'], ['c', 'd']]);
    // the rest, not a full batch, waits for the timer
    await all[4];
    expect(w.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('rejects every item of a batch that cannot be written, and an item refused alone alone', async () => {
    const w = writer();
    const q = createWriteBehind(w.write, { flushAfterMs: 1 });
    const first = await Promise.all(['a', 'locked', 'b'].map((i) => settled(q.record(i))));
    expect(first).toEqual(['rejected: database is locked', 'rejected: database is locked', 'rejected: database is locked']);
    const second = await Promise.all(['a', 'bad-time', 'b'].map((i) => settled(q.record(i))));
    expect(second).toEqual(['stored a', 'rejected: refused bad-time', 'stored b']);
  });

  it('writes at once on flush (stop)', async () => {
    const w = writer();
    const q = createWriteBehind(w.write, { flushAfterMs: 60_000 });
    const a = q.record('a');
    q.flush();
    expect(w.batches).toEqual([['a']]);
    expect(await a).toBe('stored a');
    expect(q.pending()).toBe(0);
  });

  it('refuses a writer that answers for fewer items than it was given', async () => {
    const q = createWriteBehind((): WriteOutcome<string>[] => [], { flushAfterMs: 1 });
    expect(await settled(q.record('a'))).toBe('rejected: the batch writer answered 0 outcomes for 1 items');
  });
});
