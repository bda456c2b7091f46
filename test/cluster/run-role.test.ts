/**
 * `redline run --role`: a role other than all, poller or analyst is refused with the usage; a
 * clustered role without settings.store.postgres says what to set; an unreachable server is
 * named by host, port and database only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDaemon } from '../../src/cli/run.js';

function io(): { err: string[]; io: { out: (t: string) => void; err: (t: string) => void } } {
  const err: string[] = [];
  return { err, io: { out: () => undefined, err: (t) => { err.push(t); } } };
}

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); delete process.env['REDLINE_RUN_ROLE_TEST_URL']; });

function configDir(settings: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'redline-run-role-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'redline.yaml'), `version: 1\nsettings:\n  listen: "127.0.0.1:0"\n  stateFile: state.db\n${settings}`);
  return dir;
}

describe('redline run --role', () => {
  it('refuses an unknown role with the usage', async () => {
    const c = io();
    expect(await runDaemon(['--config', configDir(''), '--role', 'leader'], c.io)).toBe(1);
    expect(c.err.join('')).toContain('--role must be all, poller or analyst (not "leader")');
    expect(c.err.join('')).toContain('usage: redline run');
  });

  it.each(['poller', 'analyst'])('--role %s without settings.store.postgres names the setting', async (role) => {
    const c = io();
    expect(await runDaemon(['--config', configDir(''), '--role', role], c.io)).toBe(1);
    expect(c.err.join('')).toContain(`--role ${role} needs PostgreSQL shared by the cluster: set settings.store.postgres`);
  });

  it('an unreachable PostgreSQL is named by host, port and database only (the password never printed)', async () => {
    process.env['REDLINE_RUN_ROLE_TEST_URL'] = 'postgres://redline:s3cret-pw@127.0.0.1:1/clusterdb';
    const c = io();
    expect(await runDaemon(['--config', configDir('  store: { postgres: { url: { env: REDLINE_RUN_ROLE_TEST_URL } } }\n'), '--role', 'poller'], c.io)).toBe(1);
    const text = c.err.join('');
    expect(text).toContain("cannot open the cluster's PostgreSQL (postgres 127.0.0.1:1/clusterdb)");
    expect(text).not.toContain('s3cret-pw');
  });
});
