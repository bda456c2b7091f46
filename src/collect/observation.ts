/**
 * The vendor-neutral shapes every collector produces. `DeviceObservation` is also the JSON
 * contract of `redline probe --json` and of the API's device view: change it only additively.
 */

/** Normalised state of a field-replaceable unit (PSU, fan). An empty bay is `absent`, never `failed`. */
export type ComponentStatus = 'ok' | 'failed' | 'absent' | 'unknown';

/** One physical power supply or fan, possibly seen through several MIBs. */
export interface Component {
  readonly id: string;
  readonly name: string;
  readonly status: ComponentStatus;
  /** Profiles that reported this unit. */
  readonly sources: string[];
}

export type UpsOutputSource = 'normal' | 'battery' | 'bypass' | 'other' | 'none' | 'unknown';
export type UpsBatteryStatus = 'normal' | 'low' | 'depleted' | 'unknown';

export interface UpsState {
  readonly outputSource: UpsOutputSource;
  readonly batteryStatus: UpsBatteryStatus;
  readonly minutesRemaining: number | null;
  readonly inputLineBads: number | null;
}

/** The battery of a DC plant, as its controller reports it. */
export type DcBatteryState = 'float' | 'charging' | 'discharging' | 'test' | 'fault' | 'unknown';

/** Installed rectifier modules of a DC plant by state (empty bays are not counted). */
export interface DcRectifierCounts {
  readonly ok: number;
  readonly failed: number;
  readonly unknown: number;
}

/** The batteries behind a DC plant. */
export interface DcBattery {
  readonly state: DcBatteryState;
  /** Estimated minutes of battery before disconnection at the present load. */
  readonly minutesRemaining: number | null;
  /** Battery strings (banks) installed. */
  readonly strings: number | null;
}

/**
 * A -48 V DC power plant (动环 rectifier controller): rectifier modules, the load they carry, the
 * batteries behind them and the mains feeding them. A field the controller does not report is null.
 */
export interface DcPowerPlant {
  /** The profile (MIB) that reported the plant. */
  readonly source: string;
  /** Installed rectifier modules by state (empty bays are not counted); null when not reported. */
  readonly rectifiers: DcRectifierCounts | null;
  /** Rated output current of one rectifier module, amperes. */
  readonly moduleRatingAmps: number | null;
  /** Current the plant delivers to the load, amperes. */
  readonly loadAmps: number | null;
  /** Share of the installed rectifier capacity in use, percent (what controllers report instead of a rating). */
  readonly capacityUsedPercent: number | null;
  readonly battery: DcBattery;
  /** The AC input: ok, failed (mains outage or a phase lost), or unknown. */
  readonly mains: 'ok' | 'failed' | 'unknown';
}

/** What a power input is: a utility (mains) line, a generator, or the inlet of a PDU. */
export type PowerInputRole = 'mains' | 'generator' | 'pduInlet';

/**
 * One power input a device watches (动环: a rectifier controller's AC input, an ATS source, a
 * PDU's inlet): whether power is on it now, and for a transfer switch whether the load is on it.
 */
export interface PowerInput {
  readonly name: string;
  readonly role: PowerInputRole;
  /** ok: power present; failed: no power or a phase lost; absent: not connected; unknown: the device does not say. */
  readonly state: ComponentStatus;
  /** Whether the load draws from this input now (an ATS's selected source); null when the device does not say. */
  readonly feedsLoad: boolean | null;
  /** The profile (MIB) that reported it. */
  readonly source: string;
}

/** What a site monitor's input measures or watches. */
export type SiteSensorKind = 'contact' | 'temperature' | 'humidity' | 'analog';

/** What an input is for, read from its name (English or Chinese): 动环 alarms the analysis cares about. */
export type SiteSensorPurpose = 'mains' | 'door' | 'water' | 'smoke' | 'temperature' | 'humidity' | 'other';

/** One input of a site monitor (动环 FSU, SiteBoss-style): a dry contact or an environmental sensor. */
export interface SiteSensor {
  readonly name: string;
  readonly kind: SiteSensorKind;
  readonly purpose: SiteSensorPurpose;
  /** Whether the input is in its alarm state; null when the monitor does not say. */
  readonly alarm: boolean | null;
  /** The reading (°C, % RH, or the analog value); null for a contact. */
  readonly value: number | null;
  /** The profile (MIB) that reported it. */
  readonly source: string;
}

export type BgpState = 'idle' | 'connect' | 'active' | 'opensent' | 'openconfirm' | 'established';

export interface BgpPeer {
  readonly peer: string;
  readonly remoteAs: number | null;
  readonly state: BgpState;
  readonly adminStatus: 'up' | 'down' | 'unknown';
  /** The profile (MIB) that reported the peer. */
  readonly source: string;
  /** Routing instance / VRF when the MIB tells it (absent for the global table). */
  readonly vrf?: string;
  /** The negotiated hold time in seconds (0: no hold timer), when the profile reads it (SWO-005). */
  readonly holdTimeSeconds?: number;
}

export type OspfNeighborState = 'down' | 'attempt' | 'init' | 'twoWay' | 'exchangeStart' | 'exchange' | 'loading' | 'full';

export interface OspfNeighbor {
  readonly neighborId: string;
  readonly address: string;
  readonly state: OspfNeighborState;
}

export type IsisAdjacencyState = 'down' | 'initializing' | 'up' | 'failed';

/** One IS-IS adjacency (ISIS-MIB isisISAdjTable or a vendor copy of it). */
export interface IsisAdjacency {
  /** The neighbour's system id, as hex octets. */
  readonly neighborId: string;
  readonly interface: string;
  readonly state: IsisAdjacencyState;
  /** The level(s) the adjacency serves; null when the MIB does not say. */
  readonly level: 'level1' | 'level2' | 'level1and2' | null;
}

export type BfdSessionState = 'adminDown' | 'down' | 'init' | 'up' | 'failing';

/** One BFD session (BFD-STD-MIB bfdSessTable, RFC 7331). */
export interface BfdSession {
  /** The remote address the session runs to. */
  readonly neighbor: string;
  /** The interface it runs on; null for a multihop session or when the MIB does not say. */
  readonly interface: string | null;
  readonly state: BfdSessionState;
  /** Detection time (negotiated interval × negotiated multiplier), ms; null when not reported. */
  readonly detectionMs: number | null;
}

export interface FhrpGroup {
  readonly protocol: 'vrrp' | 'hsrp';
  readonly interface: string;
  readonly group: number;
  readonly role: 'master' | 'backup' | 'init' | 'other';
  readonly virtualIp: string | null;
  /** Whether a standby/backup router is known to exist; null when the MIB cannot tell. */
  readonly hasStandby: boolean | null;
}

export interface InterfaceState {
  readonly index: number;
  readonly name: string;
  readonly operStatus: string;
  readonly adminStatus: string;
  readonly speedMbps: number | null;
  /** Added after the first contract: ifDescr when it differs from `name` (LLDP/CDP neighbours often name a port by it). */
  readonly descr?: string;
  /** Added after the first contract: ifAlias when set (some agents give it as the LLDP port description). */
  readonly alias?: string;
}

export interface LagMember {
  readonly aggregate: string;
  readonly member: string;
  /** True only when the member is synchronised, collecting and distributing. */
  readonly inBundle: boolean;
}

export interface Neighbor {
  readonly protocol: 'lldp' | 'cdp';
  readonly localPort: string;
  readonly remoteName: string;
  readonly remotePort: string;
}

export interface SystemInfo {
  readonly name: string | null;
  readonly descr: string | null;
  readonly objectId: string | null;
  readonly uptimeSeconds: number | null;
}

/** A redundancy the device itself reports on (power redundancy mode, supervisors, stack ring). */
export interface RedundancyState {
  readonly subject: string;
  readonly name: string;
  readonly state: 'redundant' | 'nonRedundant' | 'notApplicable' | 'unknown';
  /** What the operator configured, when the device says (admin mode vs oper mode). */
  readonly configured: 'redundant' | 'nonRedundant' | 'notApplicable' | 'unknown' | null;
  readonly source: string;
}

export interface CollectionError {
  readonly profile: string;
  readonly message: string;
}

/** The observation fields that come from device tables (for `exposes`). */
export type ObservationTable = 'system' | 'powerSupplies' | 'fans' | 'ups' | 'dcPower' | 'siteSensors' | 'powerInputs' | 'bgpPeers' | 'ospfNeighbors' | 'isisAdjacencies' | 'bfdSessions' | 'fhrpGroups' | 'interfaces' | 'lagMembers' | 'neighbors' | 'redundancy';

/** Everything one poll of one device learned. */
export interface DeviceObservation {
  readonly target: string;
  readonly system: SystemInfo;
  readonly profiles: string[];
  readonly powerSupplies: Component[];
  readonly fans: Component[];
  readonly ups: UpsState | null;
  /** Added after the first contract: DC power plants (rectifier controllers); empty for other devices. */
  readonly dcPower: DcPowerPlant[];
  /** Added after the first contract: site monitor inputs (contacts, temperature, humidity); empty for other devices. */
  readonly siteSensors: SiteSensor[];
  /**
   * Added after the first contract: power inputs (mains lines, ATS sources, PDU inlets) the device
   * watches. Absent in observations stored before it, and from test builders: read it as empty.
   */
  readonly powerInputs?: PowerInput[];
  readonly bgpPeers: BgpPeer[];
  readonly ospfNeighbors: OspfNeighbor[];
  /** Added after the first contract: IS-IS adjacencies (empty when the device has none or no MIB for them). */
  readonly isisAdjacencies: IsisAdjacency[];
  /** Added after the first contract: BFD sessions (empty when the device has none or no MIB for them). */
  readonly bfdSessions: BfdSession[];
  readonly fhrpGroups: FhrpGroup[];
  readonly interfaces: InterfaceState[];
  readonly lagMembers: LagMember[];
  readonly neighbors: Neighbor[];
  readonly redundancy: RedundancyState[];
  readonly errors: CollectionError[];
  /**
   * Added after the first contract: the fields whose MIB the device demonstrably implements (a
   * profile feeding them answered rows or one of its scalars), even when they came back empty.
   * An empty field not listed here is absence of data, not "none configured". Absent in
   * observations older than this field: then only a non-empty field is known to be exposed.
   */
  readonly exposes?: ObservationTable[];
}
