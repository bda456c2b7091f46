/**
 * `redline run --role`: a role other than all, poller or analyst is refused with the usage, and a
 * clustered role without REDLINE_PG_URL says what to set (never guessing a server).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_PG_URL_ENV, runDaemon } from '../../src/cli/run.js';

function io(): { err: string[]; io: { out: (t: string) => void; err: (t: string) => void } } {
  const err: string[] = [];
  return { err, io: { out: () => undefined, err: (t) => { err.push(t); } } };
}

const saved = process.env[CLUSTER_PG_URL_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[CLUSTER_PG_URL_ENV];
  else process.env[CLUSTER_PG_URL_ENV] = saved;
});

describe('redline run --role', () => {
  it('refuses an unknown role with the usage', async () => {
    const c = io();
    expect(await runDaemon(['--config', '/nonexistent', '--role', 'leader'], c.io)).toBe(1);
    expect(c.err.join('')).toContain('--role must be all, poller or analyst (not "leader")');
    expect(c.err.join('')).toContain('usage: redline run');
  });

  it.each(['poller', 'analyst'])('--role %s without REDLINE_PG_URL names the variable to set', async (role) => {
    delete process.env[CLUSTER_PG_URL_ENV];
    const c = io();
    expect(await runDaemon(['--config', '/nonexistent', '--role', role], c.io)).toBe(1);
    expect(c.err.join('')).toContain(`--role ${role} needs PostgreSQL: set REDLINE_PG_URL`);
  });

  it('an unreachable PostgreSQL is named by host, port and database only (the password never printed)', async () => {
    process.env[CLUSTER_PG_URL_ENV] = 'postgres://redline:s3cret-pw@127.0.0.1:1/clusterdb';
    const c = io();
    expect(await runDaemon(['--config', '/nonexistent', '--role', 'poller'], c.io)).toBe(1);
    const text = c.err.join('');
    expect(text).toContain("cannot open the cluster's PostgreSQL (postgres 127.0.0.1:1/clusterdb)");
    expect(text).not.toContain('s3cret-pw');
  });
});
