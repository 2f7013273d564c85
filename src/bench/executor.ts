import type { ResponseCache } from '../detect/cache.js';
import type { ModelPrice } from '../detect/prices.js';
import type { Renderer } from '../render/index.js';
import type { ResultRow } from './result-row.js';
import type { Suite } from './suite.js';
import type { WorkSource } from './work-source.js';

/** What the runner hands an executor along with the work. */
export interface ExecutorContext {
  runDir: string;
  renderer: Renderer;
  sampling: Suite['sampling'];
  cache?: ResponseCache;
  signal?: AbortSignal;
  now: () => number;
  /** Stop starting calls once this much has been spent (USD). */
  maxCostUsd?: number;
  /** Prices that override or extend the built-in table, keyed `provider:model`. */
  prices?: Record<string, ModelPrice>;
  /** USD spent so far in the run, earlier rows included. */
  spentUsd: () => number;
  /** Every row the executor produces, as soon as it has it; the runner writes and counts it. */
  onRow: (row: ResultRow) => void;
  /** One window of an item sent as rolling windows was answered (progress counts calls). */
  onWindow?: (key: string) => void;
}

/** How an executor's share of the run ended. */
export interface ExecutorResult {
  /** Items for which no row was produced. */
  notRun: number;
  stoppedBy: 'done' | 'cost-cap' | 'aborted';
}

/**
 * Carries out work items: `online` (one call per item) or `batch` (providers' batch APIs). The
 * runner schedules, resumes and reports; it never knows which executor it drives.
 */
export interface Executor {
  /** Recorded in run.json. */
  name: 'online' | 'batch';
  /**
   * Pulls the work from `work` (made lazily) and tells it when each item is finished, so only
   * the items in flight are alive.
   */
  run(work: WorkSource, context: ExecutorContext): Promise<ExecutorResult>;
}
