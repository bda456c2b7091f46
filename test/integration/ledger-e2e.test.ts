/**
 * The hazard ledger end to end, over HTTP, on the real daemon (startApp on port 0, manual clock)
 * with the demo configuration's simulated devices on free ports, the demo's documented tokens,
 * and a real ledger file: the first analysis pass opens the demo's hazards; an operator
 * acknowledges cr1's failed-PSU hazard, adds the plan and starts rectification; the PSU is
 * replaced (the simulated device reports it ok) and after the policy's consecutive protected
 * passes the hazard is pending verification by itself; a verifier closes it; an inspector reads,
 * exports and is refused (403) every write; anonymous requests get 401. The audit trail names
 * each actor and verifies.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { DEMO_DEVICES } from '../../src/demo/network.js';
import { verifyLedger } from '../../src/ledger/verify.js';
import { DEFAULT_LEDGER_POLICY } from '../../src/ledger/types.js';
import { syntheticTable } from '../../src/sim/synthetic-devices.js';
import { call } from '../support/ledger-api.js';
import { demoAuth as as, demoNetwork, until, type DemoNetwork } from '../support/ledger-daemon.js';

const COMMUNITY = 'ledger-e2e-community-5d21';
/** A weekday outside every special period of the shipped calendar. */
const T0 = Date.parse('2026-03-10T04:00:00Z');
const INTERVAL_MS = 15_000;

let app: App | undefined;
let net: DemoNetwork;
let base: string;
let wall = T0;
let mono = 1_000_000;

interface HazardBody {
  id: string; version: number; status: string; rule: string; subject: { id: string }; protectedPasses: number;
  ownerPerson: string | null; allowedActions: string[]; verification: { by: string; result: string } | null;
}

/** The hazard of PWR-001 on cr1 as the operator reads it. */
async function cr1Hazard(): Promise<HazardBody | null> {
  const r = await call<{ items: HazardBody[] }>(base, 'GET', '/api/v1/hazards?rule=PWR-001', undefined, as('operator'));
  return r.body.items.find((h) => h.subject.id === 'cr1') ?? null;
}

/** One poll interval later: every device polled again, then one analysis pass (its after-pass hook reconciles the ledger). */
async function nextPass(): Promise<void> {
  wall += INTERVAL_MS;
  mono += INTERVAL_MS;
  app!.tick();
  await app!.settled();
  await app!.analyze();
}

beforeAll(async () => {
  net = await demoNetwork(COMMUNITY);
  app = await net.start({ wallMs: () => wall, monotonicMs: () => mono });
  const a = app.address();
  base = `http://${a.host}:${a.port}`;
  app.tick();
  await until('every device polled', () => Promise.resolve(app!.ready() ? true : null));
  await app.analyze();
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await net.close();
});

describe('the hazard ledger, end to end', () => {
  it('closes the loop on a demo hazard: acknowledged, planned, re-measured as protected, pending verification by itself, verified and closed', async () => {
    const opened = await until('the first pass opens cr1\'s PSU hazard', cr1Hazard);
    expect(opened).toMatchObject({ status: 'open', version: 1, protectedPasses: 0 });
    const path = `/api/v1/hazards/${encodeURIComponent(opened.id)}`;

    // the operator takes it: owner, plan, grade, rectification
    const steps: Record<string, unknown>[] = [
      { action: 'acknowledge', ownerOrg: '北京分公司网络部', ownerPerson: 'zhang.san' },
      { action: 'update', remediationPlan: 'replace PSU 2 of BJ-CR-01 (spare on site)', interimControls: 'power alarms watched hourly' },
      { action: 'confirmGrade', grade: '一般隐患' },
      { action: 'startRectification' },
    ];
    let version = opened.version;
    for (const s of steps) {
      const r = await call<HazardBody>(base, 'PATCH', path, { version, ...s }, as('operator'));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      version = r.body.version;
    }
    expect((await cr1Hazard())).toMatchObject({ status: 'rectifying', ownerPerson: 'zhang.san' });

    // the PSU is replaced: cr1 now reports both supplies ok
    const cr1 = DEMO_DEVICES['cr1']!;
    const entity = cr1.entity!;
    const fixed = { ...cr1, entity: { ...entity, psus: [{ name: 'PSU 1', state: 'ok' as const }, { name: 'PSU 2', state: 'ok' as const }] } };
    net.agents.get('cr1')!.addDevice({ community: COMMUNITY, table: syntheticTable(fixed) });
    // a tick may start a pass of its own besides ours, so count what the ledger saw: the hazard
    // stays rectifying until the policy's consecutive protected passes, then moves by itself
    const seen: string[] = [];
    for (let step = 0; step < 3 * DEFAULT_LEDGER_POLICY.verifyPasses; step++) {
      await nextPass();
      await app!.settled();
      const h = (await cr1Hazard())!;
      seen.push(`${h.status}@${h.protectedPasses}`);
      expect(h.status === 'pendingVerification', seen.join(' ')).toBe(h.protectedPasses >= DEFAULT_LEDGER_POLICY.verifyPasses);
      if (h.status === 'pendingVerification') break;
      expect(h.status).toBe('rectifying');
    }
    expect(seen.at(-1)).toBe(`pendingVerification@${DEFAULT_LEDGER_POLICY.verifyPasses}`);
    const pending = (await cr1Hazard())!;
    expect(pending.allowedActions).toContain('verify');

    // the verifier (not the owner) signs it off
    const closed = await call<HazardBody>(base, 'PATCH', path, { version: pending.version, action: 'verify', verifier: 'li.si', result: 'passed', note: '现场复核两路电源均正常' }, as('admin'));
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', verification: { by: 'li.si', result: 'passed' } });

    const history = await call<{ items: { actor: string; kind: string; to?: string }[] }>(base, 'GET', `${path}/history`, undefined, as('viewer'));
    expect(history.body.items.filter((e) => e.kind === 'status').map((e) => `${e.to} by ${e.actor}`)).toEqual([
      'acknowledged by demo-operator', 'rectifying by demo-operator', 'pendingVerification by daemon', 'closed by demo-admin',
    ]);
  });

  it('lets an inspector read and export, and refuses every write it tries (403)', async () => {
    const id = (await until('a hazard', async () => (await call<{ items: HazardBody[] }>(base, 'GET', '/api/v1/hazards', undefined, as('inspector'))).body.items[0] ?? null)).id;
    const path = `/api/v1/hazards/${encodeURIComponent(id)}`;
    for (const read of ['/api/v1/hazards', path, `${path}/history`, '/api/v1/waivers', '/api/v1/audit', '/api/v1/clearance', `/api/v1/findings?at=${new Date(wall).toISOString()}`]) {
      expect((await call(base, 'GET', read, undefined, as('inspector'))).status, read).toBe(200);
    }
    const csv = await fetch(`${base}/api/v1/hazards/export`, { headers: as('inspector') });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('隐患编号 hazard_id');
    const exports = await call<{ items: { actor: string }[] }>(base, 'GET', '/api/v1/audit?action=export', undefined, as('inspector'));
    expect(exports.body.items.map((r) => r.actor)).toContain('demo-inspector');
    const writes: [string, string, unknown][] = [
      ['PATCH', path, { version: 1, action: 'acknowledge', ownerOrg: 'x', ownerPerson: 'y' }],
      ['POST', '/api/v1/hazards', { foundByMethod: 'patrol', category: '防汛', description: 'water', location: { siteId: 'bj-core' }, protectionClass: 'PC-CORE', colour: 'blue' }],
      ['POST', `${path}/comments`, { text: 'inspector note' }],
      ['POST', `${path}/evidence`, { url: 'https://example.org/x' }],
      ['POST', '/api/v1/waivers', { rule: 'PWR-001', subject: { kind: 'device', id: 'cr1' }, reason: 'inspector tries to accept', until: new Date(wall + 86_400_000).toISOString() }],
      ['DELETE', '/api/v1/waivers/any', { version: 1 }],
    ];
    for (const [method, p, body] of writes) expect((await call(base, method, p, body, as('inspector'))).status, `${method} ${p}`).toBe(403);
  });

  it('answers 401 to anonymous requests on every ledger endpoint', async () => {
    for (const [method, p] of [['GET', '/api/v1/hazards'], ['GET', '/api/v1/hazards/export'], ['GET', '/api/v1/audit'], ['GET', '/api/v1/audit/checkpoint'], ['GET', '/api/v1/clearance'], ['GET', '/api/v1/waivers'], ['POST', '/api/v1/waivers'], ['PATCH', '/api/v1/hazards/x']]) {
      expect((await call(base, method!, p!, method === 'GET' ? undefined : {})).status, `${method} ${p}`).toBe(401);
    }
  });

  it('keeps an audit trail that verifies offline', async () => {
    await until('a hazard', cr1Hazard);
    const report = verifyLedger(join(net.dir, 'ledger.db'));
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });
});
