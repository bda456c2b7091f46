import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../config/schema.js';

function issues(alerting: unknown): { path: string; message: string }[] {
  const r = configSchema.safeParse({ version: 1, alerting });
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const receivers = [{ name: 'noc', type: 'webhook', secrets: { hmacKey: { env: 'NOC_KEY' } }, options: { url: 'https://noc.example/hook' } }];

describe('the alerting: section', () => {
  it('defaults to nothing configured: nothing is sent', () => {
    const c = configSchema.parse({ version: 1 });
    expect(c.alerting.receivers).toEqual([]);
    expect(c.alerting.route).toBeUndefined();
    expect(c.alerting.escalation.colours).toEqual(['red', 'orange']);
  });

  it('accepts a routing tree, a roster, a window and a nil report', () => {
    expect(issues({
      receivers,
      route: { receivers: ['noc'], groupBy: ['site'], routes: [{ match: { colour: ['red'] }, roster: 'duty', continue: true }] },
      rosters: [{ name: 'duty', slots: [{ days: ['mon'], from: '08:00', to: '18:00', tiers: [['noc']] }] }],
      windows: [{ id: 'w1', scope: { site: ['sh'] }, schedule: { every: 'weekly', days: ['sun'], at: '02:00', durationMinutes: 120 } }],
      nilReport: { at: '09:00', roster: 'duty' },
    })).toEqual([]);
  });

  it.each([
    [{ receivers, route: { receivers: ['pager'] } }, 'alerting.route.receivers.0', 'unknown receiver "pager"'],
    [{ receivers, route: { receivers: ['noc'], routes: [{ roster: 'nobody' }] } }, 'alerting.route.routes.0.roster', 'unknown roster "nobody"'],
    [{ receivers, route: { groupBy: ['site'] } }, 'alerting.route', 'the root route needs receivers or a roster'],
    [{ receivers: [{ name: 'x', type: 'webhook', secrets: { token: 'inline-secret' } }] }, 'alerting.receivers.0.secrets.token', 'never written inline'],
    [{ receivers: [...receivers, ...receivers] }, 'alerting.receivers.1.name', 'declared twice'],
    [{ windows: [{ id: 'w', scope: {}, schedule: { every: 'once', start: '2026-10-02T00:00', end: '2026-10-01T00:00' } }] }, 'alerting.windows.0.schedule.end', 'ends after it starts'],
    [{ windows: [{ id: 'w', scope: {}, schedule: { every: 'daily', at: '25:00', durationMinutes: 5 } }] }, 'alerting.windows.0.schedule.at', 'HH:MM'],
    [{ receivers, nilReport: { at: '09:00' } }, 'alerting.nilReport', 'needs a roster or receivers'],
    [{ receivers, escalation: { tiers: [['ghost']] } }, 'alerting.escalation.tiers.0.0', 'unknown receiver "ghost"'],
    [{ rout: {} }, 'alerting', 'rout'],
  ])('rejects %j at its path', (alerting, path, message) => {
    const found = issues(alerting);
    expect(found.some((i) => i.path === path && i.message.includes(message)), JSON.stringify(found)).toBe(true);
  });
});

describe('docs/alerting.md', () => {
  it('its examples are valid alerting sections', () => {
    const doc = readFileSync(new URL('../../docs/alerting.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) {
      const r = configSchema.safeParse({ version: 1, ...(parse(block) as object) });
      expect(r.success, r.success ? '' : JSON.stringify(r.error.issues)).toBe(true);
    }
  });
});
