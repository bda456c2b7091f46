/** Port spellings: which pairs name one port, and which interface a spelling resolves to. */
import { describe, expect, it } from 'vitest';
import type { InterfaceState } from '../collect/observation.js';
import { portNamesMatch, resolvePort } from './port-names.js';

const iface = (index: number, name: string): InterfaceState => ({ index, name, operStatus: 'up', adminStatus: 'up', speedMbps: 10_000 });

describe('portNamesMatch', () => {
  it.each([
    ['1/1/7', 'Alcatel-Lucent OS6900 XNI 1/1/7', true], // OmniSwitch: ifDescr around the ifName
    ['GigabitEthernet0/0/1', 'HUAWEI, AR Series, GigabitEthernet0/0/1 Interface', true], // Huawei VRP ifDescr
    ['xe-0/0/1', 'xe-0/0/1.0', true], // Junos logical unit
    ['Hu0/0/0/0', 'HundredGigE0/0/0/0', true], // IOS XR abbreviation
    ['Gi0/1', 'GigabitEthernet0/1', true],
    ['Te0/0/1', 'TenGigE0/0/1', true],
    ['Gi0/1', 'GigabitEthernet0/2', false],
    ['1/1/7', 'Alcatel-Lucent OS6900 XNI 1/1/17', false],
    ['xe-0/0/1', 'xe-0/0/10', false],
    ['port', 'Some port description', false], // a word without a digit never names a port
    ['Gi0/1', 'Te0/1', false],
  ] as const)('%s ~ %s: %s', (x, y, want) => {
    expect(portNamesMatch(x, y)).toBe(want);
    expect(portNamesMatch(y, x)).toBe(want);
  });
});

describe('resolvePort', () => {
  const ifs = [iface(5, '1/1/7'), iface(6, '1/1/8'), iface(17, '1/1/17')];
  it.each([
    ['17', 17], // a bare number is an ifIndex (Junos, ProCurve local port ids)
    ['ifIndex 6', 6],
    ['1/1/7', 5],
    ['Alcatel-Lucent OS6900 XNI 1/1/8', 6],
    ['Alcatel-Lucent OS6900 XNI 1/1/9', undefined],
  ] as const)('%s → ifIndex %s', (text, want) => {
    expect(resolvePort(ifs, text)?.index).toBe(want);
  });
  it('resolves by ifDescr and ifAlias when the neighbour names the port by them (Junos gives ifAlias as lldpLocPortDesc)', () => {
    const named = [{ ...iface(501, 'xe-0/0/1'), alias: 'to BJ-CR-02 Hu0/0/0/5' }, { ...iface(502, 'xe-0/0/2'), descr: 'Ten Gigabit port 2' }];
    expect(resolvePort(named, 'to BJ-CR-02 Hu0/0/0/5')?.index).toBe(501);
    expect(resolvePort(named, 'ten gigabit port 2')?.index).toBe(502);
    // an alias two ports share names neither
    expect(resolvePort([{ ...iface(1, 'a1'), alias: 'uplink' }, { ...iface(2, 'a2'), alias: 'uplink' }], 'uplink')).toBeUndefined();
  });

  it('resolves nothing on a device without an interface table, or when two interfaces match', () => {
    expect(resolvePort([], '1/1/7')).toBeUndefined();
    expect(resolvePort([iface(1, 'Gi0/1'), iface(2, 'GigabitEthernet0/1')], 'Gig0/1')).toBeUndefined();
  });
});
