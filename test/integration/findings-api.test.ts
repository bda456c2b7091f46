/**
 * `GET /api/v1/findings` and `GET /api/v1/whatif`, end to end: the daemon (startApp, manual
 * clock) on a copy of the demo configuration whose simulated devices and SMS health endpoints
 * run on free ports, polls them, runs the analysis after the first full cycle, and serves the
 * findings with their filters (state, colour, class, site, rule), the error shape on bad
 * filters, the what-if on the live network, and the redline_findings metric.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analysis/finding.js';
import { startApp, type App } from '../../src/app.js';
import { silentLogger } from '../../src/common/logger.js';
import { parseConfig } from '../../src/config/load.js';
import { DEMO_CONFIG_DIR, listenSmsHealth } from '../../src/demo/simulated-network.js';
import { DEMO_DEVICES } from '../../src/demo/network.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { syntheticTable } from '../../src/sim/synthetic-devices.js';

const COMMUNITY = 'findings-api-community-91c2';
/** The daemon's clock starts here (no special period of config/policy.yaml is active). */
const NOW = Date.parse('2026-03-10T04:00:00Z');

interface FindingsBody {
  at: string;
  total: number;
  items: Finding[];
  summary: { byState: Record<string, number>; rules: { rule: string }[] };
  waivers: unknown[];
}

let app: App | undefined;
let http: Server;
let dir: string;
const agents: ReplayAgent[] = [];

async function get<T>(path: string): Promise<{ status: number; body: T; text: string }> {
  const a = app!.address();
  // the demo configuration's documented viewer token (admitted because this daemon runs the demo's configuration)
  const res = await fetch(`http://${a.host}:${a.port}${path}`, { headers: { authorization: 'Bearer demo-viewer' } });
  const text = await res.text();
  return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : null) as T, text };
}

/** Waits for a condition the daemon reaches by itself (a poll answered, an analysis done), checking every 20 ms. */
async function until(what: string, cond: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pairs = (items: readonly Finding[]): string[] => items.map((f) => `${f.rule} ${f.subject.id}`).sort();

beforeAll(async () => {
  // the SMS platform's health endpoints, the demo's own: site A up, site B down
  http = await listenSmsHealth(0);
  const httpPort = (http.address() as AddressInfo).port;
  // the demo configuration, with every simulated device and the health endpoints on free ports
  let text = readFileSync(join(DEMO_CONFIG_DIR, 'redline.yaml'), 'utf8').replaceAll('127.0.0.1:16180', `127.0.0.1:${httpPort}`);
  const demo = parseConfig(text, 'redline.yaml');
  for (const d of demo.devices) {
    const desc = DEMO_DEVICES[d.id];
    if (d.snmp === undefined || desc === undefined) continue;
    const agent = new ReplayAgent([{ community: COMMUNITY, table: syntheticTable(desc) }]);
    const port = await agent.start();
    agents.push(agent);
    expect(text.split(`port: ${d.snmp.port},`).length, d.id).toBe(2);
    text = text.replace(`port: ${d.snmp.port},`, `port: ${port},`);
  }
  dir = mkdtempSync(join(tmpdir(), 'redline-findings-api-'));
  writeFileSync(join(dir, 'redline.yaml'), text.replace('listen: 127.0.0.1:9740', 'listen: 127.0.0.1:0'));
  process.env['REDLINE_DEMO_COMMUNITY'] = COMMUNITY;
  // a fixed clock, outside every special period of the shipped calendar: the findings must not
  // depend on the day the test runs. Every device and health check is due on the first tick.
  const daemon = await startApp({ configPath: dir, logger: silentLogger, manualClock: true, stateFile: join(dir, 'state.db'), now: () => NOW, demoTokens: true });
  app = daemon;
  daemon.tick();
  await until('every device polled', () => daemon.ready());
  await until('both health checks answered', async () => {
    const h = await get<{ items: { status: string }[] }>('/api/v1/health-checks');
    return h.body.items.length === 2 && h.body.items.every((x) => x.status === 'up' || x.status === 'down');
  });
  // the tick after the first full cycle starts the analysis; it yields between rules, so wait for it
  daemon.tick();
  await until('the first analysis', async () => (await get<null>('/api/v1/findings')).status === 200);
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all(agents.map((a) => a.stop()));
  await new Promise<void>((r) => { http.close(() => { r(); }); });
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/findings', () => {
  it('lists every failing or unknown finding by default, worst first', async () => {
    const r = await get<FindingsBody>('/api/v1/findings');
    expect(r.status).toBe(200);
    expect(pairs(r.body.items)).toEqual([
      'LOAD-001 cr1:Bundle-Ether1', 'LOAD-001 cr2:Bundle-Ether1',
      'NODE-001 sms', 'NODE-002 cr1+cr2', 'PWR-001 cr1', 'PWR-001b cr2', 'RTE-002 bj-sh',
    ]);
    expect(r.body.items.at(-1)?.state).toBe('unknown');
    expect(r.body.summary.byState['protected']).toBeGreaterThan(20);
    expect(r.body.waivers).toEqual([]);
    expect(r.text).not.toContain(COMMUNITY);
  });

  it.each([
    ['state=unprotected', ['NODE-001 sms', 'NODE-002 cr1+cr2', 'PWR-001b cr2', 'RTE-002 bj-sh']],
    ['state=degraded,unknown', ['LOAD-001 cr1:Bundle-Ether1', 'LOAD-001 cr2:Bundle-Ether1', 'PWR-001 cr1']],
    ['colour=red', ['NODE-001 sms', 'PWR-001b cr2', 'RTE-002 bj-sh']],
    ['colour=orange&state=degraded', ['PWR-001 cr1']],
    ['class=PC-TRUNK', ['RTE-002 bj-sh']],
    ['class=PC-SMS', ['NODE-001 sms']],
    ['site=bj-core&rule=PWR-001,PWR-001b', ['PWR-001 cr1', 'PWR-001b cr2']],
    ['site=sms-b', ['NODE-001 sms']],
    ['rule=TOPO-002', []],
  ])('filters: %s', async (query, want) => {
    const r = await get<FindingsBody>(`/api/v1/findings?${query}`);
    expect(r.status).toBe(200);
    expect(pairs(r.body.items)).toEqual(want);
  });

  it('returns protected results for coverage with state=all or state=protected', async () => {
    const all = await get<FindingsBody>('/api/v1/findings?state=all&rule=PWR-001');
    expect(all.body.items.filter((f) => f.state === 'protected').map((f) => f.subject.id).sort()).toEqual(['agg1', 'agg2', 'agg3', 'cr2', 'otn-bj', 'otn-sh', 'sh-cr1']);
    const ok = await get<FindingsBody>('/api/v1/findings?state=protected&rule=PWR-001');
    expect(ok.body.total).toBe(7);
    expect(ok.body.items.every((f) => f.colour === null)).toBe(true);
  });

  it.each([
    ['state=broken', /^state: unknown value "broken"/],
    ['colour=purple', /^colour: unknown value "purple"/],
    ['class=PC-CORP', /^class: unknown value "PC-CORP"/],
    ['rule=NODE-999', /^rule: unknown value "NODE-999"/],
    ['limit=0', /^limit must be an integer/],
  ])('answers 400 with the API error shape on %s', async (query, message) => {
    const r = await get<{ error: { code: string; message: string } }>(`/api/v1/findings?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('bad_request');
    expect(r.body.error.message).toMatch(message);
  });

  it('exports the findings as a metric with low-cardinality labels', async () => {
    const r = await get<null>('/metrics');
    expect(r.text).toContain('redline_findings{rule="PWR-001b",state="unprotected",colour="red",class="PC-CORE"} 1');
    expect(r.text).toMatch(/redline_analysis_runs_total\{result="ok"\} [1-9]/);
  });
});

interface CoverageBody {
  at: string;
  catalogue: number;
  evaluated: number;
  skipped: { count: number; byReason: Record<string, number> };
  rules: { rule: string; status: string; reason: string | null; inCatalogue: boolean; subjects: { count: number; list: string[] } }[];
}

describe('GET /api/v1/coverage', () => {
  it('lists every catalogue rule of the demo run, evaluated on which subjects or skipped and why', async () => {
    const r = await get<CoverageBody>('/api/v1/coverage');
    expect(r.status).toBe(200);
    expect(r.body.at).toBe(new Date(NOW).toISOString());
    expect(r.body.catalogue).toBe(43);
    expect(r.body.rules.filter((x) => x.inCatalogue)).toHaveLength(43);
    expect(r.body.evaluated + r.body.skipped.count).toBe(r.body.rules.length);
    const by = (id: string) => r.body.rules.find((x) => x.rule === id)!;
    expect(by('NODE-001')).toMatchObject({ status: 'evaluated', reason: null });
    expect(by('NODE-001').subjects.list).toEqual(expect.arrayContaining(['pair:cr1+cr2', 'service:sms']));
    expect(by('NODE-001').subjects.count).toBe(by('NODE-001').subjects.list.length);
    expect(by('NODE-005')).toMatchObject({ status: 'evaluated', subjects: { list: ['device:agg1', 'device:agg2', 'device:agg3'] } });
    expect(by('SWO-006')).toMatchObject({ status: 'skipped', reason: 'no_register_configured' });
    expect(by('CFG-002')).toMatchObject({ status: 'skipped', reason: 'no_register_configured' });
    expect(by('NODE-004')).toMatchObject({ status: 'skipped', reason: 'not_implemented' });
    expect(r.body.skipped.byReason['not_implemented']).toBe(r.body.rules.filter((x) => x.reason === 'not_implemented').length);
  });

  it('filters by status, reason and rule; the totals describe the whole run', async () => {
    const all = await get<CoverageBody>('/api/v1/coverage');
    const r = await get<CoverageBody>('/api/v1/coverage?status=skipped&reason=not_implemented');
    expect(r.body.rules.length).toBeGreaterThan(10);
    expect(r.body.rules.every((x) => x.status === 'skipped' && x.reason === 'not_implemented')).toBe(true);
    expect(r.body.skipped).toEqual(all.body.skipped);
    expect((await get<CoverageBody>('/api/v1/coverage?rule=RTE-002')).body.rules.map((x) => x.rule)).toEqual(['RTE-002']);
    const bad = await get<{ error: { code: string } }>('/api/v1/coverage?status=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
  });

  it('comes with the findings answer too', async () => {
    const f = await get<FindingsBody & { coverage: CoverageBody }>('/api/v1/findings?rule=NODE-001');
    const c = await get<CoverageBody>('/api/v1/coverage');
    expect(f.body.coverage).toEqual(c.body);
  });
});

describe('GET /api/v1/whatif', () => {
  it('answers what a failure does on the live network, device groups included', async () => {
    const r = await get<{ cut: string[]; groups: Record<string, string[]> }>('/api/v1/whatif?fail=room:bj-core/core-a');
    expect(r.status).toBe(200);
    expect(r.body.groups).toEqual({ 'room:bj-core/core-a': ['cr1', 'cr2'] });
    expect(r.body.cut).toEqual(['core-pair', 'agg-ring', 'bj-sh-trunk']);
    const duct = await get<{ cut: string[]; unprotected: string[] }>('/api/v1/whatif?fail=D-7');
    expect(duct.body.cut).toEqual(['bj-sh-trunk']);
  });

  it('sweeps the single points of failure, once the worker has swept the network the analysis saw', async () => {
    type Sweep = { computedAt: string; stale: boolean; singlePointsOfFailure: { kind: string; id: string; cuts: string[] }[] };
    let r = await get<Sweep>('/api/v1/whatif?sweep=true');
    // the sweep follows the first pass; 503 until it arrives
    while (r.status === 503) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      r = await get<Sweep>('/api/v1/whatif?sweep=true');
    }
    expect(r.status).toBe(200);
    expect(r.body.stale).toBe(false);
    expect(r.body.computedAt).toBe((await get<FindingsBody & { analysedAt: string }>('/api/v1/findings')).body.analysedAt);
    expect(r.body.singlePointsOfFailure.slice(0, 2).map((s) => s.id)).toEqual(['room:bj-core/core-a', 'site:bj-core']);
    expect(r.body.singlePointsOfFailure.map((s) => s.id)).toContain('duct:D-7');
  });

  it('answers 400 on an unknown element or a bad query', async () => {
    for (const q of ['fail=nowhere', '', 'sweep=true&fail=cr1', 'fail=cr1&disjointness=best']) {
      const r = await get<{ error: { code: string } }>(`/api/v1/whatif?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('bad_request');
    }
  });
});
