/**
 * PostgreSQL for tests: the server at REDLINE_TEST_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres; the test command installs and starts one), and a
 * fresh schema per store, dropped afterwards, so test files running in parallel never meet;
 * `openPgTestLedgers` opens the ledger (with one or more pools) that the other stores share.
 * `pgAvailable` goes through `prerequisite`: under npm test or CI a missing server fails.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPgLedgerStore, type PgLedgerStore } from '../../src/ledger/pg-store.js';
import { prerequisite } from './shared.js';

export const PG_TEST_URL = process.env['REDLINE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await reachable();

/** Whether the PostgreSQL tests can run (throws under npm test / CI when they cannot). */
export const pgAvailable: boolean = prerequisite('PostgreSQL', problem === null, `cannot connect to REDLINE_TEST_PG_URL: ${problem ?? ''}`);

/** A fresh schema name for one store. */
export function freshSchema(): string {
  return `redline_test_${randomBytes(6).toString('hex')}`;
}

/** Drops a schema made by `freshSchema`, with everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** PostgreSQL ledgers on one fresh schema, each with its own pool (as separate processes would have), and how to dispose of them. */
export interface PgTestLedgers {
  readonly schema: string;
  readonly ledgers: readonly PgLedgerStore[];
  /** Closes every pool and drops the schema. */
  cleanup(): Promise<void>;
}

/** Opens `count` ledgers (one pool each) on one fresh schema; the stores beside the ledger open on their pools. */
export async function openPgTestLedgers(count = 1, poolSize = 4): Promise<PgTestLedgers> {
  const schema = freshSchema();
  const ledgers: PgLedgerStore[] = [];
  try {
    for (let i = 0; i < count; i++) ledgers.push(await openPgLedgerStore({ url: PG_TEST_URL, schema, poolSize }));
  } catch (err) {
    await Promise.all(ledgers.map((l) => l.close()));
    await dropSchema(schema);
    throw err;
  }
  return {
    schema,
    ledgers,
    cleanup: async () => {
      await Promise.all(ledgers.map((l) => l.close()));
      await dropSchema(schema);
    },
  };
}
