import { describe, expect, it } from 'vitest';
import { Allowlist } from './allowlist.js';
import { guessRole, guessSiteClass, parseLocation } from './guesses.js';
import { decodeLldpManAddrIndex } from './management-addresses.js';

describe('parseLocation', () => {
  it.each([
    ['site=BJ-CORE;room=A', { site: 'BJ-CORE', room: 'A' }],
    ['Site = bj-core | Room = core-a', { site: 'bj-core', room: 'core-a' }],
    ['站点=北京核心；机房=核心机房A', { site: '北京核心', room: '核心机房A' }],
    ['site=agg-01', { site: 'agg-01', room: null }],
    ['bj-core/core-a', { site: 'bj-core', room: 'core-a' }],
    ['Building 3, 2nd floor', null],
    ['lab', null],
    ['room=A', null],
    ['', null],
  ])('%j', (text, want) => {
    expect(parseLocation(text)).toEqual(want);
  });
});

describe('guessRole', () => {
  it.each([
    [['BJ-CR-01', null, [], false], 'core-router'],
    [['AGG-03-A', null, [], false], 'aggregation-router'],
    [['ACC-07', null, [], false], 'access-switch'],
    [['BJ-OTN-01', null, [], false], 'otn'],
    [['x', null, ['ups-mib'], false], 'ups'],
    [['x', '1.3.6.1.4.1.12356.101.1.1', [], false], 'firewall'],
    [['x', '1.3.6.1.4.1.9.1.1', [], true], 'router'],
    [['x', '1.3.6.1.4.1.9.1.1', [], false], 'unknown'],
  ] as const)('%j', (args, want) => {
    expect(guessRole(args[0], args[1], args[2], args[3]).value).toBe(want);
  });

  it('takes the strongest class of a site\'s roles', () => {
    expect(guessSiteClass(['access-switch', 'core-router'])).toBe('PC-CORE');
    expect(guessSiteClass(['otn', 'aggregation-router'])).toBe('PC-TRUNK');
    expect(guessSiteClass(['unknown'])).toBe('PC-ACC');
  });
});

describe('decodeLldpManAddrIndex', () => {
  it.each([
    ['0.3.1.1.4.10.0.0.1', { key: '0.3.1', address: '10.0.0.1' }],
    ['5.7.2.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1', { key: '5.7.2', address: '2001:db8::1' }],
    ['0.3.1.1.4.10.0.0', null], // length mismatch
    ['0.3.1.6.6.0.1.2.3.4.5', null], // a MAC (all802) address: not probed
  ])('%s', (index, want) => {
    expect(decodeLldpManAddrIndex(index)).toEqual(want);
  });
});

describe('Allowlist', () => {
  const a = new Allowlist(['10.0.0.0/8', '192.0.2.0/24', '2001:db8::/32']);
  it.each([
    ['10.1.2.3', true], ['11.0.0.1', false], ['192.0.2.200', true], ['192.0.3.1', false],
    ['2001:db8::9', true], ['2001:db9::1', false], ['router.example.net', false],
  ])('%s → %s', (host, ok) => {
    expect(a.allows(host)).toBe(ok);
  });
  it('rejects an empty list and anything that is not a prefix', () => {
    expect(() => new Allowlist([])).toThrow('--allow is required');
    expect(() => new Allowlist(['10.0.0.1'])).toThrow('not a prefix');
    expect(() => new Allowlist(['10.0.0.0/33'])).toThrow('not a prefix');
  });
});
