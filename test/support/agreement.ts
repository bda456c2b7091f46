/**
 * Agreement between what redline reads from a recording and what the recording certainly holds
 * (test/fixtures/agreement/recordings.ts, itself checked against `../shared/snmprec/expected.json`,
 * LibreNMS' reading of the same file, where LibreNMS reads a fact reliably).
 * Shared by the integration test (which asserts) and `scripts/agreement.ts` (which prints).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Component, DeviceObservation, UpsOutputSource } from '../../src/collect/observation.js';
import { RECORDING_FACTS, type RecordingFacts } from '../fixtures/agreement/recordings.js';
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
  /** Why this fact is known to disagree (a recorded redline gap), when it is. */
  readonly known?: string;
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

const count = (list: readonly Component[], status: Component['status']): number => list.filter((c) => c.status === status).length;

/**
 * Compares one observation with the recording's certain facts (test/fixtures/agreement/), every
 * fact exactly. A fact listed in `knownGaps` is marked `known`: it is expected to disagree.
 */
export function compare(name: string, o: DeviceObservation, facts: RecordingFacts | undefined = RECORDING_FACTS[name]): Check[] {
  if (facts === undefined) throw new Error(`${name}: no facts in test/fixtures/agreement/recordings.ts`);
  const checks: Check[] = [];
  const add = (fact: string, expected: string | number | boolean, actual: string | number | boolean): void => {
    const known = facts.knownGaps?.[fact];
    checks.push({ recording: name, fact, expected, actual, agrees: expected === actual, ...(known === undefined ? {} : { known }) });
  };
  for (const status of ['ok', 'failed', 'absent', 'unknown'] as const) {
    add(`PSUs ${status}`, facts.psus[status], count(o.powerSupplies, status));
    add(`fans ${status}`, facts.fans[status], count(o.fans, status));
  }
  add('BGP peers', facts.bgp.peers, o.bgpPeers.length);
  add('BGP established', facts.bgp.established, o.bgpPeers.filter((p) => p.state === 'established').length);
  add('OSPF neighbours', facts.ospf, o.ospfNeighbors.length);
  add('LLDP neighbours', facts.neighbours.lldp, o.neighbors.filter((n) => n.protocol === 'lldp').length);
  add('CDP neighbours', facts.neighbours.cdp, o.neighbors.filter((n) => n.protocol === 'cdp').length);
  add('interfaces', facts.interfaces, o.interfaces.length);
  add('LAG members', facts.lagMembers, o.lagMembers.length);
  add('HSRP groups', facts.fhrp.hsrp, o.fhrpGroups.filter((g) => g.protocol === 'hsrp').length);
  add('VRRP groups', facts.fhrp.vrrp, o.fhrpGroups.filter((g) => g.protocol === 'vrrp').length);
  add('redundancy', facts.redundancy.join('; '), o.redundancy.map((r) => `${r.name}: ${r.state}`).join('; '));
  add('UPS', facts.ups === null ? 'none' : 'present', o.ups === null ? 'none' : 'present');
  if (facts.ups !== null) {
    add('UPS output source', facts.ups.outputSource, o.ups?.outputSource ?? 'no UPS reading');
    add('UPS battery status', facts.ups.batteryStatus, o.ups?.batteryStatus ?? 'no UPS reading');
    add('UPS minutes remaining', String(facts.ups.minutesRemaining), String(o.ups?.minutesRemaining ?? 'no UPS reading'));
  }
  add('errors', facts.errors.join(' | '), o.errors.map((e) => `${e.profile}: ${e.message}`).join(' | '));
  return checks;
}

/** Checks that fail the agreement: an unexpected disagreement, or a known gap that now agrees (remove it from the fixture). */
export function failures(checks: readonly Check[]): Check[] {
  return checks.filter((c) => (c.known === undefined ? !c.agrees : c.agrees));
}

/**
 * Where LibreNMS reads a fact reliably, the fixture must say the same: failed PSUs per unit, BGP
 * peers and their states, OSPF neighbours, the UPS output source. Returns the facts that differ.
 */
export function fixtureVersusLibreNms(name: string, e: ExpectedRecording, facts: RecordingFacts): Check[] {
  const checks: Check[] = [];
  const add = (fact: string, expected: string | number | boolean, actual: string | number | boolean): void => {
    checks.push({ recording: name, fact, expected, actual, agrees: expected === actual });
  };
  add('failed PSUs (LibreNMS, per unit)', expectedFailedPsus(e), facts.psus.failed);
  add('any PSU ok (LibreNMS or raw ENTITY sensors)', expectedAnyPsuOk(e), facts.psus.ok > 0);
  if (e.bgpPeers !== null) {
    add('BGP peers (LibreNMS)', e.bgpPeers.length, facts.bgp.peers);
    add('BGP established (LibreNMS)', e.bgpPeers.filter((p) => p.state === 'established').length, facts.bgp.established);
  }
  if (typeof e.ospfNeighbors === 'number') add('OSPF neighbours (LibreNMS)', e.ospfNeighbors, facts.ospf);
  add('HSRP groups (raw)', (e.rawDerived.hsrpGroups ?? []).length, facts.fhrp.hsrp);
  const ups = expectedUpsSource(e);
  if (ups !== null) add('UPS output source (LibreNMS)', ups, facts.ups?.outputSource ?? 'none');
  return checks.filter((c) => !c.agrees);
}
