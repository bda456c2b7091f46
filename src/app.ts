/**
 * The composition root's public entry: `startApp` builds the daemon (app/build.ts), which reloads
 * through a configuration holder (app/reload.ts) and stops through a teardown list run in reverse
 * order (app/teardown.ts).
 */
import { buildApp } from './app/build.js';
import { Teardown } from './app/teardown.js';
import type { App, AppDeps } from './app/types.js';

export type { App, AppDeps } from './app/types.js';
export type { Readiness } from './app/readiness.js';

/** Builds and starts the daemon. Throws ConfigError when the configuration is invalid; whatever was started by then is stopped. */
export async function startApp(deps: AppDeps): Promise<App> {
  const teardown = new Teardown();
  try {
    return await buildApp(deps, teardown);
  } catch (err) {
    await teardown.run(() => undefined);
    throw err;
  }
}
