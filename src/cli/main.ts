/** The `redline` command line: dispatches subcommands. */
import { runCheckConfig } from './check-config.js';
import { runProbe } from './probe.js';
import { runDaemon } from './run.js';

const USAGE = `redline — is the network still protected, not just up?

usage: redline <command> [options]

commands:
  run --config <dir>    run the daemon (API on 127.0.0.1:9740 by default; --listen to change)
  probe <host>[:port]   read one device over SNMP and show what redline sees
  check-config <path>   validate a configuration (file or directory with redline.yaml)
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
      return runProbe(rest, io);
    case 'run':
      return runDaemon(rest, io);
    case 'check-config':
      return runCheckConfig(rest, io);
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
