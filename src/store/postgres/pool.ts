/**
 * PostgreSQL connections for redline's stores (the `pg` package): one pool per store, numbers
 * (BIGINT times in ms, counts) read back as JS numbers, an optional schema (search_path) so that
 * several stores, or several test runs, share one database without meeting. The URL carries a
 * password: only `describePgUrl` (host, port, database) may reach a log or an error message.
 * Reusable beyond the ledger (later: shard leases, election).
 */
import pg from 'pg';
import { z } from 'zod';

/** How a pool is opened. */
export interface PgPoolOptions {
  /** postgres://user:password@host:port/database (a secret: never logged). */
  readonly url: string;
  /** At most this many connections (default 10). */
  readonly poolSize?: number;
  /** Tables live in this schema (created if missing); default: the server's search_path. */
  readonly schema?: string;
  /** false: the schema is only searched, never created (read-only tools such as verify-ledger). */
  readonly createSchema?: boolean;
}

/**
 * A connection as the daemon hands it to its analysis worker's hooks (inside the setup message,
 * never logged; the URL is among the secrets the worker redacts).
 */
export const pgConnectionSchema = z.strictObject({ url: z.string().min(1), schema: z.string().optional() });
/** A connection for the worker's hooks. */
export type PgConnection = z.output<typeof pgConnectionSchema>;

/** BIGINT (int8) and NUMERIC counts as numbers: redline's times are ms since the epoch, well inside 2^53. */
const parseInt8 = (v: string): number => Number(v);
const baseParser = pg.types.getTypeParser;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((...args: Parameters<typeof baseParser>): unknown =>
    (args[0] === pg.types.builtins.INT8 ? parseInt8 : baseParser(...args)) as unknown) as typeof baseParser,
};

/** A schema name redline accepts (it is spliced into SQL and connection options). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** host:port/database of `url`, without user or password, for logs and errors. */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres ${u.hostname}:${u.port === '' ? '5432' : u.port}${u.pathname === '' ? '/' : u.pathname}`;
  } catch {
    return 'postgres (an unparsable URL)';
  }
}

/** Opens a pool (connections are made on first use). */
export async function openPgPool(opts: PgPoolOptions): Promise<pg.Pool> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
    throw new RangeError(`postgres: schema ${JSON.stringify(opts.schema)} must be lower-case letters, digits and _ (at most 63)`);
  }
  if (opts.schema !== undefined && opts.createSchema !== false) {
    const admin = new pg.Client({ connectionString: opts.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    } catch (err) {
      // another process created it at the same moment (IF NOT EXISTS is not race-free): that is fine
      const code = (err as { code?: unknown }).code;
      if (code !== '23505' && code !== '42P06') throw err;
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: opts.url, max: opts.poolSize ?? 10, types,
    ...(opts.schema !== undefined ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // an idle connection the server dropped must not crash the process; the next query reconnects
  pool.on('error', () => undefined);
  return pool;
}

/** A pooled client inside one transaction. */
export type PgTx = pg.PoolClient;

/**
 * Runs `fn` in one transaction on one connection; when `lock` is given, first takes the
 * transaction-scoped advisory lock named `lock` in the current schema, so writers holding the
 * same name run one after another (across processes too).
 */
export async function inPgTransaction<T>(pool: pg.Pool, lock: string | null, fn: (tx: PgTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (lock !== null) await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || $1))", [lock]);
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Brings `component`'s tables from the version in `schema_migrations` to the last of
 * `migrations` (migration k takes version k to k + 1), in one transaction under an advisory lock,
 * so two processes starting together apply each migration once. Refuses a schema a newer redline
 * wrote. Never edit a released migration; append one.
 */
export async function migratePg(pool: pg.Pool, component: string, migrations: readonly string[]): Promise<void> {
  await inPgTransaction(pool, 'redline.migrate', async (tx) => {
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      component  TEXT NOT NULL,
      version    INTEGER NOT NULL,
      applied_at BIGINT NOT NULL,
      PRIMARY KEY (component, version)
    )`);
    const { rows } = await tx.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations WHERE component = $1', [component]);
    const current = rows[0]?.v ?? 0;
    if (current > migrations.length) {
      throw new Error(`postgres: the ${component} schema is at version ${current}, newer than this redline knows (${migrations.length}); upgrade redline`);
    }
    for (let v = current; v < migrations.length; v++) {
      await tx.query(migrations[v]!);
      await tx.query('INSERT INTO schema_migrations (component, version, applied_at) VALUES ($1, $2, $3)', [component, v + 1, Date.now()]);
    }
  });
}

/** The version of `component`'s schema (0: none). */
export async function pgSchemaVersion(pool: pg.Pool | PgTx, component: string): Promise<number> {
  const { rows } = await pool.query<{ v: number | null }>(
    "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = $1) END AS v", [component]);
  return rows[0]?.v ?? 0;
}
