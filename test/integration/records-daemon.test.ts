/**
 * The records in the real daemon (demo network on replay agents, port 0, real state and ledger
 * files, a manual clock): an operator files a cutover for BJ-CR-02 over the API and an admin
 * approves it; then both core routers restart (their agents answer a small sysUpTime). At the
 * next pass the reboot inside the approved window is no finding and the one with no plan is
 * (OPS-003, 较大 orange), the approval is in the audit trail, and the inspector may read the
 * cutover but not change it.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { DEMO_DEVICES } from '../../src/demo/network.js';
import { syntheticTable } from '../../src/sim/synthetic-devices.js';
import { call } from '../support/ledger-api.js';
import { demoAuth, demoNetwork, until } from '../support/ledger-daemon.js';

const T0 = Date.parse('2026-09-12T04:00:00Z');
const HOUR = 3_600_000;

interface Findings { items: { rule: string; subject: { id: string }; state: string; colour: string | null; explanation: { en: string } }[] }

describe('the records in the daemon', () => {
  it('a reboot inside an approved cutover window is no finding; a reboot outside any plan is', async () => {
    const community = 'records-daemon-community-5c1e';
    const net = await demoNetwork(community);
    let app: App | undefined;
    let mono = 7_000_000;
    const clock = { wallMs: () => T0, monotonicMs: () => mono };
    try {
      app = await net.start(clock);
      const a = app.address();
      const base = `http://${a.host}:${a.port}`;
      app.tick();
      await until('every device polled', () => Promise.resolve(app!.ready() ? true : null));
      await app.analyze();
      const ops = async (): Promise<Record<string, string>> => Object.fromEntries(
        (await call<Findings>(base, 'GET', '/api/v1/findings?rule=OPS-003&state=all', undefined, demoAuth('viewer'))).body.items
          .filter((f) => f.subject.id === 'cr1' || f.subject.id === 'cr2').map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]),
      );
      expect(await ops()).toEqual({ cr1: 'protected', cr2: 'protected' });

      const created = await call<{ id: string }>(base, 'POST', '/api/v1/records/cutovers', {
        ref: 'CHG-2026-0912', title: 'BJ-CR-02 software upgrade', category: 'upgrade',
        operationPlan: { ref: 'OP-88', summary: 'ISSU on BJ-CR-02' }, rollbackPlan: { ref: 'RB-88', summary: 'boot the previous image' },
        windowStart: new Date(T0 - HOUR).toISOString(), windowEnd: new Date(T0 + HOUR).toISOString(), affected: { devices: ['cr2'] },
      }, demoAuth('operator'));
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect((await call(base, 'POST', `/api/v1/records/cutovers/${id}/approve`, { version: 1 }, demoAuth('operator'))).status).toBe(403);
      expect((await call(base, 'POST', `/api/v1/records/cutovers/${id}/approve`, { version: 1 }, demoAuth('admin'))).status).toBe(200);
      expect((await call(base, 'PATCH', `/api/v1/records/cutovers/${id}`, { version: 2, title: 'x' }, demoAuth('inspector'))).status).toBe(403);
      expect((await call<{ status: string }>(base, 'GET', `/api/v1/records/cutovers/${id}`, undefined, demoAuth('inspector'))).body.status).toBe('approved');

      // both core routers restart: their agents now answer a sysUpTime of a few minutes
      for (const d of ['cr1', 'cr2'] as const) net.agents.get(d)!.addDevice({ community, table: syntheticTable({ ...DEMO_DEVICES[d]!, uptimeSeconds: 240 }) });
      await until('both reboots recorded', async () => {
        mono += 60_000;
        app!.tick();
        const seen = await Promise.all(['cr1', 'cr2'].map(async (d) => (await call<{ items: { subject: string }[] }>(base, 'GET', `/api/v1/devices/${d}/transitions`, undefined, demoAuth('viewer'))).body.items.some((t) => t.subject === 'reboot')));
        return seen.every(Boolean) ? true : null;
      });
      // a pass asked for earlier (a record write asks for one) may still be finishing: wait for one that saw the reboots
      const after = await until('a pass after the reboots', async () => {
        await app!.analyze();
        const o = await ops();
        return o['cr1'] === 'protected' ? null : o;
      });
      expect(after).toEqual({ cr1: 'degraded orange', cr2: 'protected' });
      const approvals = await call<{ items: { actor: string; target: string }[] }>(base, 'GET', '/api/v1/audit?action=record.cutover.approve', undefined, demoAuth('inspector'));
      expect(approvals.body.items).toEqual([expect.objectContaining({ actor: 'demo-admin', target: `cutover:${id}` })]);
    } finally {
      await app?.stop();
      await net.close();
    }
  }, 120_000);
});
