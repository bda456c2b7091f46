/**
 * Accounts end to end: `redline token create|list|revoke` through the built CLI (child
 * processes) against the ledger file of a daemon running in this process — a created token
 * opens the API, a revoked one no longer does, `list` shows no secret, the audit trail names
 * `cli:<user>` — and the daemon's start-up refusals: weak or inline configured tokens, and
 * authentication off on a non-loopback address (in the file or with --listen).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { silentLogger } from '../../src/common/logger.js';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { auditRecords, openLedgerDb } from '../../src/ledger/sqlite-db.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { configuredTestToken } from '../support/auth.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'redline-auth-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('redline token', () => {
  let dir = '';
  let app: App;
  let base = '';
  beforeAll(async () => {
    await ensureBuilt();
    dir = fresh();
    // the state file (and so the ledger beside it) in a directory of its own, as in a deployment
    mkdirSync(join(dir, 'state'));
    writeFileSync(join(dir, 'redline.yaml'), 'version: 1\nsettings: { listen: "127.0.0.1:0", timeZone: Asia/Shanghai, stateFile: state/redline.db }\n');
    app = await startApp({ configPath: dir, logger: silentLogger, manualClock: true });
    base = `http://127.0.0.1:${app.address().port}`;
  }, 240_000);
  afterAll(async () => { await app.stop(); });

  const devices = (token: string): Promise<number> => fetch(`${base}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

  it('creates a token that opens the API, lists it without any secret, and revokes it', async () => {
    const created = await runCli(['token', 'create', '--name', 'grafana', '--role', 'viewer', '--expires', '90d', '--json', '--config', dir]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const out = JSON.parse(created.stdout) as { name: string; role: string; token: string; expiresAt: string };
    expect(out).toMatchObject({ name: 'grafana', role: 'viewer' });
    expect(out.token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(out.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    expect(await devices(out.token)).toBe(200);

    const list = await runCli(['token', 'list', '--config', dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^grafana\s+viewer\s+created \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\).*live$/m);
    const json = await runCli(['token', 'list', '--json', '--config', dir]);
    for (const text of [list.stdout, list.stderr, json.stdout]) {
      expect(text).not.toContain(out.token);
      expect(text).not.toMatch(/hash/i);
    }

    const revoked = await runCli(['token', 'revoke', 'grafana', '--config', dir]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('revoked token "grafana"');
    expect(await devices(out.token)).toBe(401);
    expect((await runCli(['token', 'list', '--config', dir])).stdout).toMatch(/^grafana .*revoked/m);

    expect(existsSync(join(dir, 'ledger.db'))).toBe(false);
    const db = openLedgerDb(join(dir, 'state', 'ledger.db'), { readOnly: true });
    try {
      const audit = [...auditRecords(db)].filter((r) => r.target === 'token:grafana');
      expect(audit.map((r) => [r.action, r.actor])).toEqual([['token.create', `cli:${userInfo().username}`], ['token.revoke', `cli:${userInfo().username}`]]);
      expect(JSON.stringify(audit)).not.toContain(out.token);
    } finally {
      db.close();
    }
  });

  it('prints a new token once on stdout, with the warning on stderr', async () => {
    const r = await runCli(['token', 'create', '--name', 'ops-admin', '--role', 'admin', '--config', dir]);
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toMatch(/shown only this once/);
    expect(r.stderr).toContain('expires never');
    expect(await devices(token)).toBe(200);
  });

  it('refuses a duplicate name, an unknown role, a bad expiry and an unknown revoke, naming the problem', async () => {
    expect((await runCli(['token', 'create', '--name', 'dup', '--role', 'operator', '--config', dir])).code).toBe(0);
    const dup = await runCli(['token', 'create', '--name', 'dup', '--role', 'operator', '--config', dir]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('a token named "dup" already exists');
    const role = await runCli(['token', 'create', '--name', 'x', '--role', 'root', '--config', dir]);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('--role must be one of viewer, operator, inspector, admin (got "root")');
    const exp = await runCli(['token', 'create', '--name', 'x', '--role', 'viewer', '--expires', 'soon', '--config', dir]);
    expect(exp.code).toBe(1);
    expect(exp.stderr).toContain('--expires must be');
    const gone = await runCli(['token', 'revoke', 'nobody', '--config', dir]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no live token named "nobody"');
    expect(gone.stdout).toBe('');
  });
});

describe('the daemon refuses accounts it cannot run', () => {
  const start = async (settings: string, extra: { listen?: string; demoTokens?: boolean } = {}, files: Record<string, string> = {}): Promise<unknown> => {
    const dir = fresh();
    writeFileSync(join(dir, 'redline.yaml'), `version: 1\nsettings:\n  listen: "127.0.0.1:0"\n${settings}`);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    try {
      const app = await startApp({ configPath: dir, logger: silentLogger, manualClock: true, ...extra });
      await app.stop();
      return null;
    } catch (err) {
      return err;
    }
  };

  it('a short, well-known or inline configured token, naming its path', async () => {
    const err = await start([
      '  auth:',
      '    tokens:',
      '      - { name: a, role: viewer, token: { file: short.token } }',
      '      - { name: b, role: admin, token: { file: known.token } }',
      '      - { name: c, role: admin, token: demo-admin }',
      '',
    ].join('\n'), {}, { 'short.token': 'x7Qp2\n', 'known.token': 'changeme\n' });
    expect(err).toBeInstanceOf(ConfigError);
    const issues = (err as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    expect(issues).toEqual([
      expect.stringMatching(/^settings\.auth\.tokens\[0\]\.token: .*shorter than 24/) as unknown,
      expect.stringMatching(/^settings\.auth\.tokens\[1\]\.token: .*well-known/) as unknown,
      expect.stringMatching(/^settings\.auth\.tokens\[2\]\.token: .*inline/) as unknown,
    ]);
    expect((err as Error).message).not.toContain('changeme');
  });

  it('accepts a strong configured token, which then opens the API', async () => {
    const dir = fresh();
    const t = configuredTestToken(dir, 'inspector');
    writeFileSync(join(dir, 'redline.yaml'), `version: 1\nsettings:\n  listen: "127.0.0.1:0"\n${t.settingsYaml}`);
    const app = await startApp({ configPath: dir, logger: silentLogger, manualClock: true });
    try {
      const who = await fetch(`http://127.0.0.1:${app.address().port}/api/v1/session`, { headers: t.headers });
      expect(await who.json()).toMatchObject({ name: 'test-inspector', role: 'inspector' });
    } finally {
      await app.stop();
    }
  });

  it('a reload with a weak token is rejected and changes nothing; a good one puts its tokens in force', async () => {
    const dir = fresh();
    const first = configuredTestToken(dir, 'viewer');
    const write = (settingsYaml: string): void => { writeFileSync(join(dir, 'redline.yaml'), `version: 1\nsettings:\n  listen: "127.0.0.1:0"\n${settingsYaml}`); };
    write(first.settingsYaml);
    const app = await startApp({ configPath: dir, logger: silentLogger, manualClock: true });
    try {
      const status = async (headers: Record<string, string>): Promise<number> => (await fetch(`http://127.0.0.1:${app.address().port}/api/v1/devices`, { headers })).status;
      expect(await status(first.headers)).toBe(200);
      writeFileSync(join(dir, 'weak.token'), 'password\n');
      write('  auth: { tokens: [{ name: weak, role: admin, token: { file: weak.token } }] }\n');
      expect(app.reload()).toBe(false);
      expect(await status(first.headers)).toBe(200);
      expect(await status({ authorization: 'Bearer password' })).toBe(401);
      const next = configuredTestToken(dir, 'operator');
      write(next.settingsYaml);
      expect(app.reload()).toBe(true);
      expect(await status(next.headers)).toBe(200);
      expect(await status(first.headers)).toBe(401);
    } finally {
      await app.stop();
    }
  });

  it('authentication off on a non-loopback address: in the file, and with --listen', async () => {
    expect(() => parseConfig('version: 1\nsettings: { listen: "0.0.0.0:9740", auth: { enabled: false } }\n', 'redline.yaml'))
      .toThrow(/settings\.auth\.enabled: authentication can be off only on a loopback address; settings\.listen is 0\.0\.0\.0:9740/);
    const err = await start('  auth: { enabled: false }\n', { listen: '0.0.0.0:0' });
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/settings\.auth\.enabled: .*redline listens on 0\.0\.0\.0/);
    expect(await start('  auth: { enabled: false }\n', { listen: '127.0.0.1:0' })).toBeNull();
  });
});
