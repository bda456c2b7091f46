import { describe, expect, it } from 'vitest';
import { addDays, instantOf, localParts, minuteOf, weekdayOf } from './local-time.js';

describe('local time in the operator zone', () => {
  it.each([
    ['Asia/Shanghai', '2026-12-05', '02:00', '2026-12-04T18:00:00.000Z'],
    ['UTC', '2026-12-05', '02:00', '2026-12-05T02:00:00.000Z'],
    ['Europe/Berlin', '2026-07-01', '02:00', '2026-07-01T00:00:00.000Z'],
    // spring forward: 02:30 does not exist in Berlin on 2026-03-29; the clock reads 03:30 an hour later
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    // autumn back: 02:30 happens twice on 2026-10-25; the first is taken
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['America/New_York', '2026-03-08', '02:15', '2026-03-08T07:15:00.000Z'],
  ])('%s %s %s is %s', (zone, date, hhmm, iso) => {
    expect(new Date(instantOf(date, minuteOf(hhmm), zone)).toISOString()).toBe(iso);
  });

  it('reads an instant back as local date, weekday and minute', () => {
    expect(localParts(Date.parse('2026-12-04T18:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-12-05', weekday: 'sat', minute: 150 });
  });

  it('does calendar arithmetic across months and knows weekdays', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-12-07')).toBe('mon');
  });
});
