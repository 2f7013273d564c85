import { AnomscopeError, ProviderError } from '../errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included. @default 4 */
  maxAttempts?: number;
  /** Backoff base; attempt k waits up to `initialDelayMs · 2^(k−1)`. @default 500 */
  initialDelayMs?: number;
  /** Cap of the exponential backoff. @default 30_000 */
  maxDelayMs?: number;
  /** A server's Retry-After is honoured up to this. @default 60_000 */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  /** Source of jitter in [0, 1). @default Math.random */
  random?: () => number;
  /** Called before each wait, for progress output. */
  onRetry?: (event: { attempt: number; delayMs: number; error: ProviderError }) => void;
}

/**
 * Runs `attempt` until it succeeds, retrying only retryable `ProviderError`s (STYLE.md: 408/409/
 * 429/5xx, connection errors, timeouts) with full-jitter exponential backoff, or exactly the
 * server's Retry-After when it gave one. Never retries an abort. Returns the value and the number
 * of attempts made.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<{ value: T; attempts: number }> {
  const maxAttempts = options.maxAttempts ?? 4;
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const random = options.random ?? Math.random;

  for (let attemptNumber = 1; ; attemptNumber += 1) {
    throwIfAborted(options.signal);
    try {
      return { value: await attempt(attemptNumber), attempts: attemptNumber };
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || attemptNumber >= maxAttempts)
        throw error;
      if (options.signal?.aborted === true) throw error;
      const delayMs =
        error.retryAfterMs !== undefined
          ? Math.min(error.retryAfterMs, maxRetryAfterMs)
          : random() * Math.min(maxDelayMs, initialDelayMs * 2 ** (attemptNumber - 1));
      options.onRetry?.({ attempt: attemptNumber, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new AnomscopeError(
      'detect.aborted',
      'the request was aborted by the caller before it finished',
      { cause: signal.reason },
    );
  }
}

/** A wait that ends early, with an error, when the signal aborts. */
export function sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  if (delayMs <= 0)
    return signal?.aborted === true ? Promise.reject(abortError(signal)) : Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(signal: AbortSignal | undefined): AnomscopeError {
  return new AnomscopeError(
    'detect.aborted',
    'the request was aborted by the caller while waiting to retry',
    { cause: signal?.reason },
  );
}
