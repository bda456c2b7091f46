// Minimal typings for the parts of net-snmp that redline uses (the package ships none).
declare module 'net-snmp' {
  import type { EventEmitter } from 'node:events';

  export interface Varbind {
    oid: string;
    type: number;
    value: unknown;
  }
  export type ResponseCallback<T> = (error: Error | null, varbinds?: T) => void;

  export interface Session extends EventEmitter {
    get(oids: string[], cb: ResponseCallback<Varbind[]>): void;
    getNext(oids: string[], cb: ResponseCallback<Varbind[]>): void;
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: ResponseCallback<(Varbind | Varbind[])[]>): void;
    close(): void;
  }

  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
    idBitsSize?: 16 | 32;
    context?: string;
    engineID?: string;
  }

  export interface User {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }

  export const Version1: number;
  export const Version2c: number;
  export const Version3: number;
  export const ObjectType: Record<string, number>;
  export const ErrorStatus: Record<string, number>;
  export const SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
  export const AuthProtocols: Record<string, number>;
  export const PrivProtocols: Record<string, number>;

  export class RequestTimedOutError extends Error {}
  export class RequestFailedError extends Error { status: number; }
  export class ResponseInvalidError extends Error { code: number; }

  /** The communities and users a receiver accepts. */
  export interface Authorizer {
    addCommunity(community: string): void;
    deleteCommunity(community: string): void;
    getCommunities(): string[];
    addUser(user: User): void;
    deleteUser(name: string): void;
    getUsers(): User[];
  }
  export interface ReceiverOptions {
    port?: number;
    address?: string | null;
    transport?: 'udp4' | 'udp6';
    disableAuthorization?: boolean;
    includeAuthentication?: boolean;
    engineID?: string;
    /** Stands in for node:dgram (net-snmp calls only `createSocket`). */
    dgramModule?: { createSocket(type: 'udp4' | 'udp6'): import('node:dgram').Socket };
  }
  export interface Receiver {
    getAuthorizer(): Authorizer;
    close(callback?: () => void): void;
  }
  export function createReceiver(options: ReceiverOptions, callback: (error: Error | null, notification?: unknown) => void): Receiver;

  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: User, options?: SessionOptions): Session;
  export function isVarbindError(vb: Varbind): boolean;

  const snmp: {
    Version1: number; Version2c: number; Version3: number;
    ObjectType: Record<string, number>; ErrorStatus: Record<string, number>;
    SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
    AuthProtocols: Record<string, number>; PrivProtocols: Record<string, number>;
    RequestTimedOutError: typeof RequestTimedOutError;
    RequestFailedError: typeof RequestFailedError;
    ResponseInvalidError: typeof ResponseInvalidError;
    createSession: typeof createSession;
    createV3Session: typeof createV3Session;
    isVarbindError: typeof isVarbindError;
    createReceiver: typeof createReceiver;
  };
  export default snmp;
}
