import { describe, expect, it } from 'vitest';
import { parseRows } from '../../../test/support/table-transport.js';
import type { CollectionError } from '../observation.js';
import { ExtractContext, accepts, combineStatus, firstOf, mapped, num, passes, refList, refUses, resolve, rowsOf, textOf, type ProfileInfo, type Row } from './extract.js';
import type { ValueRef } from './profile-parts.js';
import { ENTITY_JOIN_COLUMNS } from './profiles/entity.js';
import { INTERFACE_NAME_COLUMNS } from './profiles/if-mib.js';
import type { SnmpValue } from './value.js';
import type { ColumnRows } from './walk.js';

const V = '1.3.6.1.4.1.99999';
const ENT = '1.3.6.1.2.1.47.1.1.1.1';

/** Walked columns from `oid|type|value` rows, each row filed under the column `roots` names. */
function walked(text: string, roots: readonly string[]): Map<string, ColumnRows> {
  const out = new Map<string, ColumnRows>(roots.map((r) => [r, new Map()]));
  for (const [oid, v] of parseRows(text)) {
    const root = roots.find((r) => oid.startsWith(`${r}.`));
    if (root === undefined) throw new Error(`no column for ${oid}`);
    out.get(root)!.set(oid.slice(root.length + 1), v);
  }
  return out;
}

const PROFILE: ProfileInfo = {
  id: 'test',
  mib: 'TEST-MIB',
  columns: {
    state: { oid: `${V}.1`, type: 'int' },
    label: { oid: `${V}.2`, type: 'string' },
    peer: { oid: `${V}.3`, type: 'ip' },
    port: { oid: `${V}.4`, type: 'int' },
    absentColumn: { oid: `${V}.9`, type: 'int' },
  },
  scalars: { count: { oid: `${V}.5.0`, type: 'int' }, text: { oid: `${V}.6.0`, type: 'string' } },
};
const ROOTS = [`${V}.1`, `${V}.2`, `${V}.3`, `${V}.4`, ENTITY_JOIN_COLUMNS.name.oid, ENTITY_JOIN_COLUMNS.descr.oid, ENTITY_JOIN_COLUMNS.containedIn.oid, INTERFACE_NAME_COLUMNS.name.oid, INTERFACE_NAME_COLUMNS.descr.oid];

function context(rows: string, scalars: readonly [string, SnmpValue][] = []): ExtractContext {
  return new ExtractContext(walked(rows, ROOTS), new Map(scalars), [], null);
}

const int = (value: number): SnmpValue => ({ kind: 'int', value });
const octets = (t: string): SnmpValue => ({ kind: 'octets', value: Buffer.from(t) });

describe('accepts: the SMI types a column declares', () => {
  const values: Record<string, SnmpValue> = {
    int: int(1), uint: { kind: 'uint', value: 1 }, counter64: { kind: 'counter64', value: 1n }, ticks: { kind: 'ticks', value: 1 },
    octets: octets('x'), oid: { kind: 'oid', value: '1.3' }, ip: { kind: 'ip', value: '10.0.0.1' },
  };
  it.each([
    ['int', ['int', 'uint']],
    ['gauge', ['int', 'uint']],
    ['counter', ['uint', 'counter64']],
    ['ticks', ['uint', 'ticks']],
    ['string', ['octets']],
    ['bits', ['octets']],
    ['oid', ['oid']],
    ['ip', ['ip']],
  ] as const)('%s takes %j', (type, kinds) => {
    expect(Object.keys(values).filter((k) => accepts(type, values[k]!))).toEqual(kinds);
  });

  it.each([[4, true], [8, true], [16, true], [20, true], [5, false], [0, false]] as const)('ip takes an OCTET STRING of %i bytes: %s', (n, ok) => {
    expect(accepts('ip', { kind: 'octets', value: Buffer.alloc(n) })).toBe(ok);
  });
});

describe('ExtractContext.view: type checks', () => {
  it('drops and reports values of the wrong type, keeping the others in order', () => {
    const ctx = context(`
${V}.1.1|2|1
${V}.1.2|4|two
${V}.1.3|2|3
${V}.1.4|4|four
${V}.2.1|4|A
`, [[`${V}.5.0`, octets('x')], [`${V}.6.0`, octets('fine')]]);
    const view = ctx.view(PROFILE);
    expect([...view.cols.get('state')!.keys()]).toEqual(['1', '3']);
    expect([...view.cols.get('label')!.keys()]).toEqual(['1']);
    expect(view.cols.has('absentColumn')).toBe(false);
    expect([...view.scalars.keys()]).toEqual(['text']);
    expect(ctx.errors).toEqual([
      { profile: 'test', message: `TEST-MIB state (${V}.1): 2 value(s) of type octets where INTEGER was expected were dropped` },
      { profile: 'test', message: `TEST-MIB count (${V}.5.0): value of type octets where INTEGER was expected was dropped` },
    ] satisfies CollectionError[]);
  });

  it('keeps a clean column as it was walked', () => {
    const ctx = context(`${V}.1.1|2|1\n${V}.1.2|2|2\n`);
    expect([...ctx.view(PROFILE).cols.get('state')!]).toEqual([['1', int(1)], ['2', int(2)]]);
    expect(ctx.errors).toEqual([]);
  });

  it('names each SMI type in its message', () => {
    const info: ProfileInfo = { id: 'p', mib: 'M', columns: {
      a: { oid: `${V}.1`, type: 'counter' }, b: { oid: `${V}.2`, type: 'ticks' }, c: { oid: `${V}.3`, type: 'oid' }, d: { oid: `${V}.4`, type: 'bits' },
    } };
    const ctx = context(`${V}.1.1|4|x\n${V}.2.1|4|x\n${V}.3.1|4|x\n${V}.4.1|2|1\n`);
    ctx.view(info);
    expect(ctx.errors.map((e) => e.message.replace(/.* where (.*) was expected.*/, '$1'))).toEqual(['Counter', 'TimeTicks', 'OBJECT IDENTIFIER', 'BITS']);
  });
});

describe('ExtractContext: ENTITY-MIB and interface joins', () => {
  const ctx = context(`
${ENT}.7.1|4|Chassis
${ENT}.2.2|4|Slot 1 descr
${ENT}.7.2|4|
${ENT}.4.2|2|1
${ENT}.4.3|2|2
${ENT}.4.4|2|3
${ENT}.4.5|2|4
${ENT}.4.6|2|5
${ENT}.4.7|2|1
${ENT}.4.8|4|x
1.3.6.1.2.1.2.2.1.2.10|4|GigabitEthernet0/1 descr
1.3.6.1.2.1.2.2.1.2.11|4|Gi0/2 descr
1.3.6.1.2.1.31.1.1.1.1.11|4|Gi0/2
1.3.6.1.2.1.31.1.1.1.1.12|4|
`);
  it('descendants: up to four levels below, nearest first', () => {
    expect(ctx.descendants('1')).toEqual(['2', '7', '3', '4', '5']);
    expect(ctx.descendants('5')).toEqual(['6']);
    expect(ctx.descendants('6')).toEqual([]);
  });

  it('entityParentOf: the container, null at the top (0) or when unknown', () => {
    expect(ctx.entityParentOf('3')).toBe('2');
    expect(ctx.entityParentOf('1')).toBeNull();
    expect(context(`${ENT}.4.1|2|0\n`).entityParentOf('1')).toBeNull();
  });

  it('entityLabel: entPhysicalName, else entPhysicalDescr, else null', () => {
    expect(ctx.entityLabel('1')).toBe('Chassis');
    expect(ctx.entityLabel('2')).toBe('Slot 1 descr');
    expect(ctx.entityLabel('3')).toBeNull();
  });

  it('interface names: ifName, else ifDescr; an empty name is no name', () => {
    expect(Object.fromEntries(ctx.ifNames)).toEqual({ 10: 'GigabitEthernet0/1 descr', 11: 'Gi0/2' });
  });
});

describe('resolve: value references', () => {
  const ctx = context(`
${V}.1.1|2|1
${V}.2.1|4|  label one
${V}.2.2|4|
${V}.3.1|64|10.0.0.1
${V}.4.1|2|11
${V}.4.9|2|3
${V}.2.9|4|via label
${ENT}.7.30|4|PSU 30
${ENT}.2.30|4|PSU 30 descr
${ENT}.7.31|4|
1.3.6.1.2.1.31.1.1.1.1.11|4|Gi0/2
`);
  const view = ctx.view(PROFILE);
  const row: Row = { index: '1', parts: { ip: '167772161', other: '9', text: 'x' }, physicalIndex: '30' };
  it.each<[string, ValueRef, Row, string | null]>([
    ['literal', { literal: 'fixed' }, row, 'fixed'],
    ['the whole index', { index: 'index' }, row, '1'],
    ['an index part', { index: 'other' }, row, '9'],
    ['a missing index part', { index: 'nope' }, row, null],
    ['an index part as a dotted quad', { index: 'ip', decode: 'ip' }, row, '10.0.0.1'],
    ['a dotted quad of a non-number stays', { index: 'text', decode: 'ip' }, row, 'x'],
    ['a number above 32 bits stays', { index: 'ip', decode: 'ip' }, { ...row, parts: { ip: '4294967296' } }, '4294967296'],
    ['the largest 32-bit number', { index: 'ip', decode: 'ip' }, { ...row, parts: { ip: '4294967295' } }, '255.255.255.255'],
    ['entity name', { entity: 'name' }, row, 'PSU 30'],
    ['entity descr', { entity: 'descr' }, row, 'PSU 30 descr'],
    ['an empty entity name', { entity: 'name' }, { ...row, physicalIndex: '31' }, null],
    ['entity without a physical index', { entity: 'name' }, { index: '1', parts: {} }, null],
    ['a column (trimmed text)', { column: 'label' }, row, 'label one'],
    ['an empty column value', { column: 'label' }, { ...row, index: '2' }, null],
    ['a column without a row', { column: 'label' }, { ...row, index: '5' }, null],
    ['a column that was not walked', { column: 'absentColumn' }, row, null],
    ['a column decoded as an address', { column: 'peer', decode: 'ip' }, row, '10.0.0.1'],
    ['a column read at another index part', { column: 'label', via: 'other' }, row, 'via label'],
    ['a missing via part', { column: 'label', via: 'nope' }, row, null],
    ['a column when its condition holds', { column: 'label', when: { column: 'state', in: [1] } }, row, 'label one'],
    ['a column when its condition fails', { column: 'label', when: { column: 'state', in: [2] } }, row, null],
    ['the condition read at the via index', { column: 'label', via: 'other', when: { column: 'port', in: [3] } }, row, 'via label'],
    ['an interface name by ifIndex', { ifName: { column: 'port' } }, row, 'Gi0/2'],
    ['an unnamed ifIndex', { ifName: { literal: '99' } }, row, 'ifIndex 99'],
    ['no ifIndex', { ifName: { column: 'port' } }, { ...row, index: '5' }, null],
  ])('%s', (_, ref, r, want) => {
    expect(resolve(ref, r, view, ctx)).toBe(want);
  });

  it('firstOf: the first reference that yields text', () => {
    expect(firstOf([{ entity: 'name' }, { column: 'label' }], { index: '1', parts: {} }, view, ctx)).toBe('label one');
    expect(firstOf([{ column: 'label' }, { literal: 'second' }], row, view, ctx)).toBe('label one');
    expect(firstOf([{ entity: 'name' }], { index: '1', parts: {} }, view, ctx)).toBeNull();
    expect(firstOf(undefined, row, view, ctx)).toBeNull();
  });

  it('mapped: an enumeration through its map', () => {
    expect(mapped(view, { column: 'state', map: { 1: 'ok' } }, '1')).toBe('ok');
    expect(mapped(view, { column: 'state', map: { 2: 'ok' } }, '1')).toBeUndefined();
    expect(mapped(view, { column: 'state', map: { 1: 'ok' } }, '7')).toBeUndefined();
    expect(mapped(view, undefined, '1')).toBeUndefined();
  });
});

describe('passes and rowsOf: row filters', () => {
  const ctx = context(`
${V}.1.1|2|1
${V}.1.2|2|2
${V}.1.3.7|2|3
${V}.1.x|2|4
${V}.2.1|4|Power Supply 1
${V}.2.2|4|fan tray
`);
  const view = ctx.view(PROFILE);
  it.each([
    [[{ column: 'state', in: [1, 2] }], ['1', '2']],
    [[{ column: 'state', in: [3] }], ['3.7']],
    [[{ column: 'state', in: [2] }], ['2']],
    [[{ column: 'label', matches: '^Power' }], ['1']],
    [[{ column: 'label', matches: '^power' }], []],
    [[{ column: 'label', matches: '^power', flags: 'i' }], ['1']],
    [[{ column: 'label', notMatches: 'fan' }], ['1', '3.7']],
    [[{ column: 'label', notMatches: 'FAN', flags: 'i' }], ['1', '3.7']],
    [[{ column: 'label', matches: '.' }, { column: 'state', in: [2] }], ['2']],
    [[{ column: 'absentColumn', in: [1] }], []],
    [undefined, ['1', '2', '3.7']],
  ] as const)('%j keeps %j', (where, want) => {
    expect(['1', '2', '3.7'].filter((i) => passes(where, i, view))).toEqual(want);
  });

  it('rowsOf decodes the index, filters, and reports malformed indexes', () => {
    const rows = [...rowsOf(PROFILE, view, ctx, 'state', [{ name: 'a', kind: 'int' }], [{ column: 'state', in: [1, 2, 4] }])];
    expect(rows).toEqual([{ index: '1', parts: { a: '1' } }, { index: '2', parts: { a: '2' } }]);
    expect(ctx.errors).toEqual([{ profile: 'test', message: 'TEST-MIB state: 1 row(s) with a malformed index were skipped' }]);
  });

  it('rowsOf without an index scheme keeps every row, and nothing for a missing column', () => {
    const c = context(`${V}.1.1|2|1\n${V}.1.3.7|2|3\n`);
    const v = c.view(PROFILE);
    expect([...rowsOf(PROFILE, v, c, 'state', undefined, undefined)].map((r) => r.index)).toEqual(['1', '3.7']);
    expect([...rowsOf(PROFILE, v, c, 'absentColumn', undefined, undefined)]).toEqual([]);
    expect(c.errors).toEqual([]);
  });
});

describe('small helpers', () => {
  it.each([
    [['ok', 'failed'], 'failed'],
    [['failed', 'ok'], 'failed'],
    [['ok', 'absent'], 'ok'],
    [['absent', 'unknown'], 'absent'],
    [['unknown'], 'unknown'],
  ] as const)('combineStatus %j → %s', (list, want) => {
    expect(combineStatus(list)).toBe(want);
  });

  it('num, textOf, refList, refUses', () => {
    expect(num('12.5')).toBe(12.5);
    expect(num('abc')).toBeNull();
    expect(num('Infinity')).toBeNull();
    expect(num(null)).toBeNull();
    expect(textOf(octets('x'))).toBe('x');
    expect(textOf(undefined)).toBeNull();
    expect(refList({ literal: 'a' })).toEqual([{ literal: 'a' }]);
    expect(refList([{ literal: 'a' }, { literal: 'b' }])).toHaveLength(2);
    expect(refUses({ entity: 'name' }, 'entity')).toBe(true);
    expect(refUses({ entity: 'name' }, 'ifName')).toBe(false);
    expect(refUses({ ifName: { column: 'x' } }, 'ifName')).toBe(true);
    expect(refUses({ ifName: { column: 'x' } }, 'entity')).toBe(false);
    expect(refUses({ column: 'x' }, 'entity')).toBe(false);
    expect(refUses(undefined, 'entity')).toBe(false);
  });
});
