import type { ResultRow } from '../bench/result-row.js';
import type { Suite } from '../bench/suite.js';
import { buildRequest } from '../detect/build-request.js';
import type { ResponseCache } from '../detect/cache.js';
import { callCostUsd } from '../detect/cost.js';
import { headlineCategory, readAnswer } from '../detect/detect.js';
import { requestKey } from '../detect/request-key.js';
import { ContentError, ProviderError } from '../errors.js';
import type { Provider, GenerateResponse } from '../providers/types.js';
import type { Renderer } from '../render/index.js';
import { presentationOf, rowBase, seriesOf, type WorkItem } from '../bench/run.js';
import { runBatches, type BatchEvent, type BatchJob } from './runner.js';
import type { BatchBackend, BatchLimits } from './types.js';

/** Both OpenAI and Gemini halve the price of batch requests. */
export const batchDiscount = 0.5;

/** What `runBench` needs to send its work as batches. */
export interface BenchBatchSettings {
  /** The batch API of a provider; throw an InputError for providers without one. */
  backendFor: (provider: Provider) => BatchBackend;
  limits?: Partial<BatchLimits>;
  /** @default 15_000 */
  pollIntervalMs?: number;
  /** @default 300_000 */
  maxPollIntervalMs?: number;
  /** @default 1_000 */
  initialDelayMs?: number;
  onEvent?: (event: BatchEvent & { provider: string }) => void;
}

export interface BenchBatchContext extends BenchBatchSettings {
  runDir: string;
  renderer: Renderer;
  sampling: Suite['sampling'];
  cache?: ResponseCache;
  signal?: AbortSignal;
  now: () => number;
  onRow: (row: ResultRow) => void;
}

/**
 * Runs bench work items through each provider's batch API: requests are built as online ones
 * are, answers go through the same `readAnswer` (parse, validate, intervals) and become the same
 * rows, with the batch discount in `costUsd`. Cached answers are used without a batch; batch
 * answers go into the cache. No repair turn: an invalid answer is a `parse_error` row.
 */
export async function runBenchBatches(work: readonly WorkItem[], context: BenchBatchContext): Promise<{ notRun: number; stoppedBy: 'done' | 'aborted' }> {
  const byProvider = new Map<Provider, WorkItem[]>();
  for (const item of work) byProvider.set(item.provider, [...(byProvider.get(item.provider) ?? []), item]);
  let written = 0;
  let stoppedBy: 'done' | 'aborted' = 'done';
  const emit = (row: ResultRow): void => {
    written += 1;
    context.onRow(row);
  };
  for (const [provider, items] of byProvider) {
    if (context.signal?.aborted === true) break;
    const backend = context.backendFor(provider);
    const byKey = new Map(items.map((item) => [item.key, item]));
    const jobs: BatchJob[] = items.map((item) => ({
      key: item.key,
      build: async () => {
        const series = seriesOf(item);
        const built = await buildRequest(series, item.template, provider, { ...presentationOf(item, series, context.sampling), renderer: context.renderer });
        const key = requestKey(provider.id, built.request);
        const hit = await context.cache?.get(key);
        if (hit !== undefined) {
          emit(rowFromResponse(item, hit, { requestKey: key, cached: true, now: context.now }));
          return null;
        }
        return { request: built.request, requestKey: key };
      },
    }));
    const result = await runBatches({
      backend,
      providerId: provider.id,
      runDir: context.runDir,
      jobs,
      ...(context.limits === undefined ? {} : { limits: context.limits }),
      ...(context.pollIntervalMs === undefined ? {} : { pollIntervalMs: context.pollIntervalMs }),
      ...(context.maxPollIntervalMs === undefined ? {} : { maxPollIntervalMs: context.maxPollIntervalMs }),
      ...(context.initialDelayMs === undefined ? {} : { initialDelayMs: context.initialDelayMs }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      onEvent: (event) => context.onEvent?.({ ...event, provider: provider.id }),
      now: context.now,
      onOutcome: async (outcome, entry) => {
        // A key collected before a crash already has its row and is no longer work.
        const item = byKey.get(outcome.key);
        if (item === undefined) return;
        byKey.delete(outcome.key);
        const key = entry.requestKeys[outcome.key] ?? null;
        if ('response' in outcome) {
          if (key !== null) await context.cache?.set(key, outcome.response);
          emit(rowFromResponse(item, outcome.response, { requestKey: key, cached: false, now: context.now }));
        } else emit(errorRow(item, outcome.error, key, context.now));
      },
    });
    if (result.stoppedBy === 'aborted') stoppedBy = 'aborted';
  }
  return { notRun: work.length - written, stoppedBy };
}

/** A batch (or cached) response → an ok or parse_error row, read exactly as online answers are. */
function rowFromResponse(item: WorkItem, response: GenerateResponse, context: { requestKey: string | null; cached: boolean; now: () => number }): ResultRow {
  const series = seriesOf(item);
  const usage = response.usage;
  const costUsd = context.cached ? 0 : callCostUsd(item.provider.name, item.provider.model, usage, { discount: batchDiscount });
  const common = {
    ...rowBase(item, series),
    rawText: response.text,
    usage: context.cached ? null : usage,
    costUsd,
    latencyMs: null,
    attempts: context.cached ? 0 : 1,
    cached: context.cached,
    repaired: false,
    requestKey: context.requestKey,
    finishedAt: new Date(context.now()).toISOString(),
  };
  try {
    // The bench shows series on the index axis at full length, so answers need no rescaling.
    const { answer, intervals } = readAnswer(response, {
      template: item.template,
      length: series.values[0]?.length ?? 0,
      kind: series.channels.length > 1 ? 'multivariate' : 'univariate',
      coordinates: {},
    });
    const channels = [...new Set(answer.anomalies.flatMap((anomaly) => anomaly.channels ?? []))].sort((a, b) => a - b);
    return { ...common, status: 'ok', answer, intervals: intervals.map(([start, end]) => [start, end]), channels, category: headlineCategory(answer), error: null };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { ...common, status: 'parse_error', answer: null, intervals: null, channels: null, category: null, rawText: response.text === '' ? error.rawText : response.text, error: { code: error.code, message: error.message } };
  }
}

function errorRow(item: WorkItem, error: ProviderError, requestKey: string | null, now: () => number): ResultRow {
  return {
    ...rowBase(item, seriesOf(item)),
    status: 'error',
    answer: null,
    intervals: null,
    channels: null,
    category: null,
    rawText: null,
    error: { code: error.code, message: error.message, ...(error.status === undefined ? {} : { status: error.status }) },
    usage: null,
    costUsd: null,
    latencyMs: null,
    attempts: 1,
    cached: false,
    repaired: false,
    requestKey,
    finishedAt: new Date(now()).toISOString(),
  };
}
