import { describe, expect, it } from 'vitest';
import { ScriptedAgent, type AgentOptions } from '../../../test/support/scripted-agent.js';
import { ProtocolError, TimeoutError } from '../../common/errors.js';
import { DEFAULT_COLLECT, collectDevice, emptyObservation, type CollectOptions, type CollectResult } from './engine.js';
import { ENTITY_JOIN_COLUMNS } from './profiles/entity.js';
import { INTERFACE_NAME_COLUMNS } from './profiles/if-mib.js';
import { systemProfile } from './profiles/system.js';
import type { ComponentExtractor, Profile } from './profiles/types.js';
import type { DecodedVarbind } from './value.js';

/** The poll's own steps: one poll of one device, its requests, errors, stats and what it says the device implements. */

const VENDOR = '1.3.6.1.4.1.99999';
const FAN = `${VENDOR}.1.1`;
const FAN_NAME = `${VENDOR}.1.2`;
const SYSTEM = `
1.3.6.1.2.1.1.1.0|4|Test device
1.3.6.1.2.1.1.2.0|6|${VENDOR}.7
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|core-1
`;
const FANS = `
${FAN}.1|2|1
${FAN}.2|2|2
${FAN_NAME}.1|4|Fan A
${FAN_NAME}.2|4|Fan B
`;

/** A vendor fan table, named by its own column. */
const FAN_EXTRACTOR: ComponentExtractor = { kind: 'component', component: 'fan', rows: 'state', status: { column: 'state', map: { 1: 'ok', 2: 'failed' } }, name: [{ column: 'name' }] };
const fans: Profile = {
  id: 'fans',
  mib: 'TEST-FAN-MIB',
  vendors: [VENDOR],
  columns: { state: { oid: FAN, type: 'int' }, name: { oid: FAN_NAME, type: 'string' } },
  extract: [FAN_EXTRACTOR],
};
const FANS_SEEN = [
  { id: 'fan-fans-1', name: 'Fan A', status: 'ok', sources: ['fans'] },
  { id: 'fan-fans-2', name: 'Fan B', status: 'failed', sources: ['fans'] },
];

/** A clock that moves one millisecond each time it is read, from 1,000. */
function tickingClock(): () => number {
  let t = 999;
  return () => ++t;
}

async function poll(rows: string, profiles: readonly Profile[], agent: AgentOptions = {}, opts: Partial<CollectOptions> = {}): Promise<{ r: CollectResult; agent: ScriptedAgent }> {
  const a = new ScriptedAgent(rows, agent);
  const r = await collectDevice(a, { ...DEFAULT_COLLECT, profiles, now: tickingClock(), ...opts });
  return { r, agent: a };
}

describe('collectDevice: a clean poll', () => {
  it('reads the system group with one GET, walks the tables, and reports no error', async () => {
    const { r, agent } = await poll(SYSTEM + FANS, [systemProfile, fans]);
    expect(r.answered).toBe(true);
    expect(r.observation.target).toBe('table:0');
    expect(r.observation.system.name).toBe('core-1');
    expect(r.observation.fans).toEqual(FANS_SEEN);
    expect(r.observation.errors).toEqual([]);
    expect(r.observation.profiles).toEqual(['system', 'fans']);
    expect(r.implemented).toEqual(['system', 'fans']);
    expect(r.observation.exposes).toEqual(['fans', 'powerSupplies', 'system']);
    expect(agent.calls.map((c) => c.op)).toEqual(['get', 'getBulk']);
    expect(agent.calls[0]!.oids).toEqual(Object.values(systemProfile.scalars!).map((c) => c.oid));
    expect(agent.calls[1]!.oids).toEqual([FAN, FAN_NAME]);
    expect(r.stats.requests).toBe(2);
    expect(r.stats.varbinds).toBe(4);
    expect(r.counters).toEqual([]);
  });

  it('measures its duration on the clock it is given', async () => {
    const times = [5_000, 5_040];
    const { r } = await poll(SYSTEM, [systemProfile], {}, { now: () => times.shift() ?? 5_040 });
    expect(r.stats.durationMs).toBe(40);
  });

  it('finds the system profile wherever it is in the list', async () => {
    const { r } = await poll(SYSTEM + FANS, [fans, systemProfile]);
    expect(r.observation.system.name).toBe('core-1');
    expect(r.observation.fans).toEqual(FANS_SEEN);
  });

  it('polls without a system profile: no vendor profile applies, standard ones are read', async () => {
    const standard: Profile = { id: 'standard-fans', mib: fans.mib, columns: fans.columns!, extract: fans.extract };
    const { r, agent } = await poll(SYSTEM + FANS, [fans, standard]);
    expect(r.answered).toBe(true);
    expect(r.observation.fans.map((f) => f.id)).toEqual(['fan-standard-fans-1', 'fan-standard-fans-2']);
    expect(agent.calls.map((c) => c.op)).toEqual(['getBulk']);
  });

  it('walks a column two profiles share once', async () => {
    const again: Profile = { ...fans, id: 'fans-again' };
    const { r, agent } = await poll(SYSTEM + FANS, [systemProfile, fans, again]);
    expect(agent.calls.filter((c) => c.op === 'getBulk').map((c) => c.oids)).toEqual([[FAN, FAN_NAME]]);
    expect(r.observation.fans.map((f) => f.sources)).toEqual([['fans'], ['fans'], ['fans-again'], ['fans-again']]);
  });

  it('sends at most columnsPerRequest columns in a request', async () => {
    const columns = Object.fromEntries(Array.from({ length: 7 }, (_, k) => [`c${k}`, { oid: `${VENDOR}.3.${k + 1}`, type: 'int' as const }]));
    const wide: Profile = { ...fans, id: 'wide', columns: { ...fans.columns, ...columns } };
    const { agent } = await poll(SYSTEM + FANS, [systemProfile, wide], {}, { columnsPerRequest: 3 });
    expect(agent.calls.filter((c) => c.op === 'getBulk').map((c) => c.oids.length)).toEqual([3, 3, 3]);
  });

  it('reads only the profiles asked for, and always the system group', async () => {
    const other: Profile = { ...fans, id: 'other' };
    const { r, agent } = await poll(SYSTEM + FANS, [systemProfile, fans, other], {}, { only: new Set(['other']) });
    expect(r.observation.profiles).toEqual(['system', 'other']);
    expect(r.observation.fans.every((f) => f.sources[0] === 'other')).toBe(true);
    expect(agent.calls[0]!.op).toBe('get');
  });
});

describe('collectDevice: which profiles apply to a sysObjectID', () => {
  it.each([
    ['inside the vendor subtree', `${VENDOR}.7`, true],
    ['the vendor OID itself', VENDOR, true],
    ['with a leading dot', `.${VENDOR}.7`, true],
    ['a longer enterprise number with the same digits', `${VENDOR}9.7`, false],
    ['another vendor', '1.3.6.1.4.1.9.1.1', false],
  ] as const)('%s (%s): %s', async (_, objectId, applies) => {
    const rows = SYSTEM.replace(`|6|${VENDOR}.7`, `|6|${objectId}`) + FANS;
    const { r } = await poll(rows, [systemProfile, fans]);
    expect(r.observation.fans).toEqual(applies ? FANS_SEEN : []);
    expect(r.observation.profiles.includes('fans')).toBe(applies);
  });

  it('no sysObjectID: only standard profiles', async () => {
    const rows = SYSTEM.split('\n').filter((l) => !l.startsWith('1.3.6.1.2.1.1.2.0')).join('\n') + FANS;
    const { r } = await poll(rows, [systemProfile, fans]);
    expect(r.observation.system.objectId).toBeNull();
    expect(r.observation.fans).toEqual([]);
  });
});

describe('collectDevice: scalars', () => {
  const many: Profile = {
    id: 'many-scalars',
    mib: 'TEST-SCALAR-MIB',
    scalars: Object.fromEntries(Array.from({ length: 25 }, (_, k) => [`s${k}`, { oid: `${VENDOR}.5.${k + 1}.0`, type: 'int' as const }])),
    extract: [{ kind: 'component', component: 'psu', rows: 'none', status: { column: 'none', map: {} } }],
  };
  const SCALAR_ROWS = `${VENDOR}.5.3.0|2|1\n`;

  it('asks for the other profiles\' scalars 20 at a time, after the system group', async () => {
    const { r, agent } = await poll(SYSTEM + SCALAR_ROWS, [systemProfile, many]);
    expect(agent.calls.map((c) => [c.op, c.oids.length])).toEqual([['get', 5], ['get', 20], ['get', 5]]);
    expect(r.stats.requests).toBe(3);
    // a MIB whose scalar answered is implemented though it yielded nothing
    expect(r.implemented).toEqual(['system', 'many-scalars']);
    expect(r.observation.profiles).toEqual(['system']);
    expect(r.observation.exposes).toEqual(['fans', 'powerSupplies', 'system']);
  });

  it('a MIB whose table answered is implemented though its rows yielded nothing', async () => {
    const filtered: Profile = { ...fans, extract: [{ ...FAN_EXTRACTOR, where: [{ column: 'state', in: [9] }] }] };
    const { r } = await poll(SYSTEM + FANS, [systemProfile, filtered]);
    expect(r.observation.fans).toEqual([]);
    expect(r.observation.profiles).toEqual(['system']);
    expect(r.implemented).toEqual(['system', 'fans']);
    expect(r.observation.exposes).toEqual(['fans', 'powerSupplies', 'system']);
  });

  it('a MIB with neither rows nor scalars is not implemented', async () => {
    const { r } = await poll(SYSTEM, [systemProfile, many, fans]);
    expect(r.implemented).toEqual(['system']);
    expect(r.observation.exposes).toEqual(['system']);
  });

  it('reads scalars whose answer carries a leading dot', async () => {
    class Dotted extends ScriptedAgent {
      override async get(oids: readonly string[]): Promise<DecodedVarbind[]> {
        return (await super.get(oids)).map((vb) => ({ ...vb, oid: `.${vb.oid}` }));
      }
    }
    const r = await collectDevice(new Dotted(SYSTEM), { ...DEFAULT_COLLECT, profiles: [systemProfile], now: tickingClock() });
    expect(r.observation.system.name).toBe('core-1');
  });

  it('two failed scalar GETs that are no timeouts leave the device answering', async () => {
    const { r } = await poll(SYSTEM, [systemProfile, many], { fault: (op, n) => (op === 'get' && n > 0 ? new ProtocolError('genErr', undefined, 5) : null) }, { concurrency: 1 });
    expect(r.observation.errors).toEqual([{ profile: 'many-scalars', message: 'genErr' }, { profile: 'many-scalars', message: 'genErr' }]);
  });

  it.each([
    ['a timeout', new TimeoutError('request timed out')],
    ['an error status', new ProtocolError('genErr', undefined, 5)],
  ] as const)('reports %s on a scalar GET under the profile that asked, and keeps the rest', async (_, err) => {
    const { r } = await poll(SYSTEM + FANS, [systemProfile, many, fans], { fault: (op, n) => (op === 'get' && n === 1 ? err : null) });
    expect(r.answered).toBe(true);
    expect(r.observation.errors).toEqual([{ profile: 'many-scalars', message: err.message }]);
    expect(r.observation.fans).toEqual(FANS_SEEN);
    expect(r.stats.requests).toBe(4);
  });

  it('two timeouts in a row make the device silent and the poll says so', async () => {
    const { r } = await poll(SYSTEM, [systemProfile, many], { fault: (op, n) => (op === 'get' && n > 0 ? new TimeoutError('request timed out') : null) }, { concurrency: 1 });
    expect(r.observation.errors).toEqual([
      { profile: 'many-scalars', message: 'request timed out' },
      { profile: 'many-scalars', message: 'request timed out' },
      { profile: 'transport', message: 'table:0 stopped answering; remaining walks skipped' },
    ]);
  });

  it('skips the scalars once the poll deadline has passed', async () => {
    let t = 0;
    const { r, agent } = await poll(SYSTEM + SCALAR_ROWS, [systemProfile, many], { onRequest: () => { t += 2_000; } }, { now: () => t, pollTimeoutMs: 1_000 });
    expect(agent.calls.map((c) => c.op)).toEqual(['get']);
    expect(r.observation.errors).toEqual([{ profile: 'transport', message: 'poll deadline reached; remaining walks skipped' }]);
    expect(r.stats).toEqual({ requests: 1, varbinds: 0, durationMs: 2_000 });
  });
});

describe('collectDevice: a device that does not answer', () => {
  it('returns an empty observation with the reason, and no profile', async () => {
    const { r, agent } = await poll(SYSTEM + FANS, [systemProfile, fans], { fault: () => new TimeoutError('request timed out') });
    expect(r).toEqual({
      answered: false,
      observation: emptyObservation('table:0', [{ profile: 'system', message: 'request timed out' }]),
      counters: [],
      implemented: [],
      stats: { requests: 1, varbinds: 0, durationMs: 1 },
    });
    expect(r.observation.profiles).toEqual([]);
    expect(r.observation.fans).toEqual([]);
    expect(agent.calls).toHaveLength(1);
  });
});

describe('collectDevice: what the transport and the walks report', () => {
  it('reports the transport\'s incidents and the undecodable varbinds it dropped', async () => {
    const { r } = await poll(SYSTEM + FANS, [systemProfile, fans], { incidents: ['garbled datagram from table:0'], undecodable: 3 });
    expect(r.observation.errors).toEqual([
      { profile: 'transport', message: 'garbled datagram from table:0' },
      { profile: 'transport', message: '3 varbinds of an unknown SNMP type were dropped' },
    ]);
    expect(r.observation.fans).toEqual(FANS_SEEN);
  });

  it('reports the varbind cap as the reason a table was cut short', async () => {
    const { r } = await poll(SYSTEM + FANS, [systemProfile, fans], {}, { maxVarbinds: 3 });
    expect(r.observation.errors).toEqual([{ profile: 'transport', message: 'varbind cap of 3 reached; remaining walks skipped' }]);
    expect(r.stats.varbinds).toBe(3);
  });

  it('names the profile whose walk failed', async () => {
    const { r } = await poll(SYSTEM + FANS, [systemProfile, fans], { fault: (op) => (op === 'getBulk' ? new ProtocolError('genErr', undefined, 5) : null) });
    expect(r.observation.errors).toEqual([{ profile: 'fans', message: 'GETBULK failed (genErr); falling back to GETNEXT for this device' }]);
    expect(r.observation.fans).toEqual(FANS_SEEN);
  });

  it('keeps at most `concurrency` requests in flight, and uses them', async () => {
    const columns = Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`c${k}`, { oid: `${VENDOR}.3.${k + 1}`, type: 'int' as const }]));
    const wide: Profile = { ...fans, id: 'wide', columns: { ...fans.columns, ...columns } };
    const { agent } = await poll(SYSTEM + FANS, [systemProfile, wide], {}, { columnsPerRequest: 1, concurrency: 3 });
    expect(agent.maxInFlight).toBe(3);
    const one = await poll(SYSTEM + FANS, [systemProfile, wide], {}, { columnsPerRequest: 1, concurrency: 0 });
    expect(one.agent.maxInFlight).toBe(1);
  });
});

describe('collectDevice: join columns', () => {
  const ENTITY = Object.values(ENTITY_JOIN_COLUMNS).map((c) => c.oid);
  const IFNAMES = Object.values(INTERFACE_NAME_COLUMNS).map((c) => c.oid);
  const walkedRoots = (agent: ScriptedAgent): string[] => agent.calls.filter((c) => c.op === 'getBulk').flatMap((c) => c.oids);

  it('walks neither ENTITY-MIB names nor interface names when no extractor needs them', async () => {
    const { agent } = await poll(SYSTEM + FANS, [systemProfile, fans]);
    expect(walkedRoots(agent)).toEqual([FAN, FAN_NAME]);
  });

  it.each([
    ['a physical index', { physicalIndex: { index: 'index' } }],
    ['an entity name', { name: [{ entity: 'name' }] }],
    ['status from the unit\'s sensors', { status: { column: 'state', map: { 1: 'ok' }, from: 'descendants' } }],
  ] as const)('walks the ENTITY-MIB join columns, first and apart, for %s', async (_, extra) => {
    const joined: Profile = { ...fans, extract: [{ ...FAN_EXTRACTOR, ...extra }] };
    const { agent } = await poll(SYSTEM + FANS, [systemProfile, joined]);
    expect(agent.calls.filter((c) => c.op === 'getBulk').map((c) => c.oids)).toEqual([ENTITY, [FAN, FAN_NAME]]);
  });

  it('walks the ENTITY-MIB join columns when any one extractor of a profile needs them', async () => {
    const two: Profile = { ...fans, extract: [FAN_EXTRACTOR, { ...FAN_EXTRACTOR, component: 'psu', physicalIndex: { index: 'index' } }] };
    const { agent } = await poll(SYSTEM + FANS, [systemProfile, two]);
    expect(agent.calls.filter((c) => c.op === 'getBulk').map((c) => c.oids)).toEqual([ENTITY, [FAN, FAN_NAME]]);
  });

  it('names IF-MIB as the owner of a failed interface-name walk', async () => {
    const named: Profile = { ...fans, extract: [FAN_EXTRACTOR, { ...FAN_EXTRACTOR, name: [{ ifName: { column: 'name' } }] }] };
    const { r, agent } = await poll(SYSTEM + FANS, [systemProfile, named], { fault: (op, _n, oids) => (op === 'getBulk' && oids[0] === IFNAMES[0] ? new ProtocolError('genErr', undefined, 5) : null) }, { concurrency: 1 });
    expect(agent.calls.filter((c) => c.op === 'getBulk').map((c) => c.oids)[0]).toEqual(IFNAMES);
    expect(r.observation.errors).toEqual([{ profile: 'IF-MIB', message: 'GETBULK failed (genErr); falling back to GETNEXT for this device' }]);
  });

  it('walks the interface names for an ifName reference, and names the interface', async () => {
    const named: Profile = { ...fans, extract: [{ ...FAN_EXTRACTOR, name: [{ ifName: { column: 'name' } }] }] };
    const rows = `${SYSTEM}
${VENDOR}.1.1.1|2|1
${VENDOR}.1.2.1|4|7
1.3.6.1.2.1.31.1.1.1.1.7|4|Gi0/7
`;
    const { r, agent } = await poll(rows, [systemProfile, named]);
    expect(agent.calls.filter((c) => c.op === 'getBulk').map((c) => c.oids)).toEqual([IFNAMES, [FAN, FAN_NAME]]);
    expect(r.observation.fans.map((f) => f.name)).toEqual(['Gi0/7']);
  });

  it('names ENTITY-MIB as the owner of a failed join walk', async () => {
    const joined: Profile = { ...fans, extract: [{ ...FAN_EXTRACTOR, physicalIndex: { index: 'index' } }] };
    const { r } = await poll(SYSTEM + FANS, [systemProfile, joined], { fault: (op, _n, oids) => (op === 'getBulk' && oids[0] === ENTITY[0] ? new TimeoutError('request timed out') : null) }, { concurrency: 1 });
    expect(r.observation.errors).toEqual([{ profile: 'ENTITY-MIB', message: 'GETBULK timed out; falling back to GETNEXT for this device' }]);
  });
});
