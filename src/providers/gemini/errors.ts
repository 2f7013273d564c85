import { ApiError } from '@google/genai';
import type { ProviderError } from '../../errors.js';
import { statusError, transportError, type ErrorContext } from '../shared/errors.js';
import { providerErrorIn } from '../shared/json-fetch.js';
import { parseProtoDurationMs, retryAfterMsFromHeaders } from '../shared/retry-after.js';
import { geminiErrorWire } from './wire.js';

const keyVars = 'GEMINI_API_KEY or GOOGLE_API_KEY';

/**
 * Maps what @google/genai throws to a ProviderError, classifying by `error.status` and
 * `details[].reason`: RetryInfo `retryDelay` gives `retryAfterMs`, a `PerDay` QuotaFailure is not
 * retryable, API_KEY_INVALID / 401 / 403 are auth errors. Rethrows anything else.
 */
export function mapGeminiError(
  error: unknown,
  context: ErrorContext,
  signal: AbortSignal | undefined,
  headers: Headers | undefined,
): ProviderError {
  const ours = providerErrorIn(error);
  if (ours !== undefined) return ours;
  if (error instanceof ApiError) {
    let body: unknown;
    try {
      body = JSON.parse(error.message) as unknown;
    } catch {
      body = { error: { message: error.message } };
    }
    const parsed = geminiErrorWire.safeParse(body);
    const wire = parsed.success
      ? parsed.data.error
      : { message: error.message, status: undefined, details: undefined };
    const details = wire.details ?? [];
    const typeIs = (suffix: string) => details.filter((d) => (d['@type'] ?? '').endsWith(suffix));
    const retryDelay = typeIs('google.rpc.RetryInfo')[0]?.retryDelay;
    const retryAfterMs =
      (retryDelay === null || retryDelay === undefined
        ? undefined
        : parseProtoDurationMs(retryDelay)) ?? retryAfterMsFromHeaders(headers);
    const perDay = typeIs('google.rpc.QuotaFailure').some((d) =>
      (d.violations ?? []).some((v) => /PerDay/i.test(v.quotaId ?? '')),
    );
    const reasons = details.map((d) => d.reason);
    const serverMessage = [wire.status, wire.message]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(' ');
    const common = {
      status: error.status,
      serverMessage,
      cause: error,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
    if (error.status === 429 && perDay) {
      return statusError(context, {
        ...common,
        code: 'provider.quota_exhausted',
        retryable: false,
        advice: 'the daily quota is used up; retrying before it resets will not help',
      });
    }
    if (reasons.includes('API_KEY_INVALID')) {
      return statusError(context, {
        ...common,
        code: 'provider.auth',
        retryable: false,
        advice: `the API key is not valid (API_KEY_INVALID); check ${keyVars}`,
      });
    }
    if (error.status === 403) {
      return statusError(context, {
        ...common,
        advice: `the key is missing or lacks permission, or the Generative Language API is disabled for its project; check ${keyVars}`,
      });
    }
    if (error.status === 401) {
      return statusError(context, {
        ...common,
        advice: `the request was not authenticated by an API key (a key sent as a Bearer token is rejected); check ${keyVars}`,
      });
    }
    if (
      error.status === 400 &&
      /schema|response_?mime_?type|responseMimeType/i.test(wire.message ?? '')
    ) {
      return statusError(context, { ...common, code: 'provider.schema_rejected' });
    }
    return statusError(context, common);
  }
  const transport = transportError(context, error, signal);
  if (transport !== undefined) return transport;
  throw error;
}
