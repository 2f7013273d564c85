import type { BuiltRequest } from '../detect/build-request.js';
import { callCostUsd } from '../detect/cost.js';
import { estimateCallCostUsd } from '../bench/call-estimate.js';
import type { ProviderError } from '../errors.js';
import type { Executor, ExecutorContext, ExecutorResult } from '../bench/executor.js';
import { buildItemRequest, rowFromError, rowFromResponse } from '../bench/item-rows.js';
import type { ResultRow } from '../bench/result-row.js';
import { seriesOf, type WorkItem } from '../bench/work-item.js';
import type { WorkSource } from '../bench/work-source.js';
import type { Provider, GenerateResponse } from '../providers/types.js';
import { runBatches, type BatchEvent, type BatchJob } from './runner.js';
import type { BatchBackend, BatchLimits } from './types.js';

/** Both OpenAI and Gemini halve the price of batch requests. */
export const batchDiscount = 0.5;

/** How the batch executor reaches each provider's batch API and how often it polls. */
export interface BatchExecutorSettings {
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

/**
 * The batch executor: work items go through each provider's batch API. Requests are built and
 * answers read by the same functions the online executor uses, with the batch discount in
 * `costUsd`. Cached answers are used without a batch; batch answers go into the cache. No repair
 * turn: an invalid answer is a `parse_error` row.
 */
export function createBatchExecutor(settings: BatchExecutorSettings): Executor {
  return { name: 'batch', run: (work, context) => runBatchWork(work, context, settings) };
}

async function runBatchWork(
  work: WorkSource,
  context: ExecutorContext,
  settings: BatchExecutorSettings,
): Promise<ExecutorResult> {
  // A batch is submitted whole, so its items are all made before the first upload.
  const byProvider = new Map<Provider, WorkItem[]>();
  for await (const item of work) {
    const items = byProvider.get(item.provider);
    if (items === undefined) byProvider.set(item.provider, [item]);
    else items.push(item);
  }
  let written = 0;
  let stoppedBy: ExecutorResult['stoppedBy'] = 'done';
  const emit = (row: ResultRow): void => {
    written += 1;
    context.onRow(row);
  };
  const finishedAt = (): string => new Date(context.now()).toISOString();
  // Axes of the requests built in this process; a batch picked up after a restart rebuilds them.
  const coordinatesByKey = new Map<string, BuiltRequest['coordinates']>();
  // The cost cap on submission: a request goes into a batch only while what is spent plus the
  // estimates of the requests already submitted plus its own estimate stays within the cap. Once
  // one request does not fit, no later one is submitted either (no cheaper item jumps the queue).
  const capUsd = context.maxCostUsd;
  let reservedUsd = 0;
  let capped = false;
  const coordinatesOf = async (item: WorkItem): Promise<BuiltRequest['coordinates']> =>
    coordinatesByKey.get(item.key) ?? buildItemRequest(item, context).built.coordinates;

  for (const [provider, items] of byProvider) {
    if (context.signal?.aborted === true) break;
    const backend = settings.backendFor(provider);
    const byKey = new Map(items.map((item) => [item.key, item]));
    const jobs: BatchJob[] = items.map((item) => ({
      key: item.key,
      build: async () => {
        const { series, built, requestKey } = buildItemRequest(item, context);
        const hit = await context.cache?.get(requestKey);
        if (hit !== undefined) {
          emit(
            rowFromResponse(
              item,
              series,
              hit,
              built.coordinates,
              spendOf(item, hit, {
                prices: context.prices,
                requestKey,
                cached: true,
                finishedAt: finishedAt(),
              }),
            ),
          );
          return null;
        }
        if (capped) return null;
        const request = await built.materialize();
        if (capUsd !== undefined) {
          const prices = context.prices;
          const estimate = estimateCallCostUsd(item.provider, request, {
            discount: batchDiscount,
            ...(prices === undefined ? {} : { prices }),
          });
          if (context.spentUsd() + reservedUsd + (estimate ?? 0) > capUsd) {
            capped = true;
            return null;
          }
          reservedUsd += estimate ?? 0;
        }
        coordinatesByKey.set(item.key, built.coordinates);
        return { request, requestKey };
      },
    }));
    const result = await runBatches({
      backend,
      providerId: provider.id,
      runDir: context.runDir,
      jobs,
      ...(settings.limits === undefined ? {} : { limits: settings.limits }),
      ...(settings.pollIntervalMs === undefined ? {} : { pollIntervalMs: settings.pollIntervalMs }),
      ...(settings.maxPollIntervalMs === undefined
        ? {}
        : { maxPollIntervalMs: settings.maxPollIntervalMs }),
      ...(settings.initialDelayMs === undefined ? {} : { initialDelayMs: settings.initialDelayMs }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      onEvent: (event) => settings.onEvent?.({ ...event, provider: provider.id }),
      now: context.now,
      onOutcome: async (outcome, entry) => {
        // A key collected before a crash already has its row and is no longer work.
        const item = byKey.get(outcome.key);
        if (item === undefined) return;
        byKey.delete(outcome.key);
        const key = entry.requestKeys[outcome.key] ?? null;
        const series = seriesOf(item);
        if ('response' in outcome) {
          if (key !== null) await context.cache?.set(key, outcome.response);
          emit(
            rowFromResponse(
              item,
              series,
              outcome.response,
              await coordinatesOf(item),
              spendOf(item, outcome.response, {
                prices: context.prices,
                requestKey: key,
                cached: false,
                finishedAt: finishedAt(),
              }),
            ),
          );
        } else emit(errorRow(item, outcome.error, key, finishedAt()));
      },
    });
    if (result.stoppedBy === 'aborted') stoppedBy = 'aborted';
  }
  if (capped && stoppedBy === 'done') stoppedBy = 'cost-cap';
  return { notRun: work.total - written, stoppedBy };
}

/** A batch line is one attempt at half price; a cache hit cost nothing this time. */
function spendOf(
  item: WorkItem,
  response: GenerateResponse,
  context: {
    requestKey: string | null;
    cached: boolean;
    finishedAt: string;
    prices: ExecutorContext['prices'];
  },
): Parameters<typeof rowFromResponse>[4] {
  return {
    usage: context.cached ? null : response.usage,
    costUsd: context.cached
      ? 0
      : callCostUsd(item.provider.name, item.provider.model, response.usage, {
          discount: batchDiscount,
          ...(context.prices === undefined ? {} : { table: context.prices }),
        }),
    latencyMs: null,
    attempts: context.cached ? 0 : 1,
    cached: context.cached,
    repaired: false,
    requestKey: context.requestKey,
    finishedAt: context.finishedAt,
  };
}

function errorRow(
  item: WorkItem,
  error: ProviderError,
  requestKey: string | null,
  finishedAt: string,
): ResultRow {
  return rowFromError(item, seriesOf(item), error, { finishedAt, requestKey, attempts: 1 });
}
