import { ProviderError, type ProviderErrorCode } from '../../errors.js';
import { redactSecrets } from './secrets.js';

/** Where a provider error happened, plus the secrets no message may contain. */
export interface ErrorContext {
  /** Provider family, e.g. `openai`. */
  provider: string;
  /** Base URL without credentials or query (see `safeUrl`). */
  url: string;
  /** API keys to scrub from any server text we quote. */
  secrets: readonly string[];
  /** Advice for a 401/403, naming the env var to check. */
  authAdvice?: string;
  /** Advice for a refused connection. @default 'is the server running?' */
  refusedAdvice?: string;
  /** Per-request timeout handed to the SDK, for the timeout message. */
  timeoutMs?: number;
}

/** A URL fit for messages and records: no user/password, no query (keys hide there), no hash. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}

/** Replaces every secret (and OpenAI's masked-key echo) in server text; trims it to one line. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = redactSecrets(text, secrets);
  out = out.replace(/(api key provided:\s*)\S+/gi, '$1<redacted>');
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > 300 ? `${out.slice(0, 297)}...` : out;
}

interface StatusClass {
  code: ProviderErrorCode;
  retryable: boolean;
  what: string;
}

function classifyStatus(status: number): StatusClass {
  if (status === 401 || status === 403)
    return { code: 'provider.auth', retryable: false, what: 'not authorised' };
  if (status === 404) return { code: 'provider.not_found', retryable: false, what: 'not found' };
  if (status === 408) return { code: 'provider.timeout', retryable: true, what: 'request timeout' };
  if (status === 409) return { code: 'provider.conflict', retryable: true, what: 'conflict' };
  if (status === 429)
    return { code: 'provider.rate_limited', retryable: true, what: 'rate limited' };
  if (status >= 500)
    return { code: 'provider.server_error', retryable: true, what: 'server error' };
  return { code: 'provider.bad_request', retryable: false, what: 'bad request' };
}

const defaultAdvice: Partial<Record<ProviderErrorCode, string>> = {
  'provider.auth': 'check the API key',
  'provider.not_found': 'check the model name and the base URL',
  'provider.timeout': 'retry later',
  'provider.conflict': 'retry',
  'provider.rate_limited': 'slow down or retry later',
  'provider.quota_exhausted': 'add credit or raise the quota; retrying will not help',
  'provider.server_error': 'the server failed; retry later',
  'provider.bad_request': 'check the request settings',
  'provider.schema_rejected': 'the server does not accept this JSON Schema for response_format',
};

/** What we learnt from an HTTP error reply. */
export interface StatusErrorDetails {
  status: number;
  /** Server's own message (scrubbed and trimmed here). */
  serverMessage: string;
  retryAfterMs?: number;
  /** Overrides the status classification, e.g. `provider.quota_exhausted`. */
  code?: ProviderErrorCode;
  /** Overrides retryability (e.g. an exhausted quota is a 429 that must not be retried). */
  retryable?: boolean;
  advice?: string;
  cause?: unknown;
}

/** Builds the ProviderError for an HTTP error status, following STYLE.md's retry rules. */
export function statusError(context: ErrorContext, details: StatusErrorDetails): ProviderError {
  const base = classifyStatus(details.status);
  const code = details.code ?? base.code;
  const retryable = details.retryable ?? base.retryable;
  const advice =
    details.advice ??
    (code === 'provider.auth' ? context.authAdvice : undefined) ??
    defaultAdvice[code] ??
    'check the request';
  const quoted = scrubSecrets(details.serverMessage, context.secrets);
  const message = `${context.provider} at ${context.url} answered ${details.status} (${base.what})${quoted === '' ? '' : `: ${quoted}`}; ${advice}`;
  return new ProviderError(
    code,
    message,
    {
      provider: context.provider,
      url: context.url,
      status: details.status,
      retryable,
      ...(details.retryAfterMs === undefined ? {} : { retryAfterMs: details.retryAfterMs }),
    },
    details.cause === undefined ? undefined : { cause: details.cause },
  );
}

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    current =
      typeof current === 'object' && 'cause' in current
        ? (current as { cause: unknown }).cause
        : undefined;
  }
  return chain;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : undefined;
}

/**
 * Maps an abort, timeout or connection failure to a ProviderError; undefined when `error` is none
 * of these. An abort by the caller is never retryable, unless the caller's signal says it was a
 * timeout (`AbortSignal.timeout`), which is `provider.timeout` and retryable.
 */
export function transportError(
  context: ErrorContext,
  error: unknown,
  signal: AbortSignal | undefined,
): ProviderError | undefined {
  const where = `${context.provider} at ${context.url}`;
  const make = (
    code: ProviderErrorCode,
    message: string,
    { retryable }: { retryable: boolean },
  ): ProviderError =>
    new ProviderError(
      code,
      message,
      { provider: context.provider, url: context.url, retryable },
      { cause: error },
    );
  if (signal?.aborted === true) {
    return errorName(signal.reason) === 'TimeoutError'
      ? make(
          'provider.timeout',
          `${where} did not answer before the caller's deadline; retry or allow more time`,
          { retryable: true },
        )
      : make('provider.aborted', `the request to ${where} was aborted by the caller`, {
          retryable: false,
        });
  }
  const chain = causeChain(error);
  if (
    chain.some((e) =>
      ['AbortError', 'TimeoutError', 'APIConnectionTimeoutError'].includes(errorName(e) ?? ''),
    )
  ) {
    const limit = context.timeoutMs === undefined ? '' : ` within ${context.timeoutMs} ms`;
    return make(
      'provider.timeout',
      `${where} did not answer${limit}; retry later or raise the timeout`,
      { retryable: true },
    );
  }
  const codes = chain.map(errorCode).filter((code): code is string => code !== undefined);
  if (codes.includes('ECONNREFUSED')) {
    return make(
      'provider.connection_refused',
      `${where} refused the connection; ${context.refusedAdvice ?? 'is the server running?'}`,
      { retryable: true },
    );
  }
  const connectionCode = codes.find((code) => connectionCodes.has(code));
  const looksLikeConnection =
    connectionCode !== undefined ||
    chain.some(
      (e) =>
        errorName(e) === 'APIConnectionError' ||
        (e instanceof TypeError && /fetch failed|terminated|socket/i.test(e.message)),
    );
  if (looksLikeConnection) {
    return make(
      'provider.connection',
      `could not talk to ${where} (${connectionCode ?? 'connection failed'}); check the network and the base URL`,
      { retryable: true },
    );
  }
  return undefined;
}

/**
 * A 200 whose body is not what the API documents. Retryable like any server fault: proxies and
 * overloaded gateways send such bodies now and then.
 */
export function invalidResponseError(
  context: ErrorContext,
  detail: string,
  cause?: unknown,
): ProviderError {
  return new ProviderError(
    'provider.invalid_response',
    `${context.provider} at ${context.url} answered 200 with an unexpected body (${scrubSecrets(detail, context.secrets)}); retry later, and check the base URL points at the right API if it persists`,
    { provider: context.provider, url: context.url, status: 200, retryable: true },
    cause === undefined ? undefined : { cause },
  );
}
