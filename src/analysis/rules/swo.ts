/**
 * SWO — automatic switchover (自动倒换), protection-policy.md §4.4.
 *
 * SWO-003: routing adjacencies (established BGP peers, full OSPF neighbours, IS-IS adjacencies
 *          up; only those expected up, decided by `expected-up.ts` as for TOPO-003) of CORE/NE/AGG
 *          devices are protected by BFD: a session `up` to each neighbour address (IS-IS: on its
 *          interface) with a detection time within the class limit (the state alone when the
 *          device reports no detection time). A device that implements BFD-STD-MIB with no
 *          session is a finding; one that does not expose the table is unknown (`no_data`): no
 *          data is not "no BFD". A neighbour whose BFD session an operator shut (adminDown) and
 *          devices without routing adjacencies stay silent. Sentences in `swo3-words.ts`.
 * SWO-004: each VRRP/HSRP group has exactly one master and at least one ready backup. A group
 *          is the same (protocol, group number, virtual IP) across devices; when the MIB gives
 *          no virtual IP, the same (protocol, group) within a redundancy pair. Devices with no
 *          group configured stay silent.
 * SWO-006: switchover drill evidence is fresh and passed, per protection group and per
 *          redundancy set (service or pair). Evaluated only when a drill register is configured;
 *          a group missing from the register or drilled too long ago is an evidence gap; a failed
 *          drill is a protection failure (the switchover did not work), not a paperwork gap.
 * SWO-002: (the drill half) the switchover time measured in the latest drill of a protection
 *          group is within the target (50 ms).
 * SWO-005: the established BGP sessions of CORE/NE devices have BFD up to the peer, or a
 *          negotiated hold time ≤ 9 s (BGP4-MIB bgpPeerHoldTime).
 */
import { z } from 'zod';
import type { FhrpGroup } from '../../collect/observation.js';
import type { ProtectionClass } from '../../config/schema.js';
import type { DrillRecord } from '../../snapshot/types.js';
import type { Snapshot } from '../../snapshot/types.js';
import { portNamesMatch } from '../../snapshot/port-names.js';
import { fact, type Bilingual } from '../finding.js';
import type { Derived } from '../snapshot-views.js';
import { answeringDevices, list, redundancySets, setClass, setSites, whyUnknown } from './common.js';
import { bfdSessionExpectedUp, bgpPeerExpectedUp, routingAdjacencies, type RoutingAdjacency } from './expected-up.js';
import { SWO_WORDS as W } from './swo-words.js';
import { SWO3_WORDS } from './swo3-words.js';
import { defineRule } from './types.js';
import { bi, formatLocalDate, localDate } from './words.js';

interface GroupMember {
  readonly device: string;
  readonly g: FhrpGroup;
}

export const swo003 = defineRule({
  id: 'SWO-003',
  family: 'SWO',
  thresholds: z.strictObject({ maxDetectionMs: z.number().positive().max(60_000).default(1000) }),
  evaluate(ctx) {
    for (const { s, d, sites, o } of answeringDevices(ctx, 'routing adjacencies unknown')) {
      // the routing adjacencies BFD should protect: expected up (expected-up.ts, as TOPO-003) and up
      // (BGP established, OSPF full, IS-IS up), one per neighbour address or IS-IS interface
      const adjacencies = new Map<string, RoutingAdjacency>();
      for (const a of routingAdjacencies(s.id, o)) {
        if (a.status !== 'up' || (a.protocol === 'ospf' && a.state !== 'full')) continue;
        const key = a.address !== null ? a.address.toLowerCase() : `isis:${a.id}`;
        if (!adjacencies.has(key)) adjacencies.set(key, a);
      }
      if (adjacencies.size === 0) continue;
      const { maxDetectionMs } = ctx.thresholds(d.class, sites);
      const at = s.observedAt;
      const base = { subject: { kind: 'device' as const, id: s.id }, class: d.class, site: d.site, sites };
      const labels = [...adjacencies.values()].map((a) => SWO3_WORDS.label(a.protocol, a.neighbor, a.interface).en);
      if (o.bfdSessions.length === 0) {
        // an empty table is "no BFD" only on a device that demonstrably implements the MIB
        const exposed = o.exposes?.includes('bfdSessions') ?? false;
        ctx.emit({
          ...base, state: exposed ? 'degraded' : 'unknown',
          ...(exposed ? {} : { reason: 'no_data' }),
          evidence: [...labels.map((a) => fact(a, exposed ? 'no BFD session' : 'BFD table not exposed', at)), fact('max detection (ms)', maxDetectionMs)],
          explanation: exposed ? SWO3_WORDS.noSession(s.id, adjacencies.size) : SWO3_WORDS.noBfdTable(s.id, adjacencies.size),
        });
        continue;
      }
      const gaps: Bilingual[] = [];
      const evidence: ReturnType<typeof fact>[] = [];
      for (const a of adjacencies.values()) {
        const label = SWO3_WORDS.label(a.protocol, a.neighbor, a.interface);
        const sessions = o.bfdSessions.filter((b) => (a.address !== null
          ? b.neighbor.toLowerCase() === a.address.toLowerCase()
          : b.interface !== null && a.interface !== null && portNamesMatch(b.interface, a.interface)));
        if (sessions.length > 0 && !sessions.some(bfdSessionExpectedUp)) continue; // shut on purpose: silent
        const good = sessions.find((b) => b.state === 'up' && (b.detectionMs === null || b.detectionMs <= maxDetectionMs));
        const shown = good ?? sessions.find((b) => b.state === 'up') ?? sessions.find(bfdSessionExpectedUp);
        evidence.push(fact(`${label.en} BFD`, shown === undefined ? 'none' : `${shown.state}${shown.detectionMs === null ? '' : ` ${shown.detectionMs} ms`}`, at));
        if (good !== undefined) continue;
        if (shown === undefined) gaps.push(SWO3_WORDS.gapNone(label));
        else if (shown.state !== 'up') gaps.push(SWO3_WORDS.gapState(label, shown.state));
        else gaps.push(SWO3_WORDS.gapSlow(label, shown.detectionMs, maxDetectionMs));
      }
      if (evidence.length === 0) continue;
      evidence.push(fact('max detection (ms)', maxDetectionMs));
      if (gaps.length === 0) ctx.emit({ ...base, state: 'protected', evidence, explanation: SWO3_WORDS.protected(s.id, evidence.length - 1, maxDetectionMs) });
      else ctx.emit({ ...base, state: 'degraded', evidence, explanation: SWO3_WORDS.gaps(s.id, gaps) });
    }
  },
});

export const swo004 = defineRule({
  id: 'SWO-004',
  family: 'SWO',
  thresholds: z.strictObject({ minBackups: z.number().int().min(1).max(8).default(1) }),
  evaluate(ctx) {
    const snap = ctx.snapshot;
    const groups = new Map<string, { members: GroupMember[]; domain: readonly string[]; protocol: string; group: number }>();
    for (const s of snap.devices.values()) {
      for (const g of s.observation?.fhrpGroups ?? []) {
        const domain = ctx.derived.domainOf(s.id);
        const key = g.virtualIp !== null ? `${g.protocol}:${g.group}:${g.virtualIp}` : `${g.protocol}:${g.group}@${domain.join('+')}`;
        let entry = groups.get(key);
        if (entry === undefined) {
          entry = { members: [], domain: g.virtualIp !== null ? [] : domain, protocol: g.protocol, group: g.group };
          groups.set(key, entry);
        }
        entry.members.push({ device: s.id, g });
      }
    }
    for (const [key, e] of groups) {
      const devices = [...new Set([...e.members.map((m) => m.device), ...e.domain])].sort();
      let cls: ProtectionClass | null = null;
      for (const id of devices) {
        const c = snap.inventory.devices.get(id)?.class;
        if (c !== undefined) cls = cls === null ? c : ctx.derived.higherClass(cls, c);
      }
      const sites = [...new Set(devices.map((id) => ctx.derived.siteOf(id)).filter((x): x is string => x !== null))].sort();
      if (cls === null || !ctx.applies(cls, sites)) continue;
      const { minBackups } = ctx.thresholds(cls, sites);
      const masters = e.members.filter((m) => m.g.role === 'master');
      const backups = e.members.filter((m) => m.g.role === 'backup');
      // partners that should speak for the group but have no fresh data
      const silent = e.domain.filter((id) => (snap.devices.get(id)?.observation ?? null) === null && snap.devices.get(id)?.status !== 'unmonitored');
      const evidence = [
        ...e.members.map((m) => fact(`${m.device} ${m.g.interface} role`, m.g.role)),
        ...silent.map((id) => fact(`${id} data`, snap.devices.get(id)?.status ?? 'unknown')),
      ];
      const name = W.groupName(e.protocol, e.group);
      const base = { subject: { kind: 'fhrpGroup' as const, id: key }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence };
      const silentWhy = (): { en: string; zh: string } => {
        const ws = silent.map((id) => W.deviceWhy(id, whyUnknown(snap.devices.get(id)!, ctx.timeZone)));
        return bi(list(ws.map((w) => w.zh)).zh, list(ws.map((w) => w.en)).en);
      };
      if (masters.length === 1 && backups.length >= minBackups) {
        ctx.emit({ ...base, state: 'protected', explanation: W.masterAndBackup(name, masters[0]!.device, backups.map((b) => b.device)) });
      } else if (masters.length > 1) {
        ctx.emit({ ...base, state: 'unprotected', explanation: W.severalMasters(name, masters.map((m) => m.device)) });
      } else if (masters.length === 0) {
        if (silent.length > 0) ctx.emit({ ...base, state: 'unknown', reason: 'stale_data', explanation: W.noMasterSilent(name, silentWhy()) });
        else ctx.emit({ ...base, state: 'down', explanation: W.noMaster(name) });
      } else {
        // one master, too few backups
        const m = masters[0]!;
        if (m.g.hasStandby === true && backups.length === 0 && minBackups === 1) {
          ctx.emit({ ...base, state: 'protected', explanation: W.reportedStandby(name, m.device) });
        } else if (silent.length > 0) {
          ctx.emit({ ...base, state: 'unknown', reason: 'stale_data', explanation: W.backupUnconfirmed(name, m.device, silentWhy()) });
        } else if (m.g.hasStandby === null && e.domain.length <= 1) {
          ctx.emit({ ...base, state: 'unknown', reason: 'backup_unmonitored', explanation: W.backupUnmonitored(name, m.device) });
        } else {
          const init = e.members.filter((x) => x.g.role === 'init' || x.g.role === 'other');
          ctx.emit({ ...base, state: 'unprotected', explanation: init.length > 0 ? W.backupNotReady(name, m.device, init.map((x) => x.device)) : W.noBackup(name, m.device) });
        }
      }
    }
  },
});

const DAY = 86_400_000;

/** A subject of the drill register: a protection group (from the links) or a redundancy set. */
interface DrillSubject {
  readonly kind: 'protectionGroup' | 'service' | 'pair';
  readonly id: string;
  readonly cls: ProtectionClass;
  readonly sites: string[];
}

/** The protection groups of the inventory's links, with their class and sites. */
function protectionGroups(snap: Snapshot, derived: Derived): DrillSubject[] {
  const pg = new Map<string, { cls: ProtectionClass; sites: Set<string> }>();
  for (const l of snap.inventory.links) {
    if (l.protection === undefined) continue;
    const c = derived.linkClass(l);
    const g = pg.get(l.protection.group);
    const sites = [l.a.device, l.b.device].map((x) => derived.siteOf(x)).filter((x): x is string => x !== null);
    if (g === undefined) pg.set(l.protection.group, { cls: c, sites: new Set(sites) });
    else {
      g.cls = derived.higherClass(g.cls, c);
      for (const s of sites) g.sites.add(s);
    }
  }
  return [...pg].map(([id, g]) => ({ kind: 'protectionGroup', id, cls: g.cls, sites: [...g.sites].sort() }));
}

/** The latest drill of each group in the register. */
function latestDrills(drills: readonly DrillRecord[], keep: (d: DrillRecord) => boolean = () => true): Map<string, DrillRecord> {
  const latest = new Map<string, DrillRecord>();
  for (const d of drills) {
    if (!keep(d)) continue;
    const prev = latest.get(d.group);
    if (prev === undefined || d.at > prev.at) latest.set(d.group, d);
  }
  return latest;
}

const NO_DRILLS = 'no drill register configured (policy evidence.drills)';

export const swo006 = defineRule({
  id: 'SWO-006',
  family: 'SWO',
  thresholds: z.strictObject({ maxAgeDays: z.number().int().min(1).max(3650).default(365) }),
  evaluate(ctx) {
    const drills = ctx.snapshot.evidence.drills;
    const snap = ctx.snapshot;
    const subjects: DrillSubject[] = [
      ...protectionGroups(snap, ctx.derived),
      ...redundancySets(snap, ctx.derived.pairs()).map((set): DrillSubject => ({ kind: set.kind, id: set.id, cls: setClass(snap, ctx.derived.higherClass, set), sites: setSites(snap, set) })),
    ];
    const latest = latestDrills(drills ?? []);
    for (const s of subjects) {
      if (!ctx.applies(s.cls, s.sites)) continue;
      if (drills === undefined) {
        ctx.skip(NO_DRILLS, 'no_register_configured');
        continue;
      }
      const { maxAgeDays } = ctx.thresholds(s.cls, s.sites);
      const last = latest.get(s.id);
      const base = { subject: { kind: s.kind, id: s.id }, class: s.cls, site: s.sites.length === 1 ? s.sites[0]! : null, sites: s.sites };
      if (last === undefined) {
        ctx.emit({ ...base, severity: 'evidenceGap', state: 'degraded', evidence: [fact('last drill', null), fact('max age (days)', maxAgeDays)], explanation: W.noDrill(s.id) });
        continue;
      }
      const ageDays = Math.floor((ctx.now - last.at) / DAY);
      // the drill's calendar date in the operator's zone (a UTC slice shows the day before)
      const day = localDate(last.at, ctx.timeZone);
      const date = formatLocalDate(day, ctx.timeZone);
      const evidence = [
        fact('last drill', date.en), fact('result', last.result), fact('age (days)', ageDays), fact('max age (days)', maxAgeDays),
        ...(last.measuredMs !== undefined ? [fact('measured switchover (ms)', last.measuredMs)] : []),
        ...(last.report !== undefined ? [fact('report', last.report)] : []),
      ];
      if (last.result === 'fail') {
        // the switchover did not work: a protection failure, not a stale record
        ctx.emit({ ...base, evidence, state: 'unprotected', explanation: W.drillFailed(s.id, date) });
      } else if (ageDays > maxAgeDays) {
        ctx.emit({ ...base, severity: 'evidenceGap', evidence, state: 'degraded', explanation: W.drillOld(s.id, date, ageDays, maxAgeDays) });
      } else {
        ctx.emit({ ...base, evidence, state: 'protected', explanation: W.drillPassed(s.id, date) });
      }
    }
  },
});

export const swo002 = defineRule({
  id: 'SWO-002',
  family: 'SWO',
  thresholds: z.strictObject({ maxSwitchMs: z.number().positive().max(60_000).default(50) }),
  evaluate(ctx) {
    const drills = ctx.snapshot.evidence.drills;
    const measured = latestDrills(drills ?? [], (d) => d.measuredMs !== undefined);
    for (const g of protectionGroups(ctx.snapshot, ctx.derived)) {
      if (!ctx.applies(g.cls, g.sites)) continue;
      if (drills === undefined) {
        ctx.skip(NO_DRILLS, 'no_register_configured');
        continue;
      }
      const last = measured.get(g.id);
      if (last?.measuredMs === undefined) {
        ctx.skip('no drill of the group with a measured switchover time', 'no_data');
        continue;
      }
      const { maxSwitchMs } = ctx.thresholds(g.cls, g.sites);
      const date = formatLocalDate(localDate(last.at, ctx.timeZone), ctx.timeZone);
      const base = { subject: { kind: 'protectionGroup' as const, id: g.id }, class: g.cls, site: g.sites.length === 1 ? g.sites[0]! : null, sites: g.sites };
      const evidence = [fact('drill', date.en), fact('measured switchover (ms)', last.measuredMs), fact('target (ms)', maxSwitchMs), ...(last.report !== undefined ? [fact('report', last.report)] : [])];
      if (last.measuredMs <= maxSwitchMs) ctx.emit({ ...base, evidence, state: 'protected', explanation: W.switchWithin(g.id, last.measuredMs, maxSwitchMs, date) });
      else ctx.emit({ ...base, evidence, state: 'degraded', explanation: W.switchSlow(g.id, last.measuredMs, maxSwitchMs, date) });
    }
  },
});

export const swo005 = defineRule({
  id: 'SWO-005',
  family: 'SWO',
  thresholds: z.strictObject({ maxHoldSeconds: z.number().int().min(3).max(65_535).default(9) }),
  evaluate(ctx) {
    for (const { s, d, sites, o } of answeringDevices(ctx, 'BGP sessions unknown')) {
      const sessions = o.bgpPeers.filter((p) => p.state === 'established' && bgpPeerExpectedUp(p));
      if (sessions.length === 0) continue;
      const { maxHoldSeconds } = ctx.thresholds(d.class, sites);
      const bfdUp = new Set(o.bfdSessions.filter((b) => b.state === 'up').map((b) => b.neighbor.toLowerCase()));
      const at = s.observedAt;
      const slow: { zh: string; en: string }[] = [];
      const unknown: { zh: string; en: string }[] = [];
      const evidence = sessions.map((p) => {
        const bfd = bfdUp.has(p.peer.toLowerCase());
        if (!bfd) {
          if (p.holdTimeSeconds === undefined) unknown.push(W.holdUnknown(p.peer));
          else if (p.holdTimeSeconds === 0 || p.holdTimeSeconds > maxHoldSeconds) slow.push(W.holdTooLong(p.peer, p.holdTimeSeconds));
        }
        return fact(`BGP ${p.peer}${p.vrf === undefined ? '' : ` (${p.vrf})`}`, `${bfd ? 'BFD up' : 'no BFD'}; hold time ${p.holdTimeSeconds === undefined ? 'not reported' : `${p.holdTimeSeconds} s`}`, at);
      });
      evidence.push(fact('max hold time (s)', maxHoldSeconds));
      const base = { subject: { kind: 'device' as const, id: s.id }, class: d.class, site: d.site, sites, evidence };
      if (slow.length > 0) ctx.emit({ ...base, state: 'degraded', explanation: W.sessionsSlow(s.id, slow, maxHoldSeconds) });
      else if (unknown.length > 0) ctx.emit({ ...base, state: 'unknown', reason: 'no_hold_time', explanation: W.sessionsUnknown(s.id, unknown) });
      else ctx.emit({ ...base, state: 'protected', explanation: W.sessionsProtected(s.id, sessions.length, maxHoldSeconds) });
    }
  },
});
