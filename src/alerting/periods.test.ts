import { describe, expect, it } from 'vitest';
import { EMPTY_NIL_REPORT, nilReportStep, type NilReportState } from './periods.js';
import type { Notification } from './types.js';

const SH = 'Asia/Shanghai';
const holiday = [{ id: 'nd', kind: 'holiday' as const, name: '国庆 National Day' }];
const config = { at: '09:00', onlyInSpecialPeriods: true, roster: 'duty' };
const duty = { duty: [['alice', 'bob'], ['lead']] };

function run(steps: readonly [string, readonly typeof holiday[number][]][], cfg: typeof config | { at: string; onlyInSpecialPeriods: boolean; receivers: string[] } = config): Notification[] {
  let state: NilReportState = EMPTY_NIL_REPORT;
  const sent: Notification[] = [];
  for (const [iso, periods] of steps) {
    const r = nilReportStep(state, Date.parse(iso), SH, cfg, periods, duty, 0);
    state = JSON.parse(JSON.stringify(r.state)) as NilReportState;
    sent.push(...r.notifications);
  }
  return sent;
}

describe('the daily nil report', () => {
  it('goes to the duty tier at the local time, once a day, during a special period', () => {
    const sent = run([['2026-10-01T00:59:00Z', holiday], ['2026-10-01T01:00:00Z', holiday], ['2026-10-01T05:00:00Z', holiday], ['2026-10-02T01:30:00Z', holiday]]);
    expect(sent.map((n) => [n.receiver, n.groupLabels['date'], n.reason])).toEqual([
      ['alice', '2026-10-01', 'nilReport'], ['bob', '2026-10-01', 'nilReport'], ['alice', '2026-10-02', 'nilReport'], ['bob', '2026-10-02', 'nilReport'],
    ]);
    expect(sent[0]!.alerts[0]!.summary.zh).toBe('零报告 2026-10-01（国庆 National Day）');
    expect(sent[0]!.alerts[0]!.description.zh).toContain('Asia/Shanghai 时间');
  });

  it('sends nothing outside special periods unless told to', () => {
    expect(run([['2026-10-01T02:00:00Z', []]])).toEqual([]);
    expect(run([['2026-10-01T02:00:00Z', []]], { at: '09:00', onlyInSpecialPeriods: false, receivers: ['noc'] }).map((n) => n.receiver)).toEqual(['noc']);
  });

  it('a jump forward over days sends today only; a jump back never resends a day', () => {
    const sent = run([['2026-10-01T02:00:00Z', holiday], ['2026-10-05T02:00:00Z', holiday], ['2026-10-03T02:00:00Z', holiday], ['2026-10-05T03:00:00Z', holiday]], { at: '09:00', onlyInSpecialPeriods: true, receivers: ['noc'] });
    expect(sent.map((n) => n.groupLabels['date'])).toEqual(['2026-10-01', '2026-10-05']);
  });
});
