/**
 * CISCO-IETF-ISIS-MIB ciiISAdjTable (IOS, IOS-XE, IOS-XR before ISIS-MIB): Cisco's copy of the
 * draft ISIS MIB under 1.3.6.1.4.1.9.10.118, laid out like ISIS-MIB (ciiCircIfIndex, ciiISAdjState,
 * ciiISAdjNeighSysID, ciiISAdjUsage).
 */
import { isisAdjacencyProfile } from './isis-mib.js';
import type { Profile } from './types.js';

export const ciscoIetfIsisProfile: Profile = isisAdjacencyProfile('cisco-ietf-isis-mib', 'CISCO-IETF-ISIS-MIB', '1.3.6.1.4.1.9.10.118', ['1.3.6.1.4.1.9']);
