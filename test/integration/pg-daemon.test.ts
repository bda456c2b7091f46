/**
 * The real daemon on PostgreSQL (settings.store.postgres, a fresh schema): the demo network on
 * free ports, a manual clock, a signed webhook on port 0. The first passes reconcile into
 * PostgreSQL's hazard table (the SQLite ledger file gets no ledger tables); the API lists those
 * hazards; an operator's acknowledgement lands in PostgreSQL with its audit record; the alert
 * outbox is PostgreSQL's and its pages reach the webhook; a restart keeps everything and the
 * chain verifies with a checkpoint signed at shutdown; and the database URL, whose password is a
 * canary, appears in no log line, no metric and no API answer.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadPublicKey } from '../../src/ledger/signing.js';
import { verifyPgLedger } from '../../src/ledger/verify-pg.js';
import { openPgPool } from '../../src/store/postgres/pool.js';
import { captureLogger, type LogLine } from '../support/capture-logger.js';
import { call } from '../support/ledger-api.js';
import { demoAuth as as, demoNetwork, until } from '../support/ledger-daemon.js';
import { startCaptureServer } from '../support/alert-receiver-server.js';
import { dropSchema, freshSchema, pgAvailable, PG_TEST_URL } from '../support/postgres.js';

const COMMUNITY = 'pg-daemon-community-3b7e';
const HOOK_KEY = 'pg-daemon-hook-key-a41f';
/** The password in the daemon's URL: trust authentication ignores it; it must never be seen. */
const CANARY = 'canary-pg-pw-8c4d1e';
/** A weekday outside every special period of the shipped calendar. */
const T0 = Date.parse('2026-03-10T04:00:00Z');

interface HazardBody { id: string; version: number; status: string; rule: string; subject: { id: string }; ownerPerson: string | null }

describe.skipIf(!pgAvailable)('the daemon on PostgreSQL', () => {
  it('reconciles passes into PostgreSQL, serves and audits hazard writes there, keeps the outbox there, survives a restart, and never shows the URL', async () => {
    const schema = freshSchema();
    const url = new URL(PG_TEST_URL);
    if (url.username === '') url.username = 'postgres';
    url.password = CANARY;
    process.env['REDLINE_PG_DAEMON_TEST_URL'] = url.toString();
    process.env['REDLINE_PG_DAEMON_HOOK_KEY'] = HOOK_KEY;
    const hook = await startCaptureServer();
    const net = await demoNetwork(COMMUNITY);
    const db = new pg.Client({ connectionString: PG_TEST_URL });
    await db.connect();
    await db.query(`SET search_path = ${schema}`);
    const count = async (sql: string, params: unknown[] = []): Promise<number> => (await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
    const lines: LogLine[] = [];
    const answers: string[] = [];
    let app: App | undefined;
    let wall = T0;
    let mono = 1_000_000;
    const clock = { wallMs: () => wall, monotonicMs: () => mono };
    try {
      const file = join(net.dir, 'redline.yaml');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('\nsettings:\n');
      writeFileSync(file, text.replace('\nsettings:\n', `\nsettings:\n  store: { postgres: { url: { env: REDLINE_PG_DAEMON_TEST_URL }, schema: ${schema}, poolSize: 4 } }\n`));
      appendFileSync(file, [
        '', 'alerting:', '  receivers:',
        `    - { name: noc-hook, type: webhook, secrets: { secret: { env: REDLINE_PG_DAEMON_HOOK_KEY } }, options: { url: "${hook.url}/redline" } }`,
        '  route: { receivers: [noc-hook], groupBy: [alertname, site, device], groupWaitSeconds: 0 }', '',
      ].join('\n'));

      app = await net.start(clock, captureLogger(lines));
      let base = `http://${app.address().host}:${app.address().port}`;
      const get = async <T>(path: string, role: Parameters<typeof as>[0] = 'viewer'): Promise<T> => {
        const r = await call<T>(base, 'GET', path, undefined, as(role));
        answers.push(r.text);
        expect(r.status, r.text).toBe(200);
        return r.body;
      };
      app.tick();
      await until('every device polled', () => Promise.resolve(app!.ready() ? true : null));
      await app.analyze();

      // the pass reconciled into PostgreSQL
      const inPg = await until('hazards in PostgreSQL', async () => { const n = await count('hazard'); return n > 0 ? n : null; });
      expect(await count('ledger_pass')).toBeGreaterThanOrEqual(1);
      // nothing of the ledger, outbox, accounts, bookings or records is kept in a local file
      expect(existsSync(join(net.dir, 'ledger.db'))).toBe(false);

      // the API lists PostgreSQL's hazards
      const listed = await get<{ total: number; items: HazardBody[] }>('/api/v1/hazards?limit=500');
      expect(listed.total).toBe(inPg);
      const pgIds = (await db.query<{ id: string }>('SELECT id FROM hazard ORDER BY id')).rows.map((r) => r.id);
      expect(listed.items.map((h) => h.id).sort()).toEqual(pgIds);

      // an operator's write lands in PostgreSQL with its audit record
      const cr1 = listed.items.find((h) => h.rule === 'PWR-001' && h.subject.id === 'cr1')!;
      expect(cr1).toBeDefined();
      const ack = await call<HazardBody>(base, 'PATCH', `/api/v1/hazards/${encodeURIComponent(cr1.id)}`, { version: cr1.version, action: 'acknowledge', ownerOrg: '北京分公司网络部', ownerPerson: 'zhang.san' }, as('operator'));
      answers.push(ack.text);
      expect(ack.status, ack.text).toBe(200);
      expect((await db.query<{ owner_person: string }>('SELECT owner_person FROM hazard WHERE id = $1', [cr1.id])).rows[0]?.owner_person).toBe('zhang.san');
      const audited = await db.query<{ actor: string; action: string }>('SELECT actor, action FROM audit WHERE target = $1 ORDER BY seq', [`hazard:${cr1.id}`]);
      expect(audited.rows.at(-1)).toEqual({ actor: expect.not.stringMatching(/^daemon$/) as unknown, action: expect.stringMatching(/acknowledge/) as unknown });

      // a silence an operator books is in PostgreSQL, in the same audit chain
      const silence = await call<{ id: string }>(base, 'POST', '/api/v1/alerting/silences', { matchers: [{ name: 'site', value: 'sh-core' }], endsAt: new Date(wall + 3_600_000).toISOString(), comment: 'PSU swap' }, as('operator'));
      answers.push(silence.text);
      expect(silence.status, silence.text).toBe(201);
      expect(await count('alert_booking')).toBe(1);
      expect(await count("audit WHERE action = 'silence.create'")).toBe(1);

      // the outbox is PostgreSQL's: the pages are delivered from there to the webhook
      await until('a page delivered from the PostgreSQL outbox', async () => (hook.requests.length > 0 && await count("alert_outbox WHERE state = 'delivered'") > 0 ? true : null));
      expect(await count('alert_engine_state')).toBe(1);

      // the gauges count PostgreSQL's hazards
      const metrics = await (await fetch(`${base}/metrics`)).text();
      answers.push(metrics);
      expect(metrics).toMatch(/^redline_hazards\{colour="red",status="(open|acknowledged)"\} [1-9]/m);

      // a restart keeps everything; shutdown signed a checkpoint that verifies
      await app.stop();
      app = undefined;
      expect(await count('audit_checkpoint')).toBeGreaterThanOrEqual(1);
      const pool = await openPgPool({ url: PG_TEST_URL, schema });
      try {
        const report = await verifyPgLedger(pool, { publicKey: loadPublicKey(join(net.dir, 'ledger-signing.key')) });
        expect(report.ok, JSON.stringify(report.firstBad ?? report.problems)).toBe(true);
        expect(report.unsignedTail).toBe(0);
      } finally {
        await pool.end();
      }
      wall += 60_000;
      mono += 60_000;
      app = await net.start(clock, captureLogger(lines));
      base = `http://${app.address().host}:${app.address().port}`;
      const again = await get<{ total: number; items: HazardBody[] }>('/api/v1/hazards?limit=500');
      expect(again.items.map((h) => h.id).sort()).toEqual(pgIds);
      expect(again.items.find((h) => h.id === cr1.id)?.ownerPerson).toBe('zhang.san');
      answers.push(JSON.stringify(await get('/api/v1/audit?limit=500', 'inspector')));
      answers.push(JSON.stringify(await get('/api/v1/audit/checkpoint', 'inspector')));
      const delivered = hook.requests.length;
      app.tick();
      await app.settled();
      await app.analyze();
      await until('the pass after the restart reconciled', async () => (await count('ledger_pass') >= 2 ? true : null));
      answers.push(await (await fetch(`${base}/metrics`)).text());
      answers.push(await (await fetch(`${base}/readyz`)).text());
      // nothing new failed, so the restart pages nothing twice
      expect(hook.requests.length).toBe(delivered);

      // the URL and its password: in no log line, metric or API answer
      expect(lines.some((l) => l.msg.includes('PostgreSQL'))).toBe(true);
      for (const t of [...lines.map((l) => `${l.msg} ${JSON.stringify(l.fields)}`), ...answers, ...hook.requests.map((r) => r.body)]) {
        expect(t).not.toContain(CANARY);
        expect(t).not.toContain(url.toString());
      }
    } finally {
      await app?.stop();
      await net.close();
      await hook.close();
      await db.end();
      await dropSchema(schema);
    }
  }, 240_000);
});
