/**
 * `redline report audit|ledger|summary --config <path> --out <dir> [--scope …] [--at … | --from … --to … | --period 2026-H2|2026]
 * [--lang zh-CN|en] [--format html,pdf,csv,xlsx,json] [--tar] [--json]`: writes a signed export
 * (docs/reports.md) from the daemon's ledger file, read-only, signed with the ledger's own key.
 * The coverage statement comes from an analysis of the daemon's state file when there is one.
 * Progress on a terminal (stderr); quiet when piped; `--json` prints a summary on stdout.
 * Exit 0 written, 1 failed, 2 usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAnalysisLoop } from '../analysis/analysis-pass.js';
import type { Coverage } from '../analysis/coverage.js';
import type { Finding } from '../analysis/finding.js';
import { loadPolicy, policyFileFor } from '../analysis/policy.js';
import { policyHash } from '../analysis/worker/after-pass.js';
import { UsageError, errorMessage } from '../common/errors.js';
import { SecretRegistry } from '../common/secrets.js';
import { neutralise } from '../common/text.js';
import { ConfigError, configFileOf, parseConfig } from '../config/load.js';
import { buildInventory, type Inventory } from '../inventory/model.js';
import { LedgerStoreError } from '../ledger/errors.js';
import { ledgerPaths } from '../ledger/paths.js';
import { loadSigningKey } from '../ledger/signing.js';
import { openSqliteLedgerStore } from '../ledger/sqlite-store.js';
import type { RecordsStore } from '../records/port.js';
import { openSqliteRecordsStore } from '../records/sqlite-store.js';
import { REPORT_KINDS, reportOf, reportQueryOf, type ReportKind } from '../reports/index.js';
import { parseFormats, produceSignedReport, type RenderableReport } from '../reports/produce.js';
import { exportTar, writeExportDir } from '../reports/signed-export.js';
import { openSqliteStateStore } from '../state/store.js';
import type { ProbeIo } from './probe.js';

/** The usage of report. */
export const REPORT_USAGE = `usage: redline report audit|ledger|summary --config <path> --out <dir>
         [--scope all|province=<p>|site=<id>|class=<PC-…>[,…]] [--at <ISO time> | --from <ISO time> --to <ISO time>]
         [--period 2026-H1|2026-H2|2026 (summary; default the half year under way)]
         [--lang zh-CN|en] [--format html,pdf,csv,xlsx,json] [--tar] [--json]`;

/** What the command line gives the command. */
export interface ReportIo extends ProbeIo {
  /** Whether stderr is a terminal (progress lines then). */
  readonly tty: boolean;
  /** Wall time (ms); tests pass a fixed one. */
  readonly now?: () => number;
}

/** An analysis of the daemon's state file at `now`: its coverage and findings (class and sites by fingerprint), or nulls when there is no state file. */
export function analyseStateFile(stateFile: string, dir: string, inventory: Inventory, policy: ReturnType<typeof loadPolicy>, settings: ReturnType<typeof parseConfig>['settings'], now: number): { coverage: Coverage | null; findings: Map<string, Pick<Finding, 'class' | 'sites'>> | null } {
  if (!existsSync(stateFile)) return { coverage: null, findings: null };
  const store = openSqliteStateStore(stateFile, { staleAfterMissed: settings.poll.staleAfterMissed });
  try {
    const loop = createAnalysisLoop({
      inventory: () => inventory,
      policy: () => policy,
      devices: () => store.latestDevices(),
      health: () => store.latestHealthAll(),
      pollIntervalMs: () => settings.poll.intervalSeconds * 1000,
      staleAfterMissed: () => settings.poll.staleAfterMissed,
      healthIntervalMs: (id) => (inventory.health.get(id)?.intervalSeconds ?? settings.health.intervalSeconds) * 1000,
      configDir: () => dir,
      now: () => now,
    });
    const { report } = loop.runNow();
    return { coverage: report.coverage, findings: new Map(report.findings.map((f) => [f.fingerprint, { class: f.class, sites: f.sites }])) };
  } finally {
    store.close();
  }
}

/** Runs report; resolves to the exit code. */
export async function runReport(argv: readonly string[], io: ReportIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        config: { type: 'string' }, out: { type: 'string' }, scope: { type: 'string' }, at: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
        lang: { type: 'string' }, period: { type: 'string' }, format: { type: 'string' }, tar: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`${errorMessage(err)}\n${REPORT_USAGE}\n`);
    return 2;
  }
  const v = parsed.values;
  if (v.help === true) {
    io.out(`${REPORT_USAGE}\n`);
    return 0;
  }
  const now = io.now?.() ?? Date.now();
  const progress = (t: string): void => { if (io.tty && v.json !== true) io.err(`\r\x1b[K${t}`); };
  try {
    const kind = parsed.positionals[0];
    const problems: string[] = [];
    if (kind === undefined || !(REPORT_KINDS as readonly string[]).includes(kind)) problems.push(`the report kind must be ${REPORT_KINDS.join(' or ')}`);
    if (parsed.positionals.length > 1) problems.push(`unexpected argument(s): ${parsed.positionals.slice(1).join(' ')}`);
    if (v.config === undefined) problems.push('--config <path> is required (the daemon\'s configuration: it says where the ledger and its key are)');
    if (v.out === undefined) problems.push('--out <dir> is required');
    let formats: ReturnType<typeof parseFormats> = ['html', 'csv', 'xlsx', 'json'];
    try {
      if (v.format !== undefined) formats = parseFormats(v.format);
    } catch (err) {
      problems.push(errorMessage(err));
    }
    let query: ReturnType<typeof reportQueryOf> | null = null;
    const raw = {
      ...(v.scope !== undefined ? { scope: v.scope } : {}), ...(v.at !== undefined ? { at: v.at } : {}), ...(v.from !== undefined ? { from: v.from } : {}),
      ...(v.to !== undefined ? { to: v.to } : {}), ...(v.lang !== undefined ? { lang: v.lang } : {}), ...(v.period !== undefined ? { period: v.period } : {}),
    };
    if (v.period !== undefined && kind !== 'summary') problems.push('--period is for the summary only');
    if (kind === 'summary' && (v.at !== undefined || v.from !== undefined || v.to !== undefined)) problems.push('the summary covers a period: give --period 2026-H1, 2026-H2 or 2026, not --at, --from or --to');
    try {
      query = reportQueryOf(raw, now);
    } catch (err) {
      problems.push(errorMessage(err));
    }
    if (problems.length > 0 || query === null) throw new UsageError(problems.join('; '));
    const out = resolve(v.out!);
    if (existsSync(out)) throw new UsageError(`--out ${out} exists: give a new folder (an export is never mixed with other files)`);

    const file = configFileOf(v.config!);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(file, [{ path: '(file)', message: 'cannot read the configuration file' }]);
    }
    const config = parseConfig(text, file);
    // a period's bounds are midnights in the operator's zone
    query = reportQueryOf(raw, now, config.settings.timeZone);
    const dir = dirname(file);
    // the reports need no SNMP or HTTP credential: none is resolved
    const inventory = buildInventory({ file, dir, config, credentials: new Map(), healthHeaders: new Map(), authTokens: [], secrets: new SecretRegistry(), stateFile: '' });
    const policyFile = policyFileFor(dir);
    const policy = loadPolicy(policyFile);
    const stateFile = isAbsolute(config.settings.stateFile) ? config.settings.stateFile : join(dir, config.settings.stateFile);
    const { ledgerFile, signingKeyFile } = ledgerPaths(stateFile, config.settings.ledger);
    if (!existsSync(ledgerFile)) throw new UsageError(`no ledger at ${ledgerFile}: the daemon creates it on its first start`);
    const key = loadSigningKey(signingKeyFile);
    progress('analysis …');
    const analysis = analyseStateFile(stateFile, dir, inventory, policy, config.settings, now);
    const store = openSqliteLedgerStore(ledgerFile, { readOnly: true });
    // a ledger the daemon made before records existed has none: the summary then says so
    let records: RecordsStore | undefined;
    try { records = openSqliteRecordsStore(store.db); } catch { records = undefined; }
    let report: RenderableReport<unknown>;
    try {
      report = await reportOf(kind as ReportKind, {
        store, inventory, policy, policyHash: policyHash(readFileSync(policyFile, 'utf8')), timeZone: config.settings.timeZone,
        coverage: () => Promise.resolve(analysis.coverage), latestFindings: () => Promise.resolve(analysis.findings),
        signingKey: { keyId: key.keyId, fingerprint: key.fingerprint }, ...(records === undefined ? {} : { records }),
        progress: (what, done, total) => { progress(`${what} ${done}/${total}`); },
      }, query, now) as RenderableReport<unknown>;
    } finally {
      await store.close();
    }
    const files = await produceSignedReport(report, { lang: query.lang, formats, createdAt: now, progress: (f) => { progress(`render ${f} …`); } }, { ...key, sign: (b) => key.sign(b) });
    writeExportDir(out, files);
    let tar: string | null = null;
    if (v.tar === true) {
      tar = `${out}.tar`;
      writeFileSync(tar, exportTar(basename(out), files, now));
    }
    if (io.tty && v.json !== true) io.err('\r\x1b[K');
    const summary = { kind, out, tar, files: files.map((f) => f.name), keyId: key.keyId, fingerprint: key.fingerprint, lang: query.lang, formats };
    if (v.json === true) io.out(`${JSON.stringify(summary, null, 2)}\n`);
    else io.out(`${kind} report written to ${neutralise(out)}${tar === null ? '' : ` and ${neutralise(tar)}`}: ${files.length} files, signed by key ${key.fingerprint}\n`);
    return 0;
  } catch (err) {
    if (io.tty && v.json !== true) io.err('\r\x1b[K');
    if (err instanceof UsageError) {
      io.err(`${neutralise(err.message)}\n${REPORT_USAGE}\n`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof LedgerStoreError) {
      io.err(`${neutralise(errorMessage(err))}\n`);
      return 1;
    }
    io.err(`report failed: ${neutralise(errorMessage(err))}\n`);
    return 1;
  }
}
