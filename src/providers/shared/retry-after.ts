/** Header access that works for fetch `Headers` and plain objects. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

const goUnitsMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go `time.Duration` string as OpenAI's `x-ratelimit-reset-*` headers send them
 * (`6ms`, `1m30s`, `6m0s`, `1.5s`, `0s`) into milliseconds; undefined when it is not one.
 * @example parseGoDurationMs('1m30s') // 90000
 */
export function parseGoDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  if (!/^(\d+(\.\d+)?(ns|us|µs|μs|ms|s|m|h))+$/.test(trimmed)) return undefined;
  let totalMs = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g)) {
    totalMs += Number(match[1]) * (goUnitsMs[match[2] ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(totalMs) ? totalMs : undefined;
}

/**
 * Parses a protobuf JSON `Duration` (`"26s"`, `"38.601s"`) as Gemini's `RetryInfo.retryDelay`
 * sends it into milliseconds; undefined when it is not one.
 */
export function parseProtoDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
  return match === null ? undefined : Math.round(Number(match[1]) * 1000);
}

/** `Retry-After` as seconds (`"2"`, `"1.5"`) or an HTTP date, in milliseconds from `nowMs`. */
export function parseRetryAfterHeaderMs(value: string, nowMs: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs) || !/[a-z]/i.test(trimmed)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms`, then `Retry-After`
 * (seconds or HTTP date), then OpenAI's `x-ratelimit-reset-requests`/`-tokens` Go durations
 * (the one whose `x-ratelimit-remaining-*` is 0, else the longer). Undefined when none is usable.
 */
export function retryAfterMsFromHeaders(
  headers: HeaderSource,
  nowMs: number = Date.now(),
): number | undefined {
  const retryAfterMs = header(headers, 'retry-after-ms');
  if (retryAfterMs !== undefined && /^\d+(\.\d+)?$/.test(retryAfterMs.trim()))
    return Math.round(Number(retryAfterMs));
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const parsed = parseRetryAfterHeaderMs(retryAfter, nowMs);
    if (parsed !== undefined) return parsed;
  }
  const resets: number[] = [];
  for (const kind of ['requests', 'tokens']) {
    const reset = header(headers, `x-ratelimit-reset-${kind}`);
    const parsed = reset === undefined ? undefined : parseGoDurationMs(reset);
    if (parsed === undefined) continue;
    if (header(headers, `x-ratelimit-remaining-${kind}`)?.trim() === '0') return Math.round(parsed);
    resets.push(parsed);
  }
  return resets.length === 0 ? undefined : Math.round(Math.max(...resets));
}
