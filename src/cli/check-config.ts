/**
 * `redline check-config <file|dir> [--skip-secrets]`: validates a configuration and reports
 * every problem at once. `--skip-secrets` checks everything but whether the referenced
 * environment variables and secret files exist (for a config repository's own CI).
 */
import { readFileSync } from 'node:fs';
import { ConfigError, configFileOf, loadConfig, parseConfig } from '../config/load.js';
import type { RedlineConfig } from '../config/schema.js';
import { configTokenIssues } from '../auth/config-tokens.js';
import type { ProbeIo } from './probe.js';

function summary(file: string, c: RedlineConfig): string {
  return `${file}: ok — ${c.sites.length} sites, ${c.devices.length} devices, ${c.links.length} links, ` +
    `${c.power.length} power elements, ${c.services.length} services, ${c.health.length} health checks\n`;
}

/** Runs check-config; returns 0 when valid, 1 when not. */
export function runCheckConfig(argv: readonly string[], io: ProbeIo): number {
  const skipSecrets = argv.includes('--skip-secrets');
  const paths = argv.filter((a) => a !== '--skip-secrets');
  const path = paths[0];
  if (path === undefined || paths.length !== 1) {
    io.err('usage: redline check-config <config file or directory> [--skip-secrets]\n');
    return 1;
  }
  try {
    if (skipSecrets) {
      const file = configFileOf(path);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new ConfigError(file, [{ path: '(file)', message: 'cannot read the configuration file' }]);
      }
      io.out(summary(file, parseConfig(text, file)));
      return 0;
    }
    const loaded = loadConfig(path);
    // the configured tokens as `redline run` judges them (only `redline demo` admits its demo-* tokens)
    const tokenIssues = configTokenIssues(loaded.authTokens, { demo: false });
    if (tokenIssues.length > 0) throw new ConfigError(loaded.file, tokenIssues);
    io.out(summary(loaded.file, loaded.config));
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
