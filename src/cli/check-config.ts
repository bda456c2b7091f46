/** `redline check-config <file|dir>`: validates a configuration and reports every problem at once. */
import { ConfigError, loadConfig } from '../config/load.js';
import type { ProbeIo } from './probe.js';

/** Runs check-config; returns 0 when valid, 1 when not. */
export function runCheckConfig(argv: readonly string[], io: ProbeIo): number {
  const path = argv[0];
  if (path === undefined || argv.length !== 1) {
    io.err('usage: redline check-config <config file or directory>\n');
    return 1;
  }
  try {
    const loaded = loadConfig(path);
    const c = loaded.config;
    io.out(`${loaded.file}: ok — ${c.sites.length} sites, ${c.devices.length} devices, ${c.links.length} links, ` +
      `${c.power.length} power elements, ${c.services.length} services, ${c.health.length} health checks\n`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
