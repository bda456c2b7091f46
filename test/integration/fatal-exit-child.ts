/**
 * Child process of the fatal-error test: runs a daemon (no devices) under `runUntilSignalled`,
 * as `redline run` does, then fails outside any handler as asked.
 * Usage: node --import tsx fatal-exit-child.ts <dir> throw|reject
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from '../../src/app.js';
import { runUntilSignalled } from '../../src/cli/run.js';

const [dir, kind] = process.argv.slice(2);
if (dir === undefined || (kind !== 'throw' && kind !== 'reject')) throw new Error('usage: fatal-exit-child.ts <dir> throw|reject');
writeFileSync(join(dir, 'redline.yaml'), 'version: 1\nsettings: { listen: "127.0.0.1:0", stateFile: state.db }\n');
const app = await startApp({ configPath: dir });
const io = { out: (t: string): void => { process.stdout.write(t); }, err: (t: string): void => { process.stderr.write(t); } };
const running = runUntilSignalled(app, io).then((code) => { process.exitCode = code; });
setTimeout(() => {
  if (kind === 'throw') throw new Error('fatal-exit canary (thrown in a timer)');
  void Promise.reject(new Error('fatal-exit canary (rejected, unhandled)'));
}, 50);
await running;
