import { describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../collect/observation.js';
import { UPTIME_WRAP_SECONDS, diffHealth, diffObservations, diffSubjects, isReboot, observationSubjects, stableDigest } from './transitions.js';
import type { HealthResult, Transition } from './types.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const W = UPTIME_WRAP_SECONDS;

/** A small but complete observation; every list has one entry so each subject kind is present. */
function obs(patch: Partial<DeviceObservation> = {}): DeviceObservation {
  return {
    target: '192.0.2.1:161',
    system: { name: 'core-1', descr: 'test', objectId: '1.3.6.1.4.1.9.1.1', uptimeSeconds: 86_400 },
    profiles: ['system', 'entity'],
    powerSupplies: [{ id: 'psu-507', name: 'PSU 1', status: 'ok', sources: ['entity'] }],
    fans: [{ id: 'fan-1', name: 'Fan 1', status: 'ok', sources: ['entity'] }],
    ups: { outputSource: 'normal', batteryStatus: 'normal', minutesRemaining: 40, inputLineBads: 0 },
    dcPower: [],
    siteSensors: [],
    bgpPeers: [{ peer: '10.0.0.1', remoteAs: 65001, state: 'established', adminStatus: 'up', source: 'bgp4' }],
    ospfNeighbors: [{ neighborId: '1.1.1.1', address: '10.1.0.1', state: 'full' }],
    isisAdjacencies: [{ neighborId: '0000.0000.0001', interface: 'ge-0/0/1', state: 'up', level: 'level2' }],
    bfdSessions: [{ neighbor: '10.1.0.1', interface: 'ge-0/0/1', state: 'up', detectionMs: 150 }],
    fhrpGroups: [{ protocol: 'vrrp', interface: 'vlan10', group: 10, role: 'master', virtualIp: '10.10.0.1', hasStandby: true }],
    interfaces: [
      { index: 12, name: 'Gi0/12', operStatus: 'up', adminStatus: 'up', speedMbps: 1000 },
      { index: 13, name: 'Gi0/13', operStatus: 'down', adminStatus: 'down', speedMbps: 1000 },
    ],
    lagMembers: [{ aggregate: 'Po1', member: 'Gi0/12', inBundle: true }],
    neighbors: [{ protocol: 'lldp', localPort: 'Gi0/12', remoteName: 'agg-2', remotePort: 'Gi1/1' }],
    redundancy: [{ subject: 'power', name: 'Power redundancy', state: 'redundant', configured: 'redundant', source: 'cisco-envmon' }],
    errors: [],
    ...patch,
  };
}

const base = obs();
type Row = { name: string; prev: DeviceObservation; next: DeviceObservation; want: Omit<Transition, 'deviceId' | 'at'>[]; prevAt?: number };

const rows: Row[] = [
  { name: 'nothing changed', prev: base, next: base, want: [] },
  {
    name: 'uptime advanced and a speed changed (not transitions)',
    prev: base,
    next: obs({ system: { ...base.system, uptimeSeconds: 86_460 }, interfaces: [{ ...base.interfaces[0]!, speedMbps: 100 }, base.interfaces[1]!] }),
    want: [],
  },
  { name: 'a PSU failed', prev: base, next: obs({ powerSupplies: [{ ...base.powerSupplies[0]!, status: 'failed' }] }), want: [{ subject: 'psu:psu-507', from: 'ok', to: 'failed' }] },
  { name: 'a fan left (complete poll)', prev: base, next: obs({ fans: [] }), want: [{ subject: 'fan:fan-1', from: 'ok', to: 'gone' }] },
  { name: 'a fan missing from a poll with errors is not gone', prev: base, next: obs({ fans: [], errors: [{ profile: 'transport', message: 'deadline' }] }), want: [] },
  { name: 'a fan was inserted', prev: obs({ fans: [] }), next: base, want: [{ subject: 'fan:fan-1', from: null, to: 'ok' }] },
  {
    name: 'UPS went to battery and the battery ran low',
    prev: base,
    next: obs({ ups: { outputSource: 'battery', batteryStatus: 'low', minutesRemaining: 5, inputLineBads: 1 } }),
    want: [{ subject: 'ups:output', from: 'normal', to: 'battery' }, { subject: 'ups:battery', from: 'normal', to: 'low' }],
  },
  { name: 'UPS minutes remaining alone is not a transition', prev: base, next: obs({ ups: { ...base.ups!, minutesRemaining: 12 } }), want: [] },
  { name: 'BGP peer (global table) dropped', prev: base, next: obs({ bgpPeers: [{ ...base.bgpPeers[0]!, state: 'idle' }] }), want: [{ subject: 'bgp:|10.0.0.1', from: 'established', to: 'idle' }] },
  {
    name: 'BGP peer in a VRF is its own subject',
    prev: base,
    next: obs({ bgpPeers: [base.bgpPeers[0]!, { ...base.bgpPeers[0]!, vrf: 'blue', state: 'active' }] }),
    want: [{ subject: 'bgp:blue|10.0.0.1', from: null, to: 'active' }],
  },
  {
    name: 'BGP peer an operator shut is flagged',
    prev: base,
    next: obs({ bgpPeers: [{ ...base.bgpPeers[0]!, state: 'idle', adminStatus: 'down' }] }),
    want: [{ subject: 'bgp:|10.0.0.1', from: 'established', to: 'idle', adminDown: true }],
  },
  { name: 'OSPF neighbour fell to init', prev: base, next: obs({ ospfNeighbors: [{ ...base.ospfNeighbors[0]!, state: 'init' }] }), want: [{ subject: 'ospf:1.1.1.1|10.1.0.1', from: 'full', to: 'init' }] },
  { name: 'IS-IS adjacency went down', prev: base, next: obs({ isisAdjacencies: [{ ...base.isisAdjacencies[0]!, state: 'down' }] }), want: [{ subject: 'isis:ge-0/0/1|0000.0000.0001', from: 'up', to: 'down' }] },
  { name: 'BFD session went down', prev: base, next: obs({ bfdSessions: [{ ...base.bfdSessions[0]!, state: 'down' }] }), want: [{ subject: 'bfd:ge-0/0/1|10.1.0.1', from: 'up', to: 'down' }] },
  { name: 'BFD session shut by the operator is flagged', prev: base, next: obs({ bfdSessions: [{ ...base.bfdSessions[0]!, state: 'adminDown' }] }), want: [{ subject: 'bfd:ge-0/0/1|10.1.0.1', from: 'up', to: 'adminDown', adminDown: true }] },
  { name: 'VRRP master became backup', prev: base, next: obs({ fhrpGroups: [{ ...base.fhrpGroups[0]!, role: 'backup' }] }), want: [{ subject: 'fhrp:vrrp|vlan10|10', from: 'master', to: 'backup' }] },
  {
    name: 'an interface went down',
    prev: base,
    next: obs({ interfaces: [{ ...base.interfaces[0]!, operStatus: 'down' }, base.interfaces[1]!] }),
    want: [{ subject: 'if:12', from: 'up', to: 'down' }],
  },
  {
    name: 'an operator shut an interface: recorded, flagged',
    prev: base,
    next: obs({ interfaces: [{ ...base.interfaces[0]!, operStatus: 'down', adminStatus: 'down' }, base.interfaces[1]!] }),
    want: [{ subject: 'if:12', from: 'up', to: 'down', adminDown: true }],
  },
  {
    name: 'an admin-down interface changing oper status is flagged',
    prev: base,
    next: obs({ interfaces: [base.interfaces[0]!, { ...base.interfaces[1]!, operStatus: 'notPresent' }] }),
    want: [{ subject: 'if:13', from: 'down', to: 'notPresent', adminDown: true }],
  },
  {
    name: 'admin status alone (oper unchanged) is not a transition',
    prev: base,
    next: obs({ interfaces: [base.interfaces[0]!, { ...base.interfaces[1]!, adminStatus: 'up' }] }),
    want: [],
  },
  { name: 'LAG member left the bundle', prev: base, next: obs({ lagMembers: [{ ...base.lagMembers[0]!, inBundle: false }] }), want: [{ subject: 'lag:Po1|Gi0/12', from: 'in-bundle', to: 'out-of-bundle' }] },
  {
    name: 'LLDP neighbour replaced by another on the same port',
    prev: base,
    next: obs({ neighbors: [{ protocol: 'lldp', localPort: 'Gi0/12', remoteName: 'agg-3', remotePort: 'Gi1/1' }] }),
    want: [{ subject: 'lldp:Gi0/12|agg-3|Gi1/1', from: null, to: 'present' }, { subject: 'lldp:Gi0/12|agg-2|Gi1/1', from: 'present', to: 'gone' }],
  },
  { name: 'CDP neighbour appeared', prev: obs({ neighbors: [] }), next: obs({ neighbors: [{ protocol: 'cdp', localPort: 'Gi0/1', remoteName: 'sw-9', remotePort: 'Gi0/48' }] }), want: [{ subject: 'cdp:Gi0/1|sw-9|Gi0/48', from: null, to: 'present' }] },
  { name: 'power redundancy lost', prev: base, next: obs({ redundancy: [{ ...base.redundancy[0]!, state: 'nonRedundant' }] }), want: [{ subject: 'redundancy:power', from: 'redundant', to: 'nonRedundant' }] },
  {
    name: 'uptime went backwards: reboot',
    prev: base,
    next: obs({ system: { ...base.system, uptimeSeconds: 45 } }),
    prevAt: T0 - MIN,
    want: [{ subject: 'reboot', from: '86400', to: '45' }],
  },
  {
    name: 'sysUpTime wrapped after 497 days: not a reboot',
    prev: obs({ system: { ...base.system, uptimeSeconds: W - 20 } }),
    next: obs({ system: { ...base.system, uptimeSeconds: 40 } }),
    prevAt: T0 - MIN,
    want: [],
  },
  {
    name: 'an unwrapped uptime read raw once: not a reboot',
    prev: obs({ system: { ...base.system, uptimeSeconds: W + 1000 } }),
    next: obs({ system: { ...base.system, uptimeSeconds: 1060 } }),
    prevAt: T0 - MIN,
    want: [],
  },
  {
    name: 'an observation stored before isisAdjacencies existed reads as having none',
    prev: { ...base, isisAdjacencies: undefined } as unknown as DeviceObservation,
    next: base,
    want: [{ subject: 'isis:ge-0/0/1|0000.0000.0001', from: null, to: 'up' }],
  },
  {
    name: 'an observation stored before bfdSessions existed reads as having none',
    prev: { ...base, bfdSessions: undefined } as unknown as DeviceObservation,
    next: base,
    want: [{ subject: 'bfd:ge-0/0/1|10.1.0.1', from: null, to: 'up' }],
  },
];

describe('diffObservations', () => {
  it.each(rows)('$name', ({ prev, next, want, prevAt }) => {
    const got = diffObservations(prev, next, T0, { deviceId: 'dev-1', ...(prevAt !== undefined ? { prevAt } : {}) });
    expect(got).toEqual(want.map((w) => ({ deviceId: 'dev-1', at: T0, ...w })));
  });

  it('a first observation yields every subject from null', () => {
    const got = diffObservations(null, base, T0, { deviceId: 'dev-1' });
    expect(got.map((t) => [t.subject, t.from, t.to])).toEqual([
      ['psu:psu-507', null, 'ok'],
      ['fan:fan-1', null, 'ok'],
      ['ups:output', null, 'normal'],
      ['ups:battery', null, 'normal'],
      ['bgp:|10.0.0.1', null, 'established'],
      ['ospf:1.1.1.1|10.1.0.1', null, 'full'],
      ['isis:ge-0/0/1|0000.0000.0001', null, 'up'],
      ['bfd:ge-0/0/1|10.1.0.1', null, 'up'],
      ['fhrp:vrrp|vlan10|10', null, 'master'],
      ['if:12', null, 'up'],
      ['if:13', null, 'down'],
      ['lag:Po1|Gi0/12', null, 'in-bundle'],
      ['lldp:Gi0/12|agg-2|Gi1/1', null, 'present'],
      ['redundancy:power', null, 'redundant'],
    ]);
    expect(got.find((t) => t.subject === 'if:13')?.adminDown).toBe(true);
    expect(got.every((t) => t.deviceId === 'dev-1' && t.at === T0)).toBe(true);
  });

  it('defaults the device id to the target', () => {
    expect(diffObservations(null, obs({ fans: [] }), T0)[0]?.deviceId).toBe('192.0.2.1:161');
  });
});

describe('diffSubjects carries over what a partial poll could not see', () => {
  it('keeps the missing subject in the merged states, then a complete poll declares it gone', () => {
    const full = observationSubjects(base);
    const partial = diffSubjects(full, observationSubjects(obs({ fans: [] })), false);
    expect(partial.changes).toEqual([]);
    expect(partial.merged.get('fan:fan-1')).toEqual({ value: 'ok', adminDown: false });
    const complete = diffSubjects(partial.merged, observationSubjects(obs({ fans: [] })), true);
    expect(complete.changes).toEqual([{ subject: 'fan:fan-1', from: 'ok', to: 'gone', adminDown: false }]);
    expect(complete.merged.has('fan:fan-1')).toBe(false);
  });
});

describe('isReboot', () => {
  it.each([
    // prev uptime, next uptime, seconds between polls (null: unknown), reboot?
    [86_400, 86_460, 60, false],
    [86_400, 86_398, 60, false], // jitter of an agent's unwrapping
    [86_400, 45, 60, true],
    [200, 10, 60, true], // a boot loop: up 200 s, then 10 s
    [170, 50, 60, true],
    [W - 20, 40, 60, false], // the 497-day wrap
    [W - 20, 40, 3600, true], // would be 3,580 s after the wrap, not 40
    [W + 1_000, 1_060, 60, false], // unwrapped once, raw the next time
    [2 * W + 500, 560, 60, false],
    [W - 5, 28_900, 8 * 3600, false], // 8 h without answers across the wrap (1% tolerance)
    [86_400, 45, null, true],
    [W - 20, 40, null, false],
    [86_400, 86_398, null, false],
  ] as const)('%d → %d after %s s: %s', (prev, next, seconds, want) => {
    expect(isReboot(prev, next, seconds === null ? null : T0 - seconds * 1000, T0)).toBe(want);
  });
});

describe('diffHealth', () => {
  const r = (ok: boolean, at = T0, reasons: string[] = ok ? [] : ['status 503, expected 200-299']): HealthResult => ({
    checkId: 'smsc-api', at, ok, httpStatus: ok ? 200 : 503, latencyMs: 12, reasons,
  });
  it.each([
    ['first result, up', null, r(true), [{ from: null, to: 'up', reasons: [] }]],
    ['first result, down', null, r(false), [{ from: null, to: 'down', reasons: ['status 503, expected 200-299'] }]],
    ['still up', r(true, T0 - MIN), r(true), []],
    ['went down', r(true, T0 - MIN), r(false), [{ from: 'up', to: 'down', reasons: ['status 503, expected 200-299'] }]],
    ['still down for another reason', r(false, T0 - MIN), r(false, T0, ['timed out after 5000 ms']), []],
    ['came back', r(false, T0 - MIN), r(true), [{ from: 'down', to: 'up', reasons: [] }]],
  ] as const)('%s', (_name, prev, next, want) => {
    expect(diffHealth(prev, next)).toEqual(want.map((w) => ({ checkId: 'smsc-api', at: T0, ...w })));
  });
});

describe('stableDigest', () => {
  it('ignores uptime and sees everything else', () => {
    expect(stableDigest(obs({ system: { ...base.system, uptimeSeconds: 1 } }))).toBe(stableDigest(base));
    expect(stableDigest(obs({ interfaces: [{ ...base.interfaces[0]!, speedMbps: 10 }] }))).not.toBe(stableDigest(base));
  });
});
