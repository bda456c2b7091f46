/**
 * NODE — multiple nodes (多重节点) and redundant equipment (冗余配置), protection-policy.md §4.1.
 *
 * NODE-001: a redundant function (a redundancy pair, a service's instances) has ≥ minInstances
 *           members up (health checks first, SNMP reachability otherwise).
 * NODE-002: the members are apart: different rooms / fire compartments, or different sites.
 * NODE-003: device-reported control-plane redundancy (supervisor / route processor / stack) has a
 *           hot standby. Redundancy never configured (`notApplicable`) stays silent.
 */
import { z } from 'zod';
import { fact } from '../finding.js';
import { instanceState, list, redundancySets, setClass, setSites } from './common.js';
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
      const states = set.members.map((m) => instanceState(ctx.snapshot, m, set.checks, downAfterMissedPolls));
      if (states.every((s) => s.status === 'unmonitored')) {
        ctx.skip('no member is monitored (no SNMP target, no health check)');
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
        ctx.emit({ ...base, state: 'protected', explanation: { en: `${set.id}: ${up.length} of ${set.members.length} members up`, zh: `${set.id}：${set.members.length} 个成员中 ${up.length} 个运行正常` } });
      } else if (up.length + unknown.length >= min) {
        const w = list(unknown.map((s) => s.why.en));
        const wz = list(unknown.map((s) => s.why.zh));
        ctx.emit({ ...base, state: 'unknown', explanation: { en: `${set.id}: only ${up.length} member(s) known up; ${w.en}`, zh: `${set.id}：仅确认 ${up.length} 个成员运行；${wz.zh}` } });
      } else if (up.length === 0) {
        const w = list(down.map((s) => s.why.en));
        const wz = list(down.map((s) => s.why.zh));
        ctx.emit({ ...base, state: 'down', explanation: { en: `${set.id}: no member is up; ${w.en}`, zh: `${set.id}：无成员运行；${wz.zh}` } });
      } else {
        const upIds = list(up.map((s) => s.id));
        const w = list(down.map((s) => s.why.en));
        const wz = list(down.map((s) => s.why.zh));
        const design = set.members.length < min;
        ctx.emit({
          ...base,
          state: 'unprotected',
          explanation: design
            ? { en: `${set.id}: only ${set.members.length} member(s) by design, ${min} required`, zh: `${set.id}：设计上仅有 ${set.members.length} 个成员，要求至少 ${min} 个` }
            : { en: `${set.id}: only ${upIds.en} is up; ${w.en}; one more failure takes it down`, zh: `${set.id}：仅 ${upIds.zh} 在运行；${wz.zh}，再有一处故障即导致中断` },
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
        if (sites.length >= 2) {
          ctx.emit({ ...base, state: 'protected', evidence, explanation: { en: `${set.id}: members at ${sites.length} sites`, zh: `${set.id}：成员分布于 ${sites.length} 个站点` } });
        } else {
          ctx.emit({
            ...base, state: 'unprotected', evidence,
            explanation: { en: `${set.id}: every member is at site ${sites[0] ?? '?'}; one site failure takes the function down`, zh: `${set.id}：所有成员均位于站点 ${sites[0] ?? '?'}，单一站点故障即导致该功能中断` },
          });
        }
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
        ctx.skip('a member has no room in the inventory');
        continue;
      }
      const known = places.filter((p): p is NonNullable<typeof p> => p !== null);
      const evidence = known.map((p) => fact(`${p.device} room`, `${p.site}/${p.room}${p.fc === undefined ? '' : ` (fire compartment ${p.fc})`}`));
      if (new Set(known.map((p) => p.key)).size >= 2) {
        ctx.emit({ ...base, state: 'protected', evidence, explanation: { en: `${set.id}: members in separate rooms`, zh: `${set.id}：成员分处不同机房` } });
        continue;
      }
      const p = known[0]!;
      const where = p.fc === undefined ? { en: `room ${p.room}`, zh: `${p.room} 机房` } : { en: `fire compartment ${p.fc}`, zh: `${p.fc} 防火分区` };
      ctx.emit({
        ...base, state: 'unprotected', evidence,
        explanation: set.kind === 'pair'
          ? {
              en: `${set.id}: both members of the redundancy pair sit in ${where.en} (site ${p.site}); one room incident (fire, flood, power) takes down both`,
              zh: `${set.id}：冗余对两台设备均位于 ${p.site} 站点 ${where.zh}，单一机房事故（火灾、水浸、停电）即导致两台同时中断`,
            }
          : {
              en: `${set.id}: every member sits in ${where.en} (site ${p.site}); one room incident (fire, flood, power) takes down all of them`,
              zh: `${set.id}：所有成员均位于 ${p.site} 站点 ${where.zh}，单一机房事故（火灾、水浸、停电）即导致全部中断`,
            },
      });
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
        switch (r.state) {
          case 'redundant':
            ctx.emit({ ...base, subject, evidence, state: 'protected', explanation: { en: `${s.id}: ${r.name} has a hot standby`, zh: `${s.id}：${r.name}备用单元处于热备状态` } });
            break;
          case 'nonRedundant':
            ctx.emit({
              ...base, subject, evidence, state: 'degraded',
              explanation: { en: `${s.id}: ${r.name} has no hot standby (the standby is cold, booting or missing)`, zh: `${s.id}：${r.name}无热备单元（备用单元为冷备、启动中或缺失）` },
            });
            break;
          case 'notApplicable':
            // never configured: silent, unless the device says it was configured redundant
            if (r.configured === 'redundant') {
              ctx.emit({
                ...base, subject, evidence, state: 'unprotected',
                explanation: { en: `${s.id}: ${r.name} is configured redundant but no peer takes part`, zh: `${s.id}：${r.name}已配置冗余，但无备用单元参与` },
              });
            }
            break;
          case 'unknown':
            ctx.emit({ ...base, subject, evidence, state: 'unknown', explanation: { en: `${s.id}: ${r.name} state is not known`, zh: `${s.id}：${r.name}状态未知` } });
            break;
        }
      }
    }
  },
});
