import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runHealthCheck } from '../collect/http/health.js';
import { SecretRegistry } from '../common/secrets.js';
import { ConfigError, parseConfig, resolveConfig } from './load.js';
import { thrown } from '../../test/support/thrown.js';

const GOOD = `
version: 1
credentials:
  ro: { version: 2c, community: { env: RO_COMMUNITY } }
  v3: { version: '3', user: noc, authProtocol: sha256, authKey: { file: auth.key }, privProtocol: aes, privKey: { env: PRIV } }
sites:
  - { id: bj-core, class: PC-CORE, rooms: [{ id: r1 }, { id: r2 }] }
devices:
  - { id: cr1, site: bj-core, room: r1, role: core-router, snmp: { host: 10.0.0.1, credentials: ro }, redundancyPair: cr2,
      psus: [{ match: PS1, feed: pdu-a }] }
  - { id: cr2, site: bj-core, room: r2, role: core-router, snmp: { host: 10.0.0.2, credentials: v3 } }
links:
  - { id: l1, a: { device: cr1, interface: Gi0/0 }, b: { device: cr2, interface: Gi0/0 }, risks: [{ kind: duct, id: D1 }] }
power:
  - { id: mains-a, kind: mains, site: bj-core }
  - { id: pdu-a, kind: pdu, site: bj-core, upstream: [mains-a] }
services:
  - { id: core, class: PC-CORE, endpoints: [cr1, cr2] }
`;

function issues(text: string): string[] {
  try {
    parseConfig(text, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('config', () => {
  it('accepts a valid config and applies defaults', () => {
    const c = parseConfig(GOOD, 'test.yaml');
    expect(c.settings.listen).toBe('127.0.0.1:9740');
    expect(c.settings.poll.intervalSeconds).toBe(60);
    expect(c.devices[0]?.snmp?.port).toBe(161);
    expect(c.services[0]?.requiredPaths).toBe(2);
  });

  it.each([
    ['default', '', 'Asia/Shanghai', []],
    ['an IANA zone', 'settings: { timeZone: Asia/Urumqi }\n', 'Asia/Urumqi', []],
    ['not a zone', 'settings: { timeZone: Mars/Olympus }\n', null, ['settings.timeZone: expected an IANA time zone such as Asia/Shanghai']],
    ['an offset is not a zone name', 'settings: { timeZone: "+08:00" }\n', null, ['settings.timeZone: expected an IANA time zone such as Asia/Shanghai']],
  ])('settings.timeZone: %s', (_n, yaml, zone, problems) => {
    const text = GOOD.replace('version: 1\n', `version: 1\n${yaml}`);
    expect(issues(text)).toEqual(problems);
    if (zone !== null) expect(parseConfig(text, 'test.yaml').settings.timeZone).toBe(zone);
  });

  it('reports every bad path at once', () => {
    const bad = GOOD
      .replace('class: PC-CORE, rooms', 'class: PC-CORP, rooms')
      .replace('role: core-router, snmp: { host: 10.0.0.1', 'role: core-router, colour: red, snmp: { host: 10.0.0.1')
      .replace('port: 161', '')
      .replace('host: 10.0.0.2, credentials: v3', 'host: 10.0.0.2, port: 70000, credentials: v3');
    const found = issues(bad);
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^sites\[0\]\.class: /),
      expect.stringMatching(/^devices\[0\]: .*colour/),
      expect.stringMatching(/^devices\[1\]\.snmp\.port: /),
    ]));
    expect(found).toHaveLength(3);
  });

  it('refuses an inline community', () => {
    expect(issues(GOOD.replace('community: { env: RO_COMMUNITY }', 'community: public'))).toEqual([
      expect.stringMatching(/^credentials\.ro\.community: .*never written inline/),
    ]);
  });

  it('reports every broken reference at once', () => {
    const bad = GOOD
      .replace('site: bj-core, room: r1', 'site: bj-core, room: r9')
      .replace('redundancyPair: cr2', 'redundancyPair: cr3')
      .replace('feed: pdu-a', 'feed: pdu-z')
      .replace('b: { device: cr2', 'b: { device: cr4')
      .replace('endpoints: [cr1, cr2]', 'endpoints: [cr1, cr5]')
      .replace('credentials: ro }', 'credentials: rw }');
    expect(issues(bad).sort()).toEqual([
      'devices[0].psus[0].feed: unknown power element "pdu-z"',
      'devices[0].redundancyPair: unknown device "cr3"',
      'devices[0].room: room "r9" is not a room of site "bj-core"',
      'devices[0].snmp.credentials: unknown credentials "rw" (define it under credentials)',
      'links[0].b.device: unknown device "cr4"',
      'services[0].endpoints[1]: unknown device "cr5"',
    ]);
  });

  it('finds a loop in the power chain and duplicate ids', () => {
    const bad = GOOD.replace('{ id: mains-a, kind: mains, site: bj-core }', '{ id: mains-a, kind: panel, site: bj-core, upstream: [pdu-a] }')
      .replace('{ id: core, class', '{ id: l1x, class').replace('{ id: cr2, site', '{ id: cr1, site');
    const found = issues(bad);
    expect(found.some((f) => /power chain loops/.test(f))).toBe(true);
    expect(found).toContain('devices[1].id: duplicate id "cr1"');
  });

  it('reports YAML syntax errors with their line', () => {
    expect(issues('version: 1\ndevices: [\n')[0]).toMatch(/^line \d+:\d+: /);
  });

  it('resolves secrets from env and files and reports every missing one', () => {
    const c = parseConfig(GOOD, '/etc/redline/redline.yaml');
    const loaded = resolveConfig(c, '/etc/redline/redline.yaml', {
      env: { RO_COMMUNITY: 'canary-ro-7f3a', PRIV: 'canary-priv-91bd' },
      readFile: (p) => { if (p === '/etc/redline/auth.key') return 'canary-auth-55c1\n'; throw new Error('ENOENT'); },
    });
    expect(loaded.credentials.get('ro')).toEqual({ version: '2c', community: 'canary-ro-7f3a' });
    expect(loaded.credentials.get('v3')).toMatchObject({ authKey: 'canary-auth-55c1', privKey: 'canary-priv-91bd' });
    expect(loaded.secrets.redact('x canary-ro-7f3a canary-auth-55c1 canary-priv-91bd')).not.toMatch(/canary/);
    expect(() => resolveConfig(c, '/etc/redline/redline.yaml', { env: {}, readFile: () => { throw new Error('no'); } }))
      .toThrow(/credentials\.ro\.community\.env: environment variable RO_COMMUNITY is not set[\s\S]*authKey\.file[\s\S]*privKey\.env/);
  });

  // One validator per concept: check-config reports a health check's problems with their path,
  // and the runtime refuses the very same spec with the very same words.
  describe('health checks', () => {
    const URL_ = 'http://127.0.0.1:9/health';
    const cases = [
      ['a bad JSON path', '{ jsonPath: { path: "$..x", equals: 1 } }', 'GET', 'expectBody.jsonPath.path', /not a JSON path/],
      ['a bad regular expression', '{ matches: "(" }', 'GET', 'expectBody.matches', /not a valid regular expression \(Unterminated group\)/],
      ['HEAD with a body expectation', '{ contains: up }', 'HEAD', 'expectBody', /HEAD response has no body/],
      ['an expectation that names nothing', '{}', 'GET', 'expectBody', /names no expectation/],
    ] as const;
    const yaml = (body: string, method: string): string => `${GOOD}health:\n  - { id: ok, url: "${URL_}", expectBody: { contains: up } }\n  - { id: h1, url: "${URL_}", method: ${method}, expectBody: ${body} }\n`;

    it.each(cases)('%s is a config error at its path, and the runtime refuses it with the same words', async (_name, body, method, field, message) => {
      const found = issues(yaml(body, method));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(new RegExp(`^health\\[1\\]\\.${field.replaceAll('.', '\\.')}: `));
      expect(found[0]).toMatch(message);
      const spec = { id: 'h1', url: URL_, timeoutMs: 1000, method, expectBody: parseYaml(body) as object } as Parameters<typeof runHealthCheck>[0];
      const err = await runHealthCheck(spec, { now: () => 0, secrets: new SecretRegistry() }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain(found[0]!.slice('health[1].'.length));
    });

    it('reports health problems together with every other schema problem', () => {
      const bad = yaml('{ matches: "[" }', 'HEAD').replace('host: 10.0.0.2, credentials: v3', 'host: 10.0.0.2, port: 70000, credentials: v3');
      expect(issues(bad).map((i) => i.split(':')[0]).sort()).toEqual(['devices[1].snmp.port', 'health[1].expectBody', 'health[1].expectBody.matches']);
    });

    it('checks header values once read, by the same validator, without echoing them', () => {
      const text = `${GOOD}health:\n  - { id: h0, url: "${URL_}", headers: { X-Token: { env: TOKEN } } }\n`;
      const c = parseConfig(text, '/etc/redline/redline.yaml');
      const env = { RO_COMMUNITY: 'ro', PRIV: 'priv', TOKEN: 'canary-tok-3e1\r\nX-Evil: 1' };
      const load = (): unknown => resolveConfig(c, '/etc/redline/redline.yaml', { env, readFile: () => 'auth' });
      expect(load).toThrow(/health\[0\]\.headers\.X-Token: the value contains a line break or NUL/);
      expect((thrown(load) as Error).message).not.toContain('canary-tok');
    });
  });

  describe('settings.store.postgres', () => {
    const withStore = (store: string): string => GOOD.replace('version: 1\n', `version: 1\nsettings:\n  store: ${store}\n`);
    const env = { RO_COMMUNITY: 'ro-community', PRIV: 'priv-key-x' };
    const readFile = (p: string): string => { if (p === '/etc/redline/auth.key') return 'auth-key-x'; if (p === '/etc/redline/pg.url') return 'postgres://redline:canary-pg-file-4b@db.example:5433/noc\n'; throw new Error('ENOENT'); };

    it('absent: SQLite (no postgres settings)', () => {
      const loaded = resolveConfig(parseConfig(GOOD, '/etc/redline/redline.yaml'), '/etc/redline/redline.yaml', { env, readFile });
      expect(loaded.postgres).toBeUndefined();
    });

    it('reads the URL from the environment or a file, with schema and pool size, and registers the password', () => {
      const c = parseConfig(withStore('{ postgres: { url: { env: PG_URL }, schema: noc_store, poolSize: 4 } }'), '/etc/redline/redline.yaml');
      const loaded = resolveConfig(c, '/etc/redline/redline.yaml', { env: { ...env, PG_URL: 'postgres://redline:canary%2Fpg-9d@127.0.0.1:5432/noc' }, readFile });
      expect(loaded.postgres).toEqual({ url: 'postgres://redline:canary%2Fpg-9d@127.0.0.1:5432/noc', schema: 'noc_store', poolSize: 4 });
      expect(loaded.secrets.redact('a canary%2Fpg-9d b canary/pg-9d c')).not.toMatch(/canary/);
      const fromFile = resolveConfig(parseConfig(withStore('{ postgres: { url: { file: pg.url } } }'), '/etc/redline/redline.yaml'), '/etc/redline/redline.yaml', { env, readFile });
      expect(fromFile.postgres).toEqual({ url: 'postgres://redline:canary-pg-file-4b@db.example:5433/noc' });
      expect(fromFile.secrets.redact('canary-pg-file-4b')).toBe('[REDACTED]');
    });

    it.each([
      ['an inline URL', '{ postgres: { url: "postgres://u:p@h/db" } }', /settings\.store\.postgres\.url: a secret must be \{ env: NAME \} or \{ file: PATH \}/],
      ['a bad schema name', '{ postgres: { url: { env: PG_URL }, schema: "Bad-Name" } }', /settings\.store\.postgres\.schema: expected a schema name/],
      ['a pool of none', '{ postgres: { url: { env: PG_URL }, poolSize: 0 } }', /settings\.store\.postgres\.poolSize/],
      ['an unknown key', '{ postgres: { url: { env: PG_URL }, host: db } }', /settings\.store\.postgres: Unrecognized key/],
    ])('refuses %s, naming the path', (_n, store, message) => {
      expect(issues(withStore(store)).join('\n')).toMatch(message);
    });

    it.each([
      ['unset', {}, /settings\.store\.postgres\.url\.env: environment variable PG_URL is not set/],
      ['not a URL', { PG_URL: 'canary-not-a-url-77' }, /settings\.store\.postgres\.url: not a URL/],
      ['another scheme', { PG_URL: 'mysql://u:canary-pw-61@h/db' }, /settings\.store\.postgres\.url: expected a postgres:\/\/ or postgresql:\/\/ URL, not mysql:\/\//],
    ])('a URL %s is refused with its path and never quoted', (_n, extra, message) => {
      const c = parseConfig(withStore('{ postgres: { url: { env: PG_URL } } }'), '/etc/redline/redline.yaml');
      const load = (): unknown => resolveConfig(c, '/etc/redline/redline.yaml', { env: { ...env, ...extra }, readFile });
      expect(load).toThrow(message);
      expect((thrown(load) as Error).message).not.toContain('canary');
    });
  });
});
