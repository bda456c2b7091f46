/**
 * `redline demo` (README's `npm start`): starts the simulated demo network on loopback — one
 * replay agent per device on the port config/demo/redline.yaml names, and the SMS platform's
 * health endpoints — then runs the real daemon on that configuration.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startApp } from '../app.js';
import { errorMessage } from '../common/errors.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { ReplayAgent } from '../sim/replay-agent.js';
import { syntheticTable } from '../sim/synthetic.js';
import type { ProbeIo } from '../cli/probe.js';
import { runUntilSignalled } from '../cli/run.js';
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

/** Runs the demo until SIGTERM/SIGINT. */
export async function runDemo(argv: readonly string[], io: ProbeIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { listen: { type: 'string' }, 'state-file': { type: 'string' }, config: { type: 'string' } } }));
  } catch (err) {
    io.err(`${errorMessage(err)}\nusage: redline demo [--listen host:port] [--state-file path]\n`);
    return 1;
  }
  const configDir = values.config ?? DEMO_CONFIG_DIR;
  // The simulated agents and the daemon share a community made up for this run.
  const community = process.env['REDLINE_DEMO_COMMUNITY'] ?? randomBytes(12).toString('base64url');
  process.env['REDLINE_DEMO_COMMUNITY'] = community;
  const tempDir = values['state-file'] === undefined ? mkdtempSync(join(tmpdir(), 'redline-demo-')) : null;
  const stateFile = values['state-file'] ?? join(tempDir!, 'state.db');
  const cleanup = (): void => { if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true }); };

  let network: DemoNetwork;
  try {
    network = await startDemoNetwork(configDir, community);
  } catch (err) {
    cleanup();
    io.err(`redline demo: ${errorMessage(err)}\n`);
    return 1;
  }
  try {
    const app = await startApp({ configPath: configDir, stateFile, extraSecrets: [community], ...(values.listen !== undefined ? { listen: values.listen } : {}) });
    const a = app.address();
    io.err([
      '',
      `redline demo — ${app.inventory().devices.size} devices of a simulated carrier network on loopback`,
      `  API      http://${a.host}:${a.port}/api/v1/devices`,
      `  ready    http://${a.host}:${a.port}/readyz   (after the first full poll cycle, a few seconds)`,
      `  metrics  http://${a.host}:${a.port}/metrics`,
      '  Ctrl-C stops it.',
      '',
    ].join('\n'));
    return await runUntilSignalled(app, io, async () => { await network.stop(); cleanup(); });
  } catch (err) {
    await network.stop();
    cleanup();
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
