/**
 * `redline import csv` on a resource-management export with Chinese headings
 * (docs/examples/resource-export): deliberately bad rows are each reported with file, row and
 * column and nothing is imported; once fixed, the import passes check-config and the power
 * chain it describes gives the PWR-001b verdicts it should.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analysis/analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../src/analysis/policy.js';
import { RULES } from '../../src/analysis/rules/index.js';
import { REPO_ROOT } from '../support/shared.js';
import { ensureBuilt, runCli } from '../support/cli.js';
import { inventoryFromObject, snapshotOf } from '../support/snapshot-builders.js';

const EXAMPLE = join(REPO_ROOT, 'docs', 'examples', 'resource-export');
const NOW = Date.parse('2026-03-10T04:00:00Z');

describe('redline import csv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-csv-'));
  const src = join(dir, 'export');
  const out = join(dir, 'config');
  beforeAll(ensureBuilt, 240_000);
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('reports every bad row with its file, row and column, and imports nothing', async () => {
    // its own export and target: "nothing imported" must not see another test's import (shuffled order)
    const src = join(dir, 'bad-export');
    const out = join(dir, 'bad-config');
    cpSync(EXAMPLE, src, { recursive: true });
    appendFileSync(join(src, '设备.csv'), 'BJ-CR-03,上海枢纽,核心机房A,core-router,999.1.1.1,PC-XYZ,2,\n');
    appendFileSync(join(src, '链路.csv'), 'bad-link,BJ-CR-01,,NOPE,Te0/1,abc,东区管道,\n');
    appendFileSync(join(src, '设备电源.csv'), 'E-AGG-01,PSU 1,pdu-z\n');
    appendFileSync(join(src, '电源.csv'), 'ats-1,自动切换,北京核心枢纽,,mains-9,\n');
    writeFileSync(join(src, '备注.csv'), '说明,日期\n导出,2026-03-01\n');
    const r = await runCli(['import', 'csv', src, '--out', out]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
    expect(lines).toEqual([
      '备注.csv:1: headings "说明", "日期" are not one of the tables redline reads (sites, rooms, devices, links, power, psus); see docs/operations.md',
      '电源.csv:8 [类型]: "自动切换" is not a power element kind (mains, 市电, generator, 油机, 发电机, ats, panel, 配电屏, 配电柜, 列头柜, ups, rectifier, 整流器, 开关电源, battery, 蓄电池, 电池组, pdu)',
      '设备.csv:5 [站点名称]: no site "上海枢纽" in the sites table',
      '设备.csv:5 [管理地址]: "999.1.1.1" is not an IP address',
      '设备.csv:5 [保护等级]: "PC-XYZ" is not one of PC-CORE, PC-DC, PC-TRUNK, PC-NE, PC-SMS, PC-AGG, PC-ACC',
      '设备电源.csv:6 [供电来源]: no power element "pdu-z" in the power table',
      '链路.csv:5 [本端端口]: empty; a value is required',
      '链路.csv:5 [对端设备]: no device "NOPE" in the devices table',
      '链路.csv:5 [带宽(Mbps)]: "abc" is not a positive number',
      '链路.csv:5 [管道]: "东区管道" is not a usable duct id (letters, digits, . _ : -)',
    ]);
    expect(r.stderr).toContain('10 problem(s); nothing imported');
    expect(existsSync(join(out, 'redline.yaml'))).toBe(false);
  }, 60_000);

  it('imports once the rows are fixed: check-config passes and the power chain is the one described', async () => {
    rmSync(src, { recursive: true, force: true });
    cpSync(EXAMPLE, src, { recursive: true });
    const r = await runCli(['import', 'csv', src, '--out', out]);
    expect(r.stderr).toContain('设备.csv (devices, 3 rows)');
    expect(r.code).toBe(0);
    const check = await runCli(['check-config', out, '--skip-secrets']);
    expect(check.stdout).toContain('ok — 2 sites, 3 devices, 3 links, 6 power elements');
    const cfg = parseDocument(readFileSync(join(out, 'redline.yaml'), 'utf8')).toJS() as Record<string, unknown>;
    const sites = cfg.sites as Record<string, unknown>[];
    expect(sites[0]).toEqual({ id: 'bj-core', name: '北京核心枢纽', class: 'PC-CORE', province: '北京', rooms: [{ id: 'core-a', name: '核心机房A' }, { id: 'core-b', name: '核心机房B' }] });
    const links = cfg.links as Record<string, unknown>[];
    expect(links[1]).toEqual({ id: 'cr1-agg1', a: { device: 'BJ-CR-01', interface: 'Hu0/0/0/1' }, b: { device: 'E-AGG-01', interface: 'Te0/0/1' }, capacityMbps: 10000, risks: [{ kind: 'duct', id: 'D-1' }, { kind: 'cable', id: 'F-101' }] });
    const inv = inventoryFromObject(cfg);
    const report = runAnalysis(snapshotOf(inv, { now: NOW }), loadPolicy(DEFAULT_POLICY_FILE), NOW, RULES.filter((x) => x.id === 'PWR-001b'));
    expect(Object.fromEntries(report.findings.map((f) => [f.subject.id, f.state]))).toEqual({ 'BJ-CR-01': 'protected', 'BJ-CR-02': 'unprotected' });
    expect((cfg.devices as Record<string, unknown>[])[0]).toMatchObject({ redundancyPair: 'BJ-CR-02', snmp: { host: '192.0.2.1', credentials: 'snmp' } });
  }, 60_000);

  it('reads the same export as an XLSX workbook, one table per sheet, bad rows named by sheet and row', async () => {
    const book = join(dir, 'xlsx');
    mkdirSync(book, { recursive: true });
    const write = async (bad: boolean): Promise<void> => {
      const wb = new ExcelJS.Workbook();
      for (const f of readdirSync(EXAMPLE).sort()) {
        const ws = wb.addWorksheet(f.replace(/\.csv$/, ''));
        for (const line of readFileSync(join(EXAMPLE, f), 'utf8').trim().split('\n')) ws.addRow(line.split(','));
        if (bad && f === '设备.csv') ws.addRow(['BJ-CR-09', '北京核心枢纽', '核心机房A', 'core-router', '10.0.0.300']);
      }
      await wb.xlsx.writeFile(join(book, '资源导出.xlsx'));
    };
    await write(true);
    const target = join(dir, 'from-xlsx');
    const r = await runCli(['import', 'csv', book, '--out', target]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('资源导出.xlsx#设备:5 [管理地址]: "10.0.0.300" is not an IP address');
    expect(existsSync(join(target, 'redline.yaml'))).toBe(false);
    await write(false);
    const ok = await runCli(['import', 'csv', join(book, '资源导出.xlsx'), '--out', target]);
    expect(ok.code).toBe(0);
    const check = await runCli(['check-config', target, '--skip-secrets']);
    expect(check.stdout).toContain('ok — 2 sites, 3 devices, 3 links, 6 power elements');
  }, 60_000);
});
