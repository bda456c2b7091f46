/**
 * A stand-in analysis worker for the runner's failure tests: the real service, except that a pass
 * at `now` = CRASH_AT ends the thread (a crash) and one at THROW_AT answers as a throwing analysis
 * would. Everything else is the real worker's answer.
 */
import { parentPort } from 'node:worker_threads';
import { createAnalysisService } from '../../src/analysis/worker/analysis-service.js';
import { transferOf, type ToWorker } from '../../src/analysis/worker/protocol.js';

/** A pass at this time crashes the worker thread. */
export const CRASH_AT = 1;
/** A pass at this time fails as if the analysis threw. */
export const THROW_AT = 2;

const port = parentPort;
if (port !== null) {
  const service = createAnalysisService((answer) => { port.postMessage(answer, transferOf(answer)); });
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'analyse' && msg.now === CRASH_AT) process.exit(3);
    if (msg.type === 'analyse' && msg.now === THROW_AT) {
      port.postMessage({ type: 'failed', id: msg.id, message: 'a rule set that throws', usage: false });
      return;
    }
    service.handle(msg);
  });
}
