import { describe, expect, it } from 'vitest';
import { notification, psuAlert } from '../../../test/support/alert-notifications.js';
import { formatInZone, notificationBody, notificationTitle } from './message-text.js';

const at = Date.UTC(2026, 11, 4, 8, 0, 0);

describe('notification wording', () => {
  it('shows times in the operator\'s zone with the zone named', () => {
    expect(formatInZone(at, 'Asia/Shanghai')).toBe('2026-12-04 16:00:00 Asia/Shanghai');
    expect(formatInZone(at, 'UTC')).toBe('2026-12-04 08:00:00 UTC');
  });

  it('titles firing and resolved groups in both languages, zh-CN first, with the count', () => {
    expect(notificationTitle(notification('d-1', 'x', at))).toBe('[告警 FIRING] bj-core-1 单电源运行 / bj-core-1 runs on one power supply');
    const resolved = { ...notification('d-2', 'x', at, [{ ...psuAlert(), endsAt: at + 600_000 }, psuAlert('bj-core-9')]), status: 'resolved' as const };
    expect(notificationTitle(resolved)).toMatch(/^\[已恢复 RESOLVED ×2\] /);
  });

  it('writes every alert in zh-CN, then in English, with risk level, times, labels, the hazard link and the delivery id', () => {
    const body = notificationBody({ ...notification('d-3', 'x', at, [{ ...psuAlert(), endsAt: at + 600_000 }]) }, { style: 'plain', timeZone: 'Asia/Shanghai', consoleUrl: 'https://r.example/console/' });
    const zh = body.indexOf('风险等级: 较大风险');
    const en = body.indexOf('Risk level: significant risk (orange)');
    expect(zh).toBeGreaterThan(-1);
    expect(en).toBeGreaterThan(zh);
    expect(body).toContain('结束: 2026-12-04 16:10:00 Asia/Shanghai');
    expect(body).toContain('Labels: site=bj-dc1, class=PC-CORE, rule=power.redundantPsu, device=bj-core-1, measure=multiplePower');
    expect(body).toContain('Hazard HZ-2026-0001: https://r.example/console/hazards/HZ-2026-0001');
    expect(body).toContain('delivery d-3');
    expect(body).not.toContain('**');
  });

  it('leaves the link out without a console address', () => {
    expect(notificationBody(notification('d-4', 'x', at), { style: 'markdown', timeZone: 'Asia/Shanghai' })).not.toContain('/hazards/');
  });
});
