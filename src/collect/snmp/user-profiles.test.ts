import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../test/support/probe-table.js';
import { systemRows } from '../../../test/support/system-rows.js';
import { PROFILES } from './profiles/index.js';
import { systemProfile } from './profiles/system.js';
import { mergeProfiles, parseUserProfile } from './user-profiles.js';

const MOXA = `
id: moxa-power-inputs
mib: MOXA-EDSG512E-MIB
vendors: [1.3.6.1.4.1.8691.7.70]
columns:
  input1: { oid: 1.3.6.1.4.1.8691.7.70.1.10.1, type: int }
  input2: { oid: 1.3.6.1.4.1.8691.7.70.1.10.2, type: int }
extract:
  - { kind: component, component: psu, rows: input1, unit: in1, status: { column: input1, map: { 1: ok, 0: absent } }, name: [{ literal: Power input 1 }] }
  - { kind: component, component: psu, rows: input2, unit: in2, status: { column: input2, map: { 1: ok, 0: absent } }, name: [{ literal: Power input 2 }] }
`;

describe('operator-written YAML profiles', () => {
  it('parse into a profile the one engine runs', async () => {
    const r = parseUserProfile(MOXA, 'moxa.yaml');
    expect(r.issues).toEqual([]);
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.8691.7.70')}1.3.6.1.4.1.8691.7.70.1.10.1.0|2|1\n1.3.6.1.4.1.8691.7.70.1.10.2.0|2|0\n`, [systemProfile, r.profile!]);
    expect(o.powerSupplies.map((p) => [p.name, p.status])).toEqual([['Power input 1', 'ok'], ['Power input 2', 'absent']]);
  });

  it('name every problem of a broken profile with its path', () => {
    const broken = `
id: Bad Id
mib: X
colour: red
columns:
  state: { oid: not-an-oid, type: int }
extract:
  - kind: component
    component: psu
    rows: stat
    status: { column: state, map: { 1: fine, two: ok } }
  - kind: bgpPeer
    rows: state
    peer: { index: index }
    state: { column: missing, map: { 6: established } }
`;
    const r = parseUserProfile(broken, 'bad.yaml');
    expect(r.profile).toBeNull();
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['id', '(root)', 'columns.state.oid', 'extract[0].status.map.1', 'extract[0].status.map.two', 'extract[0].rows', 'extract[1].state.column']));
    expect(r.issues.find((i) => i.path === '(root)')?.message).toMatch(/colour/);
  });

  it('check every column an extractor names against the declared columns', () => {
    const r = parseUserProfile(`
id: t
mib: T
columns: { state: { oid: 1.3.6.1.4.1.1.1, type: int } }
extract:
  - { kind: component, component: fan, rows: stat, status: { column: state, map: { 1: ok } }, absentWhen: { column: presence, in: [2] } }
`, 't.yaml');
    expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'extract[0].rows: "stat" is not one of the profile\'s columns',
      'extract[0].absentWhen.column: "presence" is not one of the profile\'s columns',
    ]);
  });

  it('read power inputs (a transfer switch\'s sources) and name a wrong role and map', async () => {
    const ats = `
id: my-ats
mib: MY-ATS-MIB
vendors: [1.3.6.1.4.1.99999]
columns:
  selected: { oid: 1.3.6.1.4.1.99999.1.1, type: int }
  lineA: { oid: 1.3.6.1.4.1.99999.1.2, type: int }
  lineB: { oid: 1.3.6.1.4.1.99999.1.3, type: int }
extract:
  - { kind: powerInput, role: mains, rows: lineA, name: [{ literal: Line A }], state: { column: lineA, map: { 1: ok, 2: failed } }, feedsLoad: { column: selected, equals: 1 } }
  - { kind: powerInput, role: mains, rows: lineB, name: [{ literal: Line B }], state: { column: lineB, map: { 1: ok, 2: failed } }, feedsLoad: { column: selected, equals: 2 } }
`;
    const r = parseUserProfile(ats, 'ats.yaml');
    expect(r.issues).toEqual([]);
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.99999.5')}1.3.6.1.4.1.99999.1.1.0|2|2\n1.3.6.1.4.1.99999.1.2.0|2|2\n1.3.6.1.4.1.99999.1.3.0|2|1\n`, [systemProfile, r.profile!]);
    expect(o.powerInputs?.map((i) => [i.name, i.state, i.feedsLoad])).toEqual([['Line A', 'failed', false], ['Line B', 'ok', true]]);
    const bad = parseUserProfile(ats.replace('role: mains, rows: lineA', 'role: utility, rows: lineA').replace('{ 1: ok, 2: failed } }, feedsLoad: { column: selected, equals: 2 }', '{ 1: on } }, feedsLoad: { column: chosen, equals: 2 }'), 'ats.yaml');
    expect(bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['extract[0].role', 'extract[1].state.map.1', 'extract[1].feedsLoad.column']));
  });

  it('reads a PDU\'s phases from a measurement, and names a power input with both or neither of state and reading', async () => {
    const pdu = `
id: my-pdu
mib: MY-PDU-MIB
columns:
  phase: { oid: 1.3.6.1.4.1.99999.2.1, type: int }
  volts: { oid: 1.3.6.1.4.1.99999.2.2, type: int }
extract:
  - { kind: powerInput, role: pduInlet, rows: phase, namePrefix: 'L', name: [{ column: phase }], reading: { column: volts, okAbove: 50, failedAtOrBelow: 50 } }
`;
    const r = parseUserProfile(pdu, 'pdu.yaml');
    expect(r.issues).toEqual([]);
    const rows = '1.3.6.1.4.1.99999.2.1.1|2|1\n1.3.6.1.4.1.99999.2.1.2|2|2\n1.3.6.1.4.1.99999.2.1.3|2|3\n1.3.6.1.4.1.99999.2.2.1|2|230\n1.3.6.1.4.1.99999.2.2.2|2|0\n';
    const o = await observeTable(`${systemRows('1.3.6.1.4.1.99999.6')}${rows}`, [systemProfile, r.profile!]);
    expect(o.powerInputs?.map((i) => [i.name, i.state])).toEqual([['L1', 'ok'], ['L2', 'failed'], ['L3', 'unknown']]);
    const both = parseUserProfile(pdu.replace('reading:', 'state: { column: volts, map: { 1: ok } }, reading:'), 'pdu.yaml');
    const neither = parseUserProfile(pdu.replace(/, reading: \{[^}]*\}/, ''), 'pdu.yaml');
    for (const bad of [both, neither]) {
      expect(bad.profile).toBeNull();
      expect(bad.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([expect.stringMatching(/^extract\[0\]: .*exactly one of state .* or reading/)]);
    }
  });

  it('reports YAML that does not parse', () => {
    expect(parseUserProfile('id: [unclosed', 'x.yaml').issues[0]?.message).toMatch(/^not YAML/);
  });

  it('replace a built-in of the same id in place, and run new ones before the built-ins', () => {
    const own = parseUserProfile(MOXA, 'moxa.yaml').profile!;
    const replacement = { ...PROFILES.find((p) => p.id === 'cisco-envmon')!, mib: 'mine' };
    const merged = mergeProfiles(PROFILES, [own, replacement]);
    expect(merged.map((p) => p.id).slice(0, 3)).toEqual(['system', 'if-mib', 'moxa-power-inputs']);
    expect(merged.find((p) => p.id === 'cisco-envmon')?.mib).toBe('mine');
    expect(merged).toHaveLength(PROFILES.length + 1);
  });
});
