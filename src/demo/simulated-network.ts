/**
 * The simulated demo network on loopback: one replay agent per device on the port
 * config/demo/redline.yaml names, and the SMS platform's health endpoints. `redline demo`
 * (cli/demo.ts) starts it and runs the real daemon on that configuration.
 */
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../common/errors.js';
import { loadConfig } from '../config/load.js';
import { ReplayAgent } from '../sim/replay-agent.js';
import { syntheticTable } from '../sim/synthetic-devices.js';
import { DEMO_DEVICES } from './network.js';

/** The demo configuration directory shipped with redline. */
export const DEMO_CONFIG_DIR = fileURLToPath(new URL('../../config/demo/', import.meta.url));

/** Health endpoints of the demo's SMS platform: site A answers up, site B is down. */
function smsHealthHandler(path: string): { status: number; body: string } {
  if (path === '/sms-a/health') return { status: 200, body: '{"status":"up","site":"A","queue":12}' };
  if (path === '/sms-b/health') return { status: 503, body: '{"status":"down","site":"B","reason":"SMSC process not running"}' };
  return { status: 404, body: '{"status":"unknown"}' };
}

/** Serves the demo SMS platform's health endpoints on 127.0.0.1 (port 0: any free port). */
export async function listenSmsHealth(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const r = smsHealthHandler(req.url ?? '/');
    res.writeHead(r.status, { 'content-type': 'application/json' });
    res.end(r.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  return server;
}

/** The simulated network of the demo, running. */
export interface DemoNetwork {
  readonly agents: readonly ReplayAgent[];
  stop(): Promise<void>;
}

/** Starts a replay agent for every demo device of `configDir` and the health endpoints. */
export async function startDemoNetwork(configDir: string, community: string): Promise<DemoNetwork> {
  const loaded = loadConfig(configDir, { env: { ...process.env, REDLINE_DEMO_COMMUNITY: community }, readFile: () => { throw new Error('the demo reads no secret files'); } });
  const agents: ReplayAgent[] = [];
  const servers: Server[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(agents.map((a) => a.stop()));
    await Promise.all(servers.map((s) => new Promise<void>((r) => { s.close(() => { r(); }); s.closeAllConnections(); })));
  };
  try {
    for (const d of loaded.config.devices) {
      const desc = DEMO_DEVICES[d.id];
      if (d.snmp === undefined || desc === undefined) continue;
      const agent = new ReplayAgent([{ community, table: syntheticTable(desc) }], { port: d.snmp.port });
      agents.push(agent);
      try {
        await agent.start();
      } catch (err) {
        throw new Error(`cannot serve simulated device ${d.id} on 127.0.0.1:${d.snmp.port} (${errorMessage(err)}); is another demo running?`);
      }
    }
    const httpPorts = new Set(loaded.config.health.map((h) => Number(new URL(h.url).port)));
    for (const port of httpPorts) {
      try {
        servers.push(await listenSmsHealth(port));
      } catch (err) {
        throw new Error(`cannot serve the demo health endpoints on 127.0.0.1:${port} (${errorMessage(err)})`);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { agents, stop };
}
