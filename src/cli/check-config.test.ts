import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
});
