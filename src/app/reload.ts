/**
 * Configuration reload (SIGHUP): load and validate the new configuration, policy and the SNMP
 * profiles of settings.profileDirs completely, and only then put them in force through the
 * config holder; an invalid one changes nothing.
 */
import { policyFileFor, policyWarnings } from '../analysis/policy.js';
import { loadPolicyWithText } from '../analysis/worker/analysis-setup.js';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { ConfigError, loadConfig, type LoadedConfig } from '../config/load.js';
import { buildInventory } from '../inventory/model.js';
import type { RedlineMetrics } from '../metrics/registry.js';
import type { ConfigHolder } from './config-holder.js';
import { profilesOf, type Running } from './options.js';

/** What a reload needs. */
export interface ReloaderDeps {
  readonly configPath: string;
  readonly holder: ConfigHolder<Running>;
  readonly logger: Logger;
  readonly metrics: RedlineMetrics;
  /** Registers the new configuration's secrets for scrubbing, before anything can log them. */
  readonly absorbSecrets: (loaded: LoadedConfig) => void;
  /** Further checks a new configuration must pass (throws ConfigError), e.g. the accounts' (src/auth/daemon-auth.ts). */
  readonly check?: (loaded: LoadedConfig) => void;
}

/** Loads everything a configuration brings; throws ConfigError (or the policy's error) when any part is invalid. */
export function loadRunning(configPath: string): Running {
  const loaded = loadConfig(configPath);
  const p = loadPolicyWithText(policyFileFor(loaded.dir));
  return { loaded, policy: p.policy, policyText: { text: p.text, source: p.source }, inventory: buildInventory(loaded), profiles: profilesOf(loaded) };
}

/** Returns the reload function: true when the new configuration is in force, false when it was rejected. */
export function createReloader(deps: ReloaderDeps): () => boolean {
  return () => {
    let next: Running;
    try {
      const loaded = loadConfig(deps.configPath);
      deps.absorbSecrets(loaded);
      deps.check?.(loaded);
      const p = loadPolicyWithText(policyFileFor(loaded.dir));
      next = { loaded, policy: p.policy, policyText: { text: p.text, source: p.source }, inventory: buildInventory(loaded), profiles: profilesOf(loaded) };
    } catch (err) {
      deps.metrics.configReloads.inc({ result: 'rejected' });
      deps.logger.error({ problems: err instanceof ConfigError ? err.issues.map((i) => `${i.path}: ${i.message}`) : [errorMessage(err)] }, 'configuration reload rejected; keeping the running configuration');
      return false;
    }
    const prev = deps.holder.current();
    if (next.loaded.stateFile !== prev.loaded.stateFile) deps.logger.warn({}, 'settings.stateFile changed: takes effect at the next restart');
    if (next.loaded.config.settings.listen !== prev.loaded.config.settings.listen) deps.logger.warn({}, 'settings.listen changed: takes effect at the next restart');
    // compared as read (URL included) but never logged: only that it changed
    if (JSON.stringify(next.loaded.postgres ?? null) !== JSON.stringify(prev.loaded.postgres ?? null)) deps.logger.warn({}, 'settings.store changed: takes effect at the next restart');
    for (const w of policyWarnings(next.policy, next.inventory)) deps.logger.warn({ path: w.path }, `policy: ${w.message}`);
    const failed = deps.holder.apply(next, (part, err) => {
      deps.metrics.internalErrors.inc({ part: 'reload' });
      deps.logger.error({ part, err: errorMessage(err) }, 'configuration reload: a part failed to apply the new configuration');
    });
    deps.metrics.configReloads.inc({ result: 'applied' });
    const removed = [...prev.inventory.devices.keys()].filter((id) => !next.inventory.devices.has(id)).length;
    deps.logger.info({ devices: next.inventory.devices.size, removed, ...(failed.length > 0 ? { failedParts: failed } : {}) }, 'configuration reloaded');
    return true;
  };
}
