/** `Scheduler.pollNow`: a poll out of rhythm, first in line, single-flight, rate-limited per device, the rhythm kept. */
import { describe, expect, it } from 'vitest';
import { Scheduler, type SchedulerOptions } from './scheduler.js';

function setup(over: Partial<SchedulerOptions> = {}) {
  let now = 1_000_000;
  const calls: string[] = [];
  const pending = new Map<string, () => void>();
  const opts: SchedulerOptions = { intervalMs: 60_000, jitterMs: 0, concurrency: 1, deadlineFraction: 0.8, profileIntervals: {}, now: () => now, ...over };
  const s = new Scheduler(opts, (id) => {
    calls.push(id);
    return new Promise<void>((r) => pending.set(id, r));
  });
  const finish = async (id: string): Promise<void> => {
    pending.get(id)?.();
    pending.delete(id);
    await new Promise((r) => setImmediate(r));
  };
  return { s, calls, finish, advance: (ms: number) => { now += ms; } };
}

/** Sets up devices that have all completed their first poll, so that only asked-for polls run. */
async function settled(ids: string[], over: Partial<SchedulerOptions> = {}) {
  const t = setup({ concurrency: 10, ...over });
  t.s.setDevices(ids);
  t.s.tick();
  await new Promise((r) => setImmediate(r));
  for (let k = 0; k < ids.length; k++) await new Promise((r) => setImmediate(r));
  for (const id of ids) await t.finish(id);
  t.calls.length = 0;
  return t;
}

describe('Scheduler.pollNow', () => {
  it('polls an idle device at once, far from its next due time', async () => {
    const t = await settled(['a', 'b']);
    t.advance(5_000);
    expect(t.s.pollNow('a', 10_000)).toBe('queued');
    expect(t.calls).toEqual(['a']);
    await t.finish('a');
    expect(t.s.stats().inFlight).toBe(0);
  });

  it('goes first in line when the concurrency limit is reached', async () => {
    // d polls every 2 minutes, the others every minute: at the minute, a, b and c are due and d is not
    const t = await settled(['a', 'b', 'c', 'd'], { concurrency: 1, intervalOf: (id) => (id === 'd' ? 120_000 : undefined) });
    t.advance(60_000);
    t.s.tick();
    expect(t.calls).toEqual(['a']);
    expect(t.s.pollNow('c', 10_000)).toBe('already_queued'); // c's due poll is waiting already
    expect(t.s.pollNow('d', 10_000)).toBe('queued');
    expect(t.calls).toEqual(['a']); // the limit holds
    await t.finish('a');
    expect(t.calls).toEqual(['a', 'd']); // d jumped the queue
    await t.finish('d');
    await t.finish('b');
    await t.finish('c');
    expect(t.calls).toEqual(['a', 'd', 'b', 'c']);
  });

  it('never polls a device twice at once: a request during a poll runs once right after it', async () => {
    const t = await settled(['a']);
    t.advance(1000);
    expect(t.s.pollNow('a', 0)).toBe('queued');
    expect(t.s.pollNow('a', 0)).toBe('after_current');
    expect(t.s.pollNow('a', 0)).toBe('after_current');
    expect(t.calls).toEqual(['a']);
    expect(t.s.stats().inFlight).toBe(1);
    await t.finish('a');
    expect(t.calls).toEqual(['a', 'a']); // one follow-up for both requests
    await t.finish('a');
    expect(t.calls).toEqual(['a', 'a']);
  });

  it('polls a device at most once per gap however often it is asked', async () => {
    const t = await settled(['a']);
    t.advance(1000);
    expect(t.s.pollNow('a', 10_000)).toBe('queued');
    await t.finish('a');
    t.advance(9_999);
    expect(t.s.pollNow('a', 10_000)).toBe('rate_limited');
    t.advance(1);
    expect(t.s.pollNow('a', 10_000)).toBe('queued');
    expect(t.calls).toEqual(['a', 'a']);
  });

  it('keeps the device rhythm: the next due poll still comes on time', async () => {
    const t = await settled(['a']); // at 1,000,000 ms, phase 0: next due at 1,020,000
    t.advance(10_000);
    t.s.pollNow('a', 0);
    await t.finish('a');
    t.advance(9_000);
    t.s.tick();
    expect(t.calls).toEqual(['a']);
    t.advance(1_000);
    t.s.tick();
    expect(t.calls).toEqual(['a', 'a']);
  });

  it('answers unknown for a device it does not poll and stopped after stop', async () => {
    const t = await settled(['a']);
    expect(t.s.pollNow('zz', 0)).toBe('unknown');
    await t.s.stop();
    expect(t.s.pollNow('a', 0)).toBe('stopped');
    expect(t.calls).toEqual([]);
  });
});
