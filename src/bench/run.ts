import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import PQueue from 'p-queue';
import { runBenchBatches, type BenchBatchSettings } from '../batch/bench.js';
import type { PresentationOptions } from '../detect/build-request.js';
import type { ResponseCache } from '../detect/cache.js';
import { detect, DetectError } from '../detect/detect.js';
import { baselineCandidates } from '../detect/hints.js';
import { AnomscopeError, ContentError, ProviderError } from '../errors.js';
import { loadPrompt, type PromptTemplate } from '../prompt/index.js';
import type { Provider } from '../providers/types.js';
import { createRenderer } from '../render/index.js';
import { datasetSplitSchema, type DatasetSplit } from '../schema/dataset.js';
import { seriesFromJson } from '../series/index.js';
import type { Series } from '../series/types.js';
import { materializeDataset } from './materialize.js';
import { latestRows, resultRowSchema, workKey, type ResultRow } from './result-row.js';
import { JsonlAppender, readJsonl, truncateTornTail } from './results-file.js';
import type { Suite, Track } from './suite.js';

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
}

export interface RunBenchOptions {
  suite: Suite;
  providers: Provider[];
  /** The run's folder, `runs/<run-id>`; created when missing, resumed when it holds results. */
  runDir: string;
  /** Work items in flight at once. @default 8 */
  concurrency?: number;
  /** Stop scheduling new calls once this much has been spent (USD). @default no cap */
  maxCostUsd?: number;
  /** Redo items whose last row is an error (not parse failures: those were paid for). @default false */
  retryErrors?: boolean;
  cache?: ResponseCache;
  /** Per-attempt timeout. @default 120_000 */
  timeoutMs?: number;
  /** Retry backoff base (tests pass 0). @default 500 */
  initialDelayMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BenchProgress) => void;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
  /** Self-consistency: answers per item, rows `sample` 0..n−1; samples after the first get seed + n. @default 1 */
  samples?: number;
  /** Send the work through the providers' batch APIs (see `src/batch/`) instead of one call per item. */
  batch?: BenchBatchSettings;
}

export interface RunBenchResult {
  runDir: string;
  progress: BenchProgress;
  /** Items not run because the cost cap was reached or the run was aborted. */
  notRun: number;
  stoppedBy: 'done' | 'cost-cap' | 'aborted';
}

/** One call's worth of work: a series asked one way of one provider, as sample `sample`. */
export interface WorkItem {
  key: string;
  sample: number;
  track: Track;
  split: DatasetSplit;
  itemIndex: number;
  provider: Provider;
  template: PromptTemplate;
  modality: Track['modalities'][number];
}

/**
 * Runs every track × model × prompt × modality × series of a suite, appending each result to
 * `results.jsonl` as it arrives (fsync'd), skipping keys an earlier run of the same folder
 * completed. Provider and content errors become rows; the run goes on.
 */
export async function runBench(options: RunBenchOptions): Promise<RunBenchResult> {
  const now = options.now ?? Date.now;
  const started = now();
  await mkdir(join(options.runDir, 'datasets'), { recursive: true });
  await writeFile(join(options.runDir, 'suite.json'), `${JSON.stringify(options.suite, null, 2)}\n`);

  const splits = new Map<string, DatasetSplit>();
  for (const track of options.suite.tracks) splits.set(track.name, await datasetFor(track, options.runDir));

  const resultsPath = join(options.runDir, 'results.jsonl');
  await truncateTornTail(resultsPath);
  const previous = latestRows((await readJsonl(resultsPath)).rows.map((row) => resultRowSchema.parse(row)));
  const isDone = (key: string): boolean => {
    const row = previous.get(key);
    return row !== undefined && !(options.retryErrors === true && row.status === 'error');
  };

  const work: WorkItem[] = [];
  let resumed = 0;
  for (const track of options.suite.tracks) {
    const split = splits.get(track.name) as DatasetSplit;
    const templates = await Promise.all(track.prompts.map((id) => loadPrompt(id)));
    for (const provider of options.providers) {
      for (const template of templates) {
        for (const modality of track.modalities) {
          for (let sample = 0; sample < (options.samples ?? 1); sample += 1) {
            split.items.forEach((item, itemIndex) => {
              const key = workKey({ track: track.name, seriesId: item.series.id, provider: provider.id, prompt: `${template.id}@${template.version}`, modality, hints: track.hints, sample });
              if (isDone(key)) resumed += 1;
              else work.push({ key, sample, track, split, itemIndex, provider, template, modality });
            });
          }
        }
      }
    }
  }

  const progress: BenchProgress = { done: resumed, total: resumed + work.length, resumed, errors: 0, parseFailures: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, elapsedMs: 0 };
  for (const row of previous.values()) addToProgress(progress, row, false);
  const report = (): void => options.onProgress?.({ ...progress, elapsedMs: now() - started });
  report();

  const appender = new JsonlAppender(resultsPath);
  const queue = new PQueue({ concurrency: options.concurrency ?? 8 });
  const providerQueues = new Map(options.providers.map((provider) => [provider.id, new PQueue({ concurrency: options.concurrency ?? 8 })]));
  const renderer = createRenderer();
  let stoppedBy: RunBenchResult['stoppedBy'] = 'done';
  let notRun = 0;

  try {
    if (options.batch !== undefined) {
      const batched = await runBenchBatches(work, {
        ...options.batch,
        runDir: options.runDir,
        renderer,
        sampling: options.suite.sampling,
        now,
        ...(options.cache === undefined ? {} : { cache: options.cache }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onRow: (row) => {
          appender.append(row);
          addToProgress(progress, row, true);
          report();
        },
      });
      notRun = batched.notRun;
      stoppedBy = batched.stoppedBy;
    } else await Promise.all(
      work.map((item) =>
        queue.add(async () => {
          if (options.signal?.aborted === true) {
            stoppedBy = 'aborted';
            notRun += 1;
            return;
          }
          if (options.maxCostUsd !== undefined && progress.costUsd >= options.maxCostUsd) {
            stoppedBy = 'cost-cap';
            notRun += 1;
            return;
          }
          const row = await runItem(item, { ...options, renderer, queue: providerQueues.get(item.provider.id) as PQueue, now });
          if (row === null) {
            notRun += 1;
            return;
          }
          appender.append(row);
          addToProgress(progress, row, true);
          report();
        }),
      ),
    );
  } finally {
    appender.close();
  }
  if (options.signal?.aborted === true) stoppedBy = 'aborted';
  await writeFile(
    join(options.runDir, 'run.json'),
    `${JSON.stringify({ suite: options.suite.id, providers: options.providers.map((p) => p.id), samples: options.samples ?? 1, batch: options.batch !== undefined, updatedAt: new Date(now()).toISOString(), stoppedBy, notRun, total: progress.total }, null, 2)}\n`,
  );
  return { runDir: options.runDir, progress: { ...progress, elapsedMs: now() - started }, notRun, stoppedBy };
}

/** Runs one item; `null` when the caller aborted it (nothing is written: resume redoes it). */
async function runItem(
  item: WorkItem,
  options: RunBenchOptions & { renderer: ReturnType<typeof createRenderer>; queue: PQueue; now: () => number },
): Promise<ResultRow | null> {
  const series = seriesOf(item);
  const base = rowBase(item, series);
  try {
    const result = await detect(series, {
      provider: item.provider,
      prompt: item.template,
      ...presentationOf(item, series, options.suite.sampling),
      renderer: options.renderer,
      queue: options.queue,
      timeoutMs: options.timeoutMs ?? 120_000,
      retry: { initialDelayMs: options.initialDelayMs ?? 500 },
      ...(options.cache === undefined ? {} : { cache: options.cache }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return {
      ...base,
      status: 'ok',
      answer: result.answer,
      intervals: result.intervals.map(([start, end]) => [start, end]),
      channels: result.channels,
      category: result.category,
      rawText: result.rawText,
      error: null,
      usage: result.usage,
      costUsd: result.costUsd,
      latencyMs: result.latencyMs,
      attempts: result.attempts,
      cached: result.cached,
      repaired: result.repaired,
      requestKey: result.requestKey,
      finishedAt: new Date(options.now()).toISOString(),
    };
  } catch (error) {
    if (options.signal?.aborted === true) return null;
    if (!(error instanceof AnomscopeError)) throw error;
    const cause = error instanceof DetectError ? error.cause : error;
    const spent = error instanceof DetectError ? error.spent : null;
    return {
      ...base,
      status: cause instanceof ContentError ? 'parse_error' : 'error',
      answer: null,
      intervals: null,
      channels: null,
      category: null,
      rawText: spent?.rawText ?? (cause instanceof ContentError ? cause.rawText : null),
      error: { code: error.code, message: error.message, ...(cause instanceof ProviderError && cause.status !== undefined ? { status: cause.status } : {}) },
      usage: spent?.usage ?? null,
      costUsd: spent?.costUsd ?? null,
      latencyMs: spent?.latencyMs ?? null,
      attempts: spent?.attempts ?? 0,
      cached: false,
      repaired: false,
      requestKey: spent?.requestKey ?? null,
      finishedAt: new Date(options.now()).toISOString(),
    };
  }
}

/** The series a work item is about, read from the run's dataset. */
export function seriesOf(item: WorkItem): Series {
  const entry = item.split.items[item.itemIndex];
  if (entry === undefined) throw new Error(`work item ${item.key} points past its dataset`);
  return seriesFromJson(entry.series, { file: `${item.track.name} dataset` });
}

/** The fields of a result row that name the work item. */
export function rowBase(item: WorkItem, series: Series): Pick<ResultRow, 'key' | 'track' | 'seriesId' | 'provider' | 'model' | 'task' | 'modality' | 'hints' | 'sample' | 'prompt'> {
  return {
    key: item.key,
    track: item.track.name,
    seriesId: series.id,
    provider: item.provider.id,
    model: item.provider.model,
    task: item.track.task,
    modality: item.modality,
    hints: item.track.hints,
    sample: item.sample,
    prompt: { id: item.template.id, version: item.template.version },
  };
}

/**
 * How a work item is shown and sampled, the same for online and batch calls. Samples after the
 * first get seed + sample, so each is a distinct request (and cache key).
 */
export function presentationOf(item: WorkItem, series: Series, sampling: Suite['sampling']): PresentationOptions & { task: Track['task'] } {
  return {
    task: item.track.task,
    modality: item.modality,
    render: { vta: item.track.vtaLook },
    ...(item.track.preset === undefined ? {} : { preset: item.track.preset }),
    ...(item.track.hints === 'baseline' ? { candidates: baselineCandidates(series) } : {}),
    sampling: item.sample === 0 ? sampling : { ...sampling, seed: (sampling.seed ?? 0) + item.sample },
  };
}

function addToProgress(progress: BenchProgress, row: ResultRow, counted: boolean): void {
  if (counted) progress.done += 1;
  if (row.status === 'error') progress.errors += 1;
  if (row.status === 'parse_error') progress.parseFailures += 1;
  progress.inputTokens += row.usage?.inputTokens ?? 0;
  progress.outputTokens += row.usage?.outputTokens ?? 0;
  progress.costUsd += row.costUsd ?? 0;
}

/**
 * A track's dataset, generated once and kept in the run folder: a resumed run reads it back, so
 * the series are byte-for-byte those the earlier answers were about.
 */
async function datasetFor(track: Track, runDir: string): Promise<DatasetSplit> {
  const path = join(runDir, 'datasets', `${track.name}.json`);
  try {
    return datasetSplitSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const split = await materializeDataset(track.dataset);
  await writeFile(path, JSON.stringify(split));
  return split;
}

/** Reads a run folder's datasets back, by track name. */
export async function readRunDatasets(runDir: string, suite: Suite): Promise<Map<string, DatasetSplit>> {
  const splits = new Map<string, DatasetSplit>();
  for (const track of suite.tracks) {
    splits.set(track.name, datasetSplitSchema.parse(JSON.parse(await readFile(join(runDir, 'datasets', `${track.name}.json`), 'utf8'))));
  }
  return splits;
}
