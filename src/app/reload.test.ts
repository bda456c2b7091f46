/** The SIGHUP reload re-reads the operator's SNMP profiles: a new one is put in force, a broken one rejects the whole reload. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/registry.js';
import { captureLogger } from '../../test/support/capture-logger.js';
import { ConfigHolder } from './config-holder.js';
import { createReloader, loadRunning } from './reload.js';

const dir = mkdtempSync(join(tmpdir(), 'redline-reload-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const profile = (id: string, column = 'state'): string => `
id: ${id}
mib: ${id.toUpperCase()}-MIB
vendors: [1.3.6.1.4.1.99999]
columns: { state: { oid: 1.3.6.1.4.1.99999.1.1, type: int } }
extract:
  - { kind: component, component: psu, rows: ${column}, status: { column: state, map: { 1: ok, 2: failed } } }
`;

describe('reload and settings.profileDirs', () => {
  it('puts a profile added to the directory in force, and keeps the running ones when a profile is broken', () => {
    mkdirSync(join(dir, 'profiles'));
    writeFileSync(join(dir, 'redline.yaml'), 'version: 1\nsettings: { profileDirs: [profiles] }\n');
    writeFileSync(join(dir, 'profiles', 'a.yaml'), profile('my-a'));
    const holder = new ConfigHolder(loadRunning(dir));
    const ids = (): string[] => holder.current().profiles.map((p) => p.id).filter((id) => id.startsWith('my-'));
    expect(ids()).toEqual(['my-a']);
    const seen: string[][] = [];
    holder.subscribe('test', (next) => { seen.push(next.profiles.map((p) => p.id).filter((id) => id.startsWith('my-'))); });
    const logger = captureLogger();
    const reload = createReloader({ configPath: dir, holder, logger, metrics: createMetrics(), absorbSecrets: () => undefined });

    writeFileSync(join(dir, 'profiles', 'b.yaml'), profile('my-b'));
    expect(reload()).toBe(true);
    expect(ids()).toEqual(['my-a', 'my-b']);
    expect(seen).toEqual([['my-a', 'my-b']]);

    writeFileSync(join(dir, 'profiles', 'b.yaml'), profile('my-b', 'stat'));
    expect(reload()).toBe(false);
    expect(ids()).toEqual(['my-a', 'my-b']);
    expect(seen).toHaveLength(1);
    const rejected = logger.lines.find((l) => l.msg.startsWith('configuration reload rejected'));
    expect(rejected?.fields['problems']).toEqual([expect.stringMatching(/^settings\.profileDirs: .*b\.yaml: extract\[0\]\.rows: "stat" is not one of the profile's columns$/)]);
  });
});
