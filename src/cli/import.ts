/**
 * `redline import netbox|csv`: builds the inventory from NetBox or from a
 * resource-management spreadsheet export, shows the diff against the configuration directory
 * and writes it unless `--dry-run`. Every object or row it cannot map is reported and nothing
 * is written then.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../common/errors.js';
import { SecretRegistry } from '../common/secrets.js';
import type { ConfigInput } from '../import/draft.js';
import { planImport, writePlan } from '../import/apply.js';
import { NetboxClient, NetboxError, fetchNetbox } from '../import/netbox/client.js';
import { mapNetbox } from '../import/netbox/map.js';
import { mapTables } from '../import/csv/map.js';
import { readTables } from '../import/csv/read.js';
import { parseCredentialRef } from './discover.js';
import type { ProbeIo } from './probe.js';

export const IMPORT_USAGE = `usage: redline import netbox --url <https://netbox…> --token-file <file> [--out <config dir>] [--dry-run] [--credentials env:NAME|file:PATH]
       redline import csv <dir | file.csv | book.xlsx …> [--out <config dir>] [--dry-run] [--credentials env:NAME|file:PATH]`;

function finish(imported: ConfigInput, source: string, out: string, dryRun: boolean, io: ProbeIo): number {
  const plan = planImport(resolve(out), imported);
  if (plan.issues.length > 0) {
    io.err(`the imported inventory does not pass check-config together with ${plan.file}:\n${plan.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}\nnothing written · 未写入\n`);
    return 1;
  }
  const head = plan.exists ? `changes to ${plan.file} · 变更` : `new ${plan.file} · 新建`;
  io.out(`${head} (${plan.diff.length}):\n${plan.diff.map((l) => `  ${l}`).join('\n') || '  (none)'}\n`);
  if (dryRun) {
    io.out('dry run: nothing written · 试运行，未写入\n');
    return 0;
  }
  writePlan(plan, source);
  io.out(`written · 已写入; next 下一步: redline check-config ${out}\n`);
  return 0;
}

async function importNetbox(argv: readonly string[], io: ProbeIo, secrets: SecretRegistry): Promise<number> {
  const { values: v } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' }, 'token-file': { type: 'string' }, out: { type: 'string', default: '.' },
      'dry-run': { type: 'boolean', default: false }, credentials: { type: 'string' }, 'page-size': { type: 'string' },
    },
  });
  if (v.url === undefined || v['token-file'] === undefined) throw new UsageError('import netbox needs --url and --token-file');
  let token: string;
  try {
    token = readFileSync(v['token-file'], 'utf8').trim();
  } catch {
    throw new UsageError(`cannot read the token file ${v['token-file']}`);
  }
  if (token === '') throw new UsageError(`the token file ${v['token-file']} is empty`);
  if (!/^[\x21-\x7e]+$/.test(token)) throw new UsageError(`the token file ${v['token-file']} must hold one token on one line (printable, no spaces)`);
  secrets.add(token);
  const pageSize = v['page-size'] === undefined ? undefined : Number(v['page-size']);
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)) throw new UsageError('--page-size must be an integer from 1 to 1000');
  const client = new NetboxClient({ url: v.url, token, ...(pageSize !== undefined ? { pageSize } : {}) });
  let data;
  try {
    data = await fetchNetbox(client);
  } catch (err) {
    if (err instanceof NetboxError) {
      io.err(`${secrets.redact(err.message)}\n`);
      return 2;
    }
    throw err;
  }
  const credential = v.credentials === undefined ? undefined : { id: 'netbox', version: '2c' as const, community: parseCredentialRef(v.credentials) };
  const mapped = mapNetbox(data, credential === undefined ? {} : { credential });
  for (const n of mapped.notes) io.err(`note: ${n}\n`);
  io.err(`read ${Object.values(data).reduce((a, l) => a + l.length, 0)} objects in ${client.requests} requests${client.throttled > 0 ? ` (${client.throttled} rate-limit waits)` : ''}\n`);
  if (mapped.errors.length > 0) {
    io.err(`${mapped.errors.length} object(s) could not be mapped; nothing written · ${mapped.errors.length} 个对象无法映射，未写入:\n${mapped.errors.map((e) => `  ${e.object}: ${e.message}`).join('\n')}\n`);
    return 1;
  }
  return finish(mapped.draft, `NetBox ${new URL(v.url).origin}`, v.out, v['dry-run'], io);
}

async function importCsv(argv: readonly string[], io: ProbeIo): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { out: { type: 'string', default: '.' }, 'dry-run': { type: 'boolean', default: false }, credentials: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('import csv needs a directory or CSV files');
  for (const p of positionals) if (!existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
  const read = await readTables(positionals);
  const mapped = mapTables(read.tables);
  const problems = [...read.problems, ...mapped.problems];
  if (problems.length > 0 || mapped.draft === null) {
    io.err(`${problems.length} problem(s); nothing imported · 共 ${problems.length} 处问题，未导入任何内容:\n${problems.map((p) => `  ${p.file}${p.row > 0 ? `:${p.row}` : ''}${p.column !== '' ? ` [${p.column}]` : ''}: ${p.message}`).join('\n')}\n`);
    return 1;
  }
  let draft = mapped.draft;
  if (v.credentials !== undefined && draft.credentials !== undefined) {
    draft = { ...draft, credentials: { snmp: { version: '2c', community: parseCredentialRef(v.credentials) } } };
  }
  const counts = read.tables.map((t) => `${t.file} (${t.kind}, ${t.rows.length} rows)`).join(', ');
  io.err(`read ${counts}\n`);
  return finish(draft, `spreadsheet export ${positionals.join(' ')}`, v.out, v['dry-run'], io);
}

/** Runs an import; 0 done (or dry run), 1 usage or mapping errors, 2 source unreachable. */
export async function runImport(argv: readonly string[], io: ProbeIo): Promise<number> {
  const secrets = new SecretRegistry();
  const [kind, ...rest] = argv;
  try {
    switch (kind) {
      case 'netbox':
        return await importNetbox(rest, io, secrets);
      case 'csv':
        return await importCsv(rest, io);
      case undefined:
      default:
        throw new UsageError(kind === undefined ? 'import what? netbox or csv' : `unknown import source "${kind}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof Error && err.name === 'TypeError' && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`${secrets.redact(err.message)}\n${IMPORT_USAGE}\n`);
      return 1;
    }
    throw new Error(secrets.redact(err instanceof Error ? err.message : String(err)));
  }
}
