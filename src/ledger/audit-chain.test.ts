import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, firstChainBreak, GENESIS_HASH, nextRecord } from './audit-chain.js';
import type { AuditEntry, AuditRecord } from './types.js';

const entry = (n: number): AuditEntry => ({ at: 1_700_000_000_000 + n, actor: 'daemon', action: 'hazard.open', target: `hazard:h${n}`, before: null, after: { status: 'open', n } });

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 0; i < n; i++) out.push(nextRecord(out.at(-1) ?? null, entry(i)));
  return out;
}

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: { d: [3, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[3,{"y":2,"z":1}]}}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [[undefined, 1], '[null,1]'],
    [Number.NaN, 'null'],
    ['中文\n', '"中文\\n"'],
    [undefined, 'null'],
  ])('%j → %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });
});

describe('the audit hash chain', () => {
  it('links each record to the previous one, starting from the genesis hash', () => {
    const c = chain(3);
    expect(c.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    expect(c[1]!.prevHash).toBe(c[0]!.hash);
    expect(c[2]!.hash).toBe(chainHash(c[1]!.hash, 3, entry(2)));
    expect(firstChainBreak(c)).toBeNull();
  });

  it('does not depend on the order keys were written in', () => {
    const a = chainHash(GENESIS_HASH, 1, { ...entry(0), after: { x: 1, y: 2 } });
    const b = chainHash(GENESIS_HASH, 1, { ...entry(0), after: { y: 2, x: 1 } });
    expect(a).toBe(b);
  });

  it('names the first edited, removed, swapped or inserted record', () => {
    const c = chain(5);
    const edited = c.map((r) => (r.seq === 3 ? { ...r, actor: 'mallory' } : r));
    expect(firstChainBreak(edited)).toMatchObject({ seq: 3, reason: expect.stringContaining('edited') as string });

    const removed = c.filter((r) => r.seq !== 2);
    expect(firstChainBreak(removed)).toMatchObject({ seq: 3, reason: expect.stringContaining('missing') as string });

    const swapped = [c[0]!, c[2]!, c[1]!, c[3]!, c[4]!];
    expect(firstChainBreak(swapped)?.seq).toBe(3);

    // an insertion that renumbers and rehashes what follows still breaks at the first record whose content changed
    const forged = nextRecord(c[1]!, { ...entry(9), actor: 'mallory' });
    const rest = chain(5).slice(2).map((r) => ({ ...r, seq: r.seq + 1 }));
    expect(firstChainBreak([c[0]!, c[1]!, forged, ...rest])?.seq).toBe(4);
  });

  it('continues from a known good record', () => {
    const c = chain(4);
    expect(firstChainBreak(c.slice(2), c[1])).toBeNull();
    expect(firstChainBreak(c.slice(2), c[0])).toMatchObject({ seq: 3 });
  });
});
