/** Authorising traps: only a configured device's address with that device's own community or v3 user. */
import { describe, expect, it } from 'vitest';
import { authoriseTrap, isKnownSource, normaliseAddress, type TrapSenders } from './trap-senders.js';

const senders: TrapSenders = new Map([
  ['192.0.2.1', [
    { deviceId: 'r1', credentials: { version: '2c', community: 'alpha-community' } },
    { deviceId: 'r1-v3', credentials: { version: '3', user: 'noc', authProtocol: 'sha', authKey: 'authkey-1', privProtocol: 'aes', privKey: 'privkey-1' } },
  ]],
  ['192.0.2.2', [{ deviceId: 'r2', credentials: { version: '2c', community: 'beta-community' } }]],
  ['2001:db8::2', [{ deviceId: 'r6', credentials: { version: '1', community: 'v1-community' } }]],
]);

describe('authoriseTrap', () => {
  it.each([
    ['the device community from its own address', { source: '192.0.2.1', community: 'alpha-community' }, { ok: true, deviceId: 'r1' }],
    ['a v3 user of a device at that address', { source: '192.0.2.1', user: 'noc' }, { ok: true, deviceId: 'r1-v3' }],
    ['an IPv4 sender seen on an IPv6 socket', { source: '::ffff:192.0.2.2', community: 'beta-community' }, { ok: true, deviceId: 'r2' }],
    ['a v1 community over IPv6', { source: '2001:DB8::2', community: 'v1-community' }, { ok: true, deviceId: 'r6' }],
    ['another device\'s community', { source: '192.0.2.1', community: 'beta-community' }, { ok: false, result: 'bad_community' }],
    ['a community prefix', { source: '192.0.2.1', community: 'alpha' }, { ok: false, result: 'bad_community' }],
    ['an unknown address', { source: '198.51.100.9', community: 'alpha-community' }, { ok: false, result: 'unknown_source' }],
    ['a v3 user at an address whose devices have no such user', { source: '192.0.2.2', user: 'noc' }, { ok: false, result: 'unknown_user' }],
    ['a v3 message without a user', { source: '192.0.2.1', user: '' }, { ok: false, result: 'unknown_user' }],
    ['neither community nor user', { source: '192.0.2.1' }, { ok: false, result: 'unknown_user' }],
  ] as const)('%s', (_what, trap, verdict) => {
    expect(authoriseTrap(senders, trap)).toEqual(verdict);
  });
});

describe('addresses', () => {
  it('knows sources by normalised address', () => {
    expect(isKnownSource(senders, '::ffff:192.0.2.1')).toBe(true);
    expect(isKnownSource(senders, '192.0.2.3')).toBe(false);
    expect(normaliseAddress('2001:DB8::2')).toBe('2001:db8::2');
    expect(normaliseAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });
});
