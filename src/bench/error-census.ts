import { join } from 'node:path';
import { readJsonl } from './results-file.js';

/** One error code of a run: how many items ended with it, and one of their messages. */
export interface ErrorCount {
  code: string;
  count: number;
  /** The message of the latest item with this code (messages carry no secrets). */
  example: string;
}

/**
 * The error codes of a run's items, most frequent first, counting only each item's latest row
 * (a retried item that then succeeded is not an error): what the end-of-run summary names so a
 * failed run says why, not only how many.
 */
export async function errorCensus(runDir: string): Promise<ErrorCount[]> {
  const { rows } = await readJsonl(join(runDir, 'results.jsonl'));
  const latest = new Map<string, { status?: unknown; error?: unknown }>();
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const key = (row as { key?: unknown }).key;
    if (typeof key === 'string') latest.set(key, row);
  }
  const byCode = new Map<string, ErrorCount>();
  for (const row of latest.values()) {
    if (row.status !== 'error') continue;
    const error = (row.error ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof error.code === 'string' ? error.code : 'unknown';
    const message = typeof error.message === 'string' ? error.message : '';
    const found = byCode.get(code) ?? { code, count: 0, example: message };
    found.count += 1;
    found.example = message;
    byCode.set(code, found);
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/**
 * The census as stderr lines: one per code with its count, the most frequent with its message,
 * e.g. `  provider.auth × 320: openai:gpt-4o at … not authorised …`.
 */
export function formatErrorCensus(
  counts: readonly ErrorCount[],
  options: { limit?: number } = {},
): string {
  const limit = options.limit ?? 5;
  const lines = counts
    .slice(0, limit)
    .map((entry, index) =>
      index === 0 && entry.example !== ''
        ? `  ${entry.code} × ${entry.count}: ${entry.example}`
        : `  ${entry.code} × ${entry.count}`,
    );
  const rest = counts.slice(limit).reduce((sum, entry) => sum + entry.count, 0);
  if (rest > 0) lines.push(`  (${rest} more with ${counts.length - limit} other code(s))`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
