import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Series } from '../../series/types.js';
import { detectAnomalies, type BaselineResult } from './detector.js';
import type { BaselineOptions } from './options.js';

/** A series sent to a worker thread. */
export interface BaselineJob {
  id: number;
  series: Series;
  options: Partial<BaselineOptions>;
}

/** A worker's reply: the result, or that it failed (the caller reruns it to throw the error). */
export type BaselineReply = { id: number; result: BaselineResult } | { id: number; failed: string };

/** Runs the detector on worker threads, one series per thread at a time. */
export interface BaselinePool {
  detect(series: Series, options: Partial<BaselineOptions>): Promise<BaselineResult>;
}

/**
 * The compiled worker module beside this one, or undefined (under vitest the `.ts` sources run,
 * which plain worker threads cannot load: the detector then runs in-process).
 */
function workerUrl(): URL | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

interface Pending extends BaselineJob {
  resolve(result: BaselineResult): void;
  reject(error: unknown): void;
}

/**
 * Worker threads for the baseline, `workers` at most (default: the machine's cores, at most 8).
 * The detector is deterministic and pure, so a thread's answer is the in-process one; a failing
 * series is rerun in-process so its typed error is thrown as before. Threads start on demand and
 * are unref'd while idle, so they never keep the process alive. Undefined when no compiled worker
 * exists or `workers` < 2 (one thread beside an idle main thread gains nothing).
 */
export function createBaselinePool(options: { workers?: number } = {}): BaselinePool | undefined {
  const url = workerUrl();
  const size = options.workers ?? Math.min(8, availableParallelism());
  if (url === undefined || size < 2) return undefined;
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const queue: Pending[] = [];
  const running = new Map<Worker, Pending>();
  let nextId = 0;

  const finish = (worker: Worker, reply: BaselineReply): void => {
    const job = running.get(worker);
    running.delete(worker);
    if (job !== undefined) {
      if ('result' in reply) job.resolve(reply.result);
      else {
        try {
          job.resolve(detectAnomalies(job.series, job.options));
        } catch (error) {
          job.reject(error);
        }
      }
    }
    idle.push(worker);
    pump();
  };
  const start = (): Worker => {
    const worker = new Worker(url);
    worker.on('message', (reply: BaselineReply) => finish(worker, reply));
    worker.on('error', (error) => {
      // A dead thread: its job fails, the thread leaves the pool, the rest carry on.
      all.splice(all.indexOf(worker), 1);
      running.get(worker)?.reject(error);
      running.delete(worker);
      pump();
    });
    all.push(worker);
    return worker;
  };
  const pump = (): void => {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (all.length < size ? start() : undefined);
      if (worker === undefined) break;
      const job = queue.shift() as Pending;
      running.set(worker, job);
      worker.ref();
      worker.postMessage({ id: job.id, series: job.series, options: job.options });
    }
    for (const worker of idle) worker.unref();
  };
  return {
    detect(series, detectorOptions) {
      return new Promise<BaselineResult>((resolve, reject) => {
        queue.push({ id: nextId++, series, options: detectorOptions, resolve, reject });
        pump();
      });
    },
  };
}
