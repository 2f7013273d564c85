import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResponseCache } from '../detect/cache.js';
import { callCostUsd } from '../detect/cost.js';
import type { ModelPrice } from '../detect/prices.js';
import { InputError } from '../errors.js';
import { boundHeapGrowth } from '../heap-growth.js';
import { loadPrompt } from '../prompt/index.js';
import { assertSeriesReachesModel } from '../prompt/series-slot.js';
import type { Provider } from '../providers/types.js';
import { createRenderer, type Renderer } from '../render/index.js';
import type { Executor } from './executor.js';
import { readFinishedRows, type FinishedRow } from './finished-rows.js';
import { createOnlineExecutor } from './online.js';
import type { ResultRow } from './result-row.js';
import { JsonlAppender, truncateTornTail } from './results-file.js';
import { datasetFor, type RunDataset } from './run-datasets.js';
import { updateRunFile, writeFileAtomic } from './run-files.js';
import type { Suite } from './suite.js';
import type { WorkItem } from './work-item.js';
import { planWork, type SourceTrack, type WorkSourceCounts } from './work-source.js';
import { createWindowTally, windowsOfSeries, type WindowCount } from './window-progress.js';

export type { WorkItem } from './work-item.js';
export { readRunDatasets } from './run-datasets.js';

/** The run's own renderer keeps this much of encoded pictures (see `RunBenchOptions.renderer`). */
const RUN_PNG_CACHE_BYTES = 8 * 1024 * 1024;

export interface BenchProgress {
  done: number;
  total: number;
  /** Items skipped because an earlier run of this run id completed them. */
  resumed: number;
  errors: number;
  parseFailures: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  elapsedMs: number;
  /** Calls counted per window, when a track sends long series as rolling windows. */
  windows?: WindowCount;
}

export interface RunBenchOptions {
  suite: Suite;
  /**
   * While the run prepares datasets and calls models, V8 collects once its heap grew this many
   * percent past the live heap (`boundHeapGrowth`, process-wide): keeps a run's RSS flat however
   * many items it has. 0 leaves V8's own heap growth (up to ~4× the live heap). @default 20
   */
  heapGrowthPercent?: number;
  providers: Provider[];
  /** The run's folder, `runs/<run-id>`; created when missing, resumed when it holds results. */
  runDir: string;
  /** Work items in flight at once. @default 8 */
  concurrency?: number;
  /**
   * Stop scheduling new calls once this much has been spent (USD); every paid model needs a price.
   * @default no cap
   */
  maxCostUsd?: number;
  /** Prices that override or extend the built-in table, keyed `provider:model`. */
  prices?: Record<string, ModelPrice>;
  /**
   * Redo items whose last row is an error (not parse failures: those were paid for). @default false
   */
  retryErrors?: boolean;
  cache?: ResponseCache;
  /** Per-attempt timeout. @default 120_000 */
  timeoutMs?: number;
  /** Retry backoff base (tests pass 0). @default 500 */
  initialDelayMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BenchProgress) => void;
  /**
   * Called before each track's dataset is generated or read back (the slow part before any call).
   */
  onPreparing?: (step: { track: string; index: number; total: number }) => void;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
  /**
   * Self-consistency: answers per item, rows `sample` 0..n−1; samples after the first get seed + n.
   * @default 1
   */
  samples?: number;
  /**
   * Who carries the work out (the CLI picks online or batch). @default online, with `concurrency`,
   * `timeoutMs`, `initialDelayMs`
   */
  executor?: Executor;
  /**
   * Renders image requests; closed by the caller. @default one made (and closed) by the run, with
   * an 8 MiB cache of pictures: a series' requests come one after another (see `planWork`), so
   * a picture is reused while it is in flight, and a larger cache only holds series long done.
   */
  renderer?: Renderer;
}

export interface RunBenchResult {
  runDir: string;
  progress: BenchProgress;
  /** Items not run because the cost cap was reached or the run was aborted. */
  notRun: number;
  stoppedBy: 'done' | 'cost-cap' | 'aborted';
  /**
   * True when the run was stopped while its datasets were being prepared: nothing was scheduled.
   */
  preparedOnly?: boolean;
  /** How many work items were made and the most alive at once (they are made lazily). */
  work?: Readonly<WorkSourceCounts>;
}

/**
 * Runs every track × model × prompt × modality × series of a suite, appending each result to
 * `results.jsonl` as it arrives (fsync'd), skipping keys an earlier run of the same folder
 * completed. Provider and content errors become rows; the run goes on.
 */
export async function runBench(options: RunBenchOptions): Promise<RunBenchResult> {
  // Held from dataset preparation to the last row; scoring afterwards keeps V8's default.
  const heapPercent = options.heapGrowthPercent ?? 20;
  const releaseHeap = heapPercent > 0 ? boundHeapGrowth({ percent: heapPercent }) : undefined;
  try {
    return await runAll(options);
  } finally {
    releaseHeap?.();
  }
}

async function runAll(options: RunBenchOptions): Promise<RunBenchResult> {
  const now = options.now ?? Date.now;
  const started = now();
  if (options.maxCostUsd !== undefined) assertPriced(options.providers, options.prices);
  await mkdir(join(options.runDir, 'datasets'), { recursive: true });
  await writeFileAtomic(
    join(options.runDir, 'suite.json'),
    `${JSON.stringify(options.suite, null, 2)}\n`,
  );

  const datasets = new Map<string, RunDataset>();
  for (const [index, track] of options.suite.tracks.entries()) {
    // Generating a dataset can take seconds: let a Ctrl-C in between tracks be seen and honoured.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted === true) {
      const progress: BenchProgress = {
        done: 0,
        total: 0,
        resumed: 0,
        errors: 0,
        parseFailures: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        elapsedMs: now() - started,
      };
      return {
        runDir: options.runDir,
        progress,
        notRun: 0,
        stoppedBy: 'aborted',
        preparedOnly: true,
      };
    }
    options.onPreparing?.({ track: track.name, index, total: options.suite.tracks.length });
    datasets.set(track.name, await datasetFor(track, options.runDir));
  }

  const resultsPath = join(options.runDir, 'results.jsonl');
  await truncateTornTail(resultsPath);
  // Only each key's last status and figures: rows are not held (a 100k-row file stays on disk).
  const previous = await readFinishedRows(resultsPath);
  const isDone = (key: string): boolean => {
    const row = previous.get(key);
    return row !== undefined && !(options.retryErrors === true && row.status === 'error');
  };

  const windows: WindowCount = { done: 0, total: 0, resumed: 0 };
  const windowed = options.suite.tracks.some((track) => track.window !== undefined);
  const tally = createWindowTally(windows);
  const tracks: SourceTrack[] = [];
  for (const track of options.suite.tracks) {
    const templates = await Promise.all(track.prompts.map((id) => loadPrompt(id)));
    // A prompt that would show a model no series is refused before anything is sent.
    for (const template of templates)
      for (const modality of track.modalities)
        if (options.providers.some((provider) => !provider.capabilities.local))
          assertSeriesReachesModel(template, modality);
    const dataset = datasets.get(track.name) as RunDataset;
    tracks.push({ track, templates, ...dataset });
  }
  // Work items are made as the executor pulls them; planning only counts (and tallies windows).
  const { source: work, resumed } = await planWork({
    tracks,
    providers: options.providers,
    samples: options.samples ?? 1,
    isDone,
    anyDone: previous.size > 0,
    ...(windowed
      ? {
          onPlanned: (item: WorkItem, { done }: { done: boolean }) =>
            tally.add(item.key, windowsOfSeries(item.track, item.entry), { done }),
        }
      : {}),
  });

  const progress: BenchProgress = {
    done: resumed,
    total: resumed + work.total,
    resumed,
    errors: 0,
    parseFailures: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    elapsedMs: 0,
    ...(windowed ? { windows } : {}),
  };
  for (const row of previous.values()) addToProgress(progress, row, { counted: false });
  const report = (): void =>
    options.onProgress?.({
      ...progress,
      ...(windowed ? { windows: { ...windows } } : {}),
      elapsedMs: now() - started,
    });
  report();

  const appender = new JsonlAppender(resultsPath);
  const executor =
    options.executor ??
    createOnlineExecutor({
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.initialDelayMs === undefined ? {} : { initialDelayMs: options.initialDelayMs }),
    });
  let executed: Awaited<ReturnType<typeof executor.run>>;
  const renderer = options.renderer ?? createRenderer({ pngCacheBytes: RUN_PNG_CACHE_BYTES });
  try {
    executed = await executor.run(work, {
      runDir: options.runDir,
      renderer,
      sampling: options.suite.sampling,
      now,
      spentUsd: () => progress.costUsd,
      ...(options.maxCostUsd === undefined ? {} : { maxCostUsd: options.maxCostUsd }),
      ...(options.prices === undefined ? {} : { prices: options.prices }),
      ...(options.cache === undefined ? {} : { cache: options.cache }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onRow: (row) => {
        appender.append(row);
        addToProgress(progress, finishedRowOf(row), { counted: true });
        tally.row(row.key);
        report();
      },
      ...(windowed
        ? {
            onWindow: (key: string) => {
              tally.window(key);
              report();
            },
          }
        : {}),
    });
  } finally {
    appender.close();
    if (options.renderer === undefined) await renderer.close();
  }
  const { notRun } = executed;
  const stoppedBy: RunBenchResult['stoppedBy'] =
    options.signal?.aborted === true ? 'aborted' : executed.stoppedBy;
  await updateRunFile(options.runDir, {
    suite: options.suite.id,
    providers: options.providers.map((p) => p.id),
    samples: options.samples ?? 1,
    batch: executor.name === 'batch',
    updatedAt: new Date(now()).toISOString(),
    stoppedBy,
    notRun,
    total: progress.total,
  });
  return {
    runDir: options.runDir,
    progress: { ...progress, elapsedMs: now() - started },
    notRun,
    stoppedBy,
    work: { ...work.counts },
  };
}

/** A cost cap needs a price for every model that costs money; an unknown price is not free. */
function assertPriced(
  providers: readonly Provider[],
  table: Record<string, ModelPrice> | undefined,
): void {
  for (const provider of providers) {
    if (
      callCostUsd(
        provider.name,
        provider.model,
        { inputTokens: 1, outputTokens: 1 },
        table === undefined ? {} : { table },
      ) !== null
    )
      continue;
    throw new InputError(
      'bench.unpriced_model',
      `--max-cost-usd cannot be enforced for ${provider.id}: it is not in the price table; give its price with --price-per-mtok <input>,<output> (USD per million tokens) or a --prices file`,
      { field: 'max-cost-usd' },
    );
  }
}

/** Adds a row's figures; `counted` rows also advance `done` (resumed rows are in it already). */
function addToProgress(
  progress: BenchProgress,
  row: FinishedRow,
  { counted }: { counted: boolean },
): void {
  if (counted) progress.done += 1;
  if (row.status === 'error') progress.errors += 1;
  if (row.status === 'parse_error') progress.parseFailures += 1;
  progress.inputTokens += row.inputTokens;
  progress.outputTokens += row.outputTokens;
  progress.costUsd += row.costUsd;
}

/** A written row reduced to what the totals need. */
function finishedRowOf(row: ResultRow): FinishedRow {
  return {
    status: row.status,
    inputTokens: row.usage?.inputTokens ?? 0,
    outputTokens: row.usage?.outputTokens ?? 0,
    costUsd: row.costUsd ?? 0,
  };
}
