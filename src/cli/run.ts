/** `redline run --config <dir|file> [--listen host:port]`: the daemon, with signals wired. */
import { parseArgs } from 'node:util';
import { startApp, type App, type AppDeps } from '../app.js';
import { ConfigError } from '../config/load.js';
import type { ProbeIo } from './probe.js';

/** Installs SIGTERM/SIGINT (graceful stop) and SIGHUP (reload) handlers; returns when stopped. */
export async function runUntilSignalled(app: App, io: ProbeIo, onStop?: () => Promise<void>): Promise<number> {
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      io.err(`redline: ${signal} received, stopping\n`);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      process.off('SIGHUP', onHup);
      app.stop()
        .then(() => onStop?.())
        .then(() => { resolve(0); }, (err: unknown) => { io.err(`redline: error while stopping: ${String(err)}\n`); resolve(1); });
    };
    const onTerm = (): void => { stop('SIGTERM'); };
    const onInt = (): void => { stop('SIGINT'); };
    const onHup = (): void => { app.reload(); };
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    process.on('SIGHUP', onHup);
  });
}

/** Runs the daemon until a signal stops it. */
export async function runDaemon(argv: readonly string[], io: ProbeIo, extra: Partial<AppDeps> = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { config: { type: 'string', short: 'c' }, listen: { type: 'string' }, 'state-file': { type: 'string' } } }));
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\nusage: redline run --config <dir|file> [--listen host:port] [--state-file path]\n`);
    return 1;
  }
  const configPath = values.config ?? extra.configPath;
  if (configPath === undefined) {
    io.err('usage: redline run --config <dir|file> [--listen host:port] [--state-file path]\n');
    return 1;
  }
  let app: App;
  try {
    app = await startApp({
      ...extra,
      configPath,
      ...(values.listen !== undefined ? { listen: values.listen } : {}),
      ...(values['state-file'] !== undefined ? { stateFile: values['state-file'] } : {}),
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const a = app.address();
  io.err(`redline: listening on http://${a.host}:${a.port} (/readyz, /metrics, /api/v1/devices)\n`);
  return runUntilSignalled(app, io);
}
