import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AfterPass, JsonValue } from '../analysis/worker/after-pass.js';
import type { Finding } from '../analysis/finding.js';
import { configSchema } from '../config/schema.js';
import { openLedgerDb } from '../ledger/sqlite-db.js';
import { finding, T } from '../../test/support/hazard-builders.js';
import { openSqliteLedgerStore } from '../ledger/sqlite-store.js';
import { openSqliteBookingStore } from './booking-sqlite.js';
import type { Silence } from './bookings.js';
import { createAfterPass, type AlertingHookOptions, type AlertingStepResult } from './after-pass.js';
import type { Notification } from './types.js';

const AT = T('2026-03-10T04:00:00Z');
const alerting = configSchema.parse({
  version: 1,
  alerting: { receivers: [{ name: 'noc', type: 'webhook' }], route: { receivers: ['noc'], groupWaitSeconds: 0, groupIntervalSeconds: 60 } },
}).alerting;

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'redline-alerting-hook-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

function options(over: Partial<AlertingHookOptions> = {}): JsonValue {
  const o: AlertingHookOptions = {
    ledgerFile: join(dir, 'ledger.db'), alerting: JSON.parse(JSON.stringify(alerting)) as AlertingHookOptions['alerting'],
    timeZone: 'Asia/Shanghai', parents: {}, devices: [{ id: 'cr1', site: 'sh-core', class: 'PC-CORE' }], periods: [], tickSeconds: 3600, ...over,
  };
  return JSON.parse(JSON.stringify(o)) as JsonValue;
}

const passAt = (at: number, findings: readonly Finding[]): AfterPass => ({ at, findings, policyHash: 'p1' });

function outbox(): Notification[] {
  const db = openLedgerDb(join(dir, 'ledger.db'));
  try {
    return (db.prepare('SELECT notification FROM alert_outbox ORDER BY id').all() as { notification: string }[]).map((r) => JSON.parse(r.notification) as Notification);
  } finally {
    db.close();
  }
}

describe('the alerting after-pass hook on a real ledger file', () => {
  it('pages a failing finding once, keeps its state across a restart (no second page), and sends the resolve', async () => {
    const gap = finding({ subject: { kind: 'device', id: 'cr1' }, rule: 'PWR-001' });
    const first = await createAfterPass(options())(passAt(AT, [gap])) as AlertingStepResult;
    expect(first).toMatchObject({ alerts: 1, enqueued: 1, tickError: null });
    expect(outbox()).toEqual([expect.objectContaining({ receiver: 'noc', status: 'firing', reason: 'new' })]);

    // a new hook (a restarted worker) on the same file: the engine's state was persisted, nothing new to page
    const again = await createAfterPass(options({ tickSeconds: 3599 }))(passAt(AT + 15_000, [gap])) as AlertingStepResult;
    expect(again.enqueued).toBe(0);
    expect(outbox()).toHaveLength(1);

    const later = createAfterPass(options({ tickSeconds: 3598 }));
    await later(passAt(AT + 30_000, [{ ...gap, state: 'protected', colour: null }]));
    await later(passAt(AT + 120_000, [{ ...gap, state: 'protected', colour: null }]));
    const sent = outbox();
    expect(sent.map((n) => n.status)).toEqual(['firing', 'resolved']);
    expect(new Set(sent.map((n) => n.deliveryId)).size).toBe(2);
  });

  it('a silence booked through the store between passes mutes at the next step, and its alert is sent when it is expired', async () => {
    const gap = finding({ subject: { kind: 'device', id: 'cr1' }, rule: 'PWR-001' });
    const hook = createAfterPass(options({ tickSeconds: 3597 }));
    await hook(passAt(AT, []));
    // the daemon's thread books on its own connection to the same file, as the API does
    const ledger = openSqliteLedgerStore(join(dir, 'ledger.db'));
    const bookings = openSqliteBookingStore(ledger.db);
    const s: Silence = {
      id: 'si-1', version: 1, createdAt: AT, createdBy: 'op', updatedAt: AT, updatedBy: 'op', closedAt: null, closedBy: null, closedHow: null,
      matchers: [{ name: 'device', op: '=', value: 'cr1' }], startsAt: AT, endsAt: AT + 3_600_000, comment: 'PSU swap',
    };
    await bookings.create('silence', s, { at: AT, actor: 'op', action: 'silence.create', target: 'silence:si-1', before: null, after: s });
    const muted = await hook(passAt(AT + 60_000, [gap])) as AlertingStepResult;
    expect(muted).toMatchObject({ alerts: 1, silenced: 1, enqueued: 0 });
    await bookings.update('silence', 'si-1', 1, (cur) => {
      const item = { ...cur, version: 2, closedAt: AT + 120_000, closedBy: 'op', closedHow: 'expired' as const };
      return { item, audit: { at: AT + 120_000, actor: 'op', action: 'silence.expire', target: 'silence:si-1', before: cur, after: item } };
    });
    await ledger.close();
    const freed = await hook(passAt(AT + 180_000, [gap])) as AlertingStepResult;
    expect(freed).toMatchObject({ silenced: 0, enqueued: 1 });
    expect(outbox().map((n) => [n.reason, n.alerts.map((a) => a.labels.device)])).toEqual([['windowEnded', ['cr1']]]);
  });

  it('refuses bad options with the field named', () => {
    expect(() => createAfterPass({ ...(options() as Record<string, JsonValue>), tickSeconds: 0 })).toThrow(/alerting after-pass hook: bad options: tickSeconds/);
  });
});
