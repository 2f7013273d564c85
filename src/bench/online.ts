import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { detect } from '../detect/detect.js';
import { detectWindowed } from '../detect/windows.js';
import { AnomscopeError } from '../errors.js';
import type { ResultRow } from './result-row.js';
import type { Executor, ExecutorContext, ExecutorResult } from './executor.js';
import { createBudget } from './budget.js';
import { createFailFast } from './fail-fast.js';
import { rowFromDetect, rowFromError } from './item-rows.js';
import { presentationOf, seriesOf, type WorkItem } from './work-item.js';
import type { WorkSource } from './work-source.js';

export interface OnlineExecutorOptions {
  /** Work items in flight at once (and calls in flight per provider). @default 8 */
  concurrency?: number;
  /** Per-attempt timeout. @default 120_000 */
  timeoutMs?: number;
  /** Retry backoff base (tests pass 0). @default 500 */
  initialDelayMs?: number;
}

/** The online executor: one `detect` call (with retries and one repair turn) per work item. */
export function createOnlineExecutor(options: OnlineExecutorOptions = {}): Executor {
  return {
    name: 'online',
    run: (work, context) => runOnline(work, context, options),
  };
}

async function runOnline(
  work: WorkSource,
  context: ExecutorContext,
  options: OnlineExecutorOptions,
): Promise<ExecutorResult> {
  const concurrency = options.concurrency ?? 8;
  const providerQueues = new Map<string, PQueue>();
  const queueFor = (providerId: string): PQueue => {
    let found = providerQueues.get(providerId);
    if (found === undefined) {
      found = new PQueue({ concurrency });
      providerQueues.set(providerId, found);
    }
    return found;
  };
  const result: ExecutorResult = { notRun: 0, stoppedBy: 'done' };
  // On a fatal error (a bug, a full disk) nothing new starts and calls in flight are aborted
  // through their signals; the run ends only once every call has settled, so no row can arrive
  // after the runner closed the results file.
  const stop = new AbortController();
  const signal =
    context.signal === undefined ? stop.signal : AbortSignal.any([context.signal, stop.signal]);
  // Every call in flight listens to the run's signal (its queue wait, its retry sleep, its
  // deadline link): more than Node's default of 10 is expected, not a leak.
  setMaxListeners(4 * concurrency + 16, signal);
  const inner: ExecutorContext = { ...context, signal };
  let fatal: { error: unknown } | undefined;
  let rows = 0;
  const budget = createBudget(context);
  const failFast = createFailFast({
    calls: Math.min(concurrency, work.total),
    runDir: context.runDir,
  });
  // Items without a row (aborted, capped, never pulled) are counted once at the end.
  const handle = async (item: WorkItem): Promise<void> => {
    if (fatal !== undefined) return;
    if (context.signal?.aborted === true) {
      result.stoppedBy = 'aborted';
      return;
    }
    if (!(await budget.reserve())) {
      result.stoppedBy = 'cost-cap';
      return;
    }
    try {
      let row: ResultRow | null;
      try {
        row = await runItem(item, inner, {
          ...options,
          queue: queueFor(item.provider.id),
          isStopped: () => fatal !== undefined,
        });
        // The row is counted (spent) before its reservation is freed, so no waiter sees neither.
        if (row !== null) {
          budget.observe(row.cached ? null : row.costUsd);
          rows += 1;
          context.onRow(row);
        }
      } finally {
        budget.release();
      }
      if (row === null) return;
      const setupError = failFast.check(row);
      if (setupError !== undefined) throw setupError;
    } catch (error) {
      fatal ??= { error };
      stop.abort();
      throw error;
    }
  };
  // Items are pulled one at a time by `concurrency` workers from the lazy source, so a run of
  // millions of items holds only the ones in flight, never a promise or an item per item. After
  // an abort or a fatal error nothing more is pulled (the rest is counted as not run).
  const items = work[Symbol.asyncIterator]();
  const stopped = (): boolean => fatal !== undefined || context.signal?.aborted === true;
  const worker = async (): Promise<void> => {
    while (!stopped()) {
      let next: IteratorResult<WorkItem>;
      try {
        next = await items.next();
      } catch (error) {
        // A damaged dataset line: stop like any fatal error, with its located message.
        fatal ??= { error };
        stop.abort();
        throw error;
      }
      if (next.done === true) return;
      const item = next.value;
      try {
        await handle(item);
      } finally {
        work.finished(item);
        failFast.finished();
      }
      await failFast.probed();
    }
    if (context.signal?.aborted === true && fatal === undefined) result.stoppedBy = 'aborted';
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, work.total) }, () => worker()),
  );
  // The source's file handles close once no worker is pulling any more.
  await items.return?.(undefined);
  result.notRun = work.total - rows;
  if (fatal !== undefined) throw fatal.error;
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return result;
}

/** Runs one item; `null` when the caller aborted it (nothing is written: resume redoes it). */
async function runItem(
  item: WorkItem,
  context: ExecutorContext,
  options: OnlineExecutorOptions & { queue: PQueue; isStopped: () => boolean },
): Promise<ResultRow | null> {
  const series = seriesOf(item);
  try {
    const window = item.track.window;
    const detectOne = (part: typeof series) =>
      detect(part, {
        provider: item.provider,
        prompt: item.template,
        ...presentationOf(item, part, context.sampling),
        renderer: context.renderer,
        queue: options.queue,
        timeoutMs: options.timeoutMs ?? 120_000,
        retry: { initialDelayMs: options.initialDelayMs ?? 500 },
        ...(context.prices === undefined ? {} : { cost: { table: context.prices } }),
        ...(context.cache === undefined ? {} : { cache: context.cache }),
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      });
    // Windows answer a long series in parts; the row is still one per series, scored whole.
    const result =
      window === undefined
        ? await detectOne(series)
        : await detectWindowed(
            series,
            {
              window,
              ...(item.track.stride === undefined ? {} : { stride: item.track.stride }),
              onWindow: () => context.onWindow?.(item.key),
            },
            detectOne,
          );
    return rowFromDetect(item, series, result, new Date(context.now()).toISOString());
  } catch (error) {
    if (context.signal?.aborted === true || options.isStopped()) return null;
    if (!(error instanceof AnomscopeError)) throw error;
    return rowFromError(item, series, error, { finishedAt: new Date(context.now()).toISOString() });
  }
}
