/**
 * `redline run --config <dir|file> [--listen host:port]`: the daemon, with signals wired and the
 * process-level last resort (an unhandled rejection or uncaught exception is logged and the
 * process exits non-zero, for systemd or Docker to restart it). Library code and tests never
 * install these: only this entry (and `redline demo`, through `runUntilSignalled`) does.
 */
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { startApp, type App, type AppDeps } from '../app.js';
import { startPollerRole } from '../cluster/poller-role.js';
import { migrateCluster } from '../cluster/schema.js';
import { describePgUrl, openPgPool } from '../store/postgres/pool.js';
import { errorMessage } from '../common/errors.js';
import { ConfigError, loadConfig } from '../config/load.js';
import type { ProbeIo } from './probe.js';

/** Exit code after a fatal process error (EX_SOFTWARE). */
export const FATAL_EXIT_CODE = 70;
/** How long a fatal error waits for a graceful stop before the process exits anyway. */
const FATAL_STOP_MS = 5000;

/**
 * Installs SIGTERM/SIGINT (graceful stop), SIGHUP (reload) and the fatal-error handlers; resolves
 * with the exit code once stopped (0 after a signal, FATAL_EXIT_CODE after a fatal error).
 */
export async function runUntilSignalled(app: Pick<App, 'stop' | 'reload' | 'logger'>, io: ProbeIo, onStop?: () => Promise<void>): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopping = false;
    const finish = (code: number): void => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      process.off('SIGHUP', onHup);
      app.stop()
        .then(() => onStop?.())
        .then(() => { resolve(code); }, (err: unknown) => { io.err(`redline: error while stopping: ${errorMessage(err)}\n`); resolve(code === 0 ? 1 : code); });
    };
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      io.err(`redline: ${signal} received, stopping\n`);
      finish(0);
    };
    const fatal = (kind: string, err: unknown): void => {
      try {
        app.logger.error({ err: err instanceof Error ? err : errorMessage(err) }, `${kind}: stopping with exit code ${FATAL_EXIT_CODE}`);
      } catch {
        io.err(`redline: ${kind}\n`);
      }
      process.exitCode = FATAL_EXIT_CODE;
      if (stopping) return;
      stopping = true;
      // whatever broke may also keep the graceful stop from finishing
      setTimeout(() => { process.exit(FATAL_EXIT_CODE); }, FATAL_STOP_MS).unref();
      finish(FATAL_EXIT_CODE);
    };
    const onTerm = (): void => { stop('SIGTERM'); };
    const onInt = (): void => { stop('SIGINT'); };
    const onHup = (): void => {
      try { app.reload(); } catch (err) { app.logger.error({ err: errorMessage(err) }, 'reload failed'); }
    };
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    process.on('SIGHUP', onHup);
    process.on('unhandledRejection', (reason) => { fatal('unhandled promise rejection', reason); });
    process.on('uncaughtException', (err) => { fatal('uncaught exception', err); });
  });
}

const USAGE = 'usage: redline run --config <dir|file> [--listen host:port] [--state-file path] [--role all|poller|analyst] [--instance id]\n'
  + '  --role poller|analyst: a clustered process on the PostgreSQL of settings.store.postgres (docs/scale-out.md)\n';

/** `text` without the URL or its password (a driver's message might quote either). */
function redactUrl(text: string, url: string): string {
  let out = text.split(url).join('postgres://…');
  try {
    const pw = decodeURIComponent(new URL(url).password);
    if (pw !== '') out = out.split(pw).join('…');
  } catch {
    // an unparsable URL was refused when the configuration was read
  }
  return out;
}

/** Runs the daemon until a signal stops it. */
export async function runDaemon(argv: readonly string[], io: ProbeIo, extra: Partial<AppDeps> = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: {
      config: { type: 'string', short: 'c' }, listen: { type: 'string' }, 'state-file': { type: 'string' },
      role: { type: 'string' }, instance: { type: 'string' },
    } }));
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 1;
  }
  const configPath = values.config ?? extra.configPath;
  if (configPath === undefined) {
    io.err(USAGE);
    return 1;
  }
  const role = values.role ?? 'all';
  if (role !== 'all' && role !== 'poller' && role !== 'analyst') {
    io.err(`--role must be all, poller or analyst (not ${JSON.stringify(role)})\n${USAGE}`);
    return 1;
  }
  if (role === 'all') return runSingle(configPath, values, io, extra);
  let postgres;
  try {
    postgres = loadConfig(configPath).postgres;
  } catch (err) {
    if (err instanceof ConfigError) { io.err(`${err.message}\n`); return 1; }
    throw err;
  }
  if (postgres === undefined) {
    io.err(`--role ${role} needs PostgreSQL shared by the cluster: set settings.store.postgres (url: { env: … }) in the configuration\n`);
    return 1;
  }
  const { url, schema } = postgres;
  const memberId = values.instance ?? `${role}-${hostname()}-${process.pid}`;
  let pool;
  try {
    pool = await openPgPool({ url, ...(schema !== undefined ? { schema } : {}), poolSize: 4 });
    await migrateCluster(pool);
  } catch (err) {
    await pool?.end().catch(() => undefined);
    io.err(`redline: cannot open the cluster's PostgreSQL (${describePgUrl(url)}): ${redactUrl(err instanceof Error ? err.message : String(err), url)}\n`);
    return 1;
  }
  const endPool = (): Promise<void> => pool.end();
  if (role === 'poller') {
    let poller;
    try {
      poller = await startPollerRole({
        configPath, pool, memberId,
        ...(values.listen !== undefined ? { listen: values.listen } : {}),
        ...(values['state-file'] !== undefined ? { stateFile: values['state-file'] } : {}),
      });
    } catch (err) {
      await endPool();
      if (err instanceof ConfigError) { io.err(`${err.message}\n`); return 1; }
      throw err;
    }
    const a = poller.address();
    io.err(`redline: poller ${memberId} listening on http://${a.host}:${a.port} (/readyz, /metrics)\n`);
    return runUntilSignalled(poller, io, endPool);
  }
  io.err(`redline: analyst ${memberId} standing by for the active analyst's lock\n`);
  return runSingle(configPath, values, io, {
    ...extra,
    cluster: {
      pool, url, memberId, ...(schema !== undefined ? { schema } : {}),
      // no longer sure to be the only active analyst: stop at once, the supervisor restarts a standby
      onLost: (reason) => { io.err(`redline: analyst ${memberId} lost the election session (${reason}); exiting\n`); process.exit(FATAL_EXIT_CODE); },
    },
  }, endPool);
}

/** The daemon (single process, or the analyst once elected). */
async function runSingle(configPath: string, values: { listen?: string | undefined; 'state-file'?: string | undefined }, io: ProbeIo, extra: Partial<AppDeps>, onStop?: () => Promise<void>): Promise<number> {
  let app: App;
  try {
    app = await startApp({
      ...extra,
      configPath,
      ...(values.listen !== undefined ? { listen: values.listen } : {}),
      ...(values['state-file'] !== undefined ? { stateFile: values['state-file'] } : {}),
    });
  } catch (err) {
    await onStop?.().catch(() => undefined);
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const a = app.address();
  io.err(`redline: listening on http://${a.host}:${a.port} (/readyz, /metrics, /api/v1/devices)\n`);
  return runUntilSignalled(app, io, onStop);
}
