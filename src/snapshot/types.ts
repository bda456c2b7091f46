/**
 * The whole network at one time t, as the analysis reads it: every inventory device with its
 * latest observation (or an explicit reason why there is none), every health check, every
 * declared link with the state the devices report for it, the links LLDP/CDP show that the
 * inventory does not declare, and the optional inputs (utilisation counters, drill and
 * config-backup evidence). Plain data: built at the edge, read by pure rules.
 */
import type { DeviceObservation } from '../collect/observation.js';
import type { HealthConfig, LinkConfig } from '../config/schema.js';
import type { Device, Inventory } from '../inventory/model.js';

/**
 * How much redline knows about a device now. `fresh`: answered recently, the observation is
 * usable. `unreachable`: polled recently but not answering. `stale`: no recent poll at all (the
 * poller is behind or stopped). `never`: polled but never answered, or not yet polled.
 * `unmonitored`: the inventory gives no SNMP target.
 */
export type DeviceStatus = 'fresh' | 'unreachable' | 'stale' | 'never' | 'unmonitored';

/** One device at time t. */
export interface DeviceSnapshot {
  readonly id: string;
  readonly device: Device;
  readonly status: DeviceStatus;
  /** The latest observation, only when `status` is fresh (stale data is unknown, never a guess). */
  readonly observation: DeviceObservation | null;
  /** When the observation was made (the last answered poll). */
  readonly observedAt: number | null;
  /** When the latest poll ended, answered or not. */
  readonly lastPollAt: number | null;
  readonly consecutiveFailures: number;
  /** When the UPS output source last changed (to battery or bypass), if known. */
  readonly upsOutputSince?: number;
}

/** A health check at time t: `stale` and `never` are unknown. */
export interface HealthSnapshot {
  readonly id: string;
  readonly check: HealthConfig;
  readonly status: 'up' | 'down' | 'stale' | 'never';
  readonly at: number | null;
  readonly httpStatus: number | null;
  /** Why it failed (already redacted by the checker). */
  readonly reasons: readonly string[];
}

/**
 * What one end of a declared link reports for its interface. `missing`: the device has an
 * interface table and no interface of that name. `noTable`: the device answers but exposes no
 * interface table (absence of data, not a fault). `unknown`: no fresh data from the device.
 */
export type LinkEndState = 'up' | 'down' | 'adminDown' | 'missing' | 'noTable' | 'unknown';

/**
 * A declared link's state, judged from every end redline can read. `up`: every readable end
 * reports the interface up (and LLDP/CDP, when it runs, confirms the link; an end without an
 * interface table needs that confirmation). `down`: an end reports it down while
 * administratively up. `adminDown`: an operator shut it (expected, never a fault).
 * `unconfirmed`: interfaces up, LLDP/CDP runs, but no neighbour entry shows this link.
 * `unknown`: no end gives a usable state, an end's port is missing on its device, or an end
 * without an interface table is not confirmed by LLDP/CDP.
 */
export type LinkState = 'up' | 'down' | 'adminDown' | 'unconfirmed' | 'unknown';

/** A declared link at time t. */
export interface DeclaredLinkSnapshot {
  readonly link: LinkConfig;
  readonly state: LinkState;
  readonly ends: readonly [LinkEndState, LinkEndState];
  /** The neighbour protocol that saw the link, if any. */
  readonly seenBy: 'lldp' | 'cdp' | null;
  /** True when the link was matched by device pair only (neither end's port could be resolved on its device). */
  readonly portsDiffer: boolean;
  /** When the facts were observed (the newer end). */
  readonly observedAt: number | null;
  /** False when neither end has an SNMP target: the inventory is the only truth about the link. */
  readonly monitored: boolean;
}

/**
 * A link LLDP/CDP shows between two inventory devices that the inventory does not declare, on a
 * local port where no declared link between the two devices runs (duplicate neighbour rows and
 * both ends' sightings count once).
 */
export interface DiscoveredLink {
  /** Stable: `seen:<device>:<port>~<device>:<port>` with the ends in sorted order. */
  readonly id: string;
  readonly a: { readonly device: string; readonly port: string };
  readonly b: { readonly device: string; readonly port: string };
  readonly protocol: 'lldp' | 'cdp';
  readonly observedAt: number | null;
}

/** One reading of an interface's octet counters. */
export interface CounterSample {
  /** When it was read (ms since the epoch). */
  readonly at: number;
  readonly inOctets: bigint;
  readonly outOctets: bigint;
  /** ifCounterDiscontinuityTime (sysUpTime ticks) when the device reports it: a change means the counters restarted. */
  readonly discontinuity?: number | null;
  /** sysUpTime in seconds at the reading: a decrease means the device restarted. */
  readonly uptimeSeconds?: number | null;
}

/** The counter series of one load-sharing member (a LAG member, an ECMP next hop, a pool server's port). */
export interface MemberCounters {
  readonly device: string;
  readonly interface: string;
  /** 32 for ifInOctets/ifOutOctets, 64 for ifHCInOctets/ifHCOutOctets. */
  readonly counterBits: 32 | 64;
  /** Capacity in Mb/s; otherwise the observed ifHighSpeed, then the declared link's capacity. */
  readonly capacityMbps?: number;
  /** Oldest first. */
  readonly samples: readonly CounterSample[];
}

/** A load-sharing set the observation cannot see (ECMP, a server pool): members by device and interface. */
export interface LoadSet {
  readonly id: string;
  readonly device?: string;
  readonly members: readonly { readonly device: string; readonly interface: string }[];
}

/** Utilisation input (optional): counters per member and extra load-sharing sets. */
export interface LoadInput {
  readonly members: readonly MemberCounters[];
  readonly sets?: readonly LoadSet[];
}

/** A switchover drill on record (SWO-006). `group` is a protection group, service or pair id. */
export interface DrillRecord {
  readonly group: string;
  /** When the drill took place (ms since the epoch). */
  readonly at: number;
  readonly result: 'pass' | 'fail';
  readonly measuredMs?: number;
  readonly report?: string;
}

/** The latest configuration backup of one device (CFG-002). */
export interface BackupRecord {
  readonly device: string;
  /** When the backup was taken (ms since the epoch). */
  readonly at: number;
  readonly location?: string;
  readonly hash?: string;
}

/**
 * A cutover, expansion or upgrade window from the records (OPS-003, OPS-004): its status, approval
 * and the elements it covers, and (once its window ended) the findings the ledger saw begin to
 * fail in the window and still failing at its end.
 */
export interface CutoverWindow {
  readonly id: string;
  readonly ref: string;
  readonly title: string;
  readonly status: string;
  readonly emergency: boolean;
  readonly start: number;
  readonly end: number;
  readonly approvedAt: number | null;
  readonly affected: { readonly devices: readonly string[]; readonly links: readonly string[]; readonly sites: readonly string[]; readonly riskGroups: readonly string[] };
  /** Fingerprints whose failing state began in the window and held at its end; null before the window ended (or without a ledger). */
  readonly appeared: readonly string[] | null;
}

/** A change redline recorded on a device (a state-store transition): a reboot, an adjacency or FHRP role change, a restart trap. */
export interface DeviceChange {
  readonly deviceId: string;
  readonly at: number;
  readonly subject: string;
  readonly from: string | null;
  readonly to: string;
}

/** Evidence records; a source that is not configured is `undefined` (its rule is not evaluated). */
export interface EvidenceInput {
  readonly drills?: readonly DrillRecord[];
  /** Cutover windows from the records (absent: no records kept). */
  readonly cutovers?: readonly CutoverWindow[];
  /** Changes recorded on protected devices in the recent past (absent: no state history read). */
  readonly changes?: readonly DeviceChange[];
  /** Latest backup per device id. */
  readonly configBackups?: ReadonlyMap<string, BackupRecord>;
}

/** The network at time t. */
export interface Snapshot {
  readonly at: number;
  readonly inventory: Inventory;
  readonly devices: ReadonlyMap<string, DeviceSnapshot>;
  readonly health: ReadonlyMap<string, HealthSnapshot>;
  readonly links: readonly DeclaredLinkSnapshot[];
  readonly discovered: readonly DiscoveredLink[];
  /** Devices whose fresh observation carries LLDP/CDP neighbours (they can confirm links). */
  readonly neighbourSpeakers: ReadonlySet<string>;
  readonly load?: LoadInput;
  readonly evidence: EvidenceInput;
}
