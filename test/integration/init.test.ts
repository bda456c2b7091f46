/** `redline init` then `redline check-config` on a fresh directory, through the built CLI. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/analysis/policy.js';
import { ensureBuilt, runCli } from '../support/cli.js';

describe('redline init', () => {
  // each test has its own directory: none relies on another having run (the suite runs shuffled)
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'redline-init-'));
    dirs.push(d);
    return d;
  };
  /** A directory `redline init` has already written. */
  const initialised = async (): Promise<string> => {
    const d = fresh();
    const r = await runCli(['init', d]);
    expect(r.code).toBe(0);
    return d;
  };
  beforeAll(ensureBuilt, 240_000);
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('writes a starter configuration that check-config accepts, and names the next step', async () => {
    const dir = fresh();
    const init = await runCli(['init', dir]);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('redline check-config');
    expect(init.stdout).toContain('export REDLINE_SNMP_COMMUNITY=');
    const text = readFileSync(join(dir, 'redline.yaml'), 'utf8');
    expect(text).toMatch(/^# /m);
    expect(text).not.toMatch(/community:\s*["']?[a-z]+["']?\s*}/); // a reference, never a value
    expect(loadPolicy(join(dir, 'policy.yaml')).registered.size).toBeGreaterThan(10);

    const skip = await runCli(['check-config', dir, '--skip-secrets']);
    expect(skip.code).toBe(0);
    expect(skip.stdout).toContain('ok — 1 sites, 0 devices');
  });

  it('passes check-config with the credential it references set, and fails naming it when unset', async () => {
    const dir = await initialised();
    const { spawnSync } = await import('node:child_process');
    const cli = join(process.cwd(), 'bin', 'redline.js');
    const withEnv = spawnSync(process.execPath, [cli, 'check-config', dir], { encoding: 'utf8', env: { ...process.env, REDLINE_SNMP_COMMUNITY: 'lab-community' } });
    expect(withEnv.status).toBe(0);
    const env = { ...process.env };
    delete env.REDLINE_SNMP_COMMUNITY;
    const without = spawnSync(process.execPath, [cli, 'check-config', dir], { encoding: 'utf8', env });
    expect(without.status).toBe(1);
    expect(without.stderr).toContain('credentials.snmp.community.env: environment variable REDLINE_SNMP_COMMUNITY is not set');
  });

  it('refuses to overwrite an existing configuration', async () => {
    const dir = await initialised();
    const again = await runCli(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not overwriting');
  });
});
