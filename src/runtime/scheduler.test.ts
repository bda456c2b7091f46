import { describe, expect, it } from 'vitest';
import { Scheduler, stableHash, type SchedulerOptions } from './scheduler.js';

function setup(over: Partial<SchedulerOptions> = {}) {
  let now = 1_000_000;
  const calls: { id: string; at: number; skip: string[]; deadlineMs: number }[] = [];
  const pending = new Map<string, () => void>();
  const opts: SchedulerOptions = {
    intervalMs: 60_000, jitterMs: 10_000, concurrency: 2, deadlineFraction: 0.8, profileIntervals: {}, now: () => now, ...over,
  };
  const s = new Scheduler(opts, (id, o) => {
    calls.push({ id, at: now, skip: [...(o.profiles ?? [])], deadlineMs: o.deadlineMs });
    return new Promise<void>((r) => pending.set(id, r));
  });
  const finish = async (id: string): Promise<void> => {
    pending.get(id)?.();
    pending.delete(id);
    await new Promise((r) => setImmediate(r));
  };
  return { s, calls, pending, finish, advance: (ms: number) => { now += ms; }, get now() { return now; } };
}

describe('Scheduler', () => {
  it('spreads first polls over the jitter window and bounds concurrency', async () => {
    const t = setup();
    t.s.setDevices(['a', 'b', 'c', 'd']);
    for (let k = 0; k < 11; k++) { t.s.tick(); t.advance(1000); }
    expect(t.calls.length).toBe(2); // concurrency 2
    expect(t.s.stats().queued).toBe(2);
    await t.finish(t.calls[0]!.id);
    expect(t.calls.length).toBe(3);
    await t.finish(t.calls[1]!.id);
    await t.finish(t.calls[2]!.id);
    await t.finish(t.calls[3]!.id);
    expect(new Set(t.calls.map((c) => c.id))).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(t.s.allPolledOnce()).toBe(true);
  });

  it('polls each device once per interval and never twice at once', async () => {
    const t = setup({ concurrency: 10 });
    t.s.setDevices(['x']);
    for (let k = 0; k < 11; k++) { t.s.tick(); t.advance(1000); }
    expect(t.calls.length).toBe(1);
    expect(t.calls[0]!.deadlineMs).toBe(48_000);
    // still in flight one interval later: skipped, not doubled
    t.advance(60_000);
    t.s.tick();
    expect(t.calls.length).toBe(1);
    expect(t.s.stats().skippedOverlap).toBe(1);
    await t.finish('x');
    t.advance(60_000);
    t.s.tick();
    expect(t.calls.length).toBe(2);
  });

  it('gives each device a stable phase', () => {
    expect(stableHash('core-1')).toBe(stableHash('core-1'));
    expect(stableHash('core-1')).not.toBe(stableHash('core-2'));
  });

  it('skips slow profiles until their interval has passed', async () => {
    const t = setup({ concurrency: 10, jitterMs: 0, profileIntervals: { lldp: 300_000 } });
    t.s.setDevices(['x']);
    t.s.tick();
    expect(t.calls[0]!.skip).toEqual([]);
    await t.finish('x');
    t.advance(60_000); t.s.tick();
    expect(t.calls[1]!.skip).toEqual(['lldp']);
    await t.finish('x');
    for (let k = 0; k < 4; k++) { t.advance(60_000); t.s.tick(); await t.finish('x'); }
    expect(t.calls.map((c) => c.skip.length)).toEqual([0, 1, 1, 1, 1, 0]);
  });

  it('drops removed devices and stops cleanly', async () => {
    const t = setup({ concurrency: 1, jitterMs: 0 });
    t.s.setDevices(['a', 'b']);
    t.s.tick();
    t.s.setDevices(['a']);
    const stopping = t.s.stop();
    await t.finish('a');
    await t.finish('b');
    await stopping;
    expect(t.calls.map((c) => c.id)).toEqual(['a']);
    expect(t.s.stats().devices).toBe(1);
  });
});

describe('Scheduler on a monotonic clock', () => {
  /** Ticks once a second for `ms`, finishing every poll at once; returns each device's poll times. */
  async function run(t: ReturnType<typeof setup>, ms: number): Promise<Map<string, number[]>> {
    const from = t.calls.length;
    for (let k = 0; k < ms / 1000; k++) {
      t.advance(1000);
      t.s.tick();
      while (t.pending.size > 0 || t.s.stats().queued > 0) {
        for (const id of [...t.pending.keys()]) await t.finish(id);
        await new Promise((r) => setImmediate(r));
      }
      await t.s.whenIdle();
    }
    const times = new Map<string, number[]>();
    for (const c of t.calls.slice(from)) times.set(c.id, [...(times.get(c.id) ?? []), c.at]);
    return times;
  }
  const ids = Array.from({ length: 20 }, (_, k) => `dev-${k}`);
  const opts = (intervalMs: number): SchedulerOptions => ({
    intervalMs, jitterMs: intervalMs, concurrency: 50, deadlineFraction: 0.8, profileIntervals: {}, now: () => 0,
  });

  it.each([
    ['raised 60 s → 300 s', 60_000, 300_000],
    ['raised 60 s → 61 s', 60_000, 61_000],
    ['lowered 300 s → 60 s', 300_000, 60_000],
  ])('interval %s on reload: every device is polled within one new interval, then at the new rhythm', async (_name, before, after) => {
    const t = setup({ ...opts(before), deadlineFraction: 0.8 });
    const o = (i: number): SchedulerOptions => ({ ...opts(i), now: () => t.now });
    t.s.reconfigure(o(before));
    t.s.setDevices(ids);
    await run(t, 2 * before);
    t.s.reconfigure(o(after));
    const reloadAt = t.now;
    const polls = await run(t, 3 * after);
    for (const id of ids) {
      const times = polls.get(id) ?? [];
      expect(times.length, id).toBeGreaterThanOrEqual(3);
      expect(times[0]! - reloadAt, id).toBeLessThanOrEqual(after);
      // after the first poll at the new rhythm, polls are one new interval apart
      for (let k = 2; k < times.length; k++) expect(times[k]! - times[k - 1]!, id).toBe(after);
    }
  });

  it('gives each device its own interval when intervalOf says so', async () => {
    const t = setup();
    t.s.reconfigure({ ...opts(60_000), now: () => t.now, intervalOf: (id) => (id === 'fast' ? 10_000 : undefined) });
    t.s.setDevices(['fast', 'slow']);
    const polls = await run(t, 120_000);
    expect(polls.get('fast')?.length).toBeGreaterThanOrEqual(12);
    expect(polls.get('slow')?.length).toBeLessThanOrEqual(3);
  });

  it('reports a runner that throws or rejects, and goes on polling', async () => {
    const errors: string[] = [];
    let now = 0;
    let calls = 0;
    const s = new Scheduler({ ...opts(10_000), jitterMs: 0, now: () => now, onError: (id, err) => { errors.push(`${id}: ${String(err)}`); } }, (id) => {
      calls++;
      if (id === 'throws') throw new Error('sync');
      return Promise.reject(new Error('async'));
    });
    s.setDevices(['throws', 'rejects']);
    for (let k = 0; k < 25; k++) { s.tick(); await s.whenIdle(); await new Promise((r) => setImmediate(r)); now += 1000; }
    expect(calls).toBe(6);
    expect(errors.filter((e) => e === 'throws: Error: sync')).toHaveLength(3);
    expect(errors.filter((e) => e === 'rejects: Error: async')).toHaveLength(3);
    expect(s.stats().lastCompletedAt).not.toBeNull();
  });
});
