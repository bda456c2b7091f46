/**
 * HH3C-ENTITY-EXT-MIB (HPE Comware, 1.3.6.1.4.1.25506.2.6) and its predecessor
 * H3C-ENTITY-EXT-MIB (older H3C Comware, 1.3.6.1.4.1.2011.10.2.6): the error status of every
 * ENTITY-MIB entity (hh3cEntityExtErrorStatus / h3cEntityExtErrorStatus, column 19, indexed by
 * entPhysicalIndex). Read on powerSupply(6) and fan(7) entities, it merges with ENTITY-MIB.
 *
 * ErrorStatus: notSupported(1) normal(2) postFailure(3) entityAbsent(4) poeError(11)
 * stackError(21) stackPortBlocked(22) stackPortFailed(23) sfpRecvError(31) sfpSendError(32)
 * sfpBothError(33) fanError(41) psuError(51) rpsError(61) moduleFaulty(71) sensorError(81)
 * hardwareFaulty(91). normal is ok, entityAbsent an empty bay, notSupported says nothing; every
 * error is a present unit that is faulty. Source: oid-catalog.json (verified, both modules).
 */
import type { ComponentStatus } from '../../observation.js';
import { PHYSICAL_CLASS } from './entity.js';
import type { Profile } from './types.js';

/** hh3cEntityExtErrorStatus / h3cEntityExtErrorStatus → normalised status. */
export const ENTITY_EXT_ERROR_STATUS: Readonly<Record<number, ComponentStatus>> = {
  1: 'unknown', 2: 'ok', 3: 'failed', 4: 'absent', 11: 'failed', 21: 'failed', 22: 'failed',
  23: 'failed', 31: 'failed', 32: 'failed', 33: 'failed', 41: 'failed', 51: 'failed', 61: 'failed',
  71: 'failed', 81: 'failed', 91: 'failed',
};

/** The profile of one of the two module versions (same table under another subtree). */
function entityExtProfile(id: string, mib: string, errorStatus: string, vendors: readonly string[]): Profile {
  return {
    id,
    mib,
    vendors,
    columns: {
      errorStatus: { oid: errorStatus, type: 'int' },
      entClass: { oid: '1.3.6.1.2.1.47.1.1.1.1.5', type: 'int' },
    },
    extract: (['psu', 'fan'] as const).map((component) => ({
      kind: 'component' as const, component, rows: 'errorStatus',
      where: [{ column: 'entClass', in: [component === 'psu' ? PHYSICAL_CLASS.powerSupply : PHYSICAL_CLASS.fan] }],
      physicalIndex: { index: 'index' },
      status: { column: 'errorStatus', map: ENTITY_EXT_ERROR_STATUS },
      name: [{ entity: 'name' as const }, { entity: 'descr' as const }],
    })),
  };
}

export const hh3cEntityExtProfile: Profile = entityExtProfile(
  'hh3c-entity-ext', 'HH3C-ENTITY-EXT-MIB', '1.3.6.1.4.1.25506.2.6.1.1.1.1.19', ['1.3.6.1.4.1.25506'],
);

export const h3cEntityExtProfile: Profile = entityExtProfile(
  'h3c-entity-ext', 'H3C-ENTITY-EXT-MIB', '1.3.6.1.4.1.2011.10.2.6.1.1.1.1.19', ['1.3.6.1.4.1.2011.10', '1.3.6.1.4.1.25506'],
);
