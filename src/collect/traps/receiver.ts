/**
 * The SNMP trap and inform receiver, over net-snmp's receiver. The socket is redline's own (bound
 * where configured, port 0 included), so two checks run before net-snmp decodes anything: a
 * datagram larger than `maxDatagramBytes` and one from an address no device has are dropped and
 * counted. net-snmp then checks the community (v1/v2c) or verifies the v3 user's digest and
 * decrypts (the users and communities are the inventory's, replaced on reload), answers informs,
 * and hands over the notification; `authoriseTrap` pairs it with the one device whose address and
 * credentials it carries. Every drop is counted by reason; no error text of net-snmp is ever
 * logged or passed on (its messages quote communities and may carry a user's keys).
 */
import dgram from 'node:dgram';
import snmp from 'net-snmp';
import { netSnmpUserOf } from '../snmp/transport.js';
import { classifyTrap, type TrapKind } from './trap-kinds.js';
import { TrapShapeError, readNotification, type ReceivedTrap, type TrapVarbind } from './trap-message.js';
import { authoriseTrap, isKnownSource, type TrapRejection, type TrapSenders } from './trap-senders.js';

/** Largest datagram read by default: an honest trap is a few hundred bytes. */
export const DEFAULT_MAX_TRAP_BYTES = 8192;

/** A trap accepted from a configured device. */
export interface AcceptedTrap {
  readonly deviceId: string;
  readonly kind: TrapKind;
  /** The MIB name of the notification, or its OID when the table does not list it. */
  readonly name: string;
  readonly trapOid: string;
  readonly pdu: ReceivedTrap['pdu'];
  readonly varbinds: readonly TrapVarbind[];
  readonly droppedVarbinds: number;
}

/** What the receiver needs. */
export interface TrapReceiverOptions {
  readonly listen: { readonly host: string; readonly port: number };
  readonly senders: TrapSenders;
  readonly onTrap: (trap: AcceptedTrap) => void;
  /** Every datagram's outcome: `accepted` with its kind, or the reason it was dropped (kind `none`). */
  readonly count: (result: 'accepted' | TrapRejection, kind: TrapKind | 'none') => void;
  /** A socket error after start (the receiver goes on). The error's text is net-snmp-free. */
  readonly onSocketError?: (err: Error) => void;
  readonly maxDatagramBytes?: number;
}

/** The running receiver. */
export interface TrapReceiver {
  /** Where it listens (the bound port when 0 was asked). */
  address(): { host: string; port: number };
  /** Replaces who may send (a reload); returns v3 user names configured twice with different keys (only the first is used). */
  setSenders(senders: TrapSenders): string[];
  close(): Promise<void>;
}

/** The reason a net-snmp processing error stands for; its text is read here and never passed on. */
function rejectionOf(err: Error): TrapRejection {
  const m = err.message;
  if (m.startsWith('Local community not found')) return 'bad_community';
  if (m.startsWith('Local user not found')) return 'unknown_user';
  if (err instanceof snmp.ResponseInvalidError || m.startsWith('Local user ')) return 'bad_auth';
  return 'malformed';
}

/** Starts the receiver; rejects when the address cannot be bound. */
export async function startTrapReceiver(opts: TrapReceiverOptions): Promise<TrapReceiver> {
  const maxBytes = opts.maxDatagramBytes ?? DEFAULT_MAX_TRAP_BYTES;
  let senders = opts.senders;
  let socket: dgram.Socket | null = null;
  let started = false;

  // net-snmp creates and binds the socket; this stand-in for node:dgram binds it where asked
  // (net-snmp would turn port 0 into 162) and screens datagrams before net-snmp parses them.
  const dgramModule = {
    createSocket(type: 'udp4' | 'udp6'): dgram.Socket {
      const s = dgram.createSocket(type);
      socket = s;
      const on = s.on.bind(s) as (event: string | symbol, listener: (...args: never[]) => void) => dgram.Socket;
      const screened = (event: string | symbol, listener: (...args: never[]) => void): dgram.Socket => {
        if (event !== 'message') return on(event, listener);
        const handle = listener as unknown as (buf: Buffer, rinfo: dgram.RemoteInfo) => void;
        return on('message', (buf: Buffer, rinfo: dgram.RemoteInfo) => {
          if (buf.length > maxBytes) { opts.count('oversize', 'none'); return; }
          if (!isKnownSource(senders, rinfo.address)) { opts.count('unknown_source', 'none'); return; }
          handle(buf, rinfo);
        });
      };
      s.on = screened as typeof s.on;
      const bind = s.bind.bind(s);
      s.bind = (() => bind({ port: opts.listen.port, address: opts.listen.host, exclusive: true }));
      return s;
    },
  };

  const onMessage = (error: Error | null, notification?: unknown): void => {
    if (error !== null) {
      if ('code' in error && typeof error.code === 'string' && !('rinfo' in error)) {
        // a socket error (not a datagram's): the listener's own, reported without net-snmp's text
        if (started) opts.onSocketError?.(new Error(`trap socket error ${error.code}`));
        return;
      }
      opts.count(rejectionOf(error), 'none');
      return;
    }
    let trap: ReceivedTrap;
    try {
      trap = readNotification(notification);
    } catch (err) {
      if (err instanceof TrapShapeError) { opts.count('malformed', 'none'); return; }
      throw err;
    }
    const verdict = authoriseTrap(senders, trap);
    if (!verdict.ok) { opts.count(verdict.result, 'none'); return; }
    const cls = classifyTrap(trap.trapOid);
    opts.count('accepted', cls.kind);
    opts.onTrap({
      deviceId: verdict.deviceId, kind: cls.kind, name: cls.name ?? trap.trapOid, trapOid: trap.trapOid,
      pdu: trap.pdu, varbinds: trap.varbinds, droppedVarbinds: trap.droppedVarbinds,
    });
  };

  const receiver = snmp.createReceiver({
    port: opts.listen.port === 0 ? 1 : opts.listen.port, // never read: the stand-in binds
    address: opts.listen.host,
    transport: opts.listen.host.includes(':') ? 'udp6' : 'udp4',
    includeAuthentication: true,
    dgramModule,
  }, onMessage);
  const bound = socket as dgram.Socket | null;
  if (bound === null) throw new Error('the trap receiver did not create its socket');
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error): void => { reject(new Error(`cannot receive traps on ${opts.listen.host}:${opts.listen.port}: ${'code' in err ? String(err.code) : err.message}`)); };
    bound.once('error', failed);
    bound.once('listening', () => { bound.off('error', failed); resolve(); });
  }).catch((err: unknown) => {
    try { bound.close(); } catch { /* already closed */ }
    throw err;
  });
  started = true;

  const authorizer = receiver.getAuthorizer();
  const apply = (next: TrapSenders): string[] => {
    for (const c of authorizer.getCommunities()) authorizer.deleteCommunity(c);
    for (const u of authorizer.getUsers()) authorizer.deleteUser(u.name);
    const users = new Map<string, string>();
    const conflicts = new Set<string>();
    for (const list of next.values()) {
      for (const s of list) {
        const c = s.credentials;
        if (c.version !== '3') {
          if (!authorizer.getCommunities().includes(c.community)) authorizer.addCommunity(c.community);
          continue;
        }
        const keyed = JSON.stringify([c.authProtocol, c.authKey, c.privProtocol, c.privKey]);
        const seen = users.get(c.user);
        if (seen === undefined) { users.set(c.user, keyed); authorizer.addUser(netSnmpUserOf(c)); } else if (seen !== keyed) conflicts.add(c.user);
      }
    }
    senders = next;
    return [...conflicts];
  };
  apply(senders);

  let closing: Promise<void> | null = null;
  return {
    address: () => {
      const a = bound.address();
      return { host: a.address, port: a.port };
    },
    setSenders: apply,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        try { receiver.close(() => { resolve(); }); } catch { resolve(); }
      });
      return closing;
    },
  };
}
