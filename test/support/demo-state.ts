/**
 * The demo network's state in a real SQLite state file, as the daemon would have stored it at
 * `now`: every simulated device polled over SNMP on loopback by the real engine, the SMS health
 * endpoints (site A up, site B down) checked by the real checker. For the analysis worker's tests.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretRegistry } from '../../src/common/secrets.js';
import { runHealthCheck } from '../../src/collect/http/health.js';
import { loadConfig, type LoadedConfig } from '../../src/config/load.js';
import { DEMO_CONFIG_DIR, listenSmsHealth } from '../../src/demo/simulated-network.js';
import { DEMO_DEVICES } from '../../src/demo/network.js';
import { buildInventory, type Inventory } from '../../src/inventory/model.js';
import { ReplayAgent } from '../../src/sim/replay-agent.js';
import { syntheticTable } from '../../src/sim/synthetic-devices.js';
import { openSqliteStateStore, type StateStore } from '../../src/state/store.js';
import { pollReplay } from './replay.js';

/** The demo's configuration and a state file holding one poll of every device and one result per health check. */
export interface DemoState {
  readonly loaded: LoadedConfig;
  readonly inventory: Inventory;
  /** The writer's connection (the daemon's); close it after the test. */
  readonly store: StateStore;
  readonly stateFile: string;
  readonly community: string;
}

/** Fills `stateFile` with the demo network's state at `now` (polls 5 s before, health 3 s before). */
export async function demoState(stateFile: string, now: number, community: string): Promise<DemoState> {
  const loaded = loadConfig(DEMO_CONFIG_DIR, { env: { REDLINE_DEMO_COMMUNITY: community }, readFile: () => { throw new Error('no secret files'); } });
  const inventory = buildInventory(loaded);
  const agent = new ReplayAgent(Object.entries(DEMO_DEVICES).map(([id, d]) => ({ community: `${community}-${id}`, table: syntheticTable(d) })));
  let http: Server | undefined;
  const store = openSqliteStateStore(stateFile);
  try {
    const port = await agent.start();
    http = await listenSmsHealth(0);
    const httpPort = (http.address() as AddressInfo).port;
    for (const d of inventory.devices.values()) {
      if (d.poll === undefined) continue;
      const r = await pollReplay(port, `${community}-${d.id}`);
      store.recordDevicePoll(d.id, now - 5_000, { answered: r.answered, observation: r.observation });
    }
    for (const h of inventory.health.values()) {
      const url = new URL(h.url);
      url.port = String(httpPort);
      const result = await runHealthCheck(
        { id: h.id, url: url.toString(), method: h.method, timeoutMs: h.timeoutMs, followRedirects: false, tlsInsecure: false, ...(h.expectStatus !== undefined ? { expectStatus: h.expectStatus } : {}), ...(h.expectBody !== undefined ? { expectBody: h.expectBody } : {}) },
        { now: () => now - 3_000, secrets: new SecretRegistry() },
      );
      store.recordHealth(result);
    }
  } catch (err) {
    store.close();
    throw err;
  } finally {
    await agent.stop();
    const h = http;
    if (h !== undefined) await new Promise<void>((r) => { h.close(() => { r(); }); });
  }
  return { loaded, inventory, store, stateFile, community };
}
