import { describe, expect, it } from 'vitest';
import { Scheduler, stableHash, type SchedulerOptions } from './scheduler.js';

function setup(over: Partial<SchedulerOptions> = {}) {
  let now = 1_000_000;
  const calls: { id: string; at: number; skip: string[] }[] = [];
  const pending = new Map<string, () => void>();
  const opts: SchedulerOptions = {
    intervalMs: 60_000, jitterMs: 10_000, concurrency: 2, deadlineFraction: 0.8, profileIntervals: {}, now: () => now, ...over,
  };
  const s = new Scheduler(opts, (id, o) => {
    calls.push({ id, at: now, skip: [...(o.profiles ?? [])] });
    expect(o.deadlineMs).toBe(48_000);
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
