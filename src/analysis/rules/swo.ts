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
 *          a group missing from the register is an evidence gap.
 */
import { z } from 'zod';
import type { FhrpGroup } from '../../collect/observation.js';
import type { ProtectionClass } from '../../config/schema.js';
import type { DrillRecord } from '../../snapshot/types.js';
import { portNamesMatch } from '../../snapshot/port-names.js';
import { fact, type Bilingual } from '../finding.js';
import { list, redundancySets, setClass, setSites, whyUnknown } from './common.js';
import { bfdSessionExpectedUp, routingAdjacencies, type RoutingAdjacency } from './expected-up.js';
import { SWO3_WORDS } from './swo3-words.js';
import { defineRule } from './types.js';

interface GroupMember {
  readonly device: string;
  readonly g: FhrpGroup;
}

export const swo003 = defineRule({
  id: 'SWO-003',
  family: 'SWO',
  thresholds: z.strictObject({ maxDetectionMs: z.number().positive().max(60_000).default(1000) }),
  evaluate(ctx) {
    for (const s of ctx.snapshot.devices.values()) {
      const d = s.device;
      const sites = [d.site];
      if (s.status === 'unmonitored' || !ctx.applies(d.class, sites)) continue;
      const o = s.observation;
      if (o === null) {
        ctx.skip('device not answering: routing adjacencies unknown');
        continue;
      }
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
      const name = `${e.protocol.toUpperCase()} ${e.group}`;
      const base = { subject: { kind: 'fhrpGroup' as const, id: key }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence };
      const silentWhy = (): { en: string; zh: string } => {
        const ws = silent.map((id) => { const s = snap.devices.get(id)!; return { en: `${id}: ${whyUnknown(s).en}`, zh: `${id}：${whyUnknown(s).zh}` }; });
        return { en: list(ws.map((w) => w.en)).en, zh: list(ws.map((w) => w.zh)).zh };
      };
      if (masters.length === 1 && backups.length >= minBackups) {
        ctx.emit({ ...base, state: 'protected', explanation: { en: `${name}: master ${masters[0]!.device}, backup ${list(backups.map((b) => b.device)).en}`, zh: `${name}：主用 ${masters[0]!.device}，备用 ${list(backups.map((b) => b.device)).zh}` } });
      } else if (masters.length > 1) {
        ctx.emit({
          ...base, state: 'unprotected',
          explanation: { en: `${name}: ${masters.length} masters (${list(masters.map((m) => m.device)).en}); the routers do not hear each other, so failover will not work`, zh: `${name}：出现 ${masters.length} 个主用（${list(masters.map((m) => m.device)).zh}），路由器之间互不可见，倒换无法生效` },
        });
      } else if (masters.length === 0) {
        if (silent.length > 0) ctx.emit({ ...base, state: 'unknown', explanation: { en: `${name}: no master seen; ${silentWhy().en}`, zh: `${name}：未见主用；${silentWhy().zh}` } });
        else ctx.emit({ ...base, state: 'down', explanation: { en: `${name}: no router is master; the virtual gateway is not served`, zh: `${name}：无主用路由器，虚拟网关不可用` } });
      } else {
        // one master, too few backups
        const m = masters[0]!;
        if (m.g.hasStandby === true && backups.length === 0 && minBackups === 1) {
          ctx.emit({ ...base, state: 'protected', explanation: { en: `${name}: master ${m.device}; the device reports a standby router`, zh: `${name}：主用 ${m.device}，设备报告存在备用路由器` } });
        } else if (silent.length > 0) {
          ctx.emit({ ...base, state: 'unknown', explanation: { en: `${name}: master ${m.device}, backup not confirmed; ${silentWhy().en}`, zh: `${name}：主用 ${m.device}，备用未确认；${silentWhy().zh}` } });
        } else if (m.g.hasStandby === null && e.domain.length <= 1) {
          ctx.emit({ ...base, state: 'unknown', explanation: { en: `${name}: master ${m.device}; its backup router is not monitored (declare a redundancy pair)`, zh: `${name}：主用 ${m.device}，其备用路由器未纳入监测（请在清单中声明冗余对）` } });
        } else {
          const init = e.members.filter((x) => x.g.role === 'init' || x.g.role === 'other');
          ctx.emit({
            ...base, state: 'unprotected',
            explanation: init.length > 0
              ? { en: `${name}: master ${m.device} has no ready backup (${list(init.map((x) => x.device)).en} not in backup state)`, zh: `${name}：主用 ${m.device} 无就绪备用（${list(init.map((x) => x.device)).zh} 未处于备用状态）` }
              : { en: `${name}: master ${m.device} has no backup router; its failure takes the gateway down`, zh: `${name}：主用 ${m.device} 无备用路由器，其故障即导致网关中断` },
          });
        }
      }
    }
  },
});

const DAY = 86_400_000;

export const swo006 = defineRule({
  id: 'SWO-006',
  family: 'SWO',
  thresholds: z.strictObject({ maxAgeDays: z.number().int().min(1).max(3650).default(365) }),
  evaluate(ctx) {
    const drills = ctx.snapshot.evidence.drills;
    const snap = ctx.snapshot;
    // the subjects: protection groups from the links, redundancy sets (services and pairs)
    const subjects: { kind: 'protectionGroup' | 'service' | 'pair'; id: string; cls: ProtectionClass; sites: string[] }[] = [];
    const pg = new Map<string, { cls: ProtectionClass; sites: Set<string> }>();
    for (const l of snap.inventory.links) {
      if (l.protection === undefined) continue;
      const c = ctx.derived.linkClass(l);
      const g = pg.get(l.protection.group);
      const sites = [l.a.device, l.b.device].map((x) => ctx.derived.siteOf(x)).filter((x): x is string => x !== null);
      if (g === undefined) pg.set(l.protection.group, { cls: c, sites: new Set(sites) });
      else {
        g.cls = ctx.derived.higherClass(g.cls, c);
        for (const s of sites) g.sites.add(s);
      }
    }
    for (const [id, g] of pg) subjects.push({ kind: 'protectionGroup', id, cls: g.cls, sites: [...g.sites].sort() });
    for (const set of redundancySets(snap, ctx.derived.pairs())) {
      subjects.push({ kind: set.kind, id: set.id, cls: setClass(snap, ctx.derived.higherClass, set), sites: setSites(snap, set) });
    }
    const latest = new Map<string, DrillRecord>();
    for (const d of drills ?? []) {
      const prev = latest.get(d.group);
      if (prev === undefined || d.at > prev.at) latest.set(d.group, d);
    }
    for (const s of subjects) {
      if (!ctx.applies(s.cls, s.sites)) continue;
      if (drills === undefined) {
        ctx.skip('no drill register configured (policy evidence.drills)');
        continue;
      }
      const { maxAgeDays } = ctx.thresholds(s.cls, s.sites);
      const last = latest.get(s.id);
      const base = { subject: { kind: s.kind, id: s.id }, class: s.cls, site: s.sites.length === 1 ? s.sites[0]! : null, sites: s.sites, severity: 'evidenceGap' as const };
      if (last === undefined) {
        ctx.emit({ ...base, state: 'degraded', evidence: [fact('last drill', null), fact('max age (days)', maxAgeDays)], explanation: { en: `${s.id}: no switchover drill on record`, zh: `${s.id}：无倒换演练记录` } });
        continue;
      }
      const ageDays = Math.floor((ctx.now - last.at) / DAY);
      const evidence = [
        fact('last drill', new Date(last.at).toISOString().slice(0, 10)), fact('result', last.result), fact('age (days)', ageDays), fact('max age (days)', maxAgeDays),
        ...(last.measuredMs !== undefined ? [fact('measured switchover (ms)', last.measuredMs)] : []),
        ...(last.report !== undefined ? [fact('report', last.report)] : []),
      ];
      const date = new Date(last.at).toISOString().slice(0, 10);
      if (last.result === 'fail') {
        ctx.emit({ ...base, evidence, state: 'degraded', explanation: { en: `${s.id}: the last switchover drill (${date}) failed`, zh: `${s.id}：最近一次倒换演练（${date}）未通过` } });
      } else if (ageDays > maxAgeDays) {
        ctx.emit({ ...base, evidence, state: 'degraded', explanation: { en: `${s.id}: last switchover drill ${date}, ${ageDays} days ago (max ${maxAgeDays})`, zh: `${s.id}：最近一次倒换演练为 ${date}，已过 ${ageDays} 天（上限 ${maxAgeDays} 天）` } });
      } else {
        ctx.emit({ ...base, evidence, state: 'protected', explanation: { en: `${s.id}: drilled ${date}, passed`, zh: `${s.id}：${date} 演练通过` } });
      }
    }
  },
});
