import type PQueue from 'p-queue';
import { AnomscopeError, ProviderError } from '../errors.js';
import type { GenerateRequest, GenerateResponse, Provider } from '../providers/types.js';
import type { ResponseCache } from './cache.js';
import { requestKey } from '../providers/shared/request-key.js';
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
  /** Called as each HTTP attempt starts, so a caller can count attempts even when the call fails. */
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
 * the queue so a sleeping retry never holds a concurrency slot.
 */
export async function callProvider(provider: Provider, request: GenerateRequest, options: CallOptions = {}): Promise<CallResult> {
  const key = requestKey(provider.id, request);
  const hit = await options.cache?.get(key);
  if (hit !== undefined) return { response: hit, key, attempts: 0, cached: true };
  const sent = options.materialize === undefined ? request : await options.materialize();

  const timeoutMs = options.timeoutMs ?? 120_000;
  const attemptOnce = async (): Promise<GenerateResponse> => {
    options.onAttempt?.();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    const run = async (): Promise<GenerateResponse> => {
      try {
        return await provider.generate(sent, { signal });
      } catch (error) {
        throw classifyAbort(error, { provider, timeout, timeoutMs, callerSignal: options.signal });
      }
    };
    if (options.queue === undefined) return run();
    try {
      return (await options.queue.add(run, { signal: options.signal })) as GenerateResponse;
    } catch (error) {
      // p-queue rejects with the signal's bare reason when the caller aborts while we wait.
      throw classifyAbort(error, { provider, timeout, timeoutMs, callerSignal: options.signal });
    }
  };

  const { value: response, attempts } = await withRetry(attemptOnce, { ...options.retry, signal: options.signal });
  await options.cache?.set(key, response);
  return { response, key, attempts, cached: false };
}

/**
 * Providers see only "aborted"; here we know whether our own per-attempt timer fired (retryable
 * `provider.timeout`) or the caller gave up (never retried).
 */
function classifyAbort(
  error: unknown,
  context: { provider: Provider; timeout: AbortSignal; timeoutMs: number; callerSignal: AbortSignal | undefined },
): unknown {
  if (context.callerSignal?.aborted === true) {
    if (error instanceof AnomscopeError && error.code === 'detect.aborted') return error;
    return new AnomscopeError('detect.aborted', `the call to ${context.provider.id} was aborted by the caller`, { cause: error });
  }
  if (context.timeout.aborted && !(error instanceof ProviderError && error.code === 'provider.timeout')) {
    return new ProviderError(
      'provider.timeout',
      `${context.provider.id} did not answer within ${context.timeoutMs} ms; raise --timeout-ms or lower the concurrency`,
      { provider: context.provider.id, retryable: true },
      { cause: error },
    );
  }
  return error;
}
