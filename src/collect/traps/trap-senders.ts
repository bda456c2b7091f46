/**
 * Who may send redline a trap, and whether a received one came from them. A trap is accepted only
 * when its source address is a configured device's SNMP address and it authenticated with that
 * device's own credentials: its community (v1/v2c, compared in constant time), or its v3 user
 * (whose keys and security level net-snmp has verified against that same credential). Anything
 * else is dropped with a reason that names no secret.
 */
import { timingSafeEqual } from 'node:crypto';
import type { SnmpCredentials } from '../snmp/transport.js';
import type { Inventory } from '../../inventory/model.js';
import type { ReceivedTrap } from './trap-message.js';

/** A device that may send traps: its id, SNMP address and credentials. */
export interface TrapSender {
  readonly deviceId: string;
  readonly credentials: SnmpCredentials;
}

/** Trap senders by source address (IP literal as the datagram carries it). */
export type TrapSenders = ReadonlyMap<string, readonly TrapSender[]>;

/** Why a trap was dropped (a `result` of redline_traps_total). */
export type TrapRejection = 'unknown_source' | 'bad_community' | 'unknown_user' | 'bad_auth' | 'malformed' | 'oversize';

/** The verdict on one trap: the device it came from, or why it was dropped. */
export type TrapVerdict = { readonly ok: true; readonly deviceId: string } | { readonly ok: false; readonly result: TrapRejection };

/** `::ffff:192.0.2.1` (an IPv4 sender seen by an IPv6 socket) as `192.0.2.1`; other addresses as given, lower case. */
export function normaliseAddress(address: string): string {
  const a = address.toLowerCase();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/** The trap senders of an inventory: every device with an SNMP target, by its address. */
export function trapSendersOf(inventory: Inventory): TrapSenders {
  const out = new Map<string, TrapSender[]>();
  for (const d of inventory.devices.values()) {
    if (d.poll === undefined) continue;
    const key = normaliseAddress(d.poll.host);
    const list = out.get(key) ?? [];
    list.push({ deviceId: d.id, credentials: d.poll.credentials });
    out.set(key, list);
  }
  return out;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether `source` is the address of any configured device (checked before a datagram is even decoded). */
export function isKnownSource(senders: TrapSenders, source: string): boolean {
  return senders.has(normaliseAddress(source));
}

/** Judges a received trap against the senders: the device it came from, or why it is dropped. */
export function authoriseTrap(senders: TrapSenders, trap: Pick<ReceivedTrap, 'source' | 'community' | 'user'>): TrapVerdict {
  const candidates = senders.get(normaliseAddress(trap.source));
  if (candidates === undefined || candidates.length === 0) return { ok: false, result: 'unknown_source' };
  if (trap.community !== undefined) {
    const community = trap.community;
    const hit = candidates.find((s) => s.credentials.version !== '3' && sameSecret(s.credentials.community, community));
    return hit === undefined ? { ok: false, result: 'bad_community' } : { ok: true, deviceId: hit.deviceId };
  }
  if (trap.user !== undefined && trap.user !== '') {
    const user = trap.user;
    const hit = candidates.find((s) => s.credentials.version === '3' && s.credentials.user === user);
    return hit === undefined ? { ok: false, result: 'unknown_user' } : { ok: true, deviceId: hit.deviceId };
  }
  return { ok: false, result: 'unknown_user' };
}
