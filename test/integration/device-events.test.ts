/**
 * `recordDeviceEvent` on both state stores (SQLite on a real file, and memory): a trap recorded on
 * a device is one of its transitions, in time order with what polls found, survives a reopen (SQLite)
 * and leaves the device's state alone; a bad time is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStateStore } from '../../src/state/memory-store.js';
import { openSqliteStateStore, type StateStore } from '../../src/state/store.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const sqliteFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-device-events-'));
  dirs.push(dir);
  return join(dir, 'state.db');
};

const stores: [string, () => { store: StateStore; reopen: (() => StateStore) | null }][] = [
  ['sqlite', () => { const file = sqliteFile(); return { store: openSqliteStateStore(file), reopen: () => openSqliteStateStore(file) }; }],
  ['memory', () => ({ store: createMemoryStateStore(), reopen: null })],
];

describe.each(stores)('recordDeviceEvent (%s)', (_name, open) => {
  it('stores the event as a transition of the device, newest first, without touching its state', () => {
    const { store, reopen } = open();
    const a = store.recordDeviceEvent({ deviceId: 'pe1', at: 1_000, subject: 'trap:power', from: null, to: 'cefcPowerStatusChange' });
    const b = store.recordDeviceEvent({ deviceId: 'pe1', at: 2_000, subject: 'trap:link', from: null, to: 'linkDown' });
    store.recordDeviceEvent({ deviceId: 'pe2', at: 1_500, subject: 'trap:other', from: null, to: '1.3.6.1.4.1.99999.0.1' });
    expect(b.seq).toBeGreaterThan(a.seq);
    const want = [
      { deviceId: 'pe1', at: 2_000, subject: 'trap:link', from: null, to: 'linkDown', seq: b.seq },
      { deviceId: 'pe1', at: 1_000, subject: 'trap:power', from: null, to: 'cefcPowerStatusChange', seq: a.seq },
    ];
    expect(store.transitions('pe1', { limit: 10 }).map((t) => ({ ...t }))).toEqual(want);
    expect(store.latestDevice('pe1')).toBeNull();
    store.close();
    if (reopen !== null) {
      const again = reopen();
      expect(again.transitions('pe1', { limit: 10 }).map((t) => ({ ...t }))).toEqual(want);
      again.close();
    }
  });

  it('refuses a time that is not a time', () => {
    const { store } = open();
    expect(() => store.recordDeviceEvent({ deviceId: 'pe1', at: Number.NaN, subject: 'trap:link', from: null, to: 'linkUp' })).toThrow();
    expect(store.transitions('pe1', { limit: 10 })).toEqual([]);
    store.close();
  });
});
