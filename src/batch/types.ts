import type { ProviderError } from '../errors.js';
import type { GenerateRequest, GenerateResponse } from '../providers/types.js';

/** A batch's lifecycle, in OpenAI's words (Gemini's `BATCH_STATE_*` are mapped onto these). */
export type BatchState =
  | 'validating'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'failed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

/** States after which a batch never changes again. */
export const terminalBatchStates: ReadonlySet<BatchState> = new Set([
  'completed',
  'failed',
  'expired',
  'cancelled',
]);

/** A batch as last polled. */
export interface BatchStatus {
  id: string;
  state: BatchState;
  /** OpenAI: file of successful lines; `null` when every request failed. */
  outputFileId: string | null;
  /** OpenAI: file of failed lines; `null` when none failed. */
  errorFileId: string | null;
  /** Why the whole batch failed (OpenAI `errors.data[]`), one message each. */
  errors: string[];
  /** Gemini: inlined responses, carried with the status that delivered them. */
  inlined?: unknown[];
}

/** What one request of a batch came back as: a response to read, or an error. */
export type BatchOutcome =
  { key: string; response: GenerateResponse } | { key: string; error: ProviderError };

/** Size limits of one batch input. */
export interface BatchLimits {
  /** Requests per batch. OpenAI: 50,000. */
  maxRequests: number;
  /** Bytes per input file (the JSONL as uploaded). OpenAI: 200 MB; Gemini inline: 20 MB. */
  maxBytes: number;
}

/** One provider's batch API; every method makes its HTTP calls through the provider's SDK. */
export interface BatchBackend {
  /** Provider family, e.g. `openai`. */
  name: string;
  limits: BatchLimits;
  /** One request as a line of the input file (no newline). */
  encode(key: string, request: GenerateRequest): string;
  /** Uploads an input file; returns its id, or `null` for APIs that take the requests inline. */
  upload(path: string, signal: AbortSignal | undefined): Promise<string | null>;
  /**
   * Creates the batch from an uploaded file (or the file's lines, inline); returns the batch id.
   */
  create(
    input: { inputFileId: string | null; path: string; displayName: string },
    signal: AbortSignal | undefined,
  ): Promise<string>;
  status(id: string, signal: AbortSignal | undefined): Promise<BatchStatus>;
  /**
   * Reads a terminal batch's results, joined on our keys (never on order), and keeps the raw
   * files at `savePrefix.*` for the record. Keys the batch has nothing for are left out.
   */
  collect(
    status: BatchStatus,
    keys: ReadonlySet<string>,
    savePrefix: string,
    signal: AbortSignal | undefined,
  ): Promise<Map<string, BatchOutcome>>;
}
