import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notification, psuAlert } from '../../../test/support/alert-notifications.js';
import { alertmanagerBinary, startAlertmanager, type RunningAlertmanager } from '../../../test/support/alertmanager.js';
import { ManualClock } from '../../../test/support/clock.js';
import { receiverDeps } from '../../../test/support/receiver-deps.js';
import { prerequisite } from '../../../test/support/shared.js';
import { alertmanagerReceiver, postableAlert } from './alertmanager.js';

const binary = alertmanagerBinary();
const present = prerequisite('prometheus-alertmanager', binary !== null, 'Debian package prometheus-alertmanager receives alerts through API v2');

describe('postableAlert', () => {
  it('carries labels (undefined dropped, severity, kind, colour), bilingual annotations, ISO times and the hazard link', () => {
    const a = { ...psuAlert('bj-core-2'), endsAt: Date.UTC(2026, 11, 4, 9, 0, 0) };
    expect(postableAlert(a, 'https://redline.example.net/console/')).toEqual({
      labels: { alertname: 'RedundancyLost', site: 'bj-dc1', class: 'PC-CORE', rule: 'power.redundantPsu', device: 'bj-core-2', measure: 'multiplePower', severity: 'warning', kind: 'redundancyLost', colour: 'orange' },
      annotations: { summary: 'bj-core-2 单电源运行', summary_en: 'bj-core-2 runs on one power supply', description: a.description.zh, description_en: a.description.en, hazard: 'HZ-2026-0001' },
      startsAt: '2026-12-04T08:00:00.000Z',
      endsAt: '2026-12-04T09:00:00.000Z',
      generatorURL: 'https://redline.example.net/console/hazards/HZ-2026-0001',
    });
  });
});

describe.skipIf(!present)('Alertmanager API v2 push to a real prometheus-alertmanager', () => {
  let am: RunningAlertmanager;
  beforeAll(async () => { am = await startAlertmanager(binary!); }, 40_000);
  afterAll(async () => { await am.stop(); });

  it('the alerts pushed show in its /api/v2/alerts with their labels and annotations', async () => {
    // a fixed time in the past, not today's: Alertmanager (Go) keeps the host's real clock even when
    // the tests run with the clock faked (npm run test:dates), and an alert that started in the past
    // with no end is active on any clock
    const now = Date.parse('2026-03-10T04:00:00Z');
    const deps = receiverDeps({}, new ManualClock({ wallMs: now }));
    const receiver = alertmanagerReceiver.build({ name: 'am', type: 'alertmanager', url: am.url }, deps);
    const alerts = [psuAlert('bj-core-1', now - 60_000), psuAlert('bj-core-2', now - 30_000)];
    expect(await receiver.deliver(notification('d-am-1', 'am', now, alerts), new AbortController().signal)).toMatchObject({ ok: true, status: 200 });
    const shown = await (await fetch(`${am.url}/api/v2/alerts`)).json() as { labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; generatorURL: string; status: { state: string } }[];
    const devices = shown.map((s) => s.labels['device']).sort();
    expect(devices).toEqual(['bj-core-1', 'bj-core-2']);
    const one = shown.find((s) => s.labels['device'] === 'bj-core-1')!;
    expect(one.labels).toMatchObject({ alertname: 'RedundancyLost', severity: 'warning', class: 'PC-CORE', colour: 'orange' });
    expect(one.annotations).toMatchObject({ summary: 'bj-core-1 单电源运行', summary_en: 'bj-core-1 runs on one power supply' });
    expect(Date.parse(one.startsAt)).toBe(now - 60_000);
    expect(one.generatorURL).toBe('https://redline.example.net/console/hazards/HZ-2026-0001');
    expect(one.status.state).toBe('active');
  });

  it('an alert it cannot accept is a permanent 400', async () => {
    const deps = receiverDeps({});
    const receiver = alertmanagerReceiver.build({ name: 'am', type: 'alertmanager', url: am.url }, deps);
    const broken = { ...psuAlert(), labels: { alertname: 'RedundancyLost', '1-not-a-label-name': 'x' } };
    const result = await receiver.deliver(notification('d-am-2', 'am', Date.parse('2026-03-10T04:00:00Z'), [broken]), new AbortController().signal);
    expect(result).toMatchObject({ ok: false, retryable: false, status: 400 });
  });
});
