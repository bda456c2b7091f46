import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './netbox/client.js';
import { parseSharedRisks } from './shared-risks.js';

describe('parseSharedRisks', () => {
  it.each([
    ['duct:D-7, cable:BJ-SH-F1', [{ kind: 'duct', id: 'D-7' }, { kind: 'cable', id: 'BJ-SH-F1' }], 0],
    ['管道：D-7；光缆:F1、杆路:P-3', [{ kind: 'duct', id: 'D-7' }, { kind: 'cable', id: 'F1' }, { kind: 'poleRoute', id: 'P-3' }], 0],
    ['duct:D-7, duct:D-7', [{ kind: 'duct', id: 'D-7' }], 0],
    ['tunnel:T1', [], 1],
    ['D-7', [], 1],
    ['duct:东区管道', [], 1],
    ['', [], 0],
  ] as const)('%j', (text, risks, problems) => {
    const r = parseSharedRisks(text);
    expect(r.risks).toEqual(risks);
    expect(r.problems).toHaveLength(problems);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-10T04:00:00Z');
  it.each([
    ['3', 3000], ['0', 0], ['Tue, 10 Mar 2026 04:00:05 GMT', 5000], ['Tue, 10 Mar 2026 03:00:00 GMT', 0], ['soon', null], [null, null],
  ] as const)('%s', (h, want) => {
    expect(retryAfterMs(h, now)).toBe(want);
  });
});
