import { basename } from 'node:path';
import { AnomscopeError } from '../errors.js';
import type { ResultRow } from './result-row.js';

/** Errors that mean the set-up is wrong (key, address, account), not that one call was unlucky. */
const setupCodes: ReadonlySet<string> = new Set(['provider.auth', 'provider.connection', 'provider.connection_refused', 'provider.not_found', 'provider.quota_exhausted']);

/**
 * Watches the first `calls` rows of each provider: when every one is the same set-up error, the
 * run stops with that error's message (a missing key or a stopped server fails every item alike).
 */
export function createFailFast(options: { calls: number; runDir: string }): (row: ResultRow) => AnomscopeError | undefined {
  const firstRows = new Map<string, ResultRow[]>();
  return (row) => {
    const seen = firstRows.get(row.provider) ?? [];
    if (seen.length >= options.calls) return undefined;
    seen.push(row);
    firstRows.set(row.provider, seen);
    if (seen.length < options.calls) return undefined;
    const code = seen[0]?.error?.code;
    if (code === undefined || !setupCodes.has(code) || !seen.every((earlier) => earlier.status === 'error' && earlier.error?.code === code)) return undefined;
    return new AnomscopeError(
      'bench.setup_failed',
      `stopped: the first ${options.calls} calls to ${row.provider} all failed with ${code}: ${seen[0]?.error?.message ?? ''}; fix that, then continue with --resume ${basename(options.runDir)} --retry-errors`,
    );
  };
}
