import { describe, expect, it } from 'vitest';
import { ConfigHolder } from './config-holder.js';
import { Teardown } from './teardown.js';

describe('Teardown', () => {
  it('stops parts newest first, awaits each, reports failures and goes on, and runs once', async () => {
    const t = new Teardown();
    const done: string[] = [];
    t.add('store', () => { done.push('store'); });
    t.add('scheduler', async () => { await new Promise((r) => setImmediate(r)); done.push('scheduler'); });
    t.add('server', () => { throw new Error('EADDRINUSE'); });
    t.add('ticker', () => { done.push('ticker'); });
    const errors: string[] = [];
    await t.run((name, err) => { errors.push(`${name}: ${(err as Error).message}`); });
    expect(done).toEqual(['ticker', 'scheduler', 'store']);
    expect(errors).toEqual(['server: EADDRINUSE']);
    await t.run(() => undefined);
    expect(done).toHaveLength(3);
  });
});

describe('ConfigHolder', () => {
  it('applies a new value to every subscriber in order, reports one that fails, and unsubscribes', () => {
    const h = new ConfigHolder({ interval: 60 });
    const seen: string[] = [];
    h.subscribe('scheduler', (next, prev) => { seen.push(`scheduler ${prev.interval}→${next.interval}`); });
    const off = h.subscribe('broken', () => { throw new Error('bad'); });
    h.subscribe('logger', (next) => { seen.push(`logger ${next.interval}`); });
    const errors: string[] = [];
    expect(h.apply({ interval: 300 }, (name) => { errors.push(name); })).toEqual(['broken']);
    expect(h.current()).toEqual({ interval: 300 });
    expect(seen).toEqual(['scheduler 60→300', 'logger 300']);
    expect(errors).toEqual(['broken']);
    off();
    expect(h.apply({ interval: 60 }, () => undefined)).toEqual([]);
    expect(seen.at(-1)).toBe('logger 60');
  });
});
