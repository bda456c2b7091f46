/**
 * A real Debian `prometheus-alertmanager` for tests: a temporary config (one null receiver) and
 * storage directory, web on a free loopback port, clustering off; ready when `/-/ready` answers.
 * Stopped by its PID. `alertmanagerBinary()` finds it (PATH or /usr/bin).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeTcpPort, haveCommand, startProcess, stopProcess } from './processes.js';

/** The Alertmanager binary, or null when it is not installed. */
export function alertmanagerBinary(): string | null {
  if (haveCommand('prometheus-alertmanager')) return 'prometheus-alertmanager';
  if (existsSync('/usr/bin/prometheus-alertmanager')) return '/usr/bin/prometheus-alertmanager';
  return haveCommand('alertmanager') ? 'alertmanager' : null;
}

/** A running Alertmanager. */
export interface RunningAlertmanager {
  readonly url: string;
  stop(): Promise<void>;
}

const CONFIG = `route:
  receiver: blackhole
receivers:
  - name: blackhole
`;

/** Starts Alertmanager and waits (up to 30 s) until it is ready. */
export async function startAlertmanager(binary: string): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-am-'));
  writeFileSync(join(dir, 'alertmanager.yml'), CONFIG);
  const port = await freeTcpPort();
  const { child, output } = startProcess(binary, [
    `--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=',
  ]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`alertmanager exited early: ${output()}`);
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`alertmanager not ready after 30 s: ${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
