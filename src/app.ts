/**
 * The composition root's public entry: `startApp` builds the daemon (app/build.ts), which reloads
 * through a configuration holder (app/reload.ts) and stops through a teardown list run in reverse
 * order (app/teardown.ts).
 */
import { buildApp } from './app/build.js';
import { pollableDevices } from './app/options.js';
import { loadRunning } from './app/reload.js';
import { standBy } from './cluster/analyst.js';
import { createLogger } from './common/logger.js';
import { SecretRegistry } from './common/secrets.js';
import { Teardown } from './app/teardown.js';
import type { App, AppDeps } from './app/types.js';

export type { App, AppDeps } from './app/types.js';
export type { Readiness } from './app/readiness.js';

/** Builds and starts the daemon. Throws ConfigError when the configuration is invalid; whatever was started by then is stopped. */
export async function startApp(deps: AppDeps): Promise<App> {
  const teardown = new Teardown();
  try {
    // a clustered analyst stands by until elected (its replica kept warm), then builds the daemon
    const cluster = deps.cluster;
    if (cluster !== undefined) {
      const running = loadRunning(deps.configPath);
      const logger = deps.logger ?? createLogger(new SecretRegistry(), running.loaded.config.settings.logLevel);
      const intervalMs = running.loaded.config.settings.poll.intervalSeconds * 1000;
      const election = await standBy(cluster, deps.stateFile ?? running.loaded.stateFile, () => pollableDevices(running.inventory), logger, 3 * intervalMs);
      teardown.add('election', () => election.stop());
    }
    return await buildApp(deps, teardown);
  } catch (err) {
    await teardown.run(() => undefined);
    throw err;
  }
}
