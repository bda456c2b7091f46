import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { nokiaTimosProfile } from './nokia-timos.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, nokiaTimosProfile];
const CH = '1.3.6.1.4.1.6527.3.1.2.2.1';
const system = (objectId: string): string => `
1.3.6.1.2.1.1.1.0|4|TiMOS-B-15.1.R4 both/hops Nokia 7750 SR
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|pe-1
`;
const SROS = system('1.3.6.1.4.1.6527.1.3.4');

describe('nokia-timos: TmnxDeviceState, every value', () => {
  // TIMETRA-CHASSIS-MIB Rev 16.0, TmnxDeviceState
  it.each([
    [1, 'unknown'], // deviceStateUnknown
    [2, 'absent'], // deviceNotEquipped
    [3, 'ok'], // deviceStateOk
    [4, 'failed'], // deviceStateFailed
    [5, 'failed'], // deviceStateOutOfService
    [6, 'unknown'], // deviceNotProvisioned
    [7, 'absent'], // deviceNotApplicable
    [42, 'unknown'], // not in the MIB
  ] as const)('tray and fan in state %i → %s', async (raw, want) => {
    const o = await observeTable(`${SROS}
${CH}.24.1.1.2.3.1.1|2|${raw}
${CH}.24.2.1.6.3.1.1|2|${raw}
${CH}.24.2.1.7.3.1.1|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => p.status)).toEqual([want]);
    expect(o.fans.map((f) => f.status)).toEqual([want]);
  });
});

describe('nokia-timos: the second supply or feed of a tray', () => {
  it.each([
    [1, 'ok'], // unknown adds nothing to a tray whose first supply is ok
    [2, 'ok'], // deviceNotEquipped: the tray has no second supply
    [3, 'ok'],
    [4, 'failed'],
    [5, 'failed'],
    [6, 'ok'],
    [7, 'ok'],
  ] as const)('Sup2Status %i beside an ok Sup1Status → %s', async (raw, want) => {
    const o = await observeTable(`${SROS}
${CH}.24.2.1.6.3.1.1|2|3
${CH}.24.2.1.7.3.1.1|2|${raw}
`, PROFILES);
    expect(o.powerSupplies.map((p) => p.status)).toEqual([want]);
  });
});

describe('nokia-timos: trays', () => {
  it('an empty PEM slot is absent, a tray whose second supply failed is failed', async () => {
    const o = await observeTable(`${SROS}
${CH}.24.2.1.6.3.1.1|2|3
${CH}.24.2.1.7.3.1.1|2|2
${CH}.24.2.1.6.3.1.2|2|2
${CH}.24.2.1.7.3.1.2|2|2
${CH}.24.2.1.6.3.1.3|2|3
${CH}.24.2.1.7.3.1.3|2|4
`, PROFILES);
    expect(o.powerSupplies).toEqual([
      { id: 'psu-nokia-timos-3.1.1', name: 'psu-nokia-timos-3.1.1', status: 'ok', sources: ['nokia-timos'] },
      { id: 'psu-nokia-timos-3.1.2', name: 'psu-nokia-timos-3.1.2', status: 'absent', sources: ['nokia-timos'] },
      { id: 'psu-nokia-timos-3.1.3', name: 'psu-nokia-timos-3.1.3', status: 'failed', sources: ['nokia-timos'] },
    ]);
  });

  it('reads the pre-15.0 tables when the physical-chassis tables are empty', async () => {
    const o = await observeTable(`${SROS}
${CH}.4.1.2.1.1|2|3
${CH}.5.1.6.1.1|2|3
${CH}.5.1.7.1.1|2|2
${CH}.5.1.6.1.2|2|4
${CH}.5.1.7.1.2|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => [p.id, p.status])).toEqual([['psu-nokia-timos-1.1', 'ok'], ['psu-nokia-timos-1.2', 'failed']]);
    expect(o.fans.map((f) => [f.id, f.status])).toEqual([['fan-nokia-timos-1.1', 'ok']]);
  });

  it('does not count a tray twice when an agent fills the old and the new table', async () => {
    const o = await observeTable(`${SROS}
${CH}.4.1.2.1.1|2|3
${CH}.5.1.6.1.1|2|3
${CH}.5.1.7.1.1|2|2
${CH}.24.1.1.2.3.1.1|2|3
${CH}.24.2.1.6.3.1.1|2|3
${CH}.24.2.1.7.3.1.1|2|2
`, PROFILES);
    expect(o.powerSupplies.map((p) => p.id)).toEqual(['psu-nokia-timos-3.1.1']);
    expect(o.fans.map((f) => f.id)).toEqual(['fan-nokia-timos-3.1.1']);
  });
});

describe('nokia-timos: a public recording', () => {
  // Facts of librenms tests/snmpsim/timos.snmprec (firmware I-15.1.R4): sysObjectID 6527.1.3,
  // one fan tray at 3.1.1 in deviceStateOk, no power-supply rows in the recording.
  it('one fan tray, ok; no supplies', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.6527.1.3')}
${CH}.24.1.1.2.3.1.1|2|3
${CH}.24.1.1.5.3.1.1|66|12
`, PROFILES);
    expect(o.fans).toEqual([{ id: 'fan-nokia-timos-3.1.1', name: 'fan-nokia-timos-3.1.1', status: 'ok', sources: ['nokia-timos'] }]);
    expect(o.powerSupplies).toEqual([]);
    expect(o.profiles).toContain('nokia-timos');
  });
});

describe('nokia-timos: gating', () => {
  it('stays silent on a device of another vendor', async () => {
    const o = await observeTable(`${system('1.3.6.1.4.1.9.1.1745')}
${CH}.24.1.1.2.3.1.1|2|4
${CH}.24.2.1.6.3.1.1|2|4
`, PROFILES);
    expect(o.powerSupplies).toEqual([]);
    expect(o.fans).toEqual([]);
    expect(o.profiles).not.toContain('nokia-timos');
  });
});
