import { describe, expect, it } from 'vitest';
import { fieldsOf, readForm } from './records-fields.js';

const form = (o: Record<string, string>): URLSearchParams => new URLSearchParams(o);

describe('record forms read into the API\'s input', () => {
  it('builds the nested input: times in the zone with their offset, lists split, blanks as null or left to the default', () => {
    const r = readForm('drill', 'create', form({
      title: 'PSU pull', scenario: 's', planId: '', group: 'cr1+cr2', 'elements.devices': 'cr1，cr2 cr3', start: '2026-08-31T14:00', end: '2026-08-31T15:00',
      participants: 'Li, Wang', status: 'done', result: 'pass', measuredSwitchMs: '35', reportRef: '', notes: '',
    }), 'Asia/Shanghai');
    expect(r).toEqual({
      ok: true,
      input: expect.objectContaining({
        planId: null, group: 'cr1+cr2', elements: { devices: ['cr1', 'cr2', 'cr3'], links: [], sites: [], riskGroups: [] },
        start: Date.parse('2026-08-31T06:00:00Z'), end: Date.parse('2026-08-31T07:00:00Z'), participants: ['Li', 'Wang'], measuredSwitchMs: 35, reportRef: '',
      }) as unknown,
    });
  });

  it('keeps each problem with its field: required, not a time, not a number, and the schema\'s own', () => {
    const r = readForm('plan', 'create', form({ title: '', scenario: 's', planVersion: 'v1', owner: 'o', lastReviewedAt: '31/08/2026', reviewIntervalDays: 'a year', 'scope.sites': 'bad site!' }), 'Asia/Shanghai');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([...r.errors.keys()].sort()).toEqual(['lastReviewedAt', 'reviewIntervalDays', 'scope.sites', 'title']);
    expect(r.errors.get('title')![0]!.en).toBe('Required.');
  });

  it('puts a checklist item\'s problem on the row it was typed in, blank rows skipped', () => {
    const r = readForm('checklist', 'create', form({
      title: 't', periodId: 'p', dueAt: '2026-09-30T00:00', 'items.0.category': 'patrol', 'items.0.text': '',
      'items.1.category': 'patrol', 'items.1.text': 'ok row', 'items.2.category': 'patrol', 'items.2.text': 'bad site', 'items.2.site': 'no good!',
    }), 'Asia/Shanghai');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([...r.errors.keys()]).toEqual(['items.2.site']);
  });

  it('an edit leaves out what only a new record has (a checklist\'s items)', () => {
    expect(fieldsOf('checklist', 'edit').map((f) => f.name)).toEqual(['title', 'periodId', 'dueAt', 'sites']);
    const r = readForm('checklist', 'edit', form({ title: 't', periodId: 'p', dueAt: '2026-09-30T00:00', sites: '' }), 'Asia/Shanghai');
    expect(r).toEqual({ ok: true, input: { title: 't', periodId: 'p', dueAt: Date.parse('2026-09-29T16:00:00Z'), sites: [] } });
  });
});
