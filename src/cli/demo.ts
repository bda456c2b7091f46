/**
 * `redline demo` (README's `npm start`): starts the simulated demo network on loopback, then runs
 * the real daemon on the demo configuration until SIGTERM/SIGINT.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startApp } from '../app.js';
import { errorMessage } from '../common/errors.js';
import { ConfigError } from '../config/load.js';
import { DEMO_CONFIG_DIR, startDemoNetwork, type DemoNetwork } from '../demo/simulated-network.js';
import type { ProbeIo } from './probe.js';
import { runUntilSignalled } from './run.js';

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
    const app = await startApp({
      configPath: configDir,
      // the ledger (and the accounts in it) goes beside this state file, never into the shipped config directory
      stateFile,
      // the demo configuration's documented tokens (demo-viewer…) are accepted here only
      demoTokens: true,
      extraSecrets: [community],
      ...(values.listen !== undefined ? { listen: values.listen } : {}),
    });
    const a = app.address();
    io.err([
      '',
      `redline demo — ${app.inventory().devices.size} devices of a simulated carrier network on loopback`,
      `  API      http://${a.host}:${a.port}/api/v1/devices   (curl -H 'Authorization: Bearer demo-viewer' …)`,
      '  tokens   demo-viewer, demo-operator, demo-inspector, demo-admin (the demo only; see README)',
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
