/** The trap classification table: every row classifies to itself, subtrees cover their notifications, the rest is `other`. */
import { describe, expect, it } from 'vitest';
import { TRAP_KINDS, TRAP_KIND_TABLE, classifyTrap } from './trap-kinds.js';

describe('classifyTrap', () => {
  it.each(TRAP_KIND_TABLE.filter((r) => r.subtree !== true))('$name ($oid) is $kind', (row) => {
    expect(classifyTrap(row.oid)).toEqual({ kind: row.kind, name: row.name });
  });

  it('lists each OID once, each a dotted OID of a known kind', () => {
    expect(new Set(TRAP_KIND_TABLE.map((r) => r.oid)).size).toBe(TRAP_KIND_TABLE.length);
    for (const r of TRAP_KIND_TABLE) {
      expect(r.oid).toMatch(/^1\.3\.6\.1(\.\d+)+$/);
      expect(TRAP_KINDS).toContain(r.kind);
    }
  });

  it.each([
    ['1.3.6.1.4.1.2011.5.25.219.2.5.5', 'power', 'hwPowerTrap'], // hwPowerInvalid
    ['1.3.6.1.4.1.2011.5.25.219.2.6.3', 'fan', 'hwFanTrap'], // hwFanFail
    ['1.3.6.1.4.1.25506.2.6.2.0.12', 'entity', 'hh3cEntityExtTraps'],
  ] as const)('a notification under a vendor subtree (%s) is %s', (oid, kind, name) => {
    expect(classifyTrap(oid)).toEqual({ kind, name });
  });

  it.each([
    '1.3.6.1.4.1.2011.5.25.219.2.5', // the subtree's own OID names no notification
    '1.3.6.1.4.1.2011.5.25.219.2.50.1', // a sibling sharing the prefix as text, not as arcs
    '1.3.6.1.6.3.1.1.5.3.1',
    '1.3.6.1.4.1.99999.1.0.1',
  ])('%s is other', (oid) => {
    expect(classifyTrap(oid)).toEqual({ kind: 'other', name: null });
  });
});
