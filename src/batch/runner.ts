import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AnomscopeError, InputError, ProviderError, type ProviderErrorCode } from '../errors.js';
import { sleep, withRetry } from '../detect/retry.js';
import type { GenerateRequest } from '../providers/types.js';
import { readBatches, writeBatches, type BatchEntry, type BatchesFile } from './state.js';
import {
  terminalBatchStates,
  type BatchBackend,
  type BatchLimits,
  type BatchOutcome,
  type BatchState,
  type BatchStatus,
} from './types.js';

/** A request not yet in any batch; built only when it has to be written. */
export interface BatchJob {
  key: string;
  /**
   * The request and its cache key; `null` when the job was answered some other way (a cache hit).
   */
  build: () => Promise<{ request: GenerateRequest; requestKey: string } | null>;
}

/** Progress events, for output and for tests. */
export type BatchEvent =
  | { type: 'written'; index: number; requests: number; bytes: number }
  | { type: 'uploaded'; index: number; inputFileId: string }
  | { type: 'created'; index: number; batchId: string }
  | { type: 'polled'; index: number; batchId: string; state: BatchState }
  | { type: 'collected'; index: number; batchId: string; ok: number; failed: number };

export interface RunBatchesOptions {
  backend: BatchBackend;
  /**
   * Provider id the requests belong to; one ledger holds the batches of every provider of a run.
   */
  providerId: string;
  runDir: string;
  /** Work not done yet; keys already in an uncollected batch of the ledger are not sent again. */
  jobs: readonly BatchJob[];
  /** Called once per key of a terminal batch, before the batch is marked collected. */
  onOutcome: (outcome: BatchOutcome, entry: BatchEntry) => Promise<void> | void;
  /** Overrides of the backend's limits (tests use tiny ones). */
  limits?: Partial<BatchLimits>;
  /** First wait between polls. @default 15_000 */
  pollIntervalMs?: number;
  /** Longest wait between polls. @default 300_000 */
  maxPollIntervalMs?: number;
  /** Retry backoff base of upload/create/poll calls. @default 1_000 */
  initialDelayMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
  /** Clock, for the ledger's timestamps. @default Date.now */
  now?: () => number;
}

export interface RunBatchesResult {
  /** Batches created by this call (not counting those picked up from the ledger). */
  created: number;
  /** Batches whose results were written by this call. */
  collected: number;
  stoppedBy: 'done' | 'aborted';
}

/**
 * The batch lifecycle, resumable at every step: write the input files (split at the limits),
 * upload, create, poll with backoff, collect. Every id is in `runs/<id>/batches.json` before the
 * next step, so a resumed run picks up uploaded files and created batches instead of paying twice.
 */
export async function runBatches(options: RunBatchesOptions): Promise<RunBatchesResult> {
  const now = options.now ?? Date.now;
  const { backend, runDir, signal } = options;
  const limits: BatchLimits = { ...backend.limits, ...options.limits };
  const ledger = await readBatches(runDir);
  const stamp = (): string => new Date(now()).toISOString();
  const save = (): Promise<void> => writeBatches(runDir, ledger);
  const retry = <T>(call: () => Promise<T>): Promise<T> =>
    withRetry(call, { initialDelayMs: options.initialDelayMs ?? 1_000, signal }).then(
      (result) => result.value,
    );
  const result: RunBatchesResult = { created: 0, collected: 0, stoppedBy: 'done' };
  const aborted = (): boolean => signal?.aborted === true;

  const live = (): BatchEntry[] =>
    ledger.batches.filter((entry) => entry.provider === options.providerId && !entry.collected);
  const pending = new Set(live().flatMap((entry) => entry.keys));
  const fresh = options.jobs.filter((job) => !pending.has(job.key));
  try {
    if (fresh.length > 0)
      await writeInputs(fresh, {
        ledger,
        runDir,
        providerId: options.providerId,
        backend,
        limits,
        stamp,
        save,
        onEvent: options.onEvent,
        signal,
      });
    for (const entry of live()) {
      if (aborted()) break;
      if (entry.batchId !== null) continue;
      if (entry.inputFileId === null) {
        const inputFileId = await retry(() => backend.upload(join(runDir, entry.file), signal));
        if (inputFileId !== null) {
          entry.inputFileId = inputFileId;
          entry.updatedAt = stamp();
          await save();
          options.onEvent?.({ type: 'uploaded', index: entry.index, inputFileId });
        }
      }
      if (aborted()) break;
      const displayName = `anomscope ${runDir.replace(/^.*[\\/]/, '')} #${entry.index}`;
      entry.batchId = await retry(() =>
        backend.create(
          { inputFileId: entry.inputFileId, path: join(runDir, entry.file), displayName },
          signal,
        ),
      );
      entry.state = 'validating';
      entry.updatedAt = stamp();
      await save();
      result.created += 1;
      options.onEvent?.({ type: 'created', index: entry.index, batchId: entry.batchId });
    }

    let waitMs = options.pollIntervalMs ?? 15_000;
    const maxWaitMs = options.maxPollIntervalMs ?? 300_000;
    for (;;) {
      const open = live().filter((entry) => entry.batchId !== null);
      if (open.length === 0 || aborted()) break;
      for (const entry of open) {
        if (aborted()) break;
        const batchId = entry.batchId as string;
        const status = await retry(() => backend.status(batchId, signal));
        if (status.state !== entry.state) {
          entry.state = status.state;
          entry.updatedAt = stamp();
          await save();
        }
        options.onEvent?.({ type: 'polled', index: entry.index, batchId, state: status.state });
        if (!terminalBatchStates.has(status.state)) continue;
        const counts = await collectEntry(entry, status, {
          backend,
          runDir,
          signal,
          retry,
          onOutcome: options.onOutcome,
        });
        entry.collected = true;
        entry.updatedAt = stamp();
        await save();
        result.collected += 1;
        options.onEvent?.({ type: 'collected', index: entry.index, batchId, ...counts });
      }
      if (live().some((entry) => entry.batchId !== null) && !aborted()) {
        await sleep(waitMs, signal);
        waitMs = Math.min(maxWaitMs, Math.max(1, waitMs) * 1.5);
      }
    }
  } catch (error) {
    if (
      aborted() &&
      error instanceof AnomscopeError &&
      (error.code === 'detect.aborted' || error.code === 'provider.aborted')
    ) {
      result.stoppedBy = 'aborted';
      return result;
    }
    throw error;
  }
  if (aborted()) result.stoppedBy = 'aborted';
  return result;
}

/** Writes the fresh jobs into input files of at most `limits` each, one ledger entry per file. */
async function writeInputs(
  jobs: readonly BatchJob[],
  context: {
    ledger: BatchesFile;
    runDir: string;
    providerId: string;
    backend: BatchBackend;
    limits: BatchLimits;
    stamp: () => string;
    save: () => Promise<void>;
    onEvent: RunBatchesOptions['onEvent'];
    signal: AbortSignal | undefined;
  },
): Promise<void> {
  const { ledger, runDir, limits } = context;
  await mkdir(join(runDir, 'batches'), { recursive: true });
  let current: { entry: BatchEntry; fd: number; bytes: number } | undefined;
  const slug = context.providerId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  const finish = async (): Promise<void> => {
    if (current === undefined) return;
    fsyncSync(current.fd);
    closeSync(current.fd);
    ledger.batches.push(current.entry);
    await context.save();
    context.onEvent?.({
      type: 'written',
      index: current.entry.index,
      requests: current.entry.keys.length,
      bytes: current.bytes,
    });
    current = undefined;
  };
  try {
    for (const job of jobs) {
      if (context.signal?.aborted === true) break;
      const built = await job.build();
      if (built === null) continue;
      const { request, requestKey } = built;
      const line = `${context.backend.encode(job.key, request)}\n`;
      const bytes = Buffer.byteLength(line);
      if (bytes > limits.maxBytes) {
        throw new InputError(
          'batch.request_too_large',
          `request ${job.key} is ${bytes} bytes, over the batch file limit of ${limits.maxBytes}; use smaller images or run it online`,
          { field: 'batch' },
        );
      }
      if (
        current !== undefined &&
        (current.entry.keys.length >= limits.maxRequests || current.bytes + bytes > limits.maxBytes)
      )
        await finish();
      if (current === undefined) {
        const index = ledger.batches.reduce((max, entry) => Math.max(max, entry.index + 1), 0);
        const file = join('batches', `${String(index).padStart(4, '0')}-${slug}.jsonl`);
        const stamp = context.stamp();
        current = {
          entry: {
            index,
            provider: context.providerId,
            file,
            keys: [],
            requestKeys: {},
            inputFileId: null,
            batchId: null,
            state: null,
            collected: false,
            createdAt: stamp,
            updatedAt: stamp,
          },
          fd: openSync(join(runDir, file), 'w'),
          bytes: 0,
        };
      }
      writeSync(current.fd, line);
      current.bytes += bytes;
      current.entry.keys.push(job.key);
      current.entry.requestKeys[job.key] = requestKey;
    }
    await finish();
  } finally {
    if (current !== undefined) closeSync(current.fd);
  }
}

/**
 * Hands every key of a terminal batch to `onOutcome`: its result, or an error saying why none came.
 */
async function collectEntry(
  entry: BatchEntry,
  status: BatchStatus,
  context: {
    backend: BatchBackend;
    runDir: string;
    signal: AbortSignal | undefined;
    retry: <T>(call: () => Promise<T>) => Promise<T>;
    onOutcome: RunBatchesOptions['onOutcome'];
  },
): Promise<{ ok: number; failed: number }> {
  const keys = new Set(entry.keys);
  const savePrefix = join(context.runDir, entry.file.replace(/\.jsonl$/, ''));
  const found =
    status.state === 'failed'
      ? new Map<string, BatchOutcome>()
      : await context.retry(() =>
          context.backend.collect(status, keys, savePrefix, context.signal),
        );
  const counts = { ok: 0, failed: 0 };
  for (const key of entry.keys) {
    const outcome = found.get(key) ?? { key, error: missingError(context.backend.name, status) };
    if ('response' in outcome) counts.ok += 1;
    else counts.failed += 1;
    await context.onOutcome(outcome, entry);
  }
  return counts;
}

/** Why a key of a terminal batch has no result line. */
function missingError(provider: string, status: BatchStatus): ProviderError {
  const where = `${provider} batch ${status.id}`;
  const make = (code: ProviderErrorCode, message: string): ProviderError =>
    new ProviderError(code, message, { provider, retryable: true });
  switch (status.state) {
    case 'failed': {
      const why =
        status.errors.length === 0 ? 'no reason given' : status.errors.slice(0, 3).join('; ');
      return make(
        'batch.failed',
        `${where} failed before running (${why}); fix the cause and resume with --retry-errors`,
      );
    }
    case 'expired':
      return make(
        'batch.expired',
        `${where} expired before this request ran; resume with --retry-errors to send it again`,
      );
    case 'cancelled':
      return make(
        'batch.cancelled',
        `${where} was cancelled before this request ran; resume with --retry-errors to send it again`,
      );
    default:
      return make(
        'batch.missing',
        `${where} finished without a result line for this request; resume with --retry-errors to send it again`,
      );
  }
}
