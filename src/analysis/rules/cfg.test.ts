/** CFG-002 configuration backup age, from either backup source (a list, files on disk). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileBackupSource } from '../../snapshot/backup-files.js';
import { listBackupSource } from '../../snapshot/evidence.js';
import { inventoryFromObject, observation, snapshotOf } from '../../../test/support/snapshot-builders.js';
import type { BackupRecord } from '../../snapshot/types.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy, policyFromObject, type Policy } from '../policy.js';
import { RULES } from './index.js';

const NOW = Date.parse('2026-03-10T04:00:00Z');
const H = 3_600_000;
const policy = loadPolicy(DEFAULT_POLICY_FILE);
const NET = inventoryFromObject({
  sites: [{ id: 'bj', class: 'PC-CORE' }, { id: 'agg', class: 'PC-AGG' }, { id: 'acc', class: 'PC-ACC' }],
  devices: [
    { id: 'cr1', name: 'BJ-CR-01', site: 'bj', role: 'core', snmp: { host: '10.0.0.1', credentials: 'c' } },
    { id: 'agg1', site: 'agg', role: 'agg', snmp: { host: '10.0.0.2', credentials: 'c' } },
    { id: 'bts1', site: 'acc', role: 'bts', snmp: { host: '10.0.0.3', credentials: 'c' } },
    { id: 'odf', site: 'bj', role: 'odf' },
  ],
});

function verdicts(backups: ReadonlyMap<string, BackupRecord> | undefined): Record<string, string> {
  const snap = snapshotOf(NET, { now: NOW, devices: { cr1: observation(), agg1: observation(), bts1: observation() }, options: backups === undefined ? {} : { evidence: { configBackups: backups } } });
  return Object.fromEntries(runAnalysis(snap, policy, NOW, RULES.filter((x) => x.id === 'CFG-002')).findings.map((f) => [f.subject.id, `${f.state}${f.colour === null ? '' : ` ${f.colour}`}`]));
}

describe('CFG-002 configuration backups', () => {
  it('is not judged without a backup source', () => {
    expect(verdicts(undefined)).toEqual({});
  });

  it.each([
    ['all within their class limit (24 h CORE, 7 d AGG, 30 d ACC)', [['cr1', 20], ['agg1', 100], ['bts1', 600]], { cr1: 'protected', agg1: 'protected', bts1: 'protected' }],
    ['too old for the class', [['cr1', 30], ['agg1', 200], ['bts1', 800]], { cr1: 'degraded yellow', agg1: 'degraded blue', bts1: 'degraded blue' }],
    ['missing from the source', [['cr1', 1]], { cr1: 'protected', agg1: 'degraded blue', bts1: 'degraded blue' }],
  ] as const)('from a list: %s', (_n, ages, want) => {
    const src = listBackupSource(ages.map(([device, h]) => ({ device, at: NOW - h * H })));
    expect(verdicts(src.latest(NET.devices.keys()))).toEqual(want);
  });

  const dir = mkdtempSync(join(tmpdir(), 'redline-backups-'));
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
  it('from files: a file named after the device id or name, or a directory of dated copies (newest wins)', () => {
    const at = (h: number): Date => new Date(NOW - h * H);
    writeFileSync(join(dir, 'BJ-CR-01.cfg'), 'hostname BJ-CR-01\n');
    utimesSync(join(dir, 'BJ-CR-01.cfg'), at(2), at(2));
    mkdirSync(join(dir, 'agg1'));
    for (const [name, h] of [['2026-02-01.cfg', 900], ['2026-03-09.cfg', 30]] as const) {
      writeFileSync(join(dir, 'agg1', name), 'sysname agg1\n');
      utimesSync(join(dir, 'agg1', name), at(h), at(h));
    }
    const src = fileBackupSource(dir, (id) => [id, NET.devices.get(id)?.name ?? id]);
    const latest = src.latest(NET.devices.keys());
    expect(latest.get('cr1')?.at).toBe(NOW - 2 * H);
    expect(latest.get('agg1')?.at).toBe(NOW - 30 * H);
    expect(verdicts(latest)).toEqual({ cr1: 'protected', agg1: 'protected', bts1: 'degraded blue' });
    expect(fileBackupSource(join(dir, 'missing')).latest(['cr1']).size).toBe(0);
  });
});

describe('CFG-002 what a finding says', () => {
  const net = inventoryFromObject({
    sites: [{ id: 'bj', class: 'PC-CORE' }],
    devices: ['cr1', 'cr2', 'cr3'].map((id, i) => ({ id, site: 'bj', role: 'core', snmp: { host: `10.0.0.${i + 1}`, credentials: 'c' } })),
  });
  const report = (backups?: ReadonlyMap<string, BackupRecord>, p: Policy = policy): ReturnType<typeof runAnalysis> => runAnalysis(
    snapshotOf(net, { now: NOW, devices: { cr1: observation(), cr2: observation(), cr3: observation() }, options: backups === undefined ? {} : { evidence: { configBackups: backups } } }),
    p, NOW, RULES.filter((x) => x.id === 'CFG-002'),
  );
  /** The shipped policy with `overrides`. */
  const overridden = (overrides: unknown[]): Policy => policyFromObject({ ...(parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>), overrides });
  const none = { observedAt: null };

  it('each device: its evidence (age to a tenth of an hour, the location when known) and its sentence', () => {
    const src = listBackupSource([{ device: 'cr1', at: NOW - 23.46 * H, location: 'tftp://b/cr1.cfg' }, { device: 'cr2', at: NOW - 50 * H }]);
    const by = Object.fromEntries(report(src.latest(net.devices.keys())).findings.map((f) => [f.subject.id, f]));
    expect(by['cr1']).toMatchObject({ state: 'protected', severity: null, site: 'bj', sites: ['bj'], explanation: { zh: 'cr1：23 小时前已备份配置', en: 'cr1: configuration backed up 23 h ago' } });
    expect(by['cr1']!.evidence).toEqual([
      { what: 'latest backup', value: '2026-03-09 12:32 (Asia/Shanghai)', ...none },
      { what: 'age (hours)', value: 23.5, ...none },
      { what: 'max age (hours)', value: 24, ...none },
      { what: 'location', value: 'tftp://b/cr1.cfg', ...none },
    ]);
    expect(by['cr2']).toMatchObject({
      state: 'degraded', severity: 'evidenceGap', sites: ['bj'],
      explanation: { zh: 'cr2：最近一次配置备份为 2026-03-08 10:00（Asia/Shanghai 时间），距今 2 天（上限 24 小时）', en: 'cr2: last configuration backup 2026-03-08 10:00 (Asia/Shanghai), 2 days old (max 24 h)' },
    });
    expect(by['cr2']!.evidence).toEqual([
      { what: 'latest backup', value: '2026-03-08 10:00 (Asia/Shanghai)', ...none },
      { what: 'age (hours)', value: 50, ...none },
      { what: 'max age (hours)', value: 24, ...none },
    ]);
    expect(by['cr3']).toMatchObject({ state: 'degraded', severity: 'evidenceGap', sites: ['bj'], explanation: { zh: 'cr3：无配置备份记录', en: 'cr3: no configuration backup on record' } });
    expect(by['cr3']!.evidence).toEqual([{ what: 'latest backup', value: null, ...none }, { what: 'max age (hours)', value: 24, ...none }]);
  });

  it.each([
    ['exactly at the limit', 24 * H, 'protected'],
    ['just over the limit', 24 * H + 1, 'degraded'],
    ['taken after the pass began (clock skew): age 0', -H, 'protected'],
  ] as const)('%s', (_n, age, want) => {
    const f = report(listBackupSource([{ device: 'cr1', at: NOW - age }]).latest(['cr1'])).findings.find((x) => x.subject.id === 'cr1')!;
    expect(f.state).toBe(want);
    if (age < 0) expect(f.evidence[1]).toEqual({ what: 'age (hours)', value: 0, ...none });
  });

  it('without a backup source every device is listed as not evaluated, with the reason', () => {
    const r = report();
    expect(r.summary.rules.find((x) => x.rule === 'CFG-002')?.notEvaluated).toEqual([
      { reason: 'no configuration-backup source configured (policy evidence.configBackups)', code: 'no_register_configured', count: 3 },
    ]);
  });

  it('a site\'s override reaches its devices: a longer limit for the site, or the rule off there', () => {
    const backups = listBackupSource([{ device: 'cr1', at: NOW - 50 * H }]).latest(['cr1']);
    const longer = overridden([{ rule: 'CFG-002', site: 'bj', thresholds: { maxAgeHours: 72 }, reason: 'weekly backups at this site' }]);
    expect(report(backups, longer).findings.find((f) => f.subject.id === 'cr1')).toMatchObject({ state: 'protected', evidence: expect.arrayContaining([{ what: 'max age (hours)', value: 72, observedAt: null }]) as unknown });
    expect(report(backups, overridden([{ rule: 'CFG-002', site: 'bj', enabled: false, reason: 'decommissioning this site' }])).findings).toEqual([]);
  });
});
