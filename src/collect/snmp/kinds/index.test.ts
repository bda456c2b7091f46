import { describe, expect, it } from 'vitest';
import { emptyObservation } from '../engine.js';
import { PROFILES } from '../profiles/index.js';
import { KINDS, emptyFields, kindOf } from './index.js';

describe('extractor kind registry', () => {
  it('names each kind once', () => {
    const names = KINDS.map((k) => k.kind);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every observation field to exactly one kind, and each kind empties what it owns', () => {
    const owned = KINDS.flatMap((k) => [...k.fields]);
    expect(new Set(owned).size).toBe(owned.length);
    const observationFields = Object.keys(emptyObservation('t', [])).filter((f) => !['target', 'profiles', 'errors'].includes(f));
    expect([...owned].sort()).toEqual([...observationFields].sort());
    for (const k of KINDS) expect(Object.keys(k.empty()).sort()).toEqual([...k.fields].sort());
    expect(Object.keys(emptyFields()).sort()).toEqual([...owned].sort());
  });

  it('knows the kind of every extractor of every built-in profile', () => {
    for (const p of PROFILES) for (const e of p.extract) expect(kindOf(e.kind).kind).toBe(e.kind);
  });

  it('starts each poll with fresh state', () => {
    for (const k of KINDS) expect(k.start()).not.toBe(k.start());
  });
});
