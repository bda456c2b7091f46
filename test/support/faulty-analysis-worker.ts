/**
 * A stand-in analysis worker for the runner's failure tests: the real service, except that a pass
 * at `now` = CRASH_AT ends the thread (a crash), one at THROW_AT answers as a throwing analysis
 * would, and one at STALL_AT holds the thread for STALL_MS first (a rule stuck in a long computation,
 * which no yielding between rules helps). Everything else is the real worker's answer.
 */
import { parentPort } from 'node:worker_threads';
import { createAnalysisService } from '../../src/analysis/worker/analysis-service.js';
import { transferOf, type ToWorker } from '../../src/analysis/worker/protocol.js';

/** A pass at this time crashes the worker thread. */
export const CRASH_AT = 1;
/** A pass at this time fails as if the analysis threw. */
export const THROW_AT = 2;
/** A pass at this time holds the thread for STALL_MS, then runs as a real pass at that time. */
export const STALL_AT = 3;
/** How long a stalled pass holds the thread. */
export const STALL_MS = 300;

const port = parentPort;
if (port !== null) {
  const service = createAnalysisService((answer) => { port.postMessage(answer, transferOf(answer)); });
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'analyse' && msg.now === CRASH_AT) process.exit(3);
    if (msg.type === 'analyse' && msg.now === THROW_AT) {
      port.postMessage({ type: 'failed', id: msg.id, message: 'a rule set that throws', usage: false });
      return;
    }
    if (msg.type === 'analyse' && msg.now === STALL_AT) {
      const until = Date.now() + STALL_MS;
      while (Date.now() < until) { /* holding the thread, as a stuck rule would */ }
    }
    service.handle(msg);
  });
}
