import { planRequest, type BuiltRequest, type PlannedRequest } from '../detect/build-request.js';
import {
  DetectError,
  headlineCategory,
  readAnswer,
  type DetectResult,
  type ReadAnswerContext,
} from '../detect/detect.js';
import { AnomscopeError, ContentError, ProviderError } from '../errors.js';
import { requestKey } from '../providers/shared/request-key.js';
import type { GenerateResponse, TokenUsage } from '../providers/types.js';
import type { Renderer } from '../render/index.js';
import type { Answer } from '../schema/answer.js';
import type { Interval } from '../schema/interval.js';
import { seriesLength, type Series } from '../series/types.js';
import type { ResultRow } from './result-row.js';
import type { Suite } from './suite.js';
import { presentationOf, rowBase, seriesOf, type WorkItem } from './work-item.js';

/** A work item's request, built the one way every executor builds it. */
export interface ItemRequest {
  series: Series;
  /** The request keyed by image identity; `built.materialize()` draws it for sending. */
  built: PlannedRequest;
  requestKey: string;
}

/**
 * Plans a work item's request and its cache key without drawing anything (shared by the online
 * and batch executors); only a cache miss needs `built.materialize()`.
 */
export function buildItemRequest(
  item: WorkItem,
  context: { renderer: Renderer; sampling: Suite['sampling'] },
): ItemRequest {
  const series = seriesOf(item);
  const built = planRequest(series, item.template, item.provider, {
    ...presentationOf(item, series, context.sampling),
    renderer: context.renderer,
  });
  return { series, built, requestKey: requestKey(item.provider.id, built.request) };
}

/**
 * What reading an answer for this item needs: template conventions, length, kind and the request's
 * axis.
 */
export function readContextOf(
  item: WorkItem,
  series: Series,
  coordinates: BuiltRequest['coordinates'],
): ReadAnswerContext {
  return {
    template: item.template,
    length: seriesLength(series),
    kind: series.channels.length > 1 ? 'multivariate' : 'univariate',
    coordinates,
  };
}

/** What the calls behind a row cost and how they went. */
export interface RowSpend {
  usage: TokenUsage | null;
  costUsd: number | null;
  latencyMs: number | null;
  attempts: number;
  cached: boolean;
  repaired: boolean;
  requestKey: string | null;
  finishedAt: string;
}

/**
 * Intervals as `[firstIso, lastIso]` of their first and last rows, when the series has timestamps.
 */
function timesOf(series: Series, intervals: readonly Interval[]): [string, string][] | undefined {
  const timestamps = series.timestamps;
  if (timestamps === undefined || timestamps.length === 0) return undefined;
  const at = (row: number): string =>
    new Date(timestamps[Math.min(Math.max(row, 0), timestamps.length - 1)] ?? 0).toISOString();
  return intervals.map(([start, end]) => [at(start), at(end - 1)]);
}

/** A read answer → an `ok` row. */
export function okRow(
  item: WorkItem,
  series: Series,
  read: { answer: Answer; intervals: readonly Interval[]; rawText: string },
  spend: RowSpend,
): ResultRow {
  const channels = [
    ...new Set(read.answer.anomalies.flatMap((anomaly) => anomaly.channels ?? [])),
  ].sort((a, b) => a - b);
  return {
    ...rowBase(item, series),
    status: 'ok',
    answer: read.answer,
    intervals: read.intervals.map(([start, end]) => [start, end]),
    ...(timesOf(series, read.intervals) === undefined
      ? {}
      : { times: timesOf(series, read.intervals) }),
    channels,
    category: headlineCategory(read.answer),
    rawText: read.rawText,
    error: null,
    ...spend,
  };
}

/**
 * A response that arrived without `detect` (a batch line, a cache hit) → an `ok` or `parse_error`
 * row, read by the same `readAnswer` with the same coordinates an online call uses.
 */
export function rowFromResponse(
  item: WorkItem,
  series: Series,
  response: GenerateResponse,
  coordinates: BuiltRequest['coordinates'],
  spend: RowSpend,
): ResultRow {
  try {
    const read = readAnswer(response, readContextOf(item, series, coordinates));
    return okRow(item, series, { ...read, rawText: response.text }, spend);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return {
      ...rowBase(item, series),
      status: 'parse_error',
      answer: null,
      intervals: null,
      channels: null,
      category: null,
      rawText: response.text === '' ? error.rawText : response.text,
      error: { code: error.code, message: error.message },
      ...spend,
    };
  }
}

/** A finished `detect` call → an `ok` row. */
export function rowFromDetect(
  item: WorkItem,
  series: Series,
  result: DetectResult,
  finishedAt: string,
): ResultRow {
  return okRow(
    item,
    series,
    { answer: result.answer, intervals: result.intervals, rawText: result.rawText },
    {
      usage: result.usage,
      costUsd: result.costUsd,
      latencyMs: result.latencyMs,
      attempts: result.attempts,
      cached: result.cached,
      repaired: result.repaired,
      requestKey: result.requestKey,
      finishedAt,
    },
  );
}

/**
 * A failed call (provider or content error, possibly after spending) → an `error` or `parse_error`
 * row.
 */
export function rowFromError(
  item: WorkItem,
  series: Series,
  error: AnomscopeError,
  context: { finishedAt: string; requestKey?: string | null; attempts?: number },
): ResultRow {
  const cause = error instanceof DetectError ? error.cause : error;
  const spent = error instanceof DetectError ? error.spent : null;
  return {
    ...rowBase(item, series),
    status: cause instanceof ContentError ? 'parse_error' : 'error',
    answer: null,
    intervals: null,
    channels: null,
    category: null,
    rawText: spent?.rawText ?? (cause instanceof ContentError ? cause.rawText : null),
    error: {
      code: error.code,
      message: error.message,
      ...(cause instanceof ProviderError && cause.status !== undefined
        ? { status: cause.status }
        : {}),
    },
    usage: spent?.usage ?? null,
    costUsd: spent?.costUsd ?? null,
    latencyMs: spent?.latencyMs ?? null,
    attempts: spent?.attempts ?? context.attempts ?? 0,
    cached: false,
    repaired: false,
    requestKey: spent?.requestKey ?? context.requestKey ?? null,
    finishedAt: context.finishedAt,
  };
}
