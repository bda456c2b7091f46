/**
 * Traps end to end: the daemon polls pe1 (replay agent, v2c) and pe3 (Debian snmpd, SNMPv3) every
 * 300 s; a real v2c trap from snmptrap re-polls pe1 at once and its failed PSU shows in
 * /api/v1/findings within seconds; a v3 trap re-polls pe3; each accepted trap is a `trap:<kind>`
 * transition of its device; a wrong community, an unknown v3 user and an unknown source address
 * are dropped and counted, re-polling nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveSnmptrap, sendTrap } from '../support/snmptrap.js';
import { TRAP_DAEMON_SECRETS as S, startTrapDaemon, type TrapDaemon } from '../support/trap-daemon.js';

interface Findings { items: { rule: string; state: string; subject: { id: string } }[] }
interface Transitions { items: { subject: string; to: string }[] }

const run = haveSnmptrap();

describe.runIf(run)('traps in the daemon (real snmptrap, replay agent, snmpd)', () => {
  let started: TrapDaemon | undefined;
  const d = (): TrapDaemon => {
    if (started === undefined) throw new Error('the daemon did not start');
    return started;
  };
  beforeAll(async () => { started = await startTrapDaemon({ pollIntervalSeconds: 300, withSnmpd: true, minRepollSeconds: 1 }); }, 120_000);
  afterAll(async () => { await started?.stop(); });

  const until = async (what: string, cond: () => Promise<boolean>, ms = 20_000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > deadline) throw new Error(`never happened within ${ms} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const psuState = async (): Promise<string | undefined> =>
    (await d().get<Findings>('/api/v1/findings?state=all&rule=PWR-001')).items.find((f) => f.subject.id === 'pe1')?.state;
  const metric = async (line: RegExp): Promise<number> => {
    const text = await d().app.metrics.registry.metrics();
    return [...text.matchAll(new RegExp(line.source, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  };

  it('a v2c PSU trap re-polls the device at once and the finding follows within seconds, far inside the 300 s interval', async () => {
    expect(await psuState()).toBe('protected');
    const before = await d().polls();
    d().setPsu2('failed');
    await sendTrap(d().trapPort, { community: S.community }, '1.3.6.1.4.1.9.9.117.2.0.2');
    // the waits give up long before the next scheduled poll (300 s): only the trap can satisfy them
    // (scripts/trap-latency.ts measures how fast; typically well under a second)
    await until('a re-poll', async () => (await d().polls()) > before, 10_000);
    await until('PWR-001 on pe1 no longer protected', async () => (await psuState()) !== 'protected', 20_000);
    const t = await d().get<Transitions>('/api/v1/devices/pe1/transitions?limit=50');
    expect(t.items).toContainEqual(expect.objectContaining({ subject: 'trap:power', to: 'cefcPowerStatusChange' }));
    expect(await metric(/^redline_traps_total\{result="accepted",kind="power"\} (\d+)/)).toBe(1);
    expect(await metric(/^redline_trap_repolls_total\{result="queued"\} (\d+)/)).toBeGreaterThanOrEqual(1);
  });

  it('a v3 authPriv trap from the snmpd-polled device re-polls it', async () => {
    const before = await d().polls();
    await sendTrap(d().trapPort, { user: S.user, authProtocol: 'SHA-256', authKey: S.authKey, privKey: S.privKey }, '1.3.6.1.6.3.1.1.5.3');
    await until('a re-poll of pe3', async () => (await d().polls()) > before, 10_000);
    await until('the trap in pe3\'s transitions', async () =>
      (await d().get<Transitions>('/api/v1/devices/pe3/transitions?limit=50')).items.some((x) => x.subject === 'trap:link' && x.to === 'linkDown'));
  });

  it.each([
    ['a wrong community', 'bad_community', { community: 'not-the-community-0' }, {}],
    ['an unknown v3 user', 'unknown_user', { user: 'intruder', authKey: S.authKey, privKey: S.privKey }, {}],
    ['an unknown source', 'unknown_source', { community: S.community }, { from: '127.0.0.2' }],
  ] as const)('drops and counts %s, re-polling nothing', async (_what, result, auth, opts) => {
    const line = new RegExp(`^redline_traps_total\\{result="${result}",kind="none"\\} (\\d+)`);
    const dropped = await metric(line);
    const repolls = await metric(/^redline_trap_repolls_total\{[^}]*\} (\d+)/);
    await sendTrap(d().trapPort, auth, '1.3.6.1.6.3.1.1.5.3', opts);
    await until(`${result} counted`, async () => (await metric(line)) > dropped, 10_000);
    expect(await metric(/^redline_trap_repolls_total\{[^}]*\} (\d+)/)).toBe(repolls);
  });

  it('shows no secret in metrics or transitions', async () => {
    const text = (await d().app.metrics.registry.metrics()) + JSON.stringify(await d().get('/api/v1/devices/pe1/transitions'));
    for (const secret of [S.community, S.authKey, S.privKey]) expect(text).not.toContain(secret);
  });
});
