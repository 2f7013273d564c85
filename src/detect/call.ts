import type PQueue from 'p-queue';
import { AnomscopeError, ProviderError } from '../errors.js';
import type { GenerateRequest, GenerateResponse, Provider } from '../providers/types.js';
import type { ResponseCache } from './cache.js';
import { requestKey } from '../providers/shared/request-key.js';
import { linkedSignal } from './linked-signal.js';
import { withRetry, type RetryOptions } from './retry.js';

export interface CallOptions {
  /** Responses by request key; errors are never stored. */
  cache?: ResponseCache;
  /** The provider's limiter (concurrency, requests per interval); shared by every call to it. */
  queue?: PQueue;
  retry?: RetryOptions;
  /** Time allowed for one attempt. @default 120_000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Called as each HTTP attempt starts, so a caller can count attempts even when the call fails.
   */
  onAttempt?: () => void;
  /**
   * The request to send, built only on a cache miss (images drawn then); the key is computed from
   * the `request` argument, which names its images by identity. @default the `request` argument
   */
  materialize?: () => Promise<GenerateRequest>;
}

export interface CallResult {
  response: GenerateResponse;
  key: string;
  /** HTTP attempts made (0 on a cache hit). */
  attempts: number;
  cached: boolean;
}

/**
 * One logical call: cache lookup, then attempts through the provider's queue with a per-attempt
 * timeout merged with the caller's signal, retried with backoff. The backoff wait happens outside
 * the queue so a sleeping retry never holds a concurrency slot, and the timeout starts when the
 * attempt leaves the queue (or, for a pool, when an endpoint is free), so waiting is not timed.
 * With a cache, identical requests in flight at once are sent once and share the answer (one
 * call, one bill); refusals and safety stops are not cached, so asking again can get an answer.
 */
export async function callProvider(
  provider: Provider,
  request: GenerateRequest,
  options: CallOptions = {},
): Promise<CallResult> {
  const key = keyOf(provider, request);
  const hit = await options.cache?.get(key);
  if (hit !== undefined) return { response: hit, key, attempts: 0, cached: true };
  const flights = options.cache?.inFlight;
  if (flights === undefined) return callUncached(provider, request, key, options);
  for (let running = flights.get(key); running !== undefined; running = flights.get(key)) {
    try {
      return { response: await running, key, attempts: 0, cached: true };
    } catch (error) {
      // The first caller gave up; that says nothing about this call, which now goes out itself.
      const leaderAborted = error instanceof AnomscopeError && error.code === 'detect.aborted';
      if (!leaderAborted || options.signal?.aborted === true) throw error;
    }
  }
  const leader = callUncached(provider, request, key, options);
  const shared = leader
    .then((result) => result.response)
    .finally(() => {
      flights.delete(key);
    });
  // Joiners handle the rejection; this copy only keeps it from being reported as unhandled.
  shared.catch(() => undefined);
  flights.set(key, shared);
  return leader;
}

async function callUncached(
  provider: Provider,
  request: GenerateRequest,
  key: string,
  options: CallOptions,
): Promise<CallResult> {
  // The request may carry only an image id; the image itself is rendered just before sending.
  const sent = options.materialize === undefined ? request : await options.materialize();
  const timeoutMs = options.timeoutMs ?? 120_000;
  let extraRequests = 0;
  const onExtraRequest = (): void => {
    extraRequests += 1;
    options.onAttempt?.();
  };
  const attemptOnce = async (): Promise<GenerateResponse> => {
    options.onAttempt?.();
    const run = async (): Promise<GenerateResponse> => {
      const deadline = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const startDeadline = (): void => {
        const reason = new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError');
        timer ??= setTimeout(() => deadline.abort(reason), timeoutMs);
      };
      if (provider.startsDeadline !== true) startDeadline();
      // Not AbortSignal.any: on Node 20 it keeps every call's signal alive as long as the run's.
      const linked =
        options.signal === undefined ? undefined : linkedSignal([options.signal, deadline.signal]);
      const signal = linked?.signal ?? deadline.signal;
      try {
        return await provider.generate(sent, { signal, startDeadline, onExtraRequest });
      } catch (error) {
        throw classifyAbort(error, {
          provider,
          timedOut: deadline.signal.aborted,
          timeoutMs,
          callerSignal: options.signal,
        });
      } finally {
        clearTimeout(timer);
        linked?.dispose();
      }
    };
    if (options.queue === undefined) return run();
    try {
      return (await options.queue.add(run, { signal: options.signal })) as GenerateResponse;
    } catch (error) {
      // p-queue rejects with the signal's bare reason when the caller aborts while we wait.
      throw classifyAbort(error, {
        provider,
        timedOut: false,
        timeoutMs,
        callerSignal: options.signal,
      });
    }
  };

  const { value: response, attempts } = await withRetry(attemptOnce, {
    ...options.retry,
    signal: options.signal,
  });
  // A format fallback during the call changes the variant: store under the key of what was sent.
  const storedKey = keyOf(provider, request);
  if (response.finishReason !== 'refusal' && response.finishReason !== 'safety')
    await options.cache?.set(storedKey, response);
  return { response, key, attempts: attempts + extraRequests, cached: false };
}

/** The cache key: the provider id (with its wire variant, if any) and the request. */
function keyOf(provider: Provider, request: GenerateRequest): string {
  const variant = provider.cacheVariant?.();
  return requestKey(variant === undefined ? provider.id : `${provider.id}#${variant}`, request);
}

/**
 * Providers see only "aborted"; here we know whether our own per-attempt timer fired (retryable
 * `provider.timeout`) or the caller gave up (never retried).
 */
function classifyAbort(
  error: unknown,
  context: {
    provider: Provider;
    timedOut: boolean;
    timeoutMs: number;
    callerSignal: AbortSignal | undefined;
  },
): unknown {
  if (context.callerSignal?.aborted === true) {
    if (error instanceof AnomscopeError && error.code === 'detect.aborted') return error;
    return new AnomscopeError(
      'detect.aborted',
      `the call to ${context.provider.id} was aborted by the caller`,
      { cause: error },
    );
  }
  if (context.timedOut && !(error instanceof ProviderError && error.code === 'provider.timeout')) {
    return new ProviderError(
      'provider.timeout',
      `${context.provider.id} did not answer within ${context.timeoutMs} ms; raise --timeout-ms or lower the concurrency`,
      { provider: context.provider.id, retryable: true },
      { cause: error },
    );
  }
  return error;
}
