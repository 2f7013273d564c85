import { ProviderError } from '../../errors.js';
import { invalidResponseError, type ErrorContext } from './errors.js';

/** What a body that is not JSON looks like, for the message; never more than a short excerpt. */
function describeBody(text: string, contentType: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'an empty body';
  const excerpt = trimmed.replace(/\s+/g, ' ').slice(0, 60);
  if (trimmed.startsWith('<') || contentType.includes('html')) return `an HTML page: ${excerpt}`;
  return `${text.length} bytes that are not valid JSON (cut off?): ${excerpt}`;
}

/**
 * Wraps `fetch` so that a 2xx reply whose body is not JSON (a proxy's HTML page, an empty or
 * truncated body) is a retryable `provider.invalid_response` before any SDK sees it; SDKs would
 * otherwise throw a bare SyntaxError or hand back a string. Error replies pass through untouched.
 */
export function jsonBodyFetch(context: ErrorContext, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok) return response;
    const text = await response.text();
    try {
      JSON.parse(text);
    } catch (error) {
      throw invalidResponseError(
        context,
        describeBody(text, response.headers.get('content-type') ?? ''),
        error,
      );
    }
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

/** The ProviderError an SDK wrapped around what our fetch threw, if there is one in the chain. */
export function providerErrorIn(error: unknown): ProviderError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current instanceof ProviderError) return current;
    current =
      typeof current === 'object' && 'cause' in current
        ? (current as { cause: unknown }).cause
        : undefined;
  }
  return undefined;
}
