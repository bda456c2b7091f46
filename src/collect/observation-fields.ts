/**
 * Which observation fields a profile fills, from the registered extractor kinds: the poller
 * carries fields over for the profiles it skipped, and the engine says which tables a device
 * exposes (`exposes`).
 */
import type { ObservationTable } from './observation.js';
import { kindOf } from './snmp/kinds/index.js';
import type { Profile } from './snmp/profiles/types.js';

/** The observation fields a profile's extractors fill. */
export function fieldsOfProfile(p: Profile): ObservationTable[] {
  return [...new Set(p.extract.flatMap((e) => kindOf(e.kind).fields))];
}
