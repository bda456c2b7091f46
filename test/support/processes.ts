/** Starting and stopping real helper processes (agents, servers) on loopback for tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A free UDP port on 127.0.0.1 (bound and released; good enough for tests). */
export async function freeUdpPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => { resolvePort(port); });
    });
  });
}

/** A free TCP port on 127.0.0.1. */
export async function freeTcpPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => { resolvePort(port); });
    });
  });
}

/** Whether a command exists on PATH. */
export function haveCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Stops a child by PID (SIGTERM, then SIGKILL) and waits for it to exit. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => { r(); }));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Spawns a long-running process with its output captured (for diagnostics on failure). */
export function startProcess(cmd: string, args: readonly string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
  child.stderr.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
  return { child, output: () => out };
}
