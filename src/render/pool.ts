import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AnomscopeError, InputError, type ErrorCode, type InputErrorCode } from '../errors.js';
import type { Series } from '../series/types.js';
import { createSvgEngine, type SvgEngineOptions } from './engine.js';
import type { RenderOptions } from './types.js';

/** A render job sent to a worker thread. */
export interface WorkerJob {
  id: number;
  series: Series;
  options: RenderOptions;
}

/** What a worker thread posts back: once `ready`, then one reply per job. */
export type WorkerReply =
  | { ready: true }
  | { id: number; svg: string }
  | {
      id: number;
      error:
        | { kind: 'input'; code: InputErrorCode; message: string; field?: string | undefined }
        | { kind: 'anomscope' | 'other'; code: ErrorCode; message: string };
    };

/** Settings of an SVG pool: the engine's plus how many worker threads may help the main thread. */
export interface SvgPoolOptions extends SvgEngineOptions {
  /** Worker threads started on demand when more than one image is waiting; 0 = main thread only. */
  workers: number;
  /** The compiled worker module; `undefined` = main thread only. */
  workerUrl: URL | undefined;
}

/** Draws SVGs on the main thread and, when jobs queue up, on worker threads too. */
export interface SvgPool {
  svg(series: Series, options: RenderOptions): Promise<string>;
  /** Stops the worker threads; later calls render on the main thread. */
  close(): Promise<void>;
}

/**
 * The compiled worker module beside this one, or `undefined` when there is none (e.g. under vitest,
 * which runs the `.ts` sources that plain worker threads cannot load).
 */
export function defaultWorkerUrl(): URL | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

interface Pending extends WorkerJob {
  resolve(svg: string): void;
  reject(error: unknown): void;
}

interface Lane {
  worker: Worker;
  ready: boolean;
  job: Pending | undefined;
}

function rebuildError(error: Extract<WorkerReply, { error: unknown }>['error']): AnomscopeError {
  return error.kind === 'input'
    ? new InputError(error.code, error.message, { field: error.field })
    : new AnomscopeError(error.code, error.message);
}

/**
 * A pool that renders on the main thread while it is free and spreads the rest over up to
 * `workers` threads. Every lane runs the same engine on a fresh View, so the bytes do not depend on
 * the lane. Idle workers are unref'd: they never keep the process alive.
 */
export function createSvgPool(options: SvgPoolOptions): SvgPool {
  const engineOptions: SvgEngineOptions = {
    renderersDir: options.renderersDir,
    maxCachedSpecs: options.maxCachedSpecs,
  };
  const main = createSvgEngine(engineOptions);
  const queue: Pending[] = [];
  const lanes: Lane[] = [];
  let mainBusy = false;
  let workersAllowed = options.workerUrl !== undefined && options.workers > 0;
  let nextId = 0;

  const runOnMain = (job: Pending): void => {
    mainBusy = true;
    main
      .svg(job.series, job.options)
      .then(job.resolve, job.reject)
      .finally(() => {
        mainBusy = false;
        pump();
      });
  };

  const send = (lane: Lane, job: Pending): void => {
    lane.job = job;
    lane.worker.ref();
    lane.worker.postMessage({
      id: job.id,
      series: job.series,
      options: job.options,
    } satisfies WorkerJob);
  };

  const spawn = (url: URL): void => {
    const worker = new Worker(url, { workerData: engineOptions });
    const lane: Lane = { worker, ready: false, job: undefined };
    lanes.push(lane);
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        lane.ready = true;
      } else {
        const job = lane.job;
        lane.job = undefined;
        worker.unref();
        if (job !== undefined && job.id === reply.id) {
          if ('svg' in reply) job.resolve(reply.svg);
          else job.reject(rebuildError(reply.error));
        }
      }
      pump();
    });
    const retire = (): void => {
      // a worker that fails or exits is not replaced; its job goes back to the queue
      workersAllowed = false;
      const index = lanes.indexOf(lane);
      if (index >= 0) lanes.splice(index, 1);
      if (lane.job !== undefined) queue.unshift(lane.job);
      lane.job = undefined;
      pump();
    };
    worker.on('error', retire);
    worker.on('exit', retire);
    // after the listeners: adding a 'message' listener refs the worker's port again
    worker.unref();
  };

  function pump(): void {
    while (queue.length > 0) {
      const lane = lanes.find((candidate) => candidate.ready && candidate.job === undefined);
      if (!mainBusy) runOnMain(queue.shift()!);
      else if (lane !== undefined) send(lane, queue.shift()!);
      else break;
    }
    if (workersAllowed && options.workerUrl !== undefined) {
      const starting = lanes.filter((lane) => !lane.ready).length;
      for (let i = starting; i < queue.length && lanes.length < options.workers; i += 1)
        spawn(options.workerUrl);
    }
  }

  return {
    svg(series, renderOptions) {
      return new Promise<string>((resolve, reject) => {
        queue.push({ id: nextId++, series, options: renderOptions, resolve, reject });
        pump();
      });
    },
    async close() {
      workersAllowed = false;
      await Promise.all(lanes.map((lane) => lane.worker.terminate()));
    },
  };
}
