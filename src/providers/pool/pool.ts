import { AnomscopeError, InputError, ProviderError } from '../../errors.js';
import type { GenerateResponse, Provider } from '../types.js';

/** One server of a pool. */
export interface PoolEndpoint {
  /** Base URL, for stats and messages (no credentials). */
  url: string;
  /** A provider talking to that server only. */
  provider: Provider;
}

export interface PoolOptions {
  endpoints: readonly PoolEndpoint[];
  /**
   * Provider id of the pool. @default the endpoints' id when they share one, else
   * `name:model@url1,url2`
   */
  id?: string;
  /** Requests in flight per endpoint. @default 4 */
  concurrencyPerEndpoint?: number;
  /**
   * How long an endpoint that refused or timed out is left alone first; doubles per failure.
   * @default 5_000
   */
  downMs?: number;
  /** Cap of that wait. @default 300_000 */
  maxDownMs?: number;
  /** Clock for the down windows. @default Date.now */
  now?: () => number;
  onEvent?: (event: PoolEvent) => void;
}

export type PoolEvent =
  | { type: 'down'; url: string; untilMs: number; error: ProviderError }
  | { type: 'up'; url: string };

/** What one endpoint has done so far. */
export interface EndpointStats {
  url: string;
  inFlight: number;
  /** Requests handed to it. */
  sent: number;
  ok: number;
  failed: number;
  /** Epoch ms until which it gets no work; `null` when up. */
  downUntil: number | null;
  /** Smoothed latency of its answers. */
  latencyMs: number | null;
}

/** A provider spreading calls over several servers of one model. */
export interface PoolProvider extends Provider {
  stats(): EndpointStats[];
}

interface EndpointState extends EndpointStats {
  index: number;
  provider: Provider;
  failures: number;
}

/** Errors that say the server is gone or stuck, rather than that the request was bad. */
const endpointFailures = new Set([
  'provider.connection_refused',
  'provider.connection',
  'provider.timeout',
]);

/**
 * Several servers of one model as one provider: each call goes to the up endpoint with the fewest
 * calls in flight (ties: the faster one), within a per-endpoint limit. An endpoint that refuses
 * the connection or times out is marked down for a backoff window (doubling per failure) and the
 * call moves to another endpoint; after the window one call probes it again. Each endpoint
 * attempt is still a single HTTP request: retries of the whole call stay in `src/detect/`.
 * @example createPoolProvider({ endpoints: urls.map((url) => ({ url, provider:
 * createOllamaProvider({ model, baseUrl: url }) })) })
 */
export function createPoolProvider(options: PoolOptions): PoolProvider {
  const first = options.endpoints[0];
  if (first === undefined)
    throw new InputError(
      'input.empty_pool',
      'a provider pool needs at least one endpoint; give at least one URL',
      { field: 'endpoints' },
    );
  const now = options.now ?? Date.now;
  const limit = options.concurrencyPerEndpoint ?? 4;
  const downMs = options.downMs ?? 5_000;
  const maxDownMs = options.maxDownMs ?? 300_000;
  const states: EndpointState[] = options.endpoints.map((endpoint, index) => ({
    index,
    url: endpoint.url,
    provider: endpoint.provider,
    inFlight: 0,
    sent: 0,
    ok: 0,
    failed: 0,
    downUntil: null,
    latencyMs: null,
    failures: 0,
  }));
  const ids = new Set(options.endpoints.map((endpoint) => endpoint.provider.id));
  const id =
    options.id ??
    (ids.size === 1
      ? first.provider.id
      : `${first.provider.name}:${first.provider.model}@${options.endpoints.map((endpoint) => endpoint.url).join(',')}`);
  let waiters: (() => void)[] = [];
  const wake = (): void => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };

  const isUp = (state: EndpointState): boolean =>
    state.downUntil === null || now() >= state.downUntil;
  const pick = (tried: ReadonlySet<EndpointState>): EndpointState | undefined => {
    let best: EndpointState | undefined;
    for (const state of states) {
      if (tried.has(state) || !isUp(state) || state.inFlight >= limit) continue;
      // A down endpoint whose window has passed gets one probe at a time.
      if (state.downUntil !== null && state.inFlight > 0) continue;
      if (best === undefined || better(state, best)) best = state;
    }
    return best;
  };

  /** Waits for a slot to free or the earliest down window to end. */
  const waitForChange = (
    tried: ReadonlySet<EndpointState>,
    signal: AbortSignal | undefined,
  ): Promise<void> =>
    new Promise((resolve, reject) => {
      const windows = states
        .filter((state) => !tried.has(state) && state.downUntil !== null && state.inFlight === 0)
        .map((state) => (state.downUntil as number) - now());
      const timer =
        windows.length === 0 ? undefined : setTimeout(done, Math.max(0, Math.min(...windows)));
      function done(): void {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort(): void {
        if (timer !== undefined) clearTimeout(timer);
        waiters = waiters.filter((waiter) => waiter !== done);
        reject(
          new AnomscopeError(
            'detect.aborted',
            `the call to ${id} was aborted while waiting for a free endpoint`,
            { cause: signal?.reason },
          ),
        );
      }
      if (signal?.aborted === true) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.push(done);
    });

  const markDown = (state: EndpointState, error: ProviderError): void => {
    state.failures += 1;
    const untilMs = now() + Math.min(maxDownMs, downMs * 2 ** (state.failures - 1));
    state.downUntil = untilMs;
    options.onEvent?.({ type: 'down', url: state.url, untilMs, error });
  };

  return {
    id,
    name: first.provider.name,
    model: first.provider.model,
    capabilities: first.provider.capabilities,
    stats: () =>
      states.map(({ url, inFlight, sent, ok, failed, downUntil, latencyMs }) => ({
        url,
        inFlight,
        sent,
        ok,
        failed,
        downUntil,
        latencyMs,
      })),
    startsDeadline: true,
    async generate(request, { signal, startDeadline }): Promise<GenerateResponse> {
      const tried = new Set<EndpointState>();
      for (;;) {
        const state = pick(tried);
        if (state === undefined) {
          if (tried.size === states.length)
            throw new ProviderError(
              'provider.pool_exhausted',
              `every endpoint of ${id} failed this call`,
              { provider: id, retryable: false },
            );
          await waitForChange(tried, signal);
          continue;
        }
        state.inFlight += 1;
        state.sent += 1;
        // The attempt's time starts now that an endpoint is free, not while we waited for one.
        startDeadline?.();
        try {
          const response = await state.provider.generate(
            request,
            signal === undefined ? {} : { signal },
          );
          state.ok += 1;
          state.latencyMs =
            state.latencyMs === null
              ? response.latencyMs
              : 0.7 * state.latencyMs + 0.3 * response.latencyMs;
          if (state.downUntil !== null) options.onEvent?.({ type: 'up', url: state.url });
          state.failures = 0;
          state.downUntil = null;
          return response;
        } catch (error) {
          state.failed += 1;
          const callerGaveUp =
            signal?.aborted === true &&
            !(error instanceof ProviderError && error.code === 'provider.timeout');
          if (
            !(error instanceof ProviderError) ||
            !endpointFailures.has(error.code) ||
            callerGaveUp
          )
            throw error;
          markDown(state, error);
          tried.add(state);
          // The caller's deadline passed (or every endpoint failed): let `src/detect/` retry the
          // call.
          if (signal?.aborted === true || tried.size === states.length) throw error;
        } finally {
          state.inFlight -= 1;
          wake();
        }
      }
    },
  };
}

/**
 * Fewer in flight first; then the faster (an untried endpoint counts as fastest); then list order.
 */
function better(a: EndpointState, b: EndpointState): boolean {
  if (a.inFlight !== b.inFlight) return a.inFlight < b.inFlight;
  const la = a.latencyMs ?? 0;
  const lb = b.latencyMs ?? 0;
  if (la !== lb) return la < lb;
  return a.index < b.index;
}
