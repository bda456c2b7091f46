import { describe, expect, it } from 'vitest';
import { describeFetchFailure, statusReason } from './judge.js';
import { parseJsonPath } from './json-path.js';

describe('parseJsonPath', () => {
  it.each([
    ['$', []],
    ['$.status', ['status']],
    ['status', ['status']],
    ['$.db.nodes[2].state', ['db', 'nodes', 2, 'state']],
    ['$["key.with.dots"][0]', ['key.with.dots', 0]],
    ["$['single']", ['single']],
    ['[0].id', [0, 'id']],
    ['$["esc\\"aped"]', ['esc"aped']],
    ['', null],
    ['$..x', null],
    ['$.a[', null],
    ['$.a[x]', null],
    ['$.a.', null],
  ] as const)('%s', (text, want) => {
    expect(parseJsonPath(text)).toEqual(want);
  });
});

describe('statusReason', () => {
  it.each([
    [200, undefined, null],
    [299, undefined, null],
    [300, undefined, 'status 300 not in 200-299'],
    [204, [200, 204], null],
    [503, { min: 500, max: 503 }, null],
    [404, [200], 'status 404 not one of 200'],
  ] as const)('%d %j', (status, expect_, want) => {
    expect(statusReason(status, expect_)).toBe(want);
  });
});

describe('describeFetchFailure', () => {
  const withCode = (code: string, message = `${code} 203.0.113.9:443 https://user:pw@h/?token=x`): Error =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

  it.each([
    [withCode('ECONNREFUSED'), 'connection refused'],
    [withCode('ENOTFOUND'), 'DNS failure: host not found (ENOTFOUND)'],
    [withCode('EAI_AGAIN'), 'DNS failure: name server did not answer (EAI_AGAIN)'],
    [withCode('CERT_HAS_EXPIRED'), 'TLS error: certificate expired (CERT_HAS_EXPIRED)'],
    [withCode('ERR_TLS_CERT_ALTNAME_INVALID'), 'TLS error: certificate does not name this host (ERR_TLS_CERT_ALTNAME_INVALID)'],
    [withCode('ERR_SSL_WRONG_VERSION_NUMBER'), 'TLS error: handshake failed (ERR_SSL_WRONG_VERSION_NUMBER)'],
    [withCode('ECONNRESET'), 'connection reset by the server'],
    [withCode('UND_ERR_SOCKET'), 'connection closed by the server before a complete response'],
    [withCode('EHOSTUNREACH'), 'host unreachable'],
    [withCode('UND_ERR_CONNECT_TIMEOUT'), 'connect timed out'],
    [withCode('HPE_INVALID_CONSTANT'), 'invalid HTTP response (HPE_INVALID_CONSTANT)'],
    // Node's happy-eyeballs connect gives an AggregateError of one error per address
    [new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) }), 'connection refused'],
    [new TypeError('fetch failed'), 'request failed (TypeError)'],
    ['a string', 'request failed (string)'],
  ] as const)('%s', (err, want) => {
    expect(describeFetchFailure(err)).toBe(want);
  });
});
