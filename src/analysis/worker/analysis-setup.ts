/**
 * Builds the analysis worker's setup from what the daemon has loaded: the policy is read once as
 * text, validated here and parsed again by the worker from the same text (so a file edited between
 * the two cannot split them), and the inventory crosses without SNMP credentials.
 */
import { readFileSync } from 'node:fs';
import type { LoadedConfig } from '../../config/load.js';
import { ConfigError } from '../../config/load.js';
import type { Inventory } from '../../inventory/model.js';
import { parsePolicy, type Policy } from '../policy.js';
import type { AfterPassSpec } from './after-pass.js';
import { inventoryForAnalysis, type AnalysisSetup } from './protocol.js';

/** A validated policy with the text it was parsed from. */
export interface PolicyWithText {
  readonly policy: Policy;
  readonly text: string;
  readonly source: string;
}

/** Reads and validates a policy file, keeping its text for the worker; throws ConfigError like `loadPolicy`. */
export function loadPolicyWithText(file: string): PolicyWithText {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, [{ path: '(file)', message: 'cannot read the policy file' }]);
  }
  return { policy: parsePolicy(text, file), text, source: file };
}

/** The default bound on one on-demand what-if, in failed elements after device groups are expanded. */
export const DEFAULT_MAX_WHATIF_ELEMENTS = 2000;

/** The setup of a loaded configuration; `afterPass` names the hooks the composition root wants run after each pass (after-pass.ts). */
export function analysisSetupOf(
  loaded: LoadedConfig, inventory: Inventory, policy: { readonly text: string; readonly source: string }, stateFile: string, secrets: readonly string[],
  maxWhatIfElements = DEFAULT_MAX_WHATIF_ELEMENTS, afterPass: readonly AfterPassSpec[] = [],
): AnalysisSetup {
  const health = loaded.config.settings.health.intervalSeconds * 1000;
  return {
    stateFile,
    staleAfterMissed: loaded.config.settings.poll.staleAfterMissed,
    pollIntervalMs: loaded.config.settings.poll.intervalSeconds * 1000,
    healthIntervalMs: Object.fromEntries([...inventory.health.values()].map((h) => [h.id, (h.intervalSeconds ?? loaded.config.settings.health.intervalSeconds) * 1000])),
    defaultHealthIntervalMs: health,
    configDir: loaded.dir,
    inventory: inventoryForAnalysis(inventory),
    policy: { text: policy.text, source: policy.source },
    secrets,
    maxWhatIfElements,
    ...(afterPass.length > 0 ? { afterPass } : {}),
  };
}
