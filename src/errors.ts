/**
 * One error family for the whole library. Every error has a stable string `code` that callers
 * (and the bench runner's result rows) match on, plus the context needed to act on it.
 * Messages are one sentence: what failed, where, and what to do.
 */
export class AnomscopeError extends Error {
  /** Stable machine-readable code, e.g. `input.non_numeric` or `provider.rate_limited`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }

  /** A plain object safe to write into result files (no stack, no secrets). */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause' && value !== undefined) fields[key] = value;
    }
    return fields;
  }
}

/** Where in an input file a problem is; every field optional but `file` is the norm. */
export interface InputLocation {
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}

/** Bad user input: series files, label files, suite files, CLI flags. Never retried. */
export class InputError extends AnomscopeError {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;

  constructor(code: string, message: string, location: InputLocation = {}, options?: { cause?: unknown }) {
    super(code, message, options);
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.field = location.field;
  }
}

/**
 * A transport failure talking to a provider: HTTP status, refused connection, timeout.
 * `retryable` follows STYLE.md (408/409/429/5xx, connection errors, timeouts; never an abort,
 * never an exhausted quota).
 */
export class ProviderError extends AnomscopeError {
  readonly provider: string;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Server-requested wait before the next attempt, in milliseconds, when it said one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: string,
    message: string,
    context: { provider: string; url?: string; status?: number; retryable: boolean; retryAfterMs?: number },
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.provider = context.provider;
    this.url = context.url;
    this.status = context.status;
    this.retryable = context.retryable;
    this.retryAfterMs = context.retryAfterMs;
  }
}

/**
 * The model answered, but the answer is unusable: unparseable, schema-invalid, refused, truncated.
 * Keeps the raw text so nothing paid for is lost. Gets one repair turn, not a retry.
 */
export class ContentError extends AnomscopeError {
  readonly rawText: string;
  /** Validation issues as `path: message` lines, when a schema rejected the answer. */
  readonly issues: string[];

  constructor(code: string, message: string, context: { rawText: string; issues?: string[] }, options?: { cause?: unknown }) {
    super(code, message, options);
    this.rawText = context.rawText;
    this.issues = context.issues ?? [];
  }
}
