/**
 * The inventory: what the network is meant to be, built once from a valid configuration and
 * indexed for the stages that follow (pollers, snapshot, analysis).
 */
import type { SnmpCredentials } from '../collect/snmp/transport.js';
import type { LoadedConfig } from '../config/load.js';
import type {
  DeviceConfig, HealthConfig, LinkConfig, PowerNodeConfig, ProtectionClass, ServiceConfig, SiteConfig,
} from '../config/schema.js';

/** A device with its effective class and resolved SNMP target. */
export interface Device extends DeviceConfig {
  readonly class: ProtectionClass;
  /** Where and how to poll it; absent for devices known only from the inventory. */
  readonly poll?: {
    readonly host: string;
    readonly port: number;
    readonly credentials: SnmpCredentials;
    readonly timeoutMs: number;
    readonly retries: number;
    readonly maxRepetitions: number;
    readonly bulk: boolean;
  };
}

/** The whole inventory, indexed by id. */
export interface Inventory {
  readonly sites: ReadonlyMap<string, SiteConfig>;
  readonly devices: ReadonlyMap<string, Device>;
  readonly links: readonly LinkConfig[];
  readonly power: ReadonlyMap<string, PowerNodeConfig>;
  readonly services: ReadonlyMap<string, ServiceConfig>;
  readonly health: ReadonlyMap<string, HealthConfig>;
  /** The operator's IANA time zone (settings.timeZone): times shown to people are in it. */
  readonly timeZone?: string;
}

/** Builds the inventory of a loaded configuration. */
export function buildInventory(loaded: LoadedConfig): Inventory {
  const c = loaded.config;
  const sites = new Map(c.sites.map((s) => [s.id, s]));
  const d = c.settings.snmpDefaults;
  const devices = new Map<string, Device>();
  for (const dev of c.devices) {
    const site = sites.get(dev.site);
    const cls: ProtectionClass = dev.class ?? site?.class ?? 'PC-ACC';
    const creds = dev.snmp === undefined ? undefined : loaded.credentials.get(dev.snmp.credentials);
    const device: Device = dev.snmp === undefined || creds === undefined
      ? { ...dev, class: cls }
      : {
          ...dev,
          class: cls,
          poll: {
            host: dev.snmp.host,
            port: dev.snmp.port,
            credentials: creds,
            timeoutMs: dev.snmp.timeoutMs ?? d.timeoutMs,
            retries: dev.snmp.retries ?? d.retries,
            maxRepetitions: dev.snmp.maxRepetitions ?? d.maxRepetitions,
            bulk: dev.snmp.bulk ?? d.bulk,
          },
        };
    devices.set(dev.id, device);
  }
  return {
    sites,
    devices,
    links: c.links,
    power: new Map(c.power.map((p) => [p.id, p])),
    services: new Map(c.services.map((s) => [s.id, s])),
    health: new Map(c.health.map((h) => [h.id, h])),
    timeZone: c.settings.timeZone,
  };
}
