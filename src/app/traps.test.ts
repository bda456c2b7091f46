/** The daemon's handling of accepted traps: recorded once per gap, re-polled with the mark set first, a rate-limited re-poll deferred to the gap's end. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../test/support/capture-logger.js';
import type { AcceptedTrap } from '../collect/traps/receiver.js';
import { createMetrics } from '../metrics/registry.js';
import type { PollNowResult } from '../runtime/scheduler.js';
import type { Transition } from '../state/types.js';
import { createTrapHandler } from './traps.js';

const trap = (over: Partial<AcceptedTrap> = {}): AcceptedTrap => ({
  deviceId: 'pe1', kind: 'power', name: 'cefcPowerStatusChange', trapOid: '1.3.6.1.4.1.9.9.117.2.0.2', pdu: 'trapv2', varbinds: [], droppedVarbinds: 0, ...over,
});

function setup(answers: PollNowResult[]) {
  let mono = 0;
  const events: Transition[] = [];
  const asks: { id: string; marked: boolean }[] = [];
  const asked = new Set<string>();
  const metrics = createMetrics({ processMetrics: false });
  const logger = captureLogger();
  const handler = createTrapHandler({
    settings: () => ({ enabled: true, listen: '127.0.0.1:0', minRepollSeconds: 10 }),
    pollNow: (id) => { asks.push({ id, marked: asked.has(id) }); return answers.shift() ?? 'queued'; },
    store: { recordDeviceEvent: (e) => { events.push(e); return { ...e, seq: events.length }; } },
    metrics, logger, wallMs: () => 1_700_000_000_000 + mono, monotonicMs: () => mono, asked,
  });
  return { handler, events, asks, asked, metrics, logger, advance: (ms: number) => { mono += ms; } };
}

describe('createTrapHandler', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('records the trap on its device and asks for a re-poll with the device already marked', () => {
    const t = setup(['queued']);
    t.handler.onTrap(trap());
    expect(t.events).toEqual([{ deviceId: 'pe1', at: 1_700_000_000_000, subject: 'trap:power', from: null, to: 'cefcPowerStatusChange' }]);
    expect(t.asks).toEqual([{ id: 'pe1', marked: true }]); // a poll that starts inside pollNow sees the mark
    expect(t.asked.has('pe1')).toBe(true);
  });

  it('records a burst of the same trap once per gap, but every different trap', () => {
    const t = setup([]);
    for (let k = 0; k < 5; k++) t.handler.onTrap(trap());
    t.handler.onTrap(trap({ kind: 'link', name: 'linkDown' }));
    t.advance(10_000);
    t.handler.onTrap(trap());
    expect(t.events.map((e) => e.to)).toEqual(['cefcPowerStatusChange', 'linkDown', 'cefcPowerStatusChange']);
    expect(t.asks).toHaveLength(7); // the scheduler decides about each re-poll
  });

  it('unmarks a device whose re-poll did not happen, unless an earlier one is pending', () => {
    const t = setup(['unknown', 'queued', 'rate_limited']);
    t.handler.onTrap(trap());
    expect(t.asked.has('pe1')).toBe(false);
    t.handler.onTrap(trap());
    t.handler.onTrap(trap());
    expect(t.asked.has('pe1')).toBe(true); // the queued poll still owes its early pass
    t.handler.close();
  });

  it('re-polls a rate-limited device when the gap ends, once however many traps came', () => {
    const t = setup(['rate_limited', 'rate_limited', 'rate_limited', 'queued']);
    t.handler.onTrap(trap());
    t.handler.onTrap(trap());
    t.handler.onTrap(trap());
    expect(t.asks).toHaveLength(3);
    vi.advanceTimersByTime(9_999);
    expect(t.asks).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(t.asks).toHaveLength(4);
    vi.advanceTimersByTime(60_000);
    expect(t.asks).toHaveLength(4);
  });

  it('close cancels a deferred re-poll', () => {
    const t = setup(['rate_limited']);
    t.handler.onTrap(trap());
    t.handler.close();
    vi.advanceTimersByTime(60_000);
    expect(t.asks).toHaveLength(1);
  });

  it('goes on when the store refuses the event, and logs no varbind text', async () => {
    const t = setup(['queued']);
    const failing = createTrapHandler({
      settings: () => ({ enabled: true, listen: '127.0.0.1:0', minRepollSeconds: 10 }),
      pollNow: () => 'queued',
      store: { recordDeviceEvent: () => { throw new Error('disk full'); } },
      metrics: t.metrics, logger: t.logger, wallMs: () => 0, monotonicMs: () => 0, asked: new Set(),
    });
    failing.onTrap(trap({ varbinds: [{ oid: '1.3.6.1.2.1.1.5.0', value: 'secret-looking-text' }] }));
    expect(JSON.stringify(t.logger.lines)).not.toContain('secret-looking-text');
    expect(t.logger.lines.some((l) => l.msg.startsWith('could not record a trap'))).toBe(true);
    expect(await t.metrics.registry.getSingleMetricAsString('redline_trap_repolls_total')).toMatch(/result="queued"} 1/);
  });
});
