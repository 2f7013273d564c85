import { basename } from 'node:path';
import { AnomscopeError } from '../errors.js';
import type { ResultRow } from './result-row.js';

/** Errors that mean the set-up is wrong (key, address, account), not that one call was unlucky. */
const setupCodes: ReadonlySet<string> = new Set([
  // A missing key fails at the first call (cached runs need none), so it is caught here.
  'input.missing_api_key',
  'provider.auth',
  'provider.connection',
  'provider.connection_refused',
  'provider.not_found',
  'provider.quota_exhausted',
]);

/** What {@link createFailFast} gives the executor. */
export interface FailFast {
  /** Records a row; returns the error that stops the run when the first calls all failed alike. */
  check: (row: ResultRow) => AnomscopeError | undefined;
  /** Counts one finished item, with or without a row (aborted, not run, failed). */
  finished: () => void;
  /**
   * Settles once the first calls have shown the set-up works (a row that is not a set-up error)
   * or all of them have finished. A worker waits for it before taking another item, so a wrong
   * key costs exactly the first wave of calls, however the answers interleave.
   */
  probed: () => Promise<void>;
}

/**
 * Watches the first `calls` rows of each provider that did not come from the cache: when every
 * one is the same set-up error, the run stops with that error's message (a missing key or a
 * stopped server fails every item alike).
 */
export function createFailFast(options: { calls: number; runDir: string }): FailFast {
  const firstRows = new Map<string, ResultRow[]>();
  let finishedItems = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  if (options.calls <= 0) open();
  const check = (row: ResultRow): AnomscopeError | undefined => {
    // A cache hit says nothing about the key or the server: a resumed or re-run suite whose key
    // expired must still stop after its first real calls, however many answers were cached.
    if (row.cached) return undefined;
    if (!isSetupError(row)) open();
    const seen = firstRows.get(row.provider) ?? [];
    if (seen.length >= options.calls) return undefined;
    seen.push(row);
    firstRows.set(row.provider, seen);
    if (seen.length < options.calls) return undefined;
    const code = seen[0]?.error?.code;
    if (
      code === undefined ||
      !setupCodes.has(code) ||
      !seen.every((earlier) => earlier.status === 'error' && earlier.error?.code === code)
    )
      return undefined;
    return new AnomscopeError(
      'bench.setup_failed',
      `stopped: the first ${options.calls} calls to ${row.provider} all failed with ${code}: ${seen[0]?.error?.message ?? ''}; fix that, then continue with --resume ${basename(options.runDir)} --retry-errors`,
    );
  };
  const finished = (): void => {
    finishedItems += 1;
    if (finishedItems >= options.calls) open();
  };
  return { check, finished, probed: () => opened };
}

function isSetupError(row: ResultRow): boolean {
  return row.status === 'error' && setupCodes.has(row.error?.code ?? '');
}
