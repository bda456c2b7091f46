/**
 * SNMP transport over net-snmp: with collect/traps/ (the trap receiver), the only module that imports it. Every session gets an error
 * listener (a malformed datagram would otherwise kill the process), GETNEXT never goes
 * backwards, and every error that leaves here is typed and has its secrets removed.
 */
import type { EventEmitter } from 'node:events';
import snmp from 'net-snmp';
import type { Session, SessionOptions, User, Varbind } from 'net-snmp';
import { ProtocolError, TimeoutError, UsageError, errorMessage } from '../../common/errors.js';
import { SecretRegistry } from '../../common/secrets.js';
import { decodeVarbind, type DecodedVarbind } from './value.js';

/** SNMPv3 authentication protocols redline accepts. */
export const AUTH_PROTOCOLS = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
/** SNMPv3 privacy protocols redline accepts (`aes256` is the Reeder key localisation Cisco uses). */
export const PRIV_PROTOCOLS = ['des', 'aes', 'aes256', 'aes256b', 'aes256r'] as const;

export type AuthProtocol = (typeof AUTH_PROTOCOLS)[number];
export type PrivProtocol = (typeof PRIV_PROTOCOLS)[number];

/** How to authenticate to one agent. Secrets live here and nowhere else. */
export type SnmpCredentials =
  | { readonly version: '1' | '2c'; readonly community: string }
  | {
      readonly version: '3';
      readonly user: string;
      readonly authProtocol?: AuthProtocol;
      readonly authKey?: string;
      readonly privProtocol?: PrivProtocol;
      readonly privKey?: string;
      readonly context?: string;
    };

/** Where an agent listens. */
export interface SnmpTarget {
  readonly host: string;
  readonly port: number;
}

/** Per-target transport tuning. */
export interface TransportOptions {
  /** Milliseconds to wait for one response before retrying. */
  readonly timeoutMs: number;
  /** Re-sends of one request after a timeout. */
  readonly retries: number;
}

/** The port every collector uses to talk SNMP; tests substitute fakes of it. */
export interface SnmpTransport {
  /** "host:port", safe to log. */
  readonly label: string;
  /** SNMP version in use; v1 has no GETBULK. */
  readonly version: '1' | '2c' | '3';
  get(oids: readonly string[]): Promise<DecodedVarbind[]>;
  getNext(oids: readonly string[]): Promise<DecodedVarbind[]>;
  /** GETBULK with no non-repeaters: one list of varbinds per requested OID. */
  getBulk(oids: readonly string[], maxRepetitions: number): Promise<DecodedVarbind[][]>;
  /** Problems that were not an answer to a request (garbled datagrams, socket errors). */
  readonly incidents: readonly string[];
  /** Varbinds dropped because their type was unknown, counted since the transport was made. */
  readonly undecodable: number;
  close(): void;
}

/** Formats a target for logs and output: IPv6 addresses get brackets. */
export function targetLabel(t: SnmpTarget): string {
  return t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

/** Parses "host", "host:port", "[v6]:port" or "v6" into a target. */
export function parseTarget(text: string, defaultPort = 161): SnmpTarget {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracket) return { host: bracket[1]!, port: bracket[2] === undefined ? defaultPort : portNumber(bracket[2], text) };
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = text.split(':') as [string, string];
    if (host.length === 0) throw new UsageError(`invalid target "${text}": empty host`);
    return { host, port: portNumber(port, text) };
  }
  if (text.length === 0) throw new UsageError('invalid target: empty');
  return { host: text, port: defaultPort };
}

function portNumber(p: string, text: string): number {
  const n = Number(p);
  if (!/^\d+$/.test(p) || n < 1 || n > 65535) throw new UsageError(`invalid target "${text}": port must be 1-65535`);
  return n;
}

function authCode(p: AuthProtocol): number {
  const code = snmp.AuthProtocols[p];
  if (code === undefined) throw new UsageError(`unsupported auth protocol ${p}`);
  return code;
}

function privCode(p: PrivProtocol): number {
  const name = p === 'aes256' ? 'aes256r' : p;
  const code = snmp.PrivProtocols[name];
  if (code === undefined) throw new UsageError(`unsupported privacy protocol ${p}`);
  return code;
}

/**
 * The net-snmp user of a v3 credential: its security level follows the keys it has (authPriv with
 * a privacy key, authNoPriv with an authentication key only). Polling and the trap receiver share it.
 */
export function netSnmpUserOf(creds: Extract<SnmpCredentials, { version: '3' }>): User {
  const level = creds.privKey !== undefined ? snmp.SecurityLevel.authPriv
    : creds.authKey !== undefined ? snmp.SecurityLevel.authNoPriv
      : snmp.SecurityLevel.noAuthNoPriv;
  const user: User = { name: creds.user, level };
  if (creds.authKey !== undefined) {
    user.authProtocol = authCode(creds.authProtocol ?? 'sha');
    user.authKey = creds.authKey;
  }
  if (creds.privKey !== undefined) {
    user.privProtocol = privCode(creds.privProtocol ?? 'aes');
    user.privKey = creds.privKey;
  }
  return user;
}

/** Registers every secret of `creds` with `secrets` so that they can be scrubbed from any text. */
export function registerCredentialSecrets(creds: SnmpCredentials, secrets: SecretRegistry): void {
  if (creds.version === '3') {
    secrets.add(creds.authKey);
    secrets.add(creds.privKey);
  } else {
    secrets.add(creds.community);
  }
}

class NetSnmpTransport implements SnmpTransport {
  readonly label: string;
  readonly version: '1' | '2c' | '3';
  readonly incidents: string[] = [];
  undecodable = 0;
  private readonly session: Session;
  private closed = false;

  constructor(target: SnmpTarget, creds: SnmpCredentials, opts: TransportOptions, private readonly secrets: SecretRegistry) {
    this.label = targetLabel(target);
    this.version = creds.version;
    registerCredentialSecrets(creds, secrets);
    const options: SessionOptions = {
      port: target.port,
      retries: opts.retries,
      timeout: opts.timeoutMs,
      transport: target.host.includes(':') ? 'udp6' : 'udp4',
      backwardsGetNexts: false,
      reportOidMismatchErrors: false,
    };
    if (creds.version === '3') {
      const user = netSnmpUserOf(creds);
      if (creds.context !== undefined) options.context = creds.context;
      this.session = snmp.createV3Session(target.host, user, { ...options, version: snmp.Version3 });
    } else {
      this.session = snmp.createSession(target.host, creds.community, {
        ...options,
        version: creds.version === '1' ? snmp.Version1 : snmp.Version2c,
      });
    }
    // Without this listener one undecodable datagram throws out of the socket handler.
    this.session.on('error', (err: unknown) => {
      this.incident(`ignored unreadable datagram: ${errorMessage(err)}`);
    });
    this.guardDatagrams();
    // net-snmp calls back once per request, after its retries (an SNMPv3 request may take up to
    // three exchanges: engine discovery, time sync, the request); past this, something lost the
    // callback and the request fails as a timeout instead of hanging.
    const exchanges = creds.version === '3' ? 3 : 1;
    this.watchdogMs = exchanges * opts.timeoutMs * (opts.retries + 1) + Math.max(250, opts.timeoutMs / 2);
  }

  private readonly watchdogMs: number;

  private incident(text: string): void {
    if (this.incidents.length < 100) this.incidents.push(this.clean(text));
  }

  /**
   * net-snmp only guards the parsing of a datagram: a reply that parses but breaks a later step
   * (a v3-shaped reply with the auth flag to a v1/v2c request reads an undefined user) throws
   * out of the socket's message handler and kills the process, and its request is dropped
   * without a callback. Datagrams go through a try/catch instead; the watchdog in `request`
   * settles the dropped request.
   */
  private guardDatagrams(): void {
    const internals = this.session as unknown as { dgram?: EventEmitter; onMsg?: (buf: Buffer, rinfo: unknown) => void };
    const { dgram, onMsg } = internals;
    if (dgram === undefined || typeof onMsg !== 'function') return;
    dgram.removeAllListeners('message');
    dgram.on('message', (buf: Buffer, rinfo: unknown) => {
      try {
        onMsg.call(this.session, buf, rinfo);
      } catch (err) {
        this.incident(`ignored a datagram the SNMP library could not process: ${errorMessage(err)}`);
      }
    });
  }

  private clean(text: string): string {
    return this.secrets.redact(text);
  }

  private fail(op: string, err: unknown): Error {
    const message = this.clean(errorMessage(err));
    if (err instanceof snmp.RequestTimedOutError) return new TimeoutError(`${op} to ${this.label} timed out`);
    if (err instanceof snmp.RequestFailedError) {
      return new ProtocolError(`${op} to ${this.label} failed: ${message}`, undefined, err.status);
    }
    return new ProtocolError(`${op} to ${this.label}: ${message}`);
  }

  private decodeAll(list: readonly Varbind[]): DecodedVarbind[] {
    const out: DecodedVarbind[] = [];
    for (const vb of list) {
      const d = decodeVarbind(vb);
      if (d === null) this.undecodable++;
      else out.push(d);
    }
    return out;
  }

  private request<T>(op: string, run: (cb: (err: Error | null, vbs?: T) => void) => void): Promise<T> {
    if (this.closed) return Promise.reject(new ProtocolError(`${op} to ${this.label}: transport closed`));
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        try {
          fn();
        } catch (err) {
          // building the error failed: the request must settle all the same, or its caller hangs
          reject(new ProtocolError(`${op} to ${this.label}: unusable response (${this.clean(errorMessage(err))})`));
        }
      };
      const watchdog = setTimeout(() => {
        settle(() => { reject(new TimeoutError(`${op} to ${this.label} timed out (no response was handled)`)); });
      }, this.watchdogMs);
      try {
        run((err, vbs) => {
          settle(() => {
            if (err) reject(this.fail(op, err));
            else if (vbs === undefined) reject(new ProtocolError(`${op} to ${this.label}: empty response`));
            else resolve(vbs);
          });
        });
      } catch (err) {
        settle(() => { reject(this.fail(op, err)); });
      }
    });
  }

  async get(oids: readonly string[]): Promise<DecodedVarbind[]> {
    try {
      const vbs = await this.request<Varbind[]>('GET', (cb) => { this.session.get([...oids], cb); });
      return this.decodeAll(vbs);
    } catch (err) {
      // SNMPv1 fails a whole GET with noSuchName when one object is missing (RFC 1157 §4.1.2):
      // ask for each object alone, and report the missing ones as noSuchInstance.
      if (this.version === '1' && err instanceof ProtocolError && err.status === snmp.ErrorStatus.NoSuchName) {
        if (oids.length === 1) return [{ oid: oids[0]!, value: null, exception: 'noSuchInstance' }];
        const out: DecodedVarbind[] = [];
        for (const oid of oids) out.push(...await this.get([oid]));
        return out;
      }
      throw err;
    }
  }

  async getNext(oids: readonly string[]): Promise<DecodedVarbind[]> {
    try {
      const vbs = await this.request<Varbind[]>('GETNEXT', (cb) => { this.session.getNext([...oids], cb); });
      return this.decodeAll(vbs);
    } catch (err) {
      // SNMPv1 says "end of the MIB" with a noSuchName error rather than endOfMibView.
      if (this.version === '1' && err instanceof ProtocolError && err.status === snmp.ErrorStatus.NoSuchName) {
        return oids.map((oid) => ({ oid, value: null, exception: 'endOfMibView' as const }));
      }
      throw err;
    }
  }

  async getBulk(oids: readonly string[], maxRepetitions: number): Promise<DecodedVarbind[][]> {
    if (this.version === '1') throw new UsageError('GETBULK is not part of SNMPv1');
    const rows = await this.request<(Varbind | Varbind[])[]>('GETBULK', (cb) => {
      this.session.getBulk([...oids], 0, maxRepetitions, cb);
    });
    return rows.map((r) => this.decodeAll(Array.isArray(r) ? r : [r]));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.session.close();
    } catch {
      // already closed by the socket; nothing to release
    }
  }
}

/** Opens a transport to one agent. `secrets` learns the credentials so that nothing leaks them. */
export function openSnmpTransport(
  target: SnmpTarget,
  creds: SnmpCredentials,
  opts: TransportOptions,
  secrets: SecretRegistry,
): SnmpTransport {
  return new NetSnmpTransport(target, creds, opts, secrets);
}
