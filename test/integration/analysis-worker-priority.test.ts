/**
 * The analysis thread yields the CPU to polling: on Linux it lowers its own nice value (a
 * thread's own on Linux), leaving the daemon's other threads as they were.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_ENTRY } from '../../src/analysis/worker/analysis-runner.js';

/** The nice value of every thread of this process, by thread id. */
function threadNice(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      // fields after the command name: state is field 3, nice is field 19
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, Number(rest[16]));
    } catch {
      // the thread ended between listing and reading
    }
  }
  return out;
}

describe.runIf(process.platform === 'linux')('the analysis thread priority', () => {
  it('is lowered by 10 nice steps for that one thread, the main thread unchanged', async () => {
    const before = threadNice();
    const mainNice = before.get(String(process.pid))!;
    const entry = DEFAULT_WORKER_ENTRY.pathname.endsWith('.ts')
      ? new URL('../../dist/analysis/worker/analysis-worker.js', import.meta.url)
      : DEFAULT_WORKER_ENTRY;
    const worker = new Worker(entry);
    try {
      await new Promise<void>((resolve, reject) => { worker.once('online', resolve); worker.once('error', reject); });
      const want = Math.min(19, mainNice + 10);
      let lowered: string[] = [];
      for (let i = 0; i < 100 && lowered.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        lowered = [...threadNice()].filter(([tid, n]) => !before.has(tid) && n === want).map(([tid]) => tid);
      }
      expect(lowered).toHaveLength(1);
      expect(threadNice().get(String(process.pid))).toBe(mainNice);
    } finally {
      await worker.terminate();
    }
  });
});
