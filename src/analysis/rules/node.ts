/**
 * NODE — multiple nodes (多重节点) and redundant equipment (冗余配置), protection-policy.md §4.1.
 *
 * NODE-001: a redundant function (a redundancy pair, a service's instances) has ≥ minInstances
 *           members up (health checks first, SNMP reachability otherwise).
 * NODE-002: the members are apart: different rooms / fire compartments, or different sites.
 * NODE-003: device-reported control-plane redundancy (supervisor / route processor / stack) has a
 *           hot standby. Configured redundant with no peer taking part is degraded (the catalogue's
 *           "degraded level"). Redundancy never configured (`notApplicable`, or a fixed switch whose
 *           peer state is notKnown with no redundancy mode) is not applicable: silent, counted in
 *           the coverage.
 * NODE-005: an aggregation node is homed to two distinct core nodes over routes through no common
 *           device (a closed ring to two cores, or two uplinks).
 */
import { z } from 'zod';
import { fact } from '../finding.js';
import { instanceState, redundancySets, setClass, setSites } from './common.js';
import { aggregationHomings, apartPair, commonTo } from './homing.js';
import { NODE_WORDS as W, redundancyName } from './node-words.js';
import { defineRule } from './types.js';

export const node001 = defineRule({
  id: 'NODE-001',
  family: 'NODE',
  thresholds: z.strictObject({
    minInstances: z.number().int().min(1).max(16).default(2),
    /** Polls a device must miss in a row before it counts as down (fewer: unknown). */
    downAfterMissedPolls: z.number().int().min(1).max(100).default(2),
  }),
  evaluate(ctx) {
    for (const set of redundancySets(ctx.snapshot, ctx.derived.pairs())) {
      const cls = setClass(ctx.snapshot, ctx.derived.higherClass, set);
      const sites = setSites(ctx.snapshot, set);
      if (!ctx.applies(cls, sites)) continue;
      const { minInstances: min, downAfterMissedPolls } = ctx.thresholds(cls, sites);
      const states = set.members.map((m) => instanceState(ctx.snapshot, m, set.checks, downAfterMissedPolls, ctx.timeZone));
      if (states.every((s) => s.status === 'unmonitored')) {
        ctx.skip('no member is monitored (no SNMP target, no health check)', 'no_data');
        continue;
      }
      const up = states.filter((s) => s.status === 'up');
      const down = states.filter((s) => s.status === 'down');
      const unknown = states.filter((s) => s.status === 'unknown' || s.status === 'unmonitored');
      const evidence = [
        fact('members', set.members.join(', ')),
        fact('members up', up.length),
        fact('minimum members up', min),
        ...states.flatMap((s) => s.evidence),
      ];
      const subject = { kind: set.kind, id: set.id } as const;
      const base = { subject, class: cls, site: sites.length === 1 ? sites[0]! : null, sites, evidence };
      if (up.length >= min) {
        ctx.emit({ ...base, state: 'protected', explanation: W.membersUp(set.id, up.length, set.members.length) });
      } else if (up.length + unknown.length >= min) {
        ctx.emit({ ...base, state: 'unknown', reason: 'stale_data', explanation: W.membersUnknown(set.id, up.length, unknown.map((s) => s.why)) });
      } else if (up.length === 0) {
        ctx.emit({ ...base, state: 'down', explanation: W.noMemberUp(set.id, down.map((s) => s.why)) });
      } else {
        ctx.emit({
          ...base,
          state: 'unprotected',
          explanation: set.members.length < min
            ? W.tooFewByDesign(set.id, set.members.length, min)
            : W.lastOneUp(set.id, up.map((s) => s.id), down.map((s) => s.why)),
        });
      }
    }
  },
});

export const node002 = defineRule({
  id: 'NODE-002',
  family: 'NODE',
  thresholds: z.strictObject({ separation: z.enum(['room', 'site']).default('room') }),
  evaluate(ctx) {
    const inv = ctx.snapshot.inventory;
    for (const set of redundancySets(ctx.snapshot, ctx.derived.pairs())) {
      if (set.members.length < 2) continue;
      const cls = setClass(ctx.snapshot, ctx.derived.higherClass, set);
      const sites = setSites(ctx.snapshot, set);
      if (!ctx.applies(cls, sites)) continue;
      const { separation } = ctx.thresholds(cls, sites);
      const subject = { kind: set.kind, id: set.id } as const;
      const base = { subject, class: cls, site: sites.length === 1 ? sites[0]! : null, sites };
      if (separation === 'site') {
        const evidence = set.members.map((m) => fact(`${m} site`, ctx.derived.siteOf(m)));
        if (sites.length >= 2) ctx.emit({ ...base, state: 'protected', evidence, explanation: W.apartSites(set.id, sites.length) });
        else ctx.emit({ ...base, state: 'unprotected', evidence, explanation: W.oneSite(set.id, sites[0] ?? '?') });
        continue;
      }
      // room separation: a fire compartment spanning rooms counts as one
      const places = set.members.map((m) => {
        const d = inv.devices.get(m);
        if (d?.room === undefined) return null;
        const fc = inv.sites.get(d.site)?.rooms.find((r) => r.id === d.room)?.fireCompartment;
        return { device: m, site: d.site, room: d.room, key: fc === undefined ? `${d.site}/${d.room}` : `${d.site}/fc:${fc}`, fc };
      });
      if (places.some((p) => p === null)) {
        ctx.skip('a member has no room in the inventory', 'no_data');
        continue;
      }
      const known = places.filter((p): p is NonNullable<typeof p> => p !== null);
      const evidence = known.map((p) => fact(`${p.device} room`, `${p.site}/${p.room}${p.fc === undefined ? '' : ` (fire compartment ${p.fc})`}`));
      if (new Set(known.map((p) => p.key)).size >= 2) {
        ctx.emit({ ...base, state: 'protected', evidence, explanation: W.apartRooms(set.id) });
        continue;
      }
      const p = known[0]!;
      const where = p.fc === undefined ? W.room(p.room) : W.fireCompartment(p.fc);
      ctx.emit({ ...base, state: 'unprotected', evidence, explanation: set.kind === 'pair' ? W.pairOneRoom(set.id, p.site, where) : W.setOneRoom(set.id, p.site, where) });
    }
  },
});

export const node003 = defineRule({
  id: 'NODE-003',
  family: 'NODE',
  thresholds: z.strictObject({}),
  evaluate(ctx) {
    for (const s of ctx.snapshot.devices.values()) {
      const cls = s.device.class;
      const sites = [s.device.site];
      if (s.status === 'unmonitored' || !ctx.applies(cls, sites)) continue;
      const base = { class: cls, site: s.device.site, sites };
      // without fresh data the device's redundancy subjects are not even known to exist
      if (s.observation === null) continue;
      for (const r of s.observation.redundancy) {
        if (r.subject === 'power') continue; // PWR-001's business
        const subject = { kind: 'redundancy' as const, id: `${s.id}:${r.subject}` };
        const evidence = [fact(`${r.name} state`, r.state, s.observedAt), fact(`${r.name} configured`, r.configured, s.observedAt), fact('source', r.source)];
        const name = redundancyName(r.subject, r.name);
        const configured = r.configured === 'redundant';
        switch (r.state) {
          case 'redundant':
            ctx.emit({ ...base, subject, evidence, state: 'protected', explanation: W.hotStandby(s.id, name) });
            break;
          case 'nonRedundant':
            ctx.emit({ ...base, subject, evidence, state: 'degraded', explanation: W.noHotStandby(s.id, name) });
            break;
          case 'notApplicable':
            // never configured: silent; configured redundant with no peer taking part: degraded
            if (configured) ctx.emit({ ...base, subject, evidence, state: 'degraded', explanation: W.configuredNoPeer(s.id, name) });
            else ctx.skip('redundancy not configured on the device', 'not_applicable');
            break;
          case 'unknown':
            // a fixed switch: the peer state says nothing (notKnown) and no redundancy mode is configured
            if (r.configured === null || r.configured === 'unknown' || r.configured === 'notApplicable') ctx.skip('no redundancy configured (peer state not known, no redundancy mode)', 'not_applicable');
            else ctx.emit({ ...base, subject, evidence, state: 'unknown', reason: 'state_not_reported', explanation: W.stateUnknown(s.id, name) });
            break;
        }
      }
    }
  },
});

export const node005 = defineRule({
  id: 'NODE-005',
  family: 'NODE',
  thresholds: z.strictObject({
    /** Simple routes searched per node before the verdict is unknown. */
    routeLimit: z.number().int().min(10).max(100_000).default(500),
  }),
  evaluate(ctx) {
    for (const { device: d, routes, truncated, routeLimit } of aggregationHomings(ctx, 'home to')) {
      const sure = apartPair(routes, { distinctCores: true, risks: false, use: (r) => r.known });
      const maybe = sure ?? apartPair(routes, { distinctCores: true, risks: false, use: () => true });
      const cores = [...new Set(routes.map((r) => r.core))].sort();
      const base = { subject: { kind: 'device' as const, id: d.id }, class: d.class, site: d.site, sites: [d.site] };
      const evidence = [fact('core nodes reachable', cores.join(', ') || null), fact('routes to the core', routes.length), ...(truncated ? [fact('route limit reached', routeLimit)] : [])];
      if (sure !== null) {
        ctx.emit({ ...base, state: 'protected', evidence: [...evidence, ...sure.map((r) => fact(`route to ${r.core}`, r.links.join(' → ')))], explanation: W.dualHomed(d.id, sure.map((r) => r.core)) });
      } else if (maybe !== null) {
        const unknownLinks = [...new Set(maybe.flatMap((r) => r.links))].filter((l) => ctx.snapshot.links.some((x) => x.link.id === l && x.state === 'unknown'));
        ctx.emit({ ...base, state: 'unknown', reason: 'links_state_unknown', evidence, explanation: W.homingUnknown(d.id, unknownLinks) });
      } else if (truncated) {
        ctx.emit({ ...base, state: 'unknown', reason: 'search_limit', evidence, explanation: W.searchLimit(d.id) });
      } else if (routes.length === 0) {
        ctx.emit({ ...base, state: 'down', evidence, explanation: W.noCore(d.id) });
      } else if (cores.length === 1) {
        ctx.emit({ ...base, state: 'unprotected', evidence, explanation: W.singleCore(d.id, cores[0]!) });
      } else {
        const c = commonTo(routes);
        const common = [...c.devices, ...c.links];
        ctx.emit({ ...base, state: 'unprotected', evidence: [...evidence, fact('single points of failure', common.join(', ') || null)], explanation: W.sharedTransit(d.id, cores, common) });
      }
    }
  },
});
