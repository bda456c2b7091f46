/**
 * TOPO — the inventory against the live network (redline's own rules; the ids do not clash with
 * protection-policy.md §4). The route rules count on the inventory graph, so a graph that is
 * wrong is itself a finding.
 *
 * TOPO-001: a declared link is working: no end reports its interface down, and where LLDP/CDP
 *           runs, a neighbour entry confirms it. A link an operator shut (admin down) is expected
 *           and stays silent.
 * TOPO-002: a link LLDP/CDP shows between two inventory devices is declared in the inventory
 *           (an undeclared link has no known shared risks: the route analysis cannot judge it).
 * TOPO-003: routing adjacencies (BGP, OSPF, IS-IS) are up. BGP peers an operator shut stay silent.
 */
import { z } from 'zod';
import type { LinkEndState } from '../../snapshot/types.js';
import { fact } from '../finding.js';
import { whyUnknown } from './common.js';
import { defineRule } from './types.js';

const END_WORDS: Readonly<Record<LinkEndState, { en: string; zh: string }>> = {
  up: { en: 'up', zh: '正常' },
  down: { en: 'down', zh: '中断' },
  adminDown: { en: 'shut', zh: '已关闭' },
  missing: { en: 'not found on the device', zh: '在设备上未找到' },
  unknown: { en: 'unknown', zh: '未知' },
};

export const topo001 = defineRule({
  id: 'TOPO-001',
  family: 'TOPO',
  thresholds: z.strictObject({}),
  evaluate(ctx) {
    const snap = ctx.snapshot;
    for (const l of snap.links) {
      const link = l.link;
      const cls = ctx.derived.linkClass(link);
      const sites = [...new Set([ctx.derived.siteOf(link.a.device), ctx.derived.siteOf(link.b.device)].filter((s): s is string => s !== null))].sort();
      if (l.state === 'adminDown' || !ctx.applies(cls, sites)) continue;
      const [ea, eb] = l.ends;
      const ends = [
        { dev: link.a.device, port: link.a.interface, st: ea },
        { dev: link.b.device, port: link.b.interface, st: eb },
      ];
      const evidence = [
        ...ends.map((e) => fact(`${e.dev} ${e.port}`, e.st, l.observedAt)),
        fact('seen by', l.seenBy),
        ...(l.portsDiffer ? [fact('neighbour port names', 'differ from the inventory')] : []),
      ];
      const base = { subject: { kind: 'link' as const, id: link.id }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence, severity: 'degraded' as const };
      switch (l.state) {
        case 'up':
          ctx.emit({ ...base, state: 'protected', explanation: { en: `${link.id}: up${l.seenBy !== null ? ` (seen by ${l.seenBy.toUpperCase()})` : ''}`, zh: `${link.id}：正常${l.seenBy !== null ? `（${l.seenBy.toUpperCase()} 已确认）` : ''}` } });
          break;
        case 'down': {
          const e = ends.find((x) => x.st === 'down')!;
          ctx.emit({ ...base, state: 'down', explanation: { en: `${link.id}: ${e.dev} ${e.port} is down while administratively up`, zh: `${link.id}：${e.dev} ${e.port} 端口处于启用状态但链路中断` } });
          break;
        }
        case 'unconfirmed':
          ctx.emit({
            ...base, state: 'degraded',
            explanation: { en: `${link.id}: interfaces up, but no LLDP/CDP neighbour on ${link.a.device} or ${link.b.device} shows this link (miscabled, or the inventory is wrong)`, zh: `${link.id}：端口正常，但 ${link.a.device} 与 ${link.b.device} 的 LLDP/CDP 邻居均未显示该链路（可能错接，或资源清单有误）` },
          });
          break;
        case 'unknown': {
          const sa = snap.devices.get(link.a.device);
          const sb = snap.devices.get(link.b.device);
          if (!l.monitored) {
            ctx.skip('neither end is monitored');
            break;
          }
          const missing = ends.find((x) => x.st === 'missing');
          const stale = [sa, sb].find((s) => s !== undefined && s.status !== 'fresh' && s.status !== 'unmonitored');
          ctx.emit({
            ...base, state: 'unknown', severity: 'evidenceGap',
            explanation: missing !== undefined
              ? { en: `${link.id}: interface ${missing.port} is ${END_WORDS.missing.en} ${missing.dev}`, zh: `${link.id}：端口 ${missing.port} ${END_WORDS.missing.zh} ${missing.dev}` }
              : stale !== undefined
                ? { en: `${link.id}: state unknown; ${stale.id} ${whyUnknown(stale).en}`, zh: `${link.id}：状态未知，${stale.id} ${whyUnknown(stale).zh}` }
                : { en: `${link.id}: state unknown`, zh: `${link.id}：状态未知` },
          });
          break;
        }
      }
    }
  },
});

export const topo002 = defineRule({
  id: 'TOPO-002',
  family: 'TOPO',
  thresholds: z.strictObject({}),
  evaluate(ctx) {
    for (const x of ctx.snapshot.discovered) {
      const inv = ctx.snapshot.inventory;
      const da = inv.devices.get(x.a.device);
      const db = inv.devices.get(x.b.device);
      if (da === undefined || db === undefined) continue;
      const cls = ctx.derived.higherClass(da.class, db.class);
      const sites = [...new Set([da.site, db.site])].sort();
      if (!ctx.applies(cls, sites)) continue;
      const proto = x.protocol.toUpperCase();
      ctx.emit({
        subject: { kind: 'link', id: x.id }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites,
        state: 'degraded', severity: 'evidenceGap',
        evidence: [fact('seen by', x.protocol, x.observedAt), fact('ends', `${x.a.device} ${x.a.port} — ${x.b.device} ${x.b.port}`)],
        explanation: {
          en: `${proto} shows ${x.a.device} ${x.a.port} connected to ${x.b.device} ${x.b.port}, a link the inventory does not declare; its ducts and cables are unknown to the route analysis`,
          zh: `${proto} 显示 ${x.a.device} ${x.a.port} 与 ${x.b.device} ${x.b.port} 相连，但资源清单未登记该链路，路由分析无法得知其管道、光缆等共用风险`,
        },
      });
    }
  },
});

const OSPF_DOWN = new Set(['down', 'attempt', 'init']);
const OSPF_UP = new Set(['full', 'twoWay']);

export const topo003 = defineRule({
  id: 'TOPO-003',
  family: 'TOPO',
  thresholds: z.strictObject({}),
  evaluate(ctx) {
    for (const s of ctx.snapshot.devices.values()) {
      const o = s.observation;
      const d = s.device;
      if (o === null || !ctx.applies(d.class, [d.site])) continue;
      const base = { class: d.class, site: d.site, sites: [d.site], severity: 'degraded' as const };
      const at = s.observedAt;
      for (const p of o.bgpPeers) {
        if (p.adminStatus === 'down') continue; // shut by an operator: expected
        const id = `${s.id}:bgp:${p.vrf ?? 'global'}:${p.peer}`;
        const evidence = [fact('state', p.state, at), fact('remote AS', p.remoteAs), fact('source', p.source)];
        if (p.state === 'established') ctx.emit({ ...base, subject: { kind: 'adjacency', id }, evidence, state: 'protected', explanation: { en: `${s.id}: BGP peer ${p.peer} established`, zh: `${s.id}：BGP 邻居 ${p.peer} 已建立` } });
        else ctx.emit({ ...base, subject: { kind: 'adjacency', id }, evidence, state: 'down', explanation: { en: `${s.id}: BGP peer ${p.peer}${p.remoteAs !== null ? ` (AS ${p.remoteAs})` : ''} is ${p.state}, not established`, zh: `${s.id}：BGP 邻居 ${p.peer}${p.remoteAs !== null ? `（AS ${p.remoteAs}）` : ''} 处于 ${p.state} 状态，未建立` } });
      }
      for (const n of o.ospfNeighbors) {
        const id = `${s.id}:ospf:${n.neighborId}|${n.address}`;
        const evidence = [fact('state', n.state, at), fact('address', n.address)];
        const state = OSPF_UP.has(n.state) ? 'protected' : OSPF_DOWN.has(n.state) ? 'down' : 'degraded';
        const en = state === 'protected' ? `${s.id}: OSPF neighbour ${n.neighborId} ${n.state}` : `${s.id}: OSPF neighbour ${n.neighborId} (${n.address}) is ${n.state}, not full`;
        const zh = state === 'protected' ? `${s.id}：OSPF 邻居 ${n.neighborId} 状态 ${n.state}` : `${s.id}：OSPF 邻居 ${n.neighborId}（${n.address}）处于 ${n.state} 状态，未达 Full`;
        ctx.emit({ ...base, subject: { kind: 'adjacency', id }, evidence, state, explanation: { en, zh } });
      }
      for (const a of o.isisAdjacencies) {
        const id = `${s.id}:isis:${a.interface}|${a.neighborId}`;
        const evidence = [fact('state', a.state, at), fact('level', a.level)];
        const state = a.state === 'up' ? 'protected' : a.state === 'initializing' ? 'degraded' : 'down';
        const en = state === 'protected' ? `${s.id}: IS-IS adjacency ${a.neighborId} up` : `${s.id}: IS-IS adjacency ${a.neighborId} on ${a.interface} is ${a.state}`;
        const zh = state === 'protected' ? `${s.id}：IS-IS 邻接 ${a.neighborId} 正常` : `${s.id}：${a.interface} 上的 IS-IS 邻接 ${a.neighborId} 处于 ${a.state} 状态`;
        ctx.emit({ ...base, subject: { kind: 'adjacency', id }, evidence, state, explanation: { en, zh } });
      }
    }
  },
});
