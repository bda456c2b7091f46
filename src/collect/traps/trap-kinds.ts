/**
 * Which trap is which: a table, as data, from notification OIDs (exact, or a vendor's whole
 * notification subtree) to a kind redline cares about. The OIDs are the ones the MIBs define
 * (IF-MIB, ENTITY-MIB, CISCO-ENTITY-FRU-CONTROL-MIB, CISCO-ENVMON-MIB, BGP4-MIB and the BGP4V2
 * drafts, OSPF-TRAP-MIB, OSPFV3-MIB, ISIS-MIB, VRRP-MIB, VRRPV3-MIB, UPS-MIB,
 * HUAWEI-ENTITY-TRAP-MIB, HH3C-ENTITY-EXT-MIB, HH3C-BGP4V2-MIB). A trap of no listed kind is
 * `other`: still a reason to re-poll its device, never a reason to drop it.
 */

/** What a trap says changed; the subject of the device event is `trap:<kind>`. */
export const TRAP_KINDS = ['link', 'entity', 'power', 'fan', 'bgp', 'ospf', 'isis', 'vrrp', 'ups', 'restart', 'other'] as const;
export type TrapKind = (typeof TRAP_KINDS)[number];

/** One row of the table: an exact notification OID, or (`subtree`) every notification under it. */
export interface TrapKindRow {
  readonly oid: string;
  readonly kind: Exclude<TrapKind, 'other'>;
  /** The MIB's name of the notification (or of the subtree's family). */
  readonly name: string;
  readonly subtree?: true;
}

/** The classification table. Exact rows win over subtrees; the longest subtree wins among subtrees. */
export const TRAP_KIND_TABLE: readonly TrapKindRow[] = [
  // SNMPv2-MIB generic traps (RFC 3418), also what v1 generic-trap 0–3 become (RFC 3584)
  { oid: '1.3.6.1.6.3.1.1.5.1', kind: 'restart', name: 'coldStart' },
  { oid: '1.3.6.1.6.3.1.1.5.2', kind: 'restart', name: 'warmStart' },
  { oid: '1.3.6.1.6.3.1.1.5.3', kind: 'link', name: 'linkDown' },
  { oid: '1.3.6.1.6.3.1.1.5.4', kind: 'link', name: 'linkUp' },
  // ENTITY-MIB
  { oid: '1.3.6.1.2.1.47.2.0.1', kind: 'entity', name: 'entConfigChange' },
  // CISCO-ENTITY-FRU-CONTROL-MIB (cefcMIBNotifications)
  { oid: '1.3.6.1.4.1.9.9.117.2.0.1', kind: 'entity', name: 'cefcModuleStatusChange' },
  { oid: '1.3.6.1.4.1.9.9.117.2.0.2', kind: 'power', name: 'cefcPowerStatusChange' },
  { oid: '1.3.6.1.4.1.9.9.117.2.0.3', kind: 'entity', name: 'cefcFRUInserted' },
  { oid: '1.3.6.1.4.1.9.9.117.2.0.4', kind: 'entity', name: 'cefcFRURemoved' },
  { oid: '1.3.6.1.4.1.9.9.117.2.0.6', kind: 'fan', name: 'cefcFanTrayStatusChange' },
  // CISCO-ENVMON-MIB (ciscoEnvMonMIBNotifications)
  { oid: '1.3.6.1.4.1.9.9.13.3.0.4', kind: 'fan', name: 'ciscoEnvMonFanNotification' },
  { oid: '1.3.6.1.4.1.9.9.13.3.0.5', kind: 'power', name: 'ciscoEnvMonRedundantSupplyNotification' },
  { oid: '1.3.6.1.4.1.9.9.13.3.0.8', kind: 'fan', name: 'ciscoEnvMonFanStatusChangeNotif' },
  { oid: '1.3.6.1.4.1.9.9.13.3.0.9', kind: 'power', name: 'ciscoEnvMonSuppStatusChangeNotif' },
  // BGP4-MIB: the RFC 1657 traps and the RFC 4273 notifications
  { oid: '1.3.6.1.2.1.15.7.1', kind: 'bgp', name: 'bgpEstablished' },
  { oid: '1.3.6.1.2.1.15.7.2', kind: 'bgp', name: 'bgpBackwardTransition' },
  { oid: '1.3.6.1.2.1.15.0.1', kind: 'bgp', name: 'bgpEstablishedNotification' },
  { oid: '1.3.6.1.2.1.15.0.2', kind: 'bgp', name: 'bgpBackwardTransNotification' },
  // BGP4V2-MIB (the IETF draft) and the vendors' copies of it
  { oid: '1.3.6.1.3.5.1.0.1', kind: 'bgp', name: 'bgp4V2EstablishedNotification' },
  { oid: '1.3.6.1.3.5.1.0.2', kind: 'bgp', name: 'bgp4V2BackwardTransitionNotification' },
  { oid: '1.3.6.1.4.1.2636.5.1.1.1.0.1', kind: 'bgp', name: 'jnxBgpM2Established' },
  { oid: '1.3.6.1.4.1.2636.5.1.1.1.0.2', kind: 'bgp', name: 'jnxBgpM2BackwardTransition' },
  { oid: '1.3.6.1.4.1.30065.4.1.0.1', kind: 'bgp', name: 'aristaBgp4V2EstablishedNotification' },
  { oid: '1.3.6.1.4.1.30065.4.1.0.2', kind: 'bgp', name: 'aristaBgp4V2BackwardTransitionNotification' },
  { oid: '1.3.6.1.4.1.25506.2.183.0.1', kind: 'bgp', name: 'hh3cBgp4v2Established' },
  { oid: '1.3.6.1.4.1.25506.2.183.0.2', kind: 'bgp', name: 'hh3cBgp4v2BackwardTransition' },
  // OSPF-TRAP-MIB and OSPFV3-MIB
  { oid: '1.3.6.1.2.1.14.16.2.2', kind: 'ospf', name: 'ospfNbrStateChange' },
  { oid: '1.3.6.1.2.1.14.16.2.3', kind: 'ospf', name: 'ospfVirtNbrStateChange' },
  { oid: '1.3.6.1.2.1.191.0.2', kind: 'ospf', name: 'ospfv3NbrStateChange' },
  { oid: '1.3.6.1.2.1.191.0.3', kind: 'ospf', name: 'ospfv3VirtNbrStateChange' },
  // ISIS-MIB (RFC 4444)
  { oid: '1.3.6.1.2.1.138.0.17', kind: 'isis', name: 'isisAdjacencyChange' },
  // VRRP-MIB (RFC 2787) and VRRPV3-MIB (RFC 6527)
  { oid: '1.3.6.1.2.1.68.0.1', kind: 'vrrp', name: 'vrrpTrapNewMaster' },
  { oid: '1.3.6.1.2.1.207.0.1', kind: 'vrrp', name: 'vrrpv3NewMaster' },
  // UPS-MIB (RFC 1628)
  { oid: '1.3.6.1.2.1.33.2.1', kind: 'ups', name: 'upsTrapOnBattery' },
  { oid: '1.3.6.1.2.1.33.2.3', kind: 'ups', name: 'upsTrapAlarmEntryAdded' },
  { oid: '1.3.6.1.2.1.33.2.4', kind: 'ups', name: 'upsTrapAlarmEntryRemoved' },
  // HUAWEI-ENTITY-TRAP-MIB: hwPowerTrap (hwPowerRemove … hwPowerUnusableResume), hwFanTrap (hwFanRemove …)
  { oid: '1.3.6.1.4.1.2011.5.25.219.2.5', kind: 'power', name: 'hwPowerTrap', subtree: true },
  { oid: '1.3.6.1.4.1.2011.5.25.219.2.6', kind: 'fan', name: 'hwFanTrap', subtree: true },
  // HH3C-ENTITY-EXT-MIB: entity state notifications, for power supplies and fans alike
  { oid: '1.3.6.1.4.1.25506.2.6.2.0', kind: 'entity', name: 'hh3cEntityExtTraps', subtree: true },
];

/** A trap's kind and the name of its notification (`null` for an unlisted OID). */
export interface TrapClass {
  readonly kind: TrapKind;
  readonly name: string | null;
}

const exact = new Map(TRAP_KIND_TABLE.filter((r) => r.subtree !== true).map((r) => [r.oid, r]));
const subtrees = TRAP_KIND_TABLE.filter((r) => r.subtree === true).sort((a, b) => b.oid.length - a.oid.length);

/** Classifies a notification OID (dotted, no leading dot) by the table. */
export function classifyTrap(trapOid: string): TrapClass {
  const hit = exact.get(trapOid) ?? subtrees.find((r) => trapOid.startsWith(`${r.oid}.`));
  return hit === undefined ? { kind: 'other', name: null } : { kind: hit.kind, name: hit.name };
}
