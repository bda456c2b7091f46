/**
 * `redline probe`: one look at one device, for an engineer on the spot and for tests.
 * `--json` prints exactly one JSON object (the DeviceObservation contract); otherwise a summary.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../common/errors.js';
import { SecretRegistry } from '../common/secrets.js';
import { neutralise } from '../common/text.js';
import type { DeviceObservation } from '../collect/observation.js';
import { DEFAULT_COLLECT, collectDevice } from '../collect/snmp/engine.js';
import { PROFILES } from '../collect/snmp/profiles/index.js';
import type { Profile } from '../collect/snmp/profiles/types.js';
import { RecordingTransport } from '../collect/snmp/recording-transport.js';
import { loadUserProfiles, mergeProfiles } from '../collect/snmp/user-profiles.js';
import { parseSnmprec } from '../collect/snmp/snmprec.js';
import { openSnmpTransport, parseTarget, targetLabel } from '../collect/snmp/transport.js';
import { CREDENTIAL_FLAGS_USAGE, CREDENTIAL_OPTIONS, DEFAULT_SECRET_SOURCES, SECRETS_USAGE, credentialsFromFlags, registerCredentialSecrets, type SecretSources } from './snmp-credentials.js';

/** Where the probe writes; injected so tests can capture it. */
export interface ProbeIo {
  out(text: string): void;
  err(text: string): void;
}

export const PROBE_USAGE = `usage: redline probe <host>[:port]
         ${CREDENTIAL_FLAGS_USAGE}
         [--timeout-ms N] [--retries N] [--max-repetitions N] [--no-bulk] [--json]
${SECRETS_USAGE}
       redline probe --snmprec <file.snmprec> [--json]   (a recording, read offline through the same engine)
       --profile-dir <dir> (repeatable): YAML profiles that add to or replace the built-in ones`;

function positiveInt(value: string | undefined, flag: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer ≥ ${min}`);
  return n;
}

/** Runs the probe; returns the process exit code (0 answered, 2 no answer, 1 usage). */
export async function runProbe(argv: readonly string[], io: ProbeIo, sources: SecretSources = DEFAULT_SECRET_SOURCES): Promise<number> {
  const secrets = new SecretRegistry();
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        ...CREDENTIAL_OPTIONS,
        'timeout-ms': { type: 'string' },
        retries: { type: 'string' },
        'max-repetitions': { type: 'string' },
        'no-bulk': { type: 'boolean' },
        json: { type: 'boolean' },
        snmprec: { type: 'string' },
        'profile-dir': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${PROBE_USAGE}\n`);
    return 1;
  }
  const v = parsed.values;
  registerCredentialSecrets(v, sources, secrets);
  if (v.help === true) {
    io.out(`${PROBE_USAGE}\n`);
    return 0;
  }
  try {
    const profiles = withUserProfiles(v['profile-dir'] ?? []);
    if (v.snmprec !== undefined) return await probeRecording(v.snmprec, parsed.positionals, v.json === true, io, profiles);
    if (parsed.positionals.length !== 1) throw new UsageError('probe takes exactly one target');
    const target = parseTarget(parsed.positionals[0]!);
    const timeoutMs = positiveInt(v['timeout-ms'], '--timeout-ms', 2000, 10);
    const retries = positiveInt(v.retries, '--retries', 1, 0);
    const maxRepetitions = positiveInt(v['max-repetitions'], '--max-repetitions', DEFAULT_COLLECT.maxRepetitions);
    const warn = (text: string): void => { io.err(text); };
    const creds = credentialsFromFlags(v, sources, secrets, warn);

    // First contact: the whole --timeout-ms is the wait for a first answer, retries included.
    const attempts = retries + 1;
    const probeTransport = openSnmpTransport(target, creds, { timeoutMs: Math.max(10, Math.floor(timeoutMs / attempts)), retries }, secrets);
    let answered: boolean;
    try {
      await probeTransport.get(['1.3.6.1.2.1.1.2.0']);
      answered = true;
    } catch {
      answered = false;
    } finally {
      probeTransport.close();
    }
    if (!answered) {
      io.err(`no answer from ${targetLabel(target)} within ${timeoutMs} ms\n`);
      return 2;
    }

    const transport = openSnmpTransport(target, creds, { timeoutMs, retries }, secrets);
    try {
      const result = await collectDevice(transport, {
        ...DEFAULT_COLLECT,
        profiles,
        maxRepetitions,
        useBulk: v['no-bulk'] !== true,
        now: () => performance.now(),
      });
      if (!result.answered) {
        io.err(`no answer from ${targetLabel(target)} within ${timeoutMs} ms\n`);
        return 2;
      }
      const obs = result.observation;
      io.out(v.json === true ? `${JSON.stringify(obs)}\n` : formatSummary(obs));
      return 0;
    } finally {
      transport.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${secrets.redact(err.message)}\n${PROBE_USAGE}\n`);
      return 1;
    }
    throw new Error(secrets.redact(err instanceof Error ? err.message : String(err)));
  }
}

/** The built-in profiles with those of `--profile-dir` merged in; a broken user profile is a usage error naming every problem. */
function withUserProfiles(dirs: readonly string[]): readonly Profile[] {
  if (dirs.length === 0) return PROFILES;
  const { profiles, issues } = loadUserProfiles(dirs);
  if (issues.length > 0) throw new UsageError(`--profile-dir: ${issues.length} problem(s)\n${issues.map((i) => `  ${i.file}: ${i.path}: ${i.message}`).join('\n')}`);
  return mergeProfiles(PROFILES, profiles);
}

/** `probe --snmprec`: the engine over a recording, through RecordingTransport (no agent, no socket). */
async function probeRecording(file: string, positionals: readonly string[], json: boolean, io: ProbeIo, profiles: readonly Profile[]): Promise<number> {
  if (positionals.length > 0) throw new UsageError('--snmprec takes no target');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { rows, skipped } = parseSnmprec(text);
  if (skipped > 0) io.err(`${skipped} line(s) of ${file} could not be read and were skipped\n`);
  const result = await collectDevice(new RecordingTransport(rows, `snmprec:${basename(file)}`), { ...DEFAULT_COLLECT, profiles, now: () => performance.now() });
  if (!result.answered || result.observation.system.objectId === null) {
    io.err(`${file} has no system group (sysObjectID): not a device recording\n`);
    return 2;
  }
  io.out(json ? `${JSON.stringify(result.observation)}\n` : formatSummary(result.observation));
  return 0;
}

function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  // every cell may be device text: made visible before it is measured and printed
  const safe = rows.map((r) => r.map(neutralise));
  const widths = safe[0]!.map((_, c) => Math.max(...safe.map((r) => (r[c] ?? '').length)));
  return safe.map((r) => `    ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`).join('\n') + '\n';
}

const MARK: Readonly<Record<string, string>> = { ok: 'ok', failed: 'FAILED', absent: 'absent', unknown: 'unknown?' };

/**
 * The human summary of an observation. Every device-supplied string goes through `neutralise`:
 * a line break, a control character or a bidi override shows as an escape, never acts.
 */
export function formatSummary(o: DeviceObservation): string {
  const lines: string[] = [];
  const s = o.system;
  const days = s.uptimeSeconds === null ? '?' : `${(s.uptimeSeconds / 86400).toFixed(1)} days`;
  lines.push(`${o.target}  ${s.name === null ? '(no sysName)' : neutralise(s.name)}  up ${days}`);
  // the first line of a multi-line sysDescr, as before; whatever else it holds is made visible
  if (s.descr !== null) lines.push(`  ${neutralise(s.descr.split(/\r?\n/)[0] ?? '')}`);
  lines.push(`  sysObjectID ${neutralise(s.objectId ?? '?')}   profiles: ${o.profiles.join(', ') || 'none'}`);
  const section = (title: string, body: string): void => {
    lines.push(`\n  ${title}`);
    lines.push(body.replace(/\n$/, ''));
  };
  const units = (list: DeviceObservation['powerSupplies']): string =>
    table(list.map((u) => [MARK[u.status] ?? u.status, u.name, u.sources.join('+')]));
  if (o.powerSupplies.length > 0) {
    const failed = o.powerSupplies.filter((p) => p.status === 'failed').length;
    const ok = o.powerSupplies.filter((p) => p.status === 'ok').length;
    section(`Power supplies: ${ok} ok, ${failed} failed of ${o.powerSupplies.length}`, units(o.powerSupplies));
  }
  if (o.fans.length > 0) {
    const bad = o.fans.filter((p) => p.status === 'failed').length;
    section(`Fans: ${o.fans.length}, ${bad} failed`, bad > 0 ? units(o.fans.filter((f) => f.status === 'failed')) : '    all reporting ok or absent');
  }
  if (o.ups !== null) {
    const u = o.ups;
    section('UPS', `    output ${u.outputSource}, battery ${u.batteryStatus}, ${u.minutesRemaining ?? '?'} min remaining, input line bads ${u.inputLineBads ?? '?'}`);
  }
  for (const d of o.dcPower) {
    const r = d.rectifiers === null ? 'rectifiers ?' : `rectifiers ${d.rectifiers.ok} ok, ${d.rectifiers.failed} failed${d.rectifiers.unknown > 0 ? `, ${d.rectifiers.unknown} unknown` : ''}`;
    section(`DC power plant (${d.source})`, `    ${r}; load ${d.loadAmps ?? '?'} A${d.capacityUsedPercent === null ? '' : ` (${d.capacityUsedPercent} % of capacity)`}; mains ${d.mains}\n    battery ${d.battery.state}, ${d.battery.minutesRemaining ?? '?'} min remaining, ${d.battery.strings ?? '?'} string(s)`);
  }
  const inputs = o.powerInputs ?? [];
  if (inputs.length > 0) {
    const dark = inputs.filter((x) => x.state === 'failed').length;
    section(`Power inputs: ${inputs.length}, ${dark} without power`, table(inputs.map((x) => [x.state, x.name, x.role, x.feedsLoad === true ? 'carries the load' : ''])));
  }
  if (o.siteSensors.length > 0) {
    const alarms = o.siteSensors.filter((x) => x.alarm === true).length;
    section(`Site inputs: ${o.siteSensors.length}, ${alarms} in alarm`, table(o.siteSensors.map((x) => [x.alarm === true ? 'ALARM' : x.alarm === false ? 'ok' : '', x.name, x.kind, x.purpose, x.value === null ? '' : String(x.value)])));
  }
  for (const r of o.redundancy) lines.push(`  redundancy ${neutralise(r.subject)} ${neutralise(r.name)}: ${r.state}${r.configured === null ? '' : ` (configured ${r.configured})`}`);
  if (o.bgpPeers.length > 0) {
    const est = o.bgpPeers.filter((p) => p.state === 'established').length;
    section(`BGP peers: ${est}/${o.bgpPeers.length} established`, table(o.bgpPeers.map((p) => [p.peer, `AS${p.remoteAs ?? '?'}`, p.state, `admin ${p.adminStatus}`, p.vrf ?? ''])));
  }
  if (o.ospfNeighbors.length > 0) {
    section(`OSPF neighbours: ${o.ospfNeighbors.length}`, table(o.ospfNeighbors.map((n) => [n.neighborId, n.address, n.state])));
  }
  if (o.isisAdjacencies.length > 0) {
    const up = o.isisAdjacencies.filter((a) => a.state === 'up').length;
    section(`IS-IS adjacencies: ${up}/${o.isisAdjacencies.length} up`, table(o.isisAdjacencies.map((a) => [a.neighborId, a.interface, a.state, a.level ?? ''])));
  }
  if (o.bfdSessions.length > 0) {
    const up = o.bfdSessions.filter((b) => b.state === 'up').length;
    section(`BFD sessions: ${up}/${o.bfdSessions.length} up`, table(o.bfdSessions.map((b) => [b.neighbor, b.interface ?? '', b.state, b.detectionMs === null ? '' : `detect ${b.detectionMs} ms`])));
  }
  if (o.fhrpGroups.length > 0) {
    section('First-hop redundancy', table(o.fhrpGroups.map((g) => [g.protocol, g.interface, `group ${g.group}`, g.role, g.virtualIp ?? '', g.hasStandby === false ? 'NO STANDBY' : ''])));
  }
  const up = o.interfaces.filter((i) => i.operStatus === 'up').length;
  lines.push(`\n  Interfaces: ${o.interfaces.length} (${up} up)`);
  if (o.lagMembers.length > 0) {
    section('LAG members', table(o.lagMembers.map((m) => [m.aggregate, m.member, m.inBundle ? 'in bundle' : 'NOT in bundle'])));
  }
  if (o.neighbors.length > 0) {
    section(`Neighbours: ${o.neighbors.length}`, table(o.neighbors.map((n) => [n.protocol, n.localPort, '→', n.remoteName, n.remotePort])));
  }
  if (o.errors.length > 0) section(`Problems: ${o.errors.length}`, o.errors.map((e) => `    [${neutralise(e.profile)}] ${neutralise(e.message)}`).join('\n'));
  return `${lines.join('\n')}\n`;
}
