/**
 * Agreement over the wide set (`../shared/snmprec-wide/`, 89 more real devices): the same facts
 * as the 25-recording set (`./agreement.ts`), plus the one that must hold on every recording:
 * no power supply that LibreNMS reads ok is reported failed.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { compare, expectedFailedPsus, type Check, type ExpectedRecording } from './agreement.js';
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

/** Compares one wide-set observation with its expectations. */
export function compareWide(name: string, e: ExpectedRecording, o: DeviceObservation): Check[] {
  const checks = compare(name, e, o);
  const failed = o.powerSupplies.filter((p) => p.status === 'failed');
  // A unit LibreNMS reads ok, matched by entPhysicalIndex where both know it, must not read failed;
  // and redline may not see more failed units than LibreNMS does.
  const okByIndex = new Set(e.psus.filter((p) => p.ok && p.entPhysicalIndex !== null && p.entPhysicalIndex !== undefined).map((p) => `psu-${p.entPhysicalIndex}`));
  const falselyFailed = failed.filter((p) => okByIndex.has(p.id)).length;
  const excess = Math.max(0, failed.length - expectedFailedPsus(e));
  const wrong = Math.max(falselyFailed, excess);
  checks.push({ recording: name, fact: NO_FALSE_PSU_FAILURE, expected: 0, actual: wrong, agrees: wrong === 0 });
  return checks;
}
