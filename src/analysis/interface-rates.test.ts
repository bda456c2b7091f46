/** Counter rates: 32-bit wraps, 64-bit resets, discontinuities and reboots give no rate rather than a wrong one. */
import { describe, expect, it } from 'vitest';
import type { CounterSample } from '../snapshot/types.js';
import { counterDelta, intervalRate, peakBps } from './interface-rates.js';

const T0 = Date.parse('2026-03-10T04:00:00Z');
const s = (sec: number, inOctets: bigint, outOctets = 0n, extra: Partial<CounterSample> = {}): CounterSample => ({ at: T0 + sec * 1000, inOctets, outOctets, ...extra });
const MAX32 = (1n << 32n) - 1n;

describe('counterDelta', () => {
  it.each([
    ['a plain increase', 100n, 400n, 32, undefined, 300n],
    ['a 32-bit wrap', MAX32 - 99n, 100n, 32, undefined, 200n],
    ['a 32-bit wrap the speed rules out: a reset', MAX32 - 99n, 100n, 32, 50, null],
    ['a 64-bit counter going back: a reset', 1_000_000n, 10n, 64, undefined, null],
    ['a value beyond the counter width', 1n << 33n, (1n << 33n) + 5n, 32, undefined, null],
  ] as const)('%s', (_n, prev, cur, bits, max, want) => {
    expect(counterDelta(prev, cur, bits, max)).toBe(want);
  });
});

describe('intervalRate', () => {
  it('turns octets into bits per second, both directions', () => {
    expect(intervalRate(s(0, 0n, 0n), s(10, 1_250_000n, 2_500_000n), 64)).toEqual({ from: T0, to: T0 + 10_000, inBps: 1_000_000, outBps: 2_000_000 });
  });
  it('follows one 32-bit wrap on a slow interface', () => {
    const r = intervalRate(s(0, MAX32 - 999n), s(10, 250_000n), 32, 1e9);
    expect(r?.inBps).toBe(((250_000 + 1000) * 8) / 10);
  });
  it.each([
    ['a 32-bit counter going back without a known speed', s(0, 5000n), s(10, 100n), 32, undefined],
    ['a 32-bit counter on a 10G port over 10 s (more than one wrap possible)', s(0, 0n), s(10, 100n), 32, 10e9],
    ['ifCounterDiscontinuityTime changed', s(0, 0n, 0n, { discontinuity: 100 }), s(10, 500n, 0n, { discontinuity: 900 }), 64, undefined],
    ['sysUpTime went back (reboot)', s(0, 0n, 0n, { uptimeSeconds: 5000 }), s(10, 500n, 0n, { uptimeSeconds: 4 }), 64, undefined],
    ['the device rebooted inside the interval', s(0, 0n, 0n, { uptimeSeconds: null }), s(60, 500n, 0n, { uptimeSeconds: 20 }), 64, undefined],
    ['time went backwards', s(10, 0n), s(0, 500n), 64, undefined],
  ] as const)('no rate: %s', (_n, a, b, bits, speed) => {
    expect(intervalRate(a, b, bits, speed)).toBeNull();
  });
});

describe('peakBps', () => {
  it('takes the busiest interval of the window and skips the reset', () => {
    const series = [s(0, 0n), s(60, 7_500_000n), s(120, 100n, 0n, { discontinuity: 1 }), s(180, 15_000_100n, 0n, { discontinuity: 1 }), s(240, 16_000_100n, 0n, { discontinuity: 1 })];
    expect(peakBps(series, 64, T0, T0 + 240_000)).toBe(2_000_000);
    expect(peakBps(series.slice(0, 1), 64, T0, T0 + 240_000)).toBeNull();
  });
});
