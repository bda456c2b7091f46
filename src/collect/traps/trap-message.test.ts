/** Reading net-snmp's notification: the notification OID of v1/v2c/v3 PDUs, bounded and neutralised values, refusals. */
import { describe, expect, it } from 'vitest';
import { SNMP_TRAP_OID, TRAP_MAX_VARBINDS, TRAP_TEXT_CAP_BYTES, TrapShapeError, readNotification, varbindText } from './trap-message.js';

const rinfo = { address: '192.0.2.7', port: 50000, family: 'IPv4', size: 100 };
const v2 = (trapOid: unknown, extra: object[] = [], type = 167): unknown => ({
  pdu: { type, id: 1, community: 'c', varbinds: [{ oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 1234 }, { oid: SNMP_TRAP_OID, type: 6, value: trapOid }, ...extra] },
  rinfo,
});

describe('readNotification', () => {
  it('reads a v2c trap: source, community, notification OID and varbinds as text', () => {
    const t = readNotification(v2('1.3.6.1.6.3.1.1.5.3', [{ oid: '1.3.6.1.2.1.2.2.1.1.7', type: 2, value: 7 }]));
    expect(t).toEqual({
      source: '192.0.2.7', pdu: 'trapv2', community: 'c', trapOid: '1.3.6.1.6.3.1.1.5.3', droppedVarbinds: 0,
      varbinds: [{ oid: '1.3.6.1.2.1.1.3.0', value: '1234' }, { oid: SNMP_TRAP_OID, value: '1.3.6.1.6.3.1.1.5.3' }, { oid: '1.3.6.1.2.1.2.2.1.1.7', value: '7' }],
    });
  });

  it('tells an inform from a trap and keeps a v3 user name', () => {
    const n = v2('1.3.6.1.2.1.68.0.1', [], 166) as { pdu: Record<string, unknown> };
    delete n.pdu['community'];
    n.pdu['user'] = 'noc';
    const t = readNotification(n);
    expect(t.pdu).toBe('inform');
    expect(t.user).toBe('noc');
    expect(t.community).toBeUndefined();
  });

  it.each([
    [2, '1.3.6.1.4.1.9', 0, '1.3.6.1.6.3.1.1.5.3'], // generic linkDown
    [0, '1.3.6.1.4.1.9', 0, '1.3.6.1.6.3.1.1.5.1'], // coldStart
    [6, '1.3.6.1.4.1.9.9.117.2', 2, '1.3.6.1.4.1.9.9.117.2.0.2'], // enterprise-specific (RFC 3584)
  ])('maps a v1 trap (generic %i, enterprise %s, specific %i) to %s', (generic, enterprise, specific, oid) => {
    const t = readNotification({ pdu: { type: 164, enterprise, agentAddr: '192.0.2.7', generic, specific, upTime: 5, varbinds: [], community: 'c' }, rinfo });
    expect(t.trapOid).toBe(oid);
    expect(t.pdu).toBe('trap');
  });

  it(`keeps at most ${TRAP_MAX_VARBINDS} varbinds and counts the rest`, () => {
    const many = Array.from({ length: 100 }, (_, k) => ({ oid: `1.3.6.1.4.1.1.${k}`, type: 2, value: k }));
    const t = readNotification(v2('1.3.6.1.4.1.1.0.1', many));
    expect(t.varbinds).toHaveLength(TRAP_MAX_VARBINDS);
    expect(t.droppedVarbinds).toBe(102 - TRAP_MAX_VARBINDS);
  });

  it.each([
    ['no notification OID', { pdu: { type: 167, varbinds: [] }, rinfo }],
    ['a notification OID that is text', v2('linkDown; rm -rf /')],
    ['a notification OID that is a number', v2(42)],
    ['a response PDU', v2('1.3.6.1.6.3.1.1.5.3', [], 162)],
    ['no source', { pdu: { type: 167, varbinds: [] } }],
    ['nothing', null],
    ['a v1 trap without a generic number', { pdu: { type: 164, varbinds: [] }, rinfo }],
  ])('refuses %s with TrapShapeError', (_what, n) => {
    expect(() => readNotification(n)).toThrow(TrapShapeError);
  });
});

describe('varbindText', () => {
  it('shows UTF-8 octet strings as text (Chinese included, controls made visible) and others in hex', () => {
    expect(varbindText(Buffer.from('a\x1b[31mb', 'utf8'))).toBe('a\\x1b[31mb');
    expect(varbindText(Buffer.from('电源模块 PSU-2 故障', 'utf8'))).toBe('电源模块 PSU-2 故障');
    expect(varbindText(Buffer.from([0x00, 0x1b, 0xff]))).toBe('0x001bff');
  });

  it('makes control and bidi characters visible in strings', () => {
    expect(varbindText('up\nFAKE LOG LINE')).toBe('up\\x0aFAKE LOG LINE');
    expect(varbindText('abc\u202edef')).toBe('abc\\u202edef');
  });

  it(`caps text at ${TRAP_TEXT_CAP_BYTES} bytes`, () => {
    const out = varbindText('x'.repeat(10_000));
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(TRAP_TEXT_CAP_BYTES + 3);
    expect(out.endsWith('…')).toBe(true);
    expect(varbindText(Buffer.alloc(10_000, 0x41)).length).toBeLessThanOrEqual(TRAP_TEXT_CAP_BYTES + 3);
  });

  it('writes numbers, big integers and absent values plainly', () => {
    expect(varbindText(5)).toBe('5');
    expect(varbindText(2n ** 64n)).toBe('18446744073709551616');
    expect(varbindText(null)).toBe('');
    expect(varbindText({ nested: true })).toBe('(unreadable value)');
  });
});
