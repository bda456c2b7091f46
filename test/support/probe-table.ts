/** Runs the profile engine over an in-memory table: the unit-test entry point for profiles. */
import { DEFAULT_COLLECT, collectDevice } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import type { Profile } from '../../src/collect/snmp/profiles/types.js';
import type { DeviceObservation } from '../../src/collect/observation.js';
import { TableTransport } from './table-transport.js';

/** The observation the engine makes of a device whose MIB is `rows` (snmprec-like text). */
export async function observeTable(rows: string, profiles: readonly Profile[] = PROFILES): Promise<DeviceObservation> {
  const t = new TableTransport(rows);
  const r = await collectDevice(t, { ...DEFAULT_COLLECT, profiles, now: () => Date.now() });
  if (!r.answered) throw new Error('table device did not answer');
  return r.observation;
}
