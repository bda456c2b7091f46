/**
 * The signed audit of a daemon with nothing to audit (issue #13, a fix): an empty inventory,
 * before any analysis pass. The real daemon (empty configuration, manual clock, real ledger and
 * key) answers `GET /api/v1/reports/audit` with a signed archive that verifies, whose JSON
 * validates against the published schema and whose page says, at the top, that no analysis has
 * run and that no protected element is in scope — an inspector gets a valid report that says so,
 * not a 500. After a pass, the same request carries that pass's coverage statement.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import type { App } from '../../src/app/types.js';
import { silentLogger } from '../../src/common/logger.js';
import type { AuditModel } from '../../src/reports/audit-model.js';
import { verifyExportFiles } from '../../src/reports/signed-export.js';
import { readTar } from '../../src/reports/tar.js';
import { REPORT_WORDS } from '../../src/reports/words.js';
import { ManualClock } from '../support/clock.js';
import { REPO_ROOT } from '../support/shared.js';

const validAudit = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'schemas', 'audit-report.schema.json'), 'utf8')) as object);

/** A daemon of its own for each test (one ran an analysis pass, the other must not see it). */
let dir: string;
let app: App;
let base: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redline-audit-empty-'));
  writeFileSync(join(dir, 'redline.yaml'), 'version: 1\nsettings:\n  listen: 127.0.0.1:0\n  auth:\n    enabled: false\n');
  app = await startApp({ configPath: dir, logger: silentLogger, manualClock: true, stateFile: join(dir, 'state.db'), ledgerFile: join(dir, 'ledger.db'), clock: new ManualClock({ wallMs: Date.parse('2026-06-01T00:00:00Z') }) });
  base = `http://127.0.0.1:${app.address().port}`;
}, 60_000);

afterEach(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('answers a signed, valid audit that says there is nothing to audit yet', async () => {
  const r = await fetch(`${base}/api/v1/reports/audit`);
  expect(r.status, await r.clone().text()).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/x-tar');
  const files = new Map(readTar(Buffer.from(await r.arrayBuffer())).map((e) => [e.name.split('/')[1]!, e.bytes]));
  expect(verifyExportFiles(files, {})).toMatchObject({ ok: true, problems: [] });
  const m = JSON.parse(files.get('audit-report.json')!.toString()) as AuditModel;
  expect(validAudit(m), JSON.stringify(validAudit.errors)).toBe(true);
  expect(m.elements).toEqual([]);
  expect(m.coverage.at).toBeNull();
  const html = files.get('audit-report.html')!.toString();
  expect(html).toContain(REPORT_WORDS.noCoverage.zh);
  expect(html).toContain(REPORT_WORDS.noElements.zh);
  const en = await (await fetch(`${base}/api/v1/reports/audit?format=html&lang=en`)).text();
  expect(en).toContain(REPORT_WORDS.noElements.en);
});

it('after a pass carries its coverage statement', async () => {
  await app.analyze();
  const m = await (await fetch(`${base}/api/v1/reports/audit?format=json`)).json() as AuditModel;
  expect(validAudit(m)).toBe(true);
  expect(m.coverage.at).not.toBeNull();
  expect(m.coverage.catalogue).toBe(43);
});
