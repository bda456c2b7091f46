/**
 * TOPO — the inventory against the live network (redline's own rules; the ids do not clash with
 * protection-policy.md §4). The route rules count on the inventory graph, so a graph that is
 * wrong is itself a finding.
 *
 * TOPO-001: a declared link is working: every end redline can read reports its interface up,
 *           and where LLDP/CDP runs, a neighbour entry confirms it. A declared port the device
 *           does not have is a finding naming the port; an end on a device without an interface
 *           table is unknown (`no_data`) unless LLDP/CDP confirms the link. A link an operator
 *           shut (admin down) is expected and stays silent.
 * TOPO-002: a link LLDP/CDP shows between two inventory devices is declared in the inventory
 *           (an undeclared link has no known shared risks: the route analysis cannot judge it).
 * TOPO-003: routing adjacencies (BGP, OSPF, IS-IS) are up. Which are expected up is decided by
 *           `expected-up.ts`, as for SWO-003: BGP peers an operator shut stay silent.
 */
import { z } from 'zod';
import { fact } from '../finding.js';
import { whyUnknown } from './common.js';
import { routingAdjacencies } from './expected-up.js';
import { TOPO_WORDS } from './topo-words.js';
import { defineRule } from './types.js';

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
        ...(l.portsDiffer ? [fact('matched by', 'device pair only (neither port resolves on its device)')] : []),
      ];
      const base = { subject: { kind: 'link' as const, id: link.id }, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence, severity: 'degraded' as const };
      const missing = ends.find((x) => x.st === 'missing');
      if (l.state !== 'down' && missing !== undefined) {
        // the device has an interface table and no such port: the inventory is wrong, or the cable is elsewhere
        ctx.emit({ ...base, state: 'degraded', severity: 'evidenceGap', explanation: TOPO_WORDS.portMissing(link.id, missing.dev, missing.port, l.seenBy) });
        continue;
      }
      switch (l.state) {
        case 'up':
          ctx.emit({ ...base, state: 'protected', explanation: TOPO_WORDS.linkUp(link.id, l.seenBy) });
          break;
        case 'down': {
          const e = ends.find((x) => x.st === 'down')!;
          ctx.emit({ ...base, state: 'down', explanation: TOPO_WORDS.linkDown(link.id, e.dev, e.port) });
          break;
        }
        case 'unconfirmed':
          ctx.emit({ ...base, state: 'degraded', explanation: TOPO_WORDS.linkUnconfirmed(link.id, link.a.device, link.b.device) });
          break;
        case 'unknown': {
          if (!l.monitored) {
            ctx.skip('neither end is monitored');
            break;
          }
          const noTable = ends.find((x) => x.st === 'noTable');
          if (noTable !== undefined) {
            ctx.emit({ ...base, state: 'unknown', severity: 'evidenceGap', reason: 'no_data', explanation: TOPO_WORDS.noInterfaceTable(link.id, noTable.dev) });
            break;
          }
          const stale = [snap.devices.get(link.a.device), snap.devices.get(link.b.device)].find((s) => s !== undefined && s.status !== 'fresh' && s.status !== 'unmonitored');
          ctx.emit({
            ...base, state: 'unknown', severity: 'evidenceGap', reason: stale !== undefined ? 'stale_data' : 'no_data',
            explanation: stale !== undefined ? TOPO_WORDS.unknownBecause(link.id, stale.id, whyUnknown(stale)) : TOPO_WORDS.unknown(link.id),
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
        explanation: TOPO_WORDS.undeclared(proto, x.a.device, x.a.port, x.b.device, x.b.port),
      });
    }
  },
});

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
      // one helper decides which peers are expected up (operator-shut BGP peers stay silent), as SWO-003
      for (const a of routingAdjacencies(s.id, o)) {
        const state = a.status === 'up' ? 'protected' : a.status === 'down' ? 'down' : 'degraded';
        switch (a.protocol) {
          case 'bgp': {
            const p = a.bgp!;
            const evidence = [fact('state', p.state, at), fact('remote AS', p.remoteAs), fact('source', p.source)];
            ctx.emit({ ...base, subject: { kind: 'adjacency', id: a.id }, evidence, state, explanation: a.status === 'up' ? TOPO_WORDS.bgpUp(s.id, p.peer) : TOPO_WORDS.bgpDown(s.id, p.peer, p.remoteAs, p.state) });
            break;
          }
          case 'ospf': {
            const evidence = [fact('state', a.state, at), fact('address', a.address ?? '')];
            ctx.emit({ ...base, subject: { kind: 'adjacency', id: a.id }, evidence, state, explanation: a.status === 'up' ? TOPO_WORDS.ospfUp(s.id, a.neighbor, a.state) : TOPO_WORDS.ospfNotFull(s.id, a.neighbor, a.address ?? '', a.state) });
            break;
          }
          case 'isis': {
            const evidence = [fact('state', a.state, at), fact('level', a.isis?.level ?? null)];
            ctx.emit({ ...base, subject: { kind: 'adjacency', id: a.id }, evidence, state, explanation: a.status === 'up' ? TOPO_WORDS.isisUp(s.id, a.neighbor) : TOPO_WORDS.isisNotUp(s.id, a.neighbor, a.interface ?? '', a.state) });
            break;
          }
        }
      }
    }
  },
});
