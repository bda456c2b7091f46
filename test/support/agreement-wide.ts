/**
 * Agreement over the wide set (`../shared/snmprec-wide/`, 89 more real devices): the same facts
 * as the 25-recording set (`./agreement.ts`), plus the one that must hold on every recording:
 * no power supply that LibreNMS reads ok is reported failed.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { expectedAnyPsuOk, expectedFailedPsus, expectedUpsSource, type Check, type ExpectedRecording } from './agreement.js';
import { SHARED_DIR } from './shared.js';

/** Where the wide set lives. */
export const SNMPREC_WIDE_DIR = resolve(SHARED_DIR, 'snmprec-wide');

/** Loads the wide set's expected.json: recording name → expectations. */
export function loadWideExpected(): Map<string, ExpectedRecording> {
  const raw = JSON.parse(readFileSync(join(SNMPREC_WIDE_DIR, 'expected.json'), 'utf8')) as Record<string, unknown>;
  const out = new Map<string, ExpectedRecording>();
  for (const [k, v] of Object.entries(raw)) if (!k.startsWith('_')) out.set(k, v as ExpectedRecording);
  return out;
}

/** The fact every recording must satisfy, whatever else disagrees. */
export const NO_FALSE_PSU_FAILURE = 'no PSU failed that LibreNMS reads ok';

/** A LibreNMS PSU state sensor as the wide expected.json lists it (with its generic severity). */
interface WidePsu {
  readonly descr: string;
  readonly ok: boolean;
  readonly present: boolean;
  readonly generic?: number | null;
  readonly entPhysicalIndex?: string | null;
}

/**
 * Failed PSUs, read by the wide set's severity rule (its README and `_about.severityRule`):
 * a present unit LibreNMS reads critical (generic 2) has failed; one it reads as a warning or
 * unknown (generic 1 or 3, or a raw value its state map lacks) is not ok but not known failed
 * either, so redline may call it failed or not. Units are counted once (entPhysicalIndex, else
 * description), as `expectedFailedPsus` does.
 */
export function expectedFailedRange(e: ExpectedRecording): { readonly min: number; readonly max: number } {
  const failed = new Set<string>();
  const either = new Set<string>();
  for (const p of e.psus as readonly WidePsu[]) {
    if (!p.present || p.ok) continue;
    const unit = p.entPhysicalIndex ?? p.descr;
    if (p.generic === 2) failed.add(unit);
    else either.add(unit);
  }
  for (const u of failed) either.delete(u);
  return { min: failed.size, max: failed.size + either.size };
}

/**
 * The wide set's facts read from LibreNMS' own expectations (no curated fixture exists for these
 * recordings yet, unlike the core set's test/fixtures/agreement): PSUs, BGP, OSPF, HSRP, UPS source,
 * and neighbour counts as minimums.
 */
function compareWithLibreNms(name: string, e: ExpectedRecording, o: DeviceObservation): Check[] {
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

/**
 * The facts of the wide set where redline reads the device differently from LibreNMS on purpose,
 * each with why (recording → fact → reason). They are marked `known` in the agreement tables and
 * the integration suite fails on any disagreement not listed here, and on a listed one that
 * starts agreeing (then remove it).
 */
export const WIDE_KNOWN_DIFFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'raritan-pdu_px3': {
    'any PSU ok': 'LibreNMS lists the PDU\'s outlets (the feeds of other devices\' PSUs) as its PSUs; redline reads the PDU\'s own inlets as power inputs instead',
  },
  'siteboss571_siteboss571-2': {
    'any PSU ok': 'LibreNMS lists the monitor\'s relay power outputs (feeding other devices) as its PSUs; they are outputs, not supplies of the monitor',
  },
  timos: {
    'failed PSUs': 'LibreNMS reads tmnxHwAlarmState (an alarm of any kind active on the unit) as a failed PSU; the power supply table (tmnxChassisPowerSupplyTable) reads both supplies deviceStateOk',
    'any PSU ok': 'the same two supplies: redline follows the supply table, which reads them ok',
  },
};

/** Marks a check as a known difference when it is one. */
function markKnown(c: Check): Check {
  const known = WIDE_KNOWN_DIFFERENCES[c.recording]?.[c.fact];
  return known === undefined ? c : { ...c, known };
}

/** Compares one wide-set observation with its expectations. */
export function compareWide(name: string, e: ExpectedRecording, o: DeviceObservation): Check[] {
  const range = expectedFailedRange(e);
  const checks = compareWithLibreNms(name, e, o).map((c) => {
    if (c.fact !== 'failed PSUs' || typeof c.actual !== 'number') return c;
    const expected = range.min === range.max ? range.min : `${range.min}..${range.max}`;
    return { ...c, expected, agrees: c.actual >= range.min && c.actual <= range.max };
  });
  const failed = o.powerSupplies.filter((p) => p.status === 'failed');
  // A unit LibreNMS reads ok, matched by entPhysicalIndex where both know it, must not read failed;
  // and redline may not see more failed units than LibreNMS does.
  const okByIndex = new Set(e.psus.filter((p) => p.ok && p.entPhysicalIndex !== null && p.entPhysicalIndex !== undefined).map((p) => `psu-${p.entPhysicalIndex}`));
  const falselyFailed = failed.filter((p) => okByIndex.has(p.id)).length;
  const excess = Math.max(0, failed.length - expectedFailedPsus(e));
  const wrong = Math.max(falselyFailed, excess);
  checks.push({ recording: name, fact: NO_FALSE_PSU_FAILURE, expected: 0, actual: wrong, agrees: wrong === 0 });
  return checks.map(markKnown);
}
