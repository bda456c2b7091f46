/**
 * `redline init [dir]`: a starter configuration — settings, one credential reference, the
 * policy and one site, each commented — that `check-config` accepts, ending with what to do next.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_POLICY_FILE } from '../analysis/policy.js';
import { PROTECTION_CLASSES, type ProtectionClass } from '../config/schema.js';
import { checkDraft } from '../import/draft.js';
import { isId } from '../import/ids.js';
import { parseDocument } from 'yaml';
import type { ProbeIo } from './probe.js';

export const INIT_USAGE = 'usage: redline init [dir] [--site ID] [--site-name NAME] [--class PC-…] [--community-env NAME] [--force]';

/** The starter redline.yaml. */
export function starterConfig(site: string, siteName: string, cls: ProtectionClass, communityEnv: string): string {
  return `# redline configuration (written by \`redline init\`). Reference: docs/operations.md.
# Check it with:  redline check-config <this directory>
# Run it with:    redline run --config <this directory>
version: 1

settings:
  listen: 127.0.0.1:9740          # the API and /metrics; put a reverse proxy in front for other hosts
  stateFile: redline.db           # SQLite state, relative to this directory
  poll:
    intervalSeconds: 60           # one full poll of every device per minute
    concurrency: 64               # device polls in flight at once
  snmpDefaults: { timeoutMs: 2000, retries: 1 }
  logLevel: info

# Credentials are references, never values: { env: NAME } or { file: path }.
# Set the variable before check-config and run:  export ${communityEnv}=…
credentials:
  snmp: { version: 2c, community: { env: ${communityEnv} } }
  # an SNMPv3 example:
  # noc-v3: { version: "3", user: noc, authProtocol: sha256, authKey: { file: secrets/auth }, privProtocol: aes, privKey: { file: secrets/priv } }

# Sites carry the protection class the rules hold them to:
# PC-CORE core room / hub, PC-DC data centre, PC-TRUNK trunk, PC-NE service network element,
# PC-SMS SMS platform, PC-AGG aggregation station, PC-ACC access station.
sites:
  - id: ${site}
    name: ${JSON.stringify(siteName)}
    class: ${cls}
    rooms: [{ id: room-1 }]

# Next: fill devices, links and the power chain — by hand, or with
#   redline discover --seed <address> --allow <prefix> --credentials env:${communityEnv} --out draft.yaml
#   redline import netbox --url https://netbox.example --token-file token --out <dir>
#   redline import csv <export dir> --out <dir>
devices: []
links: []
power: []
`;
}

/** Runs init; returns 0 when written, 1 on a usage error or an existing configuration. */
export function runInit(argv: readonly string[], io: ProbeIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        site: { type: 'string', default: 'site-1' },
        'site-name': { type: 'string', default: '第一个站点 First site' },
        class: { type: 'string', default: 'PC-AGG' },
        'community-env': { type: 'string', default: 'REDLINE_SNMP_COMMUNITY' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${INIT_USAGE}\n`);
    return 1;
  }
  const v = parsed.values;
  if (v.help === true) {
    io.out(`${INIT_USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    io.err(`init takes at most one directory\n${INIT_USAGE}\n`);
    return 1;
  }
  const cls = v.class as ProtectionClass;
  if (!(PROTECTION_CLASSES as readonly string[]).includes(cls)) {
    io.err(`--class must be one of ${PROTECTION_CLASSES.join(', ')}\n`);
    return 1;
  }
  if (!isId(v.site)) {
    io.err('--site must be an id: letters, digits, . _ : - (max 128)\n');
    return 1;
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v['community-env'])) {
    io.err('--community-env must be an environment variable name\n');
    return 1;
  }
  const dir = resolve(parsed.positionals[0] ?? '.');
  const file = join(dir, 'redline.yaml');
  if (existsSync(file) && !v.force) {
    io.err(`${file} exists; not overwriting it (--force to replace)\n`);
    return 1;
  }
  const text = starterConfig(v.site, v['site-name'], cls, v['community-env']);
  const issues = checkDraft(parseDocument(text).toJS() as Parameters<typeof checkDraft>[0]);
  if (issues.length > 0) throw new Error(`starter configuration is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, text);
  const policy = join(dir, 'policy.yaml');
  if (!existsSync(policy) || v.force) copyFileSync(DEFAULT_POLICY_FILE, policy);
  io.out(`wrote ${file} and ${policy} · 已生成配置\nnext · 下一步:\n  export ${v['community-env']}=<your SNMP community · SNMP团体字>\n  redline check-config ${dir}\n` +
    `  then add devices · 然后添加设备: redline discover, redline import netbox, or redline import csv (see docs/operations.md)\n`);
  return 0;
}
