/**
 * PostgreSQL for tests: the server at REDLINE_TEST_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres; the test command installs and starts one), and a
 * fresh schema per store, dropped afterwards, so test files running in parallel never meet.
 * `pgAvailable` goes through `prerequisite`: under npm test or CI a missing server fails.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
