/** Worker thread of the baseline pool: runs `detectAnomalies` on the series it is sent. */
import { parentPort } from 'node:worker_threads';
import { detectAnomalies } from './detector.js';
import type { BaselineJob, BaselineReply } from './pool.js';

parentPort?.on('message', (job: BaselineJob) => {
  let reply: BaselineReply;
  try {
    reply = { id: job.id, result: detectAnomalies(job.series, job.options) };
  } catch (error) {
    // The caller runs the series again on its own thread, which throws the same typed error.
    reply = { id: job.id, failed: String(error) };
  }
  parentPort?.postMessage(reply);
});
