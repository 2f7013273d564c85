/**
 * Worker thread entry of the render pool (compiled to `dist/src/render/worker.js`): draws SVGs with
 * its own engine and answers each job by id.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AnomscopeError, InputError } from '../errors.js';
import { createSvgEngine, type SvgEngineOptions } from './engine.js';
import type { WorkerJob, WorkerReply } from './pool.js';

/** A thrown value as plain fields that survive `postMessage`. */
function errorFields(error: unknown): Extract<WorkerReply, { error: unknown }>['error'] {
  if (error instanceof InputError)
    return { kind: 'input', code: error.code, message: error.message, field: error.field };
  if (error instanceof AnomscopeError)
    return { kind: 'anomscope', code: error.code, message: error.message };
  return {
    kind: 'other',
    code: 'render.failed',
    message: error instanceof Error ? error.message : String(error),
  };
}

const port = parentPort;
if (port !== null) {
  const engine = createSvgEngine(workerData as SvgEngineOptions);
  port.on('message', (job: WorkerJob) => {
    engine.svg(job.series, job.options).then(
      (svg) => port.postMessage({ id: job.id, svg } satisfies WorkerReply),
      (error: unknown) =>
        port.postMessage({ id: job.id, error: errorFields(error) } satisfies WorkerReply),
    );
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}
