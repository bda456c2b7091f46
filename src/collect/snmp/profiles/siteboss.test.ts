import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../../../test/support/shared.js';
import { DEFAULT_COLLECT, collectDevice } from '../engine.js';
import { purposeOf } from '../kinds/site-sensor.js';
import { RecordingTransport } from '../recording-transport.js';
import { parseSnmprec } from '../snmprec.js';
import { PROFILES } from './index.js';

const RECORDING = join(SHARED_DIR, 'snmprec-wide', 'siteboss571_siteboss571-2.snmprec');

describe('what a site input is for, from its name', () => {
  it.each([
    ['Mains Fail', 'contact', 'mains'], ['市电停电', 'contact', 'mains'], ['Front Door', 'contact', 'door'], ['机房门禁', 'contact', 'door'],
    ['Water Leak', 'contact', 'water'], ['水浸', 'contact', 'water'], ['Smoke Detector', 'contact', 'smoke'], ['烟感', 'contact', 'smoke'],
    ['Temperature', 'temperature', 'temperature'], ['Humidity', 'humidity', 'humidity'], ['Spare 3', 'contact', 'other'],
  ] as const)('%s (%s) → %s', (name, kind, want) => {
    expect(purposeOf(name, kind)).toBe(want);
  });
});

describe.skipIf(!existsSync(RECORDING))('SiteBoss 571, real recording read offline', () => {
  it('reads its doors, temperatures and humidity, none in alarm, and skips its power outputs', async () => {
    const { rows } = parseSnmprec(readFileSync(RECORDING, 'utf8'));
    const r = await collectDevice(new RecordingTransport(rows, 'siteboss'), { ...DEFAULT_COLLECT, profiles: PROFILES, now: () => 0 });
    const s = r.observation.siteSensors;
    expect(s.map((x) => [x.name, x.kind, x.purpose, x.alarm, x.value])).toEqual([
      ['Temperature', 'temperature', 'temperature', null, 25],
      ['Humidity', 'humidity', 'humidity', null, 33],
      ['Temperature', 'temperature', 'temperature', null, 30],
      ['Front Door', 'contact', 'door', false, null],
      ['Back Door', 'contact', 'door', false, null],
      ['point 200.2.3', 'contact', 'other', false, null],
      ['point 200.2.4', 'contact', 'other', false, null],
    ]);
  });
});
