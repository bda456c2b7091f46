/**
 * The network families of `/metrics` (docs/metrics.md): per device, per component, per session,
 * per finding and per rule, rendered as Prometheus text (format 0.0.4) from one analysis pass.
 * Pure: the analysis worker calls it after each pass with the pass's snapshot, findings and
 * coverage, and hands the text to the daemon's thread, which never formats these series itself
 * (at 10,000 devices they are 100,000+ series). Labels are inventory ids and device table keys
 * only, escaped; state-like families have one series per subject with value 1 (the state is a label).
 */
import type { Coverage } from '../analysis/coverage.js';
import type { Finding } from '../analysis/finding.js';
import type { DeviceObservation } from '../collect/observation.js';
import type { DeviceSnapshot, Snapshot } from '../snapshot/types.js';

/** What one rendering reads. */
export interface NetworkExpositionInput {
  /** The time of the pass (ms since the epoch). */
  readonly at: number;
  readonly snapshot: Snapshot;
  readonly findings: readonly Finding[];
  readonly coverage: Coverage;
  /** Wall time of each device's latest poll in the daemon (seconds), by device id. */
  readonly pollSeconds?: Readonly<Record<string, number>>;
  /** Removes secrets from a label value read from a device (PSU ids, peers, interface names …). */
  readonly redact?: (value: string) => string;
}

/** Escapes a label value for the text format: backslash, double quote and line feed. */
export function escapeLabelValue(v: string): string {
  return /[\\"\n]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : v;
}

/** Escapes a HELP text: backslash and line feed. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A label pair, escaped. */
const l = (name: string, value: string): string => `${name}="${escapeLabelValue(value)}"`;

/** One metric family being filled: its samples as text lines. */
class Family {
  readonly lines: string[] = [];
  constructor(readonly name: string, readonly help: string) {}

  /** Adds a sample; `labels` is already rendered (`a="x",b="y"`). Non-finite values are left out. */
  add(labels: string, value: number): void {
    if (!Number.isFinite(value)) return;
    this.lines.push(`${this.name}{${labels}} ${value}`);
  }

  /** The family's text, HELP and TYPE first; empty when it has no samples. */
  text(): string {
    if (this.lines.length === 0) return '';
    return `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} gauge\n${this.lines.join('\n')}\n`;
  }
}

/** Every family, in the order docs/metrics.md lists them. */
function families() {
  const f = (name: string, help: string): Family => new Family(name, help);
  return {
    up: f('redline_device_up', 'Whether the device answered its latest poll and that answer is recent (1), or it is unreachable, stale or never answered (0).'),
    stale: f('redline_device_stale', 'Whether redline has no recent poll of the device at all (1): its state is unknown.'),
    pollDuration: f('redline_device_last_poll_duration_seconds', 'Wall time of the device\'s latest poll.'),
    pollErrors: f('redline_device_poll_errors', 'Problems the latest answered poll met, by profile.'),
    psu: f('redline_psu_state', 'Power supply state (ok, failed, absent, unknown): one series per PSU, value 1, the state in the label.'),
    fan: f('redline_fan_state', 'Fan state (ok, failed, absent, unknown): one series per fan, value 1, the state in the label.'),
    upsSource: f('redline_ups_output_source', 'Where the UPS output comes from (normal, battery, bypass, other, none, unknown): value 1.'),
    upsOnBattery: f('redline_ups_on_battery', 'Whether the UPS output is on battery (1).'),
    upsBattery: f('redline_ups_battery_status', 'UPS battery status (normal, low, depleted, unknown): value 1.'),
    upsRuntime: f('redline_ups_battery_runtime_seconds', 'UPS battery runtime left at the present load.'),
    dcOk: f('redline_dc_rectifiers_ok', 'Rectifier modules of the DC plant working.'),
    dcInstalled: f('redline_dc_rectifiers_installed', 'Rectifier modules of the DC plant installed (empty bays not counted).'),
    dcBattery: f('redline_dc_battery_state', 'DC plant battery state (float, charging, discharging, test, fault, unknown): value 1.'),
    dcRuntime: f('redline_dc_battery_runtime_seconds', 'DC plant battery runtime left before disconnection at the present load.'),
    dcMains: f('redline_dc_mains_state', 'DC plant AC input (ok, failed, unknown): value 1.'),
    bgp: f('redline_bgp_session_state', 'BGP session state (idle … established): one series per session, value 1.'),
    ospf: f('redline_ospf_neighbor_state', 'OSPF neighbour state (down … full): one series per neighbour, value 1.'),
    isis: f('redline_isis_adjacency_state', 'IS-IS adjacency state (down, initializing, up, failed): one series per adjacency, value 1.'),
    fhrp: f('redline_fhrp_role', 'VRRP/HSRP group role (master, backup, init, other): one series per group, value 1.'),
    lagMembers: f('redline_lag_members', 'Members configured in the LAG.'),
    lagUp: f('redline_lag_members_up', 'LAG members in the bundle (synchronised, collecting and distributing).'),
    lagHeadroom: f('redline_lag_n1_headroom', 'Member losses the LAG survives: members up minus 1 (0: one loss from down; -1: down).'),
    protection: f('redline_protection_state', 'Protection state of a subject under a rule (protected, degraded, unprotected, down, unknown): one series per finding, value 1.'),
    spof: f('redline_single_points_of_failure', 'Findings in state unprotected (one failure from an outage), by protection class and site.'),
    paths: f('redline_service_disjoint_paths', 'Disjoint routes proven between the service\'s endpoints (counted up to required + 1).'),
    requiredPaths: f('redline_service_required_paths', 'Disjoint routes the service requires.'),
    ruleEvaluated: f('redline_rule_evaluated', 'Whether the rule was evaluated on at least one subject this pass (1) or skipped as a whole (0).'),
    ruleSubjects: f('redline_rule_subjects_evaluated', 'Subjects the rule judged this pass.'),
    ruleSkipped: f('redline_rule_subjects_skipped', 'Subjects the rule could not judge this pass, by reason code.'),
  };
}

type Families = ReturnType<typeof families>;

/** Keeps the first of several rows with the same key (a table a device reports twice). */
function firstByKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  if (rows.length < 2) return [...rows];
  const seen = new Set<string>();
  return rows.filter((r) => { const k = key(r); if (seen.has(k)) return false; seen.add(k); return true; });
}

/** Renders a label pair whose value a device reported: secrets removed first. */
type DeviceLabel = (name: string, value: string) => string;

/** The per-device component, power, routing, FHRP and LAG families of one fresh observation. */
function renderObservation(fam: Families, d: string, o: DeviceObservation, dl: DeviceLabel): void {
  for (const p of firstByKey(o.powerSupplies, (x) => x.id)) fam.psu.add(`${d},${dl('psu', p.id)},${l('state', p.status)}`, 1);
  for (const p of firstByKey(o.fans, (x) => x.id)) fam.fan.add(`${d},${dl('fan', p.id)},${l('state', p.status)}`, 1);
  if (o.ups !== null) {
    fam.upsSource.add(`${d},${l('source', o.ups.outputSource)}`, 1);
    fam.upsOnBattery.add(d, o.ups.outputSource === 'battery' ? 1 : 0);
    fam.upsBattery.add(`${d},${l('status', o.ups.batteryStatus)}`, 1);
    if (o.ups.minutesRemaining !== null) fam.upsRuntime.add(d, o.ups.minutesRemaining * 60);
  }
  o.dcPower.forEach((plant, i) => {
    const p = `${d},plant="${i}"`;
    if (plant.rectifiers !== null) {
      const r = plant.rectifiers;
      fam.dcOk.add(p, r.ok);
      fam.dcInstalled.add(p, r.ok + r.failed + r.unknown);
    }
    fam.dcBattery.add(`${p},${l('state', plant.battery.state)}`, 1);
    if (plant.battery.minutesRemaining !== null) fam.dcRuntime.add(p, plant.battery.minutesRemaining * 60);
    fam.dcMains.add(`${p},${l('state', plant.mains)}`, 1);
  });
  for (const b of firstByKey(o.bgpPeers, (x) => `${x.vrf ?? ''}\u0000${x.peer}`)) fam.bgp.add(`${d},${dl('peer', b.peer)},${dl('vrf', b.vrf ?? '')},${l('state', b.state)}`, 1);
  for (const n of firstByKey(o.ospfNeighbors, (x) => x.neighborId)) fam.ospf.add(`${d},${dl('neighbor', n.neighborId)},${l('state', n.state)}`, 1);
  for (const a of firstByKey(o.isisAdjacencies, (x) => `${x.neighborId}\u0000${x.interface}`)) fam.isis.add(`${d},${dl('neighbor', a.neighborId)},${dl('interface', a.interface)},${l('state', a.state)}`, 1);
  for (const g of firstByKey(o.fhrpGroups, (x) => `${x.protocol}\u0000${x.interface}\u0000${x.group}`)) {
    fam.fhrp.add(`${d},${l('protocol', g.protocol)},${dl('interface', g.interface)},group="${g.group}",${l('role', g.role)}`, 1);
  }
  if (o.lagMembers.length > 0) {
    const lags = new Map<string, { members: Set<string>; up: Set<string> }>();
    for (const m of o.lagMembers) {
      let lag = lags.get(m.aggregate);
      if (lag === undefined) { lag = { members: new Set(), up: new Set() }; lags.set(m.aggregate, lag); }
      lag.members.add(m.member);
      if (m.inBundle) lag.up.add(m.member);
    }
    for (const [name, lag] of lags) {
      const labels = `${d},${dl('lag', name)}`;
      fam.lagMembers.add(labels, lag.members.size);
      fam.lagUp.add(labels, lag.up.size);
      fam.lagHeadroom.add(labels, lag.up.size - 1);
    }
  }
}

/** The device families of one device with an SNMP target. */
function renderDevice(fam: Families, dev: DeviceSnapshot, pollSeconds: Readonly<Record<string, number>> | undefined, dl: DeviceLabel): void {
  const d = `${l('device', dev.id)},${l('site', dev.device.site)},${l('class', dev.device.class)}`;
  fam.up.add(d, dev.status === 'fresh' ? 1 : 0);
  fam.stale.add(d, dev.status === 'stale' ? 1 : 0);
  const seconds = pollSeconds?.[dev.id];
  if (seconds !== undefined) fam.pollDuration.add(d, seconds);
  const o = dev.observation;
  if (dev.status !== 'fresh' || o === null) return;
  if (o.errors.length > 0) {
    const byProfile = new Map<string, number>();
    for (const e of o.errors) byProfile.set(e.profile, (byProfile.get(e.profile) ?? 0) + 1);
    for (const [profile, n] of byProfile) fam.pollErrors.add(`${d},${dl('profile', profile)}`, n);
  }
  renderObservation(fam, d, o, dl);
}

/** The number a finding's evidence gives under one of `names`, if any. */
function evidenceNumber(f: Finding, names: readonly string[]): number | null {
  for (const e of f.evidence) if (names.includes(e.what) && typeof e.value === 'number') return e.value;
  return null;
}

/** The finding and coverage families. */
function renderAnalysis(fam: Families, findings: readonly Finding[], coverage: Coverage): void {
  const spof = new Map<string, number>();
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const site = f.site ?? '';
    fam.protection.add(`${l('rule', f.rule)},${l('subject_kind', f.subject.kind)},${l('subject', f.subject.id)},${l('class', f.class)},${l('site', site)},${l('measure', f.measure)},${l('state', f.state)}`, 1);
    const k = `${l('class', f.class)},${l('site', site)}`;
    spof.set(k, (spof.get(k) ?? 0) + (f.state === 'unprotected' ? 1 : 0));
    if (f.subject.kind === 'service') {
      const paths = evidenceNumber(f, ['disjoint routes (proven)', 'disjoint routes']);
      const required = evidenceNumber(f, ['required']);
      const s = `${l('rule', f.rule)},${l('service', f.subject.id)}`;
      if (paths !== null) fam.paths.add(s, paths);
      if (required !== null) fam.requiredPaths.add(s, required);
    }
  }
  for (const [k, n] of spof) fam.spof.add(k, n);
  for (const r of coverage.rules) {
    const rule = l('rule', r.rule);
    fam.ruleEvaluated.add(rule, r.status === 'evaluated' ? 1 : 0);
    fam.ruleSubjects.add(rule, r.subjects.count);
    // a rule may give one code several wordings: one series per code
    const byCode = new Map<string, number>();
    for (const n of r.notEvaluated) byCode.set(n.code, (byCode.get(n.code) ?? 0) + n.count);
    for (const [code, n] of byCode) fam.ruleSkipped.add(`${rule},${l('reason', code)}`, n);
  }
}

/** The network families of one pass as Prometheus text (every line ends with a line feed). */
export function renderNetworkExposition(input: NetworkExpositionInput): string {
  const fam = families();
  const redact = input.redact;
  const dl: DeviceLabel = redact === undefined ? l : (name, value) => l(name, redact(value));
  for (const dev of input.snapshot.devices.values()) {
    if (dev.device.poll === undefined) continue;
    renderDevice(fam, dev, input.pollSeconds, dl);
  }
  renderAnalysis(fam, input.findings, input.coverage);
  const head = `# HELP redline_network_metrics_timestamp_seconds Time of the analysis pass the network families come from (Unix seconds).\n# TYPE redline_network_metrics_timestamp_seconds gauge\nredline_network_metrics_timestamp_seconds ${input.at / 1000}\n`;
  return head + Object.values(fam).map((f) => f.text()).join('');
}
