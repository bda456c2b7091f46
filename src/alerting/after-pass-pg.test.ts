/**
 * The alerting after-pass hook with settings.store.postgres: the engine's state and the outbox in
 * PostgreSQL (a fresh schema), the hazards read from the PostgreSQL ledger, and the bookings read
 * where they live — the ledger file while the booking store is still SQLite's, or PostgreSQL's
 * `alert_booking` once it moves there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AfterPass, JsonValue } from '../analysis/worker/after-pass.js';
import { configSchema } from '../config/schema.js';
import { openPgLedgerStore, type PgLedgerStore } from '../ledger/pg-store.js';
import { openSqliteLedgerStore } from '../ledger/sqlite-store.js';
import { finding, T } from '../../test/support/hazard-builders.js';
import { dropSchema, freshSchema, pgAvailable, PG_TEST_URL } from '../../test/support/postgres.js';
import { openSqliteBookingStore } from './booking-sqlite.js';
import type { Silence } from './bookings.js';
import { createAfterPass, type AlertingHookOptions, type AlertingStepResult } from './after-pass.js';
import { openPgOutbox } from './outbox-pg.js';
import type { Notification } from './types.js';

const AT = T('2026-03-10T04:00:00Z');
const alerting = configSchema.parse({
  version: 1,
  alerting: { receivers: [{ name: 'noc', type: 'webhook' }], route: { receivers: ['noc'], groupWaitSeconds: 0, groupIntervalSeconds: 60 } },
}).alerting;
const SILENCE: Silence = {
  id: 'si-1', version: 1, createdAt: AT, createdBy: 'op', updatedAt: AT, updatedBy: 'op', closedAt: null, closedBy: null, closedHow: null,
  matchers: [{ name: 'device', op: '=', value: 'cr1' }], startsAt: AT, endsAt: AT + 3_600_000, comment: 'PSU swap',
};

describe.skipIf(!pgAvailable)('the alerting after-pass hook on PostgreSQL', () => {
  let dir: string;
  let schema: string;
  let ledger: PgLedgerStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'redline-alerting-hook-pg-'));
    schema = freshSchema();
    ledger = await openPgLedgerStore({ url: PG_TEST_URL, schema });
    await openPgOutbox(ledger.pool);
  });
  afterEach(async () => {
    await ledger.close();
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  const options = (bookings: 'ledgerFile' | 'postgres', tickSeconds: number): JsonValue => {
    const o: AlertingHookOptions = {
      ledgerFile: join(dir, 'ledger.db'), postgres: { url: PG_TEST_URL, schema }, bookings,
      alerting: JSON.parse(JSON.stringify(alerting)) as AlertingHookOptions['alerting'],
      timeZone: 'Asia/Shanghai', parents: {}, devices: [{ id: 'cr1', site: 'sh-core', class: 'PC-CORE' }], periods: [], tickSeconds,
    };
    return JSON.parse(JSON.stringify(o)) as JsonValue;
  };
  const passAt = (at: number, findings: AfterPass['findings']): AfterPass => ({ at, findings, policyHash: 'p1' });
  const outbox = async (): Promise<Notification[]> =>
    (await ledger.pool.query<{ notification: string }>('SELECT notification FROM alert_outbox ORDER BY id')).rows.map((r) => JSON.parse(r.notification) as Notification);
  const gap = finding({ subject: { kind: 'device', id: 'cr1' }, rule: 'PWR-001' });

  it('pages once into the PostgreSQL outbox and keeps the engine state there across a new hook', async () => {
    expect(await createAfterPass(options('ledgerFile', 3601))(passAt(AT, [gap]))).toMatchObject({ alerts: 1, enqueued: 1 });
    expect(await outbox()).toEqual([expect.objectContaining({ receiver: 'noc', status: 'firing', reason: 'new' })]);
    expect(await createAfterPass(options('ledgerFile', 3602))(passAt(AT + 15_000, [gap]))).toMatchObject({ enqueued: 0 });
    expect((await ledger.pool.query('SELECT 1 FROM alert_engine_state')).rowCount).toBe(1);
  });

  it('a silence booked in the ledger file mutes the next step', async () => {
    const hook = createAfterPass(options('ledgerFile', 3603));
    await hook(passAt(AT, []));
    const file = openSqliteLedgerStore(join(dir, 'ledger.db'));
    await openSqliteBookingStore(file.db).create('silence', SILENCE, { at: AT, actor: 'op', action: 'silence.create', target: 'silence:si-1', before: null, after: SILENCE });
    await file.close();
    expect(await hook(passAt(AT + 60_000, [gap])) as AlertingStepResult).toMatchObject({ alerts: 1, silenced: 1, enqueued: 0 });
    expect(await outbox()).toEqual([]);
  });

  it('with the bookings on PostgreSQL, a silence in alert_booking mutes the next step', async () => {
    const hook = createAfterPass(options('postgres', 3604));
    await hook(passAt(AT, []));
    await ledger.pool.query('INSERT INTO alert_booking (id, kind, version, created_at, standing_until, json) VALUES ($1, $2, 1, $3, $4, $5)',
      [SILENCE.id, 'silence', AT, SILENCE.endsAt, JSON.stringify(SILENCE)]);
    expect(await hook(passAt(AT + 60_000, [gap])) as AlertingStepResult).toMatchObject({ alerts: 1, silenced: 1, enqueued: 0 });
    await ledger.pool.query('UPDATE alert_booking SET standing_until = $1', [AT + 120_000]);
    expect(await hook(passAt(AT + 180_000, [gap])) as AlertingStepResult).toMatchObject({ silenced: 0, enqueued: 1 });
  });
});
