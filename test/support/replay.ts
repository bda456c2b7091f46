/** Polling the in-process replay agent from tests. */
import { SecretRegistry } from '../../src/common/secrets.js';
import { DEFAULT_COLLECT, collectDevice, type CollectOptions, type CollectResult } from '../../src/collect/snmp/engine.js';
import { PROFILES } from '../../src/collect/snmp/profiles/index.js';
import type { Profile } from '../../src/collect/snmp/profiles/types.js';
import { openSnmpTransport, type SnmpCredentials, type TransportOptions } from '../../src/collect/snmp/transport.js';

/** What a test may tune on one poll. */
export interface PollOptions {
  readonly profiles?: readonly Profile[];
  readonly transport?: Partial<TransportOptions>;
  readonly collect?: Partial<Omit<CollectOptions, 'profiles' | 'now'>>;
  readonly version?: '1' | '2c';
  readonly secrets?: SecretRegistry;
}

/** One full `collectDevice` poll of `community` at 127.0.0.1:`port`, transport closed afterwards. */
export async function pollReplay(port: number, community: string, opts: PollOptions = {}): Promise<CollectResult> {
  const creds: SnmpCredentials = { version: opts.version ?? '2c', community };
  const t = openSnmpTransport(
    { host: '127.0.0.1', port },
    creds,
    { timeoutMs: 1000, retries: 1, ...opts.transport },
    opts.secrets ?? new SecretRegistry(),
  );
  try {
    return await collectDevice(t, { ...DEFAULT_COLLECT, ...opts.collect, profiles: opts.profiles ?? PROFILES, now: () => performance.now() });
  } finally {
    t.close();
  }
}
