/**
 * The real daemon on the demo configuration for the ledger's integration tests: every simulated
 * device on its own replay agent on a free port, the SMS health endpoints on a free port, the
 * API on port 0, the demo's documented tokens, state and ledger files in a fresh temporary
 * directory, and a manual clock the test moves.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../../src/app.js';
import { silentLogger, type Logger } from '../../src/common/logger.js';
import { parseConfig } from '../../src/config/load.js';
import { DEMO_DEVICES } from '../../src/demo/network.js';
import { DEMO_CONFIG_DIR, listenSmsHealth } from '../../src/demo/simulated-network.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { syntheticTable } from '../../src/sim/synthetic-devices.js';

/** The demo's documented tokens (config/demo/redline.yaml). */
export const DEMO_TOKENS = { admin: 'demo-admin', operator: 'demo-operator', inspector: 'demo-inspector', viewer: 'demo-viewer' } as const;

/** `Authorization` for a demo role. */
export function demoAuth(role: keyof typeof DEMO_TOKENS): Record<string, string> {
  return { authorization: `Bearer ${DEMO_TOKENS[role]}` };
}

/** The simulated network and a directory holding its configuration (no daemon yet). */
export interface DemoNetwork {
  readonly dir: string;
  readonly community: string;
  /** The replay agent of each simulated device, by device id. */
  readonly agents: ReadonlyMap<string, ReplayAgent>;
  /** Starts the daemon on this directory (again after a stop: the same state and ledger files); silent unless given a logger. */
  start(clock: { wallMs: () => number; monotonicMs: () => number }, logger?: Logger): Promise<App>;
  close(): Promise<void>;
}

/** Sets up the demo network on free ports and writes its configuration into a fresh directory. */
export async function demoNetwork(community: string): Promise<DemoNetwork> {
  const http: Server = await listenSmsHealth(0);
  const httpPort = (http.address() as AddressInfo).port;
  let text = readFileSync(join(DEMO_CONFIG_DIR, 'redline.yaml'), 'utf8').replaceAll('127.0.0.1:16180', `127.0.0.1:${httpPort}`);
  const agents = new Map<string, ReplayAgent>();
  for (const d of parseConfig(text, 'redline.yaml').devices) {
    const desc = DEMO_DEVICES[d.id];
    if (d.snmp === undefined || desc === undefined) continue;
    const agent = new ReplayAgent([{ community, table: syntheticTable(desc) }]);
    agents.set(d.id, agent);
    text = text.replace(`port: ${d.snmp.port},`, `port: ${await agent.start()},`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'redline-ledger-daemon-'));
  writeFileSync(join(dir, 'redline.yaml'), text.replace('listen: 127.0.0.1:9740', 'listen: 127.0.0.1:0'));
  process.env['REDLINE_DEMO_COMMUNITY'] = community;
  return {
    dir, community, agents,
    start: (clock, logger) => startApp({
      configPath: dir, logger: logger ?? silentLogger, manualClock: true, demoTokens: true,
      stateFile: join(dir, 'state.db'), ledgerFile: join(dir, 'ledger.db'), clock,
    }),
    close: async () => {
      await Promise.all([...agents.values()].map((a) => a.stop()));
      await new Promise<void>((r) => { http.close(() => { r(); }); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for a condition the daemon reaches by itself, checking every 25 ms. */
export async function until<T>(what: string, probe: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
