/**
 * The `redline` command line: dispatches subcommands. Each command's module is loaded only
 * when it runs, so `redline probe` does not pay for SQLite, express and the analysis code.
 */

const USAGE = `redline — is the network still protected, not just up?

usage: redline <command> [options]

commands:
  demo                  run redline on its embedded simulated network (npm start)
  run --config <dir>    run the daemon (API on 127.0.0.1:9740 by default; --listen to change)
  probe <host>[:port]   read one device over SNMP and show what redline sees (--snmprec f: from a recording)
  record <host>[:port]  walk a device into a .snmprec recording (--out, --all, --anonymise)
  profile check <file>  validate an operator-written YAML profile, naming every problem
  check-config <path>   validate a configuration (file or directory with redline.yaml)
  whatif --topology <f> single points of failure of a design (--sweep), or what failures do (--fail a,b)
  whatif --config <dir> the same on the live inventory (and the daemon's state file when there is one)
  init [dir]            write a starter configuration (settings, a credential reference, the policy, a site)
  discover --seed <h>   crawl LLDP/CDP neighbours from seeds into a draft inventory (--allow prefixes required)
  import netbox|csv     build the inventory from NetBox or a resource-management spreadsheet export (CSV, XLSX)
  verify-ledger <file>  check a ledger file offline: integrity, audit chain, signed checkpoints (--public-key, --checkpoint)
  backup <target>       online copy of the ledger that verify-ledger accepts (--config or --ledger; --force)
  ledger-key            print the ledger's public signing key (--config or --key); 'checkpoint' prints the latest checkpoint
  token create|list|revoke  API tokens: create --name N --role viewer|operator|inspector|admin prints one once
  report audit|ledger   signed redundancy audit or ledger export (台账) from the ledger (--config, --out; docs/reports.md)
  verify-report <path>  check a signed export offline: every byte, no file removed or added, the key (--key, --key-id)
  help                  this text
`;

/** Runs one CLI invocation; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = {
    out: (t: string): void => { process.stdout.write(t); },
    err: (t: string): void => { process.stderr.write(t); },
  };
  switch (command) {
    case 'probe':
      return (await import('./probe.js')).runProbe(rest, io);
    case 'record':
      return (await import('./record.js')).runRecord(rest, io);
    case 'profile':
      return (await import('./profile.js')).runProfile(rest, io);
    case 'run':
      return (await import('./run.js')).runDaemon(rest, io);
    case 'demo':
      return (await import('./demo.js')).runDemo(rest, io);
    case 'check-config':
      return (await import('./check-config.js')).runCheckConfig(rest, io);
    case 'whatif':
      return (await import('./whatif.js')).runWhatIf(rest, io);
    case 'init':
      return (await import('./init.js')).runInit(rest, io);
    case 'discover':
      return (await import('./discover.js')).runDiscover(rest, { ...io, tty: process.stderr.isTTY });
    case 'import':
      return (await import('./import.js')).runImport(rest, io);
    case 'verify-ledger':
      return (await import('./verify-ledger.js')).runVerifyLedger(rest, { ...io, tty: process.stderr.isTTY });
    case 'backup':
      return (await import('./backup.js')).runBackup(rest, { ...io, tty: process.stderr.isTTY });
    case 'ledger-key':
      return (await import('./ledger-key.js')).runLedgerKey(rest, io);
    case 'token':
      return (await import('./token.js')).runToken(rest, io);
    case 'report':
      return (await import('./report.js')).runReport(rest, { ...io, tty: process.stderr.isTTY });
    case 'verify-report':
      return (await import('./verify-report.js')).runVerifyReport(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      io.err(`unknown command "${command}"\n${USAGE}`);
      return 1;
  }
}
