import { describe, expect, it } from 'vitest';
import { observation } from '../../test/support/snapshot-builders.js';
import { TEXT_CAP_NOTE, capDeviceText } from './device-text.js';

describe('capDeviceText', () => {
  it('caps every device string at the limit and notes each cut with its path', () => {
    const long = 'é'.repeat(3000);
    const o = observation({
      system: { name: 'n'.repeat(2000), descr: long, objectId: '1.3.6.1.4.1.9', uptimeSeconds: 5 },
      powerSupplies: [{ id: 'psu-1', name: 'PSU 1', status: 'ok', sources: ['entity'] }, { id: 'psu-2', name: 'p'.repeat(1025), status: 'failed', sources: ['entity'] }],
      neighbors: [{ protocol: 'lldp', localPort: 'Gi0/1', remoteName: `\u202e${'r'.repeat(5000)}`, remotePort: 'Gi0/2' }],
    });
    const capped = capDeviceText(o);
    expect(Buffer.byteLength(capped.system.descr!)).toBe(1024);
    expect(capped.system.descr).toBe('é'.repeat(512));
    expect(capped.system.name).toHaveLength(1024);
    expect(capped.system.objectId).toBe('1.3.6.1.4.1.9');
    expect(capped.system.uptimeSeconds).toBe(5);
    expect(capped.powerSupplies.map((p) => p.name)).toEqual(['PSU 1', 'p'.repeat(1024)]);
    expect(capped.powerSupplies[1]!.status).toBe('failed');
    expect(capped.neighbors[0]!.remoteName.startsWith('\u202e')).toBe(true);
    expect(capped.errors.filter((e) => e.profile === TEXT_CAP_NOTE).map((e) => e.message.split(':')[0])).toEqual([
      'system.name', 'system.descr', 'powerSupplies[1].name', 'neighbors[0].remoteName',
    ]);
    expect(capped.errors[1]!.message).toMatch(/the device sent 6000 bytes; the first 1024 kept/);
  });

  it('returns an observation within the cap unchanged', () => {
    const o = observation({ system: { name: 'cr1', descr: 'x'.repeat(1024), objectId: null, uptimeSeconds: null } });
    expect(capDeviceText(o)).toEqual(o);
  });
});
