/**
 * The analysis worker thread's entry: hands each message to the service and posts the answer.
 * A setup that cannot be applied (the state file unreadable) ends the thread with an error, so
 * the daemon counts a failure and starts a fresh worker.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { createAnalysisService } from './analysis-service.js';
import { transferOf, type ToWorker } from './protocol.js';

/** How much lower than the daemon's own the analysis thread's CPU priority is (nice steps). */
const ANALYSIS_THREAD_NICE = 10;

const port = parentPort;
if (port === null) throw new Error('analysis-worker.ts runs as a worker thread');
// The analysis is background work: when the cores are busy, polling (the main thread) goes
// first. On Linux a thread has its own nice value and pid 0 names the calling thread, so this
// lowers this thread only; elsewhere it would lower the whole process, so it is Linux only.
if (process.platform === 'linux') {
  try {
    setPriority(0, Math.min(19, getPriority(0) + ANALYSIS_THREAD_NICE));
  } catch {
    // not permitted here (a container's seccomp profile): the thread keeps the process' priority
  }
}
const service = createAnalysisService((answer) => { port.postMessage(answer, transferOf(answer)); });
port.on('message', (msg: ToWorker) => { service.handle(msg); });
port.on('close', () => { service.close(); });
