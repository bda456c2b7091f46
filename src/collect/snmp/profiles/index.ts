/**
 * The one registration list of SNMP profiles. Order matters where MIBs overlap: the first
 * profile to report a BGP peer or OSPF neighbour wins, so vendor MIBs (which carry 4-byte ASNs,
 * IPv6 and VRF peers) come before the standard ones. A test walks this list.
 */
import { entityProfile } from './entity.js';
import { ifMibProfile } from './if-mib.js';
import { systemProfile } from './system.js';
import type { Profile } from './types.js';
// @hardware-imports
// @routing-imports
// @vendors-imports

export const PROFILES: readonly Profile[] = [
  systemProfile,
  ifMibProfile,
  // @hardware-list
  // @vendors-list
  // @routing-list
  entityProfile,
];
