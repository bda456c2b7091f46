/** Receiver deps for tests: secrets from a fixed table keyed by env name, a manual clock, Asia/Shanghai. */
import type { ReceiverDeps } from '../../src/alerting/receivers/receiver-kit.js';
import { SecretRegistry } from '../../src/common/secrets.js';
import { ManualClock } from './clock.js';

/** Deps whose `{ env: NAME }` secrets come from `secrets` (the process environment is left alone). */
export function receiverDeps(secrets: Readonly<Record<string, string>>, clock = new ManualClock()): ReceiverDeps & { readonly registry: SecretRegistry; readonly clock: ManualClock } {
  const registry = new SecretRegistry();
  return {
    registry,
    secrets: registry,
    clock,
    timeZone: 'Asia/Shanghai',
    consoleUrl: 'https://redline.example.net/console',
    resolveSecret: (ref) => {
      const value = 'env' in ref ? secrets[ref.env] : undefined;
      if (value === undefined) throw new Error(`no test secret for ${JSON.stringify(ref)}`);
      return value;
    },
  };
}
