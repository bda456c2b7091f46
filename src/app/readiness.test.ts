import { describe, expect, it } from 'vitest';
import { judgeReadiness, type ReadinessFacts } from './readiness.js';

const MIN = 60_000;
const ok: ReadinessFacts = {
  firstCycleDone: true, polled: 3, total: 3, writeFailure: null, nowMs: 10 * MIN, startedMs: 0, lastCompletedMs: 10 * MIN - 1000, intervalMs: MIN,
};

describe('judgeReadiness', () => {
  it.each<[string, Partial<ReadinessFacts>, boolean, RegExp | undefined]>([
    ['all well', {}, true, undefined],
    ['first cycle running', { firstCycleDone: false, polled: 1, lastCompletedMs: null, nowMs: 1000 }, false, /first poll cycle not finished \(1 of 3/],
    ['writes failing', { writeFailure: { operation: 'recordDevicePoll', message: 'database is locked' } }, false, /not accepting writes \(recordDevicePoll\): database is locked/],
    ['writes failing wins over a stall', { writeFailure: { operation: 'recordHealth', message: 'disk full' }, lastCompletedMs: 0 }, false, /recordHealth/],
    ['two intervals without a finished poll', { lastCompletedMs: 10 * MIN - 2 * MIN - 1 }, false, /polling has stalled: no poll finished for 120 s \(interval 60 s\)/],
    ['exactly two intervals is not yet a stall', { lastCompletedMs: 8 * MIN }, true, undefined],
    ['no devices cannot stall', { total: 0, polled: 0, lastCompletedMs: null }, true, undefined],
    ['never finished a poll since start', { firstCycleDone: false, polled: 0, lastCompletedMs: null, startedMs: 0 }, false, /stalled/],
  ])('%s', (_name, patch, ready, reason) => {
    const r = judgeReadiness({ ...ok, ...patch });
    expect(r.ready).toBe(ready);
    if (reason === undefined) expect(r.reason).toBeUndefined();
    else expect(r.reason).toMatch(reason);
  });
});
