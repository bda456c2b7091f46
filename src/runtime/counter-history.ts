/**
 * Recent octet-counter readings of the interfaces that share load (LAG members), kept in
 * memory for the LOAD rules' utilisation (a peak over the last 15 minutes needs a few samples
 * per member). Only members are kept: a fleet's every interface would not fit.
 */
import type { InterfaceCounters } from '../collect/snmp/engine.js';
import type { CounterSample, MemberCounters } from '../snapshot/types.js';

/** How long samples are kept (a 15-minute peak plus slack). */
export const COUNTER_WINDOW_MS = 20 * 60_000;

interface Series {
  readonly device: string;
  readonly interface: string;
  bits: 32 | 64;
  capacityMbps: number | undefined;
  readonly samples: CounterSample[];
}

/** Counter series by device and interface. */
export class CounterHistory {
  private readonly series = new Map<string, Map<string, Series>>();

  constructor(private readonly windowMs = COUNTER_WINDOW_MS) {}

  /**
   * Records one poll's counters of the interfaces named in `keep` (the device's LAG members),
   * with the interfaces' speeds as capacity; series of interfaces no longer kept are dropped.
   */
  record(device: string, at: number, uptimeSeconds: number | null, counters: readonly InterfaceCounters[], keep: ReadonlySet<string>, speedMbps: ReadonlyMap<string, number | null>): void {
    let byIf = this.series.get(device);
    if (byIf === undefined) {
      if (keep.size === 0) return;
      byIf = new Map();
      this.series.set(device, byIf);
    }
    for (const name of [...byIf.keys()]) if (!keep.has(name)) byIf.delete(name);
    for (const c of counters) {
      if (!keep.has(c.name)) continue;
      let s = byIf.get(c.name);
      if (s === undefined) {
        s = { device, interface: c.name, bits: c.bits, capacityMbps: undefined, samples: [] };
        byIf.set(c.name, s);
      }
      if (s.bits !== c.bits) s.samples.length = 0; // the agent switched counter width: start afresh
      s.bits = c.bits;
      s.capacityMbps = speedMbps.get(c.name) ?? undefined;
      s.samples.push({ at, inOctets: c.inOctets, outOctets: c.outOctets, discontinuity: c.discontinuity, uptimeSeconds });
      while (s.samples.length > 0 && at - s.samples[0]!.at > this.windowMs) s.samples.shift();
    }
    if (byIf.size === 0) this.series.delete(device);
  }

  /** Drops a device (removed from the inventory). */
  forget(device: string): void {
    this.series.delete(device);
  }

  /** Every member's series, for the snapshot's load input. */
  members(): MemberCounters[] {
    const out: MemberCounters[] = [];
    for (const byIf of this.series.values()) {
      for (const s of byIf.values()) {
        out.push({
          device: s.device,
          interface: s.interface,
          counterBits: s.bits,
          ...(s.capacityMbps !== undefined ? { capacityMbps: s.capacityMbps } : {}),
          samples: [...s.samples],
        });
      }
    }
    return out;
  }
}
