/**
 * Interface rates from octet counters, safe against wraps and resets (pure).
 *
 * - A 32-bit counter (ifInOctets) wraps at 2^32; a smaller reading is taken as one wrap, unless
 *   the rate that implies is beyond the interface's speed (then the device restarted the counter).
 *   At 10 Gb/s a 32-bit octet counter wraps every 3.4 s, so a 32-bit interval that may hold more
 *   than one wrap gives no rate at all rather than a wrong one.
 * - A 64-bit counter (ifHCInOctets) does not wrap in practice (11 years at 400 Gb/s): a smaller
 *   reading is a reset.
 * - A change of ifCounterDiscontinuityTime, a smaller sysUpTime (reboot) or an uptime shorter than
 *   the interval says the counters restarted inside the interval: no rate for that interval.
 */
import type { CounterSample } from '../snapshot/types.js';

/** The modulus of a counter of each width. */
const MODULUS: Readonly<Record<32 | 64, bigint>> = { 32: 1n << 32n, 64: 1n << 64n };

/** Octets counted between two readings of one counter, or null when it restarted (or cannot be told). */
export function counterDelta(prev: bigint, cur: bigint, bits: 32 | 64, maxOctets?: number): bigint | null {
  if (cur < 0n || prev < 0n || cur >= MODULUS[bits] || prev >= MODULUS[bits]) return null;
  if (cur >= prev) {
    const d = cur - prev;
    return maxOctets !== undefined && Number(d) > maxOctets ? null : d;
  }
  if (bits === 64) return null;
  const wrapped = cur + MODULUS[32] - prev;
  return maxOctets !== undefined && Number(wrapped) > maxOctets ? null : wrapped;
}

/** The rates of one interval, in bits per second. */
export interface Rate {
  readonly from: number;
  readonly to: number;
  readonly inBps: number;
  readonly outBps: number;
}

/** Slack on the interface speed before a delta is judged impossible (counters run ahead of ifSpeed a little). */
const SPEED_SLACK = 1.05;

/**
 * The rate between two readings, or null when the counters restarted, time went backwards, or a
 * 32-bit reading is ambiguous: smaller than the last one without a known speed to tell a wrap
 * from a reset, or taken over an interval long enough for more than one wrap at `speedBps`.
 */
export function intervalRate(prev: CounterSample, cur: CounterSample, bits: 32 | 64, speedBps?: number): Rate | null {
  const dtMs = cur.at - prev.at;
  if (!(dtMs > 0)) return null;
  const dt = dtMs / 1000;
  if (prev.discontinuity !== undefined && cur.discontinuity !== undefined && prev.discontinuity !== null && cur.discontinuity !== null &&
    prev.discontinuity !== cur.discontinuity) return null;
  const up0 = prev.uptimeSeconds ?? null;
  const up1 = cur.uptimeSeconds ?? null;
  if (up1 !== null && (up1 < dt - 1 || (up0 !== null && up1 < up0))) return null;
  const maxOctets = speedBps === undefined ? undefined : (speedBps * SPEED_SLACK * dt) / 8;
  if (bits === 32) {
    // without the speed a smaller reading may be a wrap or a reset: no guess
    if (maxOctets === undefined && (cur.inOctets < prev.inOctets || cur.outOctets < prev.outOctets)) return null;
    // fast enough to wrap more than once in the interval: every delta is ambiguous
    if (maxOctets !== undefined && maxOctets >= Number(MODULUS[32])) return null;
  }
  const dIn = counterDelta(prev.inOctets, cur.inOctets, bits, maxOctets);
  const dOut = counterDelta(prev.outOctets, cur.outOctets, bits, maxOctets);
  if (dIn === null || dOut === null) return null;
  return { from: prev.at, to: cur.at, inBps: (Number(dIn) * 8) / dt, outBps: (Number(dOut) * 8) / dt };
}

/** Every usable interval rate of a series (oldest first) whose end falls in [since, until]. */
export function seriesRates(samples: readonly CounterSample[], bits: 32 | 64, since: number, until: number, speedBps?: number): Rate[] {
  const out: Rate[] = [];
  for (let k = 1; k < samples.length; k++) {
    const cur = samples[k]!;
    if (cur.at < since || cur.at > until) continue;
    const r = intervalRate(samples[k - 1]!, cur, bits, speedBps);
    if (r !== null) out.push(r);
  }
  return out;
}

/** The peak of a series over a window, in bits per second (the busier direction), or null without a usable interval. */
export function peakBps(samples: readonly CounterSample[], bits: 32 | 64, since: number, until: number, speedBps?: number): number | null {
  const rates = seriesRates(samples, bits, since, until, speedBps);
  if (rates.length === 0) return null;
  let peak = 0;
  for (const r of rates) peak = Math.max(peak, r.inBps, r.outBps);
  return peak;
}
