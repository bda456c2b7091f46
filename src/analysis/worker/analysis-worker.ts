/**
 * The analysis worker thread's entry: hands each message to the service and posts the answer.
 * A setup that cannot be applied (the state file unreadable) ends the thread with an error, so
 * the daemon counts a failure and starts a fresh worker.
 */
import { parentPort } from 'node:worker_threads';
import { createAnalysisService } from './analysis-service.js';
import { transferOf, type ToWorker } from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('analysis-worker.ts runs as a worker thread');
const service = createAnalysisService((answer) => { port.postMessage(answer, transferOf(answer)); });
port.on('message', (msg: ToWorker) => { service.handle(msg); });
port.on('close', () => { service.close(); });
