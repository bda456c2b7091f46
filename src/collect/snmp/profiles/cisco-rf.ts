/**
 * CISCO-RF-MIB (Redundancy Framework): is there a standby supervisor / route processor ready to
 * take over? Read from the peer's state (cRFStatusPeerUnitState, 1.3.6.1.4.1.9.9.176.1.1.4.0)
 * and the configured mode (cRFCfgRedundancyMode, ...176.1.2.14.0).
 *
 * RFState: notKnown(1) disabled(2) initialization(3) negotiation(4) standbyCold(5)
 * standbyColdConfig(6) standbyColdFileSys(7) standbyColdBulk(8) standbyHot(9) activeFast(10)
 * activeDrain(11) activePreconfig(12) activePostconfig(13) active(14) activeExtraload(15)
 * activeHandback(16) standbyWarm(17).
 * - standbyHot is the only state in which the peer can take over without an outage: redundant.
 * - disabled means no peer takes part in redundancy: a single-supervisor chassis (4506 with one
 *   supervisor, NCS-55A2) or a fixed switch. That is HA never set up, not a failure:
 *   notApplicable. One snapshot cannot tell it from a peer that was removed; the configured mode
 *   is kept beside it, and a change of state between polls is the analysis' business.
 * - the cold, warm and booting states are a standby that is not (yet) able to take over: the
 *   protection policy counts a standby that is not hotStandby as missing redundancy.
 * - the active* states describe a peer that is itself active (seen from a standby agent) and
 *   notKnown says nothing: unknown.
 * RFMode (cRFCfgRedundancyMode): nonRedundant(1) staticLoadShareNonRedundant(2)
 * dynamicLoadShareNonRedundant(3) staticLoadShareRedundant(4) dynamicLoadShareRedundant(5)
 * coldStandbyRedundant(6) warmStandbyRedundant(7) hotStandbyRedundant(8); cold and warm standby
 * are configured to be non-redundant in that sense.
 * Sources: oid-catalog.json (verified) and the compiled CISCO-RF-MIB (lextudio pysnmp).
 */
import type { RedundancyState } from '../../observation.js';
import type { Profile } from './types.js';

type Redundancy = Exclude<RedundancyState['state'], 'unknown'>;

/** cRFStatusPeerUnitState → supervisor redundancy. */
export const RF_PEER_STATE: Readonly<Record<number, Redundancy>> = {
  2: 'notApplicable', 3: 'nonRedundant', 4: 'nonRedundant', 5: 'nonRedundant', 6: 'nonRedundant',
  7: 'nonRedundant', 8: 'nonRedundant', 9: 'redundant', 17: 'nonRedundant',
};

/** cRFCfgRedundancyMode → what the operator configured. */
export const RF_MODE: Readonly<Record<number, Redundancy>> = {
  1: 'nonRedundant', 2: 'nonRedundant', 3: 'nonRedundant', 4: 'redundant', 5: 'redundant',
  6: 'nonRedundant', 7: 'nonRedundant', 8: 'redundant',
};

export const ciscoRfProfile: Profile = {
  id: 'cisco-rf',
  mib: 'CISCO-RF-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  scalars: {
    peerState: { oid: '1.3.6.1.4.1.9.9.176.1.1.4.0', type: 'int' },
    configuredMode: { oid: '1.3.6.1.4.1.9.9.176.1.2.14.0', type: 'int' },
  },
  extract: [
    {
      kind: 'redundancy', subject: 'supervisor', scalar: 'peerState',
      state: { column: 'peerState', map: RF_PEER_STATE },
      configured: { column: 'configuredMode', map: RF_MODE },
      name: [{ literal: 'supervisor redundancy' }],
    },
  ],
};
