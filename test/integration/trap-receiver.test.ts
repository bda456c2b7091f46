/**
 * The trap receiver against Debian's snmptrap and snmpinform: v1 and v2c traps, v3 (authPriv and
 * authNoPriv) traps and informs from a configured device are accepted and classified; a wrong
 * community, another device's community, an unknown v3 user, a wrong key, an unknown source
 * address and an oversize datagram are dropped and counted by reason; hostile text arrives
 * neutralised; no secret reaches anything the receiver hands on.
 */
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrapReceiver, type AcceptedTrap, type TrapReceiver } from '../../src/collect/traps/receiver.js';
import type { TrapSenders } from '../../src/collect/traps/trap-senders.js';
import { haveSnmptrap, sendTrap, sendV1Trap } from '../support/snmptrap.js';

const V2 = 'trap-test-community-7f3a';
const OTHER = 'trap-test-other-device-c0mm';
const AUTH = 'trap-test-auth-key-91';
const PRIV = 'trap-test-priv-key-44';
const AUTH_ONLY = 'trap-test-authonly-key-5';

const senders: TrapSenders = new Map([
  ['127.0.0.1', [
    { deviceId: 'pe-v2', credentials: { version: '2c', community: V2 } },
    { deviceId: 'pe-v3', credentials: { version: '3', user: 'noc-priv', authProtocol: 'sha256', authKey: AUTH, privProtocol: 'aes', privKey: PRIV } },
    { deviceId: 'pe-v3-auth', credentials: { version: '3', user: 'noc-auth', authProtocol: 'sha', authKey: AUTH_ONLY } },
  ]],
  // a device elsewhere: its community is known to the receiver, but not from 127.0.0.1
  ['127.0.0.9', [{ deviceId: 'far', credentials: { version: '2c', community: OTHER } }]],
]);

const run = haveSnmptrap();

describe.runIf(run)('trap receiver (real snmptrap)', () => {
  let receiver: TrapReceiver;
  const accepted: AcceptedTrap[] = [];
  const counts = new Map<string, number>();
  const count = (key: string): number => counts.get(key) ?? 0;

  beforeAll(async () => {
    receiver = await startTrapReceiver({
      listen: { host: '127.0.0.1', port: 0 },
      senders,
      onTrap: (t) => { accepted.push(t); },
      count: (result, kind) => { const k = `${result}/${kind}`; counts.set(k, count(k) + 1); },
    });
  });
  afterAll(async () => { await receiver.close(); });

  const until = async (what: string, cond: () => boolean): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`never happened: ${what} (counts ${JSON.stringify([...counts])})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const port = (): number => receiver.address().port;

  it('binds a free port when asked for port 0', () => {
    expect(receiver.address().host).toBe('127.0.0.1');
    expect(port()).toBeGreaterThan(0);
  });

  it('accepts a v2c linkDown from the device and classifies it', async () => {
    const before = accepted.length;
    await sendTrap(port(), { community: V2 }, '1.3.6.1.6.3.1.1.5.3', { varbinds: [['1.3.6.1.2.1.2.2.1.1.3', 'i', '3']] });
    await until('the linkDown', () => accepted.length > before);
    expect(accepted.at(-1)).toMatchObject({ deviceId: 'pe-v2', kind: 'link', name: 'linkDown', pdu: 'trapv2' });
  });

  it('accepts a v3 authPriv PSU trap and a v3 authNoPriv inform', async () => {
    const before = accepted.length;
    await sendTrap(port(), { user: 'noc-priv', authProtocol: 'SHA-256', authKey: AUTH, privKey: PRIV }, '1.3.6.1.4.1.9.9.117.2.0.2');
    await sendTrap(port(), { user: 'noc-auth', authKey: AUTH_ONLY }, '1.3.6.1.2.1.15.0.2', { inform: true });
    await until('both v3 notifications', () => accepted.length >= before + 2);
    expect(accepted.slice(before).map((t) => [t.deviceId, t.kind, t.name, t.pdu])).toEqual([
      ['pe-v3', 'power', 'cefcPowerStatusChange', 'trapv2'],
      ['pe-v3-auth', 'bgp', 'bgpBackwardTransNotification', 'inform'],
    ]);
  });

  it('accepts a v1 enterprise-specific trap and names it as RFC 3584 maps it', async () => {
    const before = accepted.length;
    await sendV1Trap(port(), V2, '1.3.6.1.4.1.9.9.117.2', 6, 2);
    await until('the v1 trap', () => accepted.length > before);
    expect(accepted.at(-1)).toMatchObject({ deviceId: 'pe-v2', kind: 'power', name: 'cefcPowerStatusChange', pdu: 'trap' });
  });

  it('accepts an unlisted notification from a known device as other', async () => {
    const before = accepted.length;
    await sendTrap(port(), { community: V2 }, '1.3.6.1.4.1.99999.1.0.7');
    await until('the unlisted trap', () => accepted.length > before);
    expect(accepted.at(-1)).toMatchObject({ deviceId: 'pe-v2', kind: 'other', name: '1.3.6.1.4.1.99999.1.0.7' });
  });

  it('neutralises hostile text in varbinds', async () => {
    const before = accepted.length;
    await sendTrap(port(), { community: V2 }, '1.3.6.1.6.3.1.1.5.4', { varbinds: [['1.3.6.1.2.1.2.2.1.2.3', 's', `Gi0/3\u202e\u2028forged line`]] });
    await until('the linkUp', () => accepted.length > before);
    const value = accepted.at(-1)!.varbinds.find((v) => v.oid === '1.3.6.1.2.1.2.2.1.2.3')!.value;
    expect(value).toBe('Gi0/3\\u202e\\u2028forged line');
  });

  it.each([
    ['a wrong community', 'bad_community/none', { community: 'not-the-community' }, {}],
    ['another device\'s community from this address', 'bad_community/none', { community: OTHER }, {}],
    ['an unknown v3 user', 'unknown_user/none', { user: 'intruder', authKey: AUTH, privKey: PRIV }, {}],
    ['a v3 user with a wrong key', 'bad_auth/none', { user: 'noc-priv', authProtocol: 'SHA-256', authKey: 'wrong-auth-key-123', privKey: PRIV }, {}],
    ['an unknown source address', 'unknown_source/none', { community: V2 }, { from: '127.0.0.2' }],
  ] as const)('drops and counts %s', async (_what, key, auth, opts) => {
    const before = count(key);
    const acceptedBefore = accepted.length;
    await sendTrap(port(), auth, '1.3.6.1.6.3.1.1.5.3', opts);
    await until(key, () => count(key) > before);
    expect(accepted.length).toBe(acceptedBefore);
  });

  it('drops an oversize datagram before decoding it', async () => {
    const before = count('oversize/none');
    const s = createSocket('udp4');
    await new Promise<void>((resolve, reject) => { s.send(Buffer.alloc(20_000, 0x30), port(), '127.0.0.1', (err) => { if (err) reject(err); else resolve(); }); });
    s.close();
    await until('the oversize drop', () => count('oversize/none') > before);
  });

  it('hands on no secret', () => {
    const text = JSON.stringify(accepted);
    for (const secret of [V2, OTHER, AUTH, PRIV, AUTH_ONLY]) expect(text).not.toContain(secret);
  });

  it('follows a reload: a community removed is refused from then on', async () => {
    receiver.setSenders(new Map([['127.0.0.1', [{ deviceId: 'pe-v2', credentials: { version: '2c', community: 'rotated-community-2' } }]]]));
    try {
      const before = count('bad_community/none');
      await sendTrap(port(), { community: V2 }, '1.3.6.1.6.3.1.1.5.3');
      await until('the old community refused', () => count('bad_community/none') > before);
    } finally {
      receiver.setSenders(senders);
    }
  });

  it('reports v3 user names configured twice with different keys', () => {
    const conflicts = receiver.setSenders(new Map([['127.0.0.1', [
      { deviceId: 'a', credentials: { version: '3', user: 'dup', authKey: 'key-one-11' } },
      { deviceId: 'b', credentials: { version: '3', user: 'dup', authKey: 'key-two-22' } },
    ]]]));
    receiver.setSenders(senders);
    expect(conflicts).toEqual(['dup']);
  });
});
