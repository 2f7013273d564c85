import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ProviderError } from '../../errors.js';
import { statusError, transportError, type ErrorContext } from '../shared/errors.js';
import { providerErrorIn } from '../shared/json-fetch.js';
import { retryAfterMsFromHeaders } from '../shared/retry-after.js';
import { openAIErrorObjectWire } from './wire.js';

/**
 * A 400/422 whose message is about `response_format` or the schema (code `invalid_json_schema`,
 * null, or anything).
 */
const schemaRejectionPattern = /response_format|json_schema|json schema|json_object|schema|guided/i;

/**
 * Fetch wrapper that rewrites the error bodies of compatible servers into OpenAI's
 * `{ error: { message, code, type } }` shape, so the SDK keeps their message: old vLLM's flat
 * `{"object":"error","message":…,"code":400}` and LM Studio's `{"error":"<string>"}`.
 */
export async function normalisingFetch(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Response> {
  const response = await fetch(input, init);
  if (response.ok) return response;
  const text = await response.text();
  let body = text;
  try {
    const json = JSON.parse(text) as unknown;
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
      const flat = json as Record<string, unknown>;
      const wrapped = flat['error'];
      if (wrapped === null || typeof wrapped !== 'object') {
        const message =
          typeof wrapped === 'string'
            ? wrapped
            : typeof flat['message'] === 'string'
              ? flat['message']
              : text;
        body = JSON.stringify({
          error: {
            message,
            type: flat['type'],
            code: flat['code'] ?? null,
            param: flat['param'] ?? null,
          },
        });
      }
    }
  } catch {
    // Not JSON (an HTML error page, plain text): keep its words as the message.
    body = JSON.stringify({
      error: {
        message: text
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
        code: null,
      },
    });
  }
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Maps anything the openai SDK throws to a ProviderError; rethrows what is not a transport/API
 * error.
 */
export function mapOpenAIError(
  error: unknown,
  context: ErrorContext,
  signal: AbortSignal | undefined,
): ProviderError {
  const ours = providerErrorIn(error);
  if (ours !== undefined) return ours;
  if (error instanceof APIUserAbortError) {
    // The SDK only throws this when the caller's signal fired, so the signal tells abort from
    // deadline.
    return transportError(
      context,
      error,
      signal?.aborted === true ? signal : AbortSignal.abort(),
    ) as ProviderError;
  }
  if (error instanceof APIConnectionTimeoutError) {
    const limit = context.timeoutMs === undefined ? '' : ` within ${context.timeoutMs} ms`;
    return new ProviderError(
      'provider.timeout',
      `${context.provider} at ${context.url} did not answer${limit}; retry later or raise the timeout`,
      { provider: context.provider, url: context.url, retryable: true },
      { cause: error },
    );
  }
  if (error instanceof APIConnectionError) {
    return (
      transportError(context, error.cause ?? error, signal) ??
      new ProviderError(
        'provider.connection',
        `could not talk to ${context.provider} at ${context.url}; check the network and the base URL`,
        { provider: context.provider, url: context.url, retryable: true },
        { cause: error },
      )
    );
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const parsed = openAIErrorObjectWire.safeParse(error.error);
    const wire = parsed.success ? parsed.data : {};
    const serverMessage =
      typeof wire.message === 'string'
        ? wire.message
        : error.error === undefined
          ? ''
          : JSON.stringify(error.error);
    const serverCode = wire.code === null || wire.code === undefined ? '' : String(wire.code);
    const serverType = typeof wire.type === 'string' ? wire.type : '';
    const retryAfterMs = retryAfterMsFromHeaders(error.headers);
    const common = {
      status: error.status,
      serverMessage,
      cause: error,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
    if (
      error.status === 429 &&
      (serverCode === 'insufficient_quota' ||
        serverType === 'insufficient_quota' ||
        /exceeded your current quota/i.test(serverMessage))
    ) {
      return statusError(context, {
        ...common,
        code: 'provider.quota_exhausted',
        retryable: false,
      });
    }
    if (
      (error.status === 400 || error.status === 422) &&
      (serverCode === 'invalid_json_schema' || schemaRejectionPattern.test(serverMessage))
    ) {
      return statusError(context, { ...common, code: 'provider.schema_rejected' });
    }
    return statusError(context, common);
  }
  const transport = transportError(context, error, signal);
  if (transport !== undefined) return transport;
  throw error;
}
