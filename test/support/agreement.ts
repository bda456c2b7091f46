/**
 * Agreement between what redline reads from a recording and `../shared/snmprec/expected.json`
 * (what LibreNMS discovers from the same recording, plus facts derived from the raw file).
 * Shared by the integration test (which asserts) and `scripts/agreement.ts` (which prints).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceObservation, UpsOutputSource } from '../../src/collect/observation.js';
import { SNMPREC_DIR } from './shared.js';

interface ExpectedSensor {
  descr: string;
  ok: boolean;
  present: boolean;
  entPhysicalIndex?: string | null;
  stateName?: string;
  raw?: number;
}

export interface ExpectedRecording {
  community: string;
  summary: Record<string, unknown> & { psuOk: number; neighbourLinksByProtocol?: Record<string, number> | null };
  psus: ExpectedSensor[];
  bgpPeers: { peer: string; state: string }[] | null;
  /** expected.json holds the neighbour count here (a number); older shapes held the list. */
  ospfNeighbors: number | { ospfNbrState?: string; state?: string }[] | null;
  ups?: { states?: ExpectedSensor[] } | null;
  rawDerived: { hsrpGroups?: unknown[]; entity?: { powerSupply?: RawEntityPsu[] } };
}

/** A power-supply entity as expected.json derives it from the raw file (ENTITY-MIB + ENTITY-SENSOR-MIB). */
interface RawEntityPsu {
  entPhySensorOperStatus?: number;
  descendantSensors?: { entPhySensorOperStatus?: number }[];
}

/** Loads expected.json: recording name → expectations. */
export function loadExpected(): Map<string, ExpectedRecording> {
  const raw = JSON.parse(readFileSync(join(SNMPREC_DIR, 'expected.json'), 'utf8')) as Record<string, unknown>;
  const out = new Map<string, ExpectedRecording>();
  for (const [k, v] of Object.entries(raw)) if (!k.startsWith('_')) out.set(k, v as ExpectedRecording);
  return out;
}

// UPS-MIB upsOutputSource and PowerNet-MIB upsBasicOutputStatus, as the recordings' state sensors name them.
const UPS_MIB_SOURCE: Readonly<Record<number, UpsOutputSource>> = { 1: 'other', 2: 'none', 3: 'normal', 4: 'bypass', 5: 'battery', 6: 'normal', 7: 'normal' };
const APC_BASIC_OUTPUT: Readonly<Record<number, UpsOutputSource>> = {
  1: 'unknown', 2: 'normal', 3: 'battery', 4: 'normal', 5: 'none', 6: 'bypass', 7: 'none', 8: 'none',
  9: 'bypass', 10: 'bypass', 11: 'none', 12: 'normal', 13: 'normal', 14: 'normal', 15: 'battery', 16: 'bypass',
  17: 'bypass', 18: 'normal', 19: 'other', 20: 'normal', 21: 'other', 22: 'other',
};

/** One compared fact. */
export interface Check {
  readonly recording: string;
  readonly fact: string;
  readonly expected: string | number | boolean;
  readonly actual: string | number | boolean;
  readonly agrees: boolean;
}

/** Failed PSUs LibreNMS sees, counted per physical unit (two MIBs on one unit count once). */
export function expectedFailedPsus(e: ExpectedRecording): number {
  const units = new Set<string>();
  for (const p of e.psus) if (p.present && !p.ok) units.add(p.entPhysicalIndex ?? p.descr);
  return units.size;
}

/**
 * Whether some PSU works. LibreNMS's psuOk counts its PSU state sensors; where it found none
 * (psuSensors 0, e.g. Arista, whose PSU health lives only in ENTITY-SENSOR-MIB sensors inside
 * the PSU entity), its 0 means "no data", not "no PSU works": the raw file's facts
 * (rawDerived.entity.powerSupply: a PSU entity whose own or contained sensors all read ok(1))
 * decide instead.
 */
export function expectedAnyPsuOk(e: ExpectedRecording): boolean {
  if (e.summary.psuOk > 0) return true;
  if (e.summary['psuSensors'] !== 0) return false;
  return (e.rawDerived.entity?.powerSupply ?? []).some((p) => {
    const sensors = [p.entPhySensorOperStatus, ...(p.descendantSensors ?? []).map((d) => d.entPhySensorOperStatus)].filter((x) => x !== undefined);
    return sensors.length > 0 && sensors.every((x) => x === 1);
  });
}

/** The UPS output source the recording's state sensors say, or null when they do not. */
export function expectedUpsSource(e: ExpectedRecording): UpsOutputSource | null {
  for (const s of e.ups?.states ?? []) {
    if (s.raw === undefined) continue;
    if (s.stateName === 'upsOutputSourceState') return UPS_MIB_SOURCE[s.raw] ?? 'unknown';
    if (s.stateName === 'upsBasicOutputStatus') return APC_BASIC_OUTPUT[s.raw] ?? 'unknown';
  }
  return null;
}

/** Compares one observation with its expectations. */
export function compare(name: string, e: ExpectedRecording, o: DeviceObservation): Check[] {
  const checks: Check[] = [];
  const add = (fact: string, expected: string | number | boolean, actual: string | number | boolean, agrees = expected === actual): void => {
    checks.push({ recording: name, fact, expected, actual, agrees });
  };
  add('failed PSUs', expectedFailedPsus(e), o.powerSupplies.filter((p) => p.status === 'failed').length);
  add('any PSU ok', expectedAnyPsuOk(e), o.powerSupplies.some((p) => p.status === 'ok'));
  const bgp = e.bgpPeers ?? [];
  add('BGP peers', bgp.length, o.bgpPeers.length);
  add('BGP established', bgp.filter((p) => p.state === 'established').length, o.bgpPeers.filter((p) => p.state === 'established').length);
  const ospf = e.ospfNeighbors ?? 0;
  add('OSPF neighbours', typeof ospf === 'number' ? ospf : ospf.length, o.ospfNeighbors.length);
  add('HSRP groups', (e.rawDerived.hsrpGroups ?? []).length, o.fhrpGroups.filter((g) => g.protocol === 'hsrp').length);
  const ups = expectedUpsSource(e);
  if (ups !== null) add('UPS output source', ups, o.ups?.outputSource ?? 'none');
  for (const [proto, count] of Object.entries(e.summary.neighbourLinksByProtocol ?? {})) {
    const actual = o.neighbors.filter((n) => n.protocol === proto).length;
    add(`${proto.toUpperCase()} neighbours (at least)`, count, actual, actual >= count);
  }
  return checks;
}
