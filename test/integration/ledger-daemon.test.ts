/**
 * The ledger's composition in the real daemon (demo network, port 0, real files): policy.yaml's
 * waivers are imported once (audit `waiver.import`) and the analysis applies the ledger's
 * waivers (revoking one over the API un-waives the finding at the next pass); a reload while
 * policy.yaml still lists waivers is rejected, one without them applies and is audited
 * (`config.reload`); the pass time and open hazards by colour are metrics; stopping signs a checkpoint that verifies with the signing key; a restart
 * with waivers back in policy.yaml is refused with the message naming where they live now.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_FILE } from '../../src/analysis/policy.js';
import type { App } from '../../src/app.js';
import { verifyLedger } from '../../src/ledger/verify.js';
import { loadPublicKey } from '../../src/ledger/signing.js';
import { call } from '../support/ledger-api.js';
import { demoAuth, demoNetwork, until } from '../support/ledger-daemon.js';

const T0 = Date.parse('2026-03-10T04:00:00Z');
const WAIVER = `waivers:
  - rule: PWR-001
    subject: { kind: device, id: cr1 }
    reason: PSU 2 of BJ-CR-01 is on order (ticket CHG-1234)
    until: "2026-03-30"
    approvedBy: wang.wu
`;

interface FindingsPage { items: { rule: string; subject: { id: string }; waived?: { reason: string } }[] }

describe('the ledger in the daemon', () => {
  it('imports policy.yaml waivers once, applies the ledger\'s waivers, audits reloads, signs a checkpoint at shutdown and refuses waivers back in the policy file', async () => {
    const net = await demoNetwork('ledger-daemon-community-77a0');
    let app: App | undefined;
    const wall = T0;
    let mono = 5_000_000;
    const clock = { wallMs: () => wall, monotonicMs: () => mono };
    try {
      const policy = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
      expect(policy).toContain('\nwaivers: []\n');
      const policyFile = join(net.dir, 'policy.yaml');
      writeFileSync(policyFile, policy.replace('\nwaivers: []\n', `\n${WAIVER}`));

      app = await net.start(clock);
      const a = app.address();
      const base = `http://${a.host}:${a.port}`;
      const cr1Psu = async (): Promise<FindingsPage['items'][number] | undefined> =>
        (await call<FindingsPage>(base, 'GET', '/api/v1/findings?rule=PWR-001', undefined, demoAuth('viewer'))).body.items.find((f) => f.subject.id === 'cr1');

      const waivers = await call<{ items: { id: string; version: number; source: string; approvedBy: string; active: boolean }[] }>(base, 'GET', '/api/v1/waivers', undefined, demoAuth('viewer'));
      expect(waivers.body.items).toEqual([expect.objectContaining({ source: 'policy.yaml', approvedBy: 'wang.wu', active: true })]);
      const imports = await call<{ items: { actor: string }[] }>(base, 'GET', '/api/v1/audit?action=waiver.import', undefined, demoAuth('inspector'));
      expect(imports.body.items.map((r) => r.actor)).toEqual(['daemon']);

      app.tick();
      await until('every device polled', () => Promise.resolve(app!.ready() ? true : null));
      await app.analyze();
      expect((await cr1Psu())?.waived?.reason).toMatch(/CHG-1234/);
      // the pass's reconciliation is timed and the open hazards counted by colour (low-cardinality labels only)
      const metrics = await until('the ledger metrics', async () => {
        const t = await (await fetch(`${base}/metrics`)).text();
        return /^redline_ledger_pass_seconds_count [1-9]/m.test(t) ? t : null;
      });
      expect(metrics).toMatch(/^redline_hazards_open\{colour="red"\} [1-9]/m);
      expect(metrics.match(/^redline_hazards_open\{/gm)).toHaveLength(4);

      // revoked over the API: the next pass judges the finding without it
      const w = waivers.body.items[0]!;
      expect((await call(base, 'DELETE', `/api/v1/waivers/${encodeURIComponent(w.id)}`, { version: w.version }, demoAuth('admin'))).status).toBe(200);
      await until('the analysis drops the revoked waiver', async () => {
        mono += 15_000;
        await app!.analyze();
        const f = await cr1Psu();
        return f !== undefined && f.waived === undefined ? true : null;
      });

      // the policy file still lists the waiver: a reload is refused; without it, applied and audited
      expect(app.reload()).toBe(false);
      writeFileSync(policyFile, policy);
      expect(app.reload()).toBe(true);
      const reloads = await until('the reload audited', async () => {
        const r = await call<{ items: { actor: string; after: { policyHash: string } }[] }>(base, 'GET', '/api/v1/audit?action=config.reload', undefined, demoAuth('inspector'));
        return r.body.items.length > 0 ? r.body.items : null;
      });
      expect(reloads).toHaveLength(1);
      expect(reloads[0]!.actor).toBe('daemon');
      expect(reloads[0]!.after.policyHash).toMatch(/^[0-9a-f]{64}$/);

      await app.stop();
      app = undefined;
      const report = verifyLedger(join(net.dir, 'ledger.db'), { publicKey: loadPublicKey(join(net.dir, 'ledger-signing.key')) });
      expect(report.ok, JSON.stringify(report.firstBad ?? report.problems)).toBe(true);
      expect(report.checkpoints).toBeGreaterThanOrEqual(1);
      expect(report.unsignedTail).toBe(0);

      // waivers back in the policy file: the daemon refuses to start, saying where they live now
      writeFileSync(policyFile, policy.replace('\nwaivers: []\n', `\n${WAIVER}`));
      await expect(net.start(clock)).rejects.toThrow(/waivers now live in the ledger/);
    } finally {
      await app?.stop();
      await net.close();
    }
  }, 180_000);
});
