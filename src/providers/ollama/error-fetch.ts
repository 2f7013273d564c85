/** The words of an error body, whatever its shape: `{error: "…"}`, `{error: {message}}`, HTML. */
function errorMessage(text: string): string {
  try {
    const json = JSON.parse(text) as unknown;
    if (json !== null && typeof json === 'object') {
      const record = json as Record<string, unknown>;
      const error = record['error'];
      if (typeof error === 'string') return error;
      if (error !== null && typeof error === 'object') {
        const message = (error as Record<string, unknown>)['message'];
        return typeof message === 'string' ? message : JSON.stringify(error);
      }
      if (typeof record['message'] === 'string') return record['message'];
    }
  } catch {
    // Not JSON: fall through to the text itself.
  }
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Wraps `fetch` so that every error reply reaches ollama-js as `{"error": "<text>"}`: the client
 * turns an object-valued `error` (OpenAI-style proxies, newer servers) into "[object Object]" and
 * logs to the console on a non-JSON body.
 */
export function ollamaErrorFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.ok) return response;
    const message = errorMessage(await response.text());
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    headers.delete('content-encoding');
    const body = JSON.stringify({ error: message === '' ? `HTTP ${response.status}` : message });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}
