/** CFG-002 configuration backup age, from either backup source (a list, files on disk). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBackupSource } from '../../snapshot/backup-files.js';
import { listBackupSource } from '../../snapshot/evidence.js';
import { inventoryFromObject, observation, snapshotOf } from '../../../test/support/snapshot-builders.js';
import type { BackupRecord } from '../../snapshot/types.js';
import { runAnalysis } from '../analyze.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy.js';
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
