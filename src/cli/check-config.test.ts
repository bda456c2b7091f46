import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckConfig } from './check-config.js';

const dir = mkdtempSync(join(tmpdir(), 'redline-check-config-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('redline check-config', () => {
  it('reports a bad health JSON path, regex and HEAD with a body expectation, each with its path', () => {
    writeFileSync(join(dir, 'redline.yaml'), [
      'version: 1',
      'health:',
      '  - { id: a, url: "http://127.0.0.1:9/h", expectBody: { jsonPath: { path: "$.a[", equals: up } } }',
      '  - { id: b, url: "http://127.0.0.1:9/h", expectBody: { matches: "a)" } }',
      '  - { id: c, url: "http://127.0.0.1:9/h", method: HEAD, expectBody: { contains: up } }',
      '',
    ].join('\n'));
    let out = '';
    let err = '';
    const code = runCheckConfig([dir, '--skip-secrets'], { out: (t) => { out += t; }, err: (t) => { err += t; } });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/3 problems/);
    expect(err).toMatch(/^ {2}health\[0\]\.expectBody\.jsonPath\.path: not a JSON path/m);
    expect(err).toMatch(/^ {2}health\[1\]\.expectBody\.matches: not a valid regular expression/m);
    expect(err).toMatch(/^ {2}health\[2\]\.expectBody: a HEAD response has no body/m);
  });

  it('validates every profile of settings.profileDirs, naming each problem with its file and path', () => {
    const cfg = join(dir, 'with-profiles');
    mkdirSync(join(cfg, 'profiles'), { recursive: true });
    writeFileSync(join(cfg, 'redline.yaml'), 'version: 1\nsettings: { profileDirs: [profiles, missing] }\n');
    const good = 'id: ok-one\nmib: OK-MIB\ncolumns: { s: { oid: 1.3.6.1.4.1.99999.1, type: int } }\nextract:\n  - { kind: component, component: fan, rows: s, status: { column: s, map: { 1: ok } } }\n';
    writeFileSync(join(cfg, 'profiles', 'good.yaml'), good);
    writeFileSync(join(cfg, 'profiles', 'bad.yaml'), good.replace('id: ok-one', 'id: Bad One').replace('rows: s', 'rows: t').replace('type: int', 'type: integer'));
    let out = '';
    let err = '';
    const io = { out: (t: string) => { out += t; }, err: (t: string) => { err += t; } };
    expect(runCheckConfig([cfg, '--skip-secrets'], io)).toBe(1);
    expect(out).toBe('');
    const bad = join(cfg, 'profiles', 'bad.yaml');
    for (const path of ['id', 'columns.s.type', 'extract[0].rows']) expect(err).toContain(`  settings.profileDirs: ${bad}: ${path}: `);
    expect(err).toContain(`  settings.profileDirs: ${join(cfg, 'missing')}: (root): cannot read the directory`);

    rmSync(bad);
    writeFileSync(join(cfg, 'redline.yaml'), 'version: 1\nsettings: { profileDirs: [profiles] }\n');
    err = '';
    expect(runCheckConfig([cfg], io)).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/ok — .*1 SNMP profile of your own/);
  });
});
