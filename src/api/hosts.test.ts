import { describe, expect, it } from 'vitest';
import { hostAllowed, parseHost } from './hosts.js';

const policy = { listenHost: '127.0.0.1', port: 9740, allowed: ['redline', 'noc.example:8443', '[fd00::5]'] };

describe('hostAllowed', () => {
  it.each([
    ['127.0.0.1:9740', true],
    ['localhost:9740', true],
    ['LocalHost.:9740', true],
    ['[::1]:9740', true],
    ['localhost:9741', false],
    ['localhost', false],
    ['127.0.0.2:9740', false],
    ['redline', true],
    ['redline:9740', true],
    ['REDLINE:1234', true],
    ['noc.example:8443', true],
    ['noc.example', false],
    ['noc.example:9740', false],
    ['[fd00::5]:9740', true],
    ['attacker.example:9740', false],
    ['127.0.0.1.attacker.example:9740', false],
    ['localhost:9740@attacker.example', false],
    ['localhost:99999', false],
    ['', false],
    [undefined, false],
  ] as const)('%s → %s', (host, ok) => {
    expect(hostAllowed(host, policy)).toBe(ok);
  });

  it('allows the listen host with the port', () => {
    expect(hostAllowed('10.1.2.3:9740', { ...policy, listenHost: '10.1.2.3' })).toBe(true);
    expect(hostAllowed('[2001:db8::1]:9740', { ...policy, listenHost: '2001:db8::1' })).toBe(true);
    expect(hostAllowed('10.1.2.3:9740', policy)).toBe(false);
  });
});

describe('parseHost', () => {
  it.each([
    ['Example.ORG.:80', { name: 'example.org', port: 80 }],
    ['[::1]:9', { name: '[::1]', port: 9 }],
    ['a b', null],
    ['host:0', null],
  ] as const)('%s', (text, want) => {
    expect(parseHost(text)).toEqual(want);
  });
});
