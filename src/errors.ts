/**
 * Every error code the library throws, grouped by the class that throws it: `code` is a closed
 * union, so a new code is added here (and, when users see it, to the README "Errors" table).
 * A code belongs to exactly one class. To add one: append it to its class's list below.
 */
export const inputErrorCodes = [
  'batch.bad_ledger',
  'batch.request_too_large',
  'batch.unsupported',
  'bench.bad_bootstrap',
  'bench.no_labelled_series',
  'bench.no_labels',
  'bench.unpriced_model',
  'cli.bad_flag',
  'cli.resume_conflict',
  'detect.images_unsupported',
  'grade.invalid_convention',
  'grade.invalid_index',
  'grade.invalid_interval',
  'grade.invalid_length',
  'grade.invalid_option',
  'grade.invalid_scores',
  'input.bad_option',
  'input.bad_prompt_id',
  'input.baseline_needs_series',
  'input.channel_all_missing',
  'input.channel_name',
  'input.duplicate_channel',
  'input.duplicate_id',
  'input.empty_file',
  'input.empty_folder',
  'input.empty_pool',
  'input.encoding',
  'input.files_failed',
  'input.header_only',
  'input.images_unsupported',
  'input.infinite_value',
  'input.invalid_dataset_split',
  'input.invalid_generator_option',
  'input.invalid_json',
  'input.invalid_path_segment',
  'input.json_shape',
  'input.json_syntax',
  'input.length_mismatch',
  'input.missing_api_key',
  'input.missing_base_url',
  'input.missing_option',
  'input.missing_variable',
  'input.no_channels',
  'input.no_observations',
  'input.non_numeric',
  'input.not_a_file',
  'input.not_found',
  'input.not_series',
  'input.only_label_columns',
  'input.prompt_not_found',
  'input.prompt_template',
  'input.provider_spec',
  'input.ragged_channels',
  'input.ragged_row',
  'input.rats40k_figure_path',
  'input.rats40k_shape',
  'input.replay_line',
  'input.replay_missing',
  'input.replay_unreadable',
  'input.schema',
  'input.stray_quote',
  'input.time_column_missing',
  'input.timestamp_missing',
  'input.timestamp_order',
  'input.timestamp_unparseable',
  'input.too_large',
  'input.too_many_columns',
  'input.unknown_column',
  'input.unknown_placeholder',
  'input.unknown_provider',
  'input.unreadable_file',
  'input.unterminated_quote',
  'labels.bad_time',
  'labels.duplicate',
  'labels.invalid',
  'labels.invalid_json',
  'labels.no_timestamps',
  'labels.not_found',
  'labels.unknown_shape',
  'labels.unmatched',
  'prompt.no_series_slot',
  'prompt.unknown_variable',
  'render.empty_series',
  'render.invalid_decimals',
  'render.invalid_interval',
  'render.invalid_length',
  'render.invalid_size',
  'render.no_timestamps',
  'results.bad_line',
  'results.bad_row',
  'review.bad_import',
  'review.bad_label',
  'review.bad_labels',
  'review.bad_request',
  'review.bad_reviewer',
  'review.bad_run',
  'review.duplicate_item',
  'review.no_labels',
  'review.nothing_to_undo',
  'review.remote_host',
  'review.store_damaged',
  'review.store_missing',
  'review.which_reviewer',
  'review.which_reviewers',
  'run.bad_file',
  'run.bad_suite',
  'run.damaged',
  'run.not_found',
  'suite.empty_dataset',
  'suite.invalid',
  'suite.invalid_json',
  'suite.not_found',
] as const;

export const providerErrorCodes = [
  'batch.bad_line',
  'batch.cancelled',
  'batch.expired',
  'batch.failed',
  'batch.missing',
  'batch.request_failed',
  'provider.aborted',
  'provider.auth',
  'provider.bad_request',
  'provider.conflict',
  'provider.connection',
  'provider.connection_refused',
  'provider.invalid_response',
  'provider.not_found',
  'provider.pool_exhausted',
  'provider.quota_exhausted',
  'provider.rate_limited',
  'provider.schema_rejected',
  'provider.server_error',
  'provider.timeout',
] as const;

export const contentErrorCodes = [
  'content.bad_coordinate',
  'content.empty',
  'content.inconsistent',
  'content.invalid_json',
  'content.multiple_json',
  'content.no_json',
  'content.out_of_range',
  'content.refusal',
  'content.reversed_interval',
  'content.safety',
  'content.schema',
  'content.too_deep',
  'content.too_many_intervals',
  'content.truncated',
  'content.unknown_category',
] as const;

/** Codes of failures that are neither bad input, nor a provider fault, nor a bad answer. */
export const runErrorCodes = [
  'bench.results_closed',
  'bench.setup_failed',
  'datasets.empty_choice',
  'datasets.invalid_range',
  'datasets.invalid_sample',
  'datasets.invalid_seed',
  'detect.aborted',
  'internal.bug',
  'render.failed',
  'render.template_invalid',
  'render.templates_missing',
  'report.series_failed',
  'review.page_missing',
  'review.store_open',
  'review.store_version',
] as const;

export type InputErrorCode = (typeof inputErrorCodes)[number];
export type ProviderErrorCode = (typeof providerErrorCodes)[number];
export type ContentErrorCode = (typeof contentErrorCodes)[number];
export type RunErrorCode = (typeof runErrorCodes)[number];
/** Every code any error of this library carries. */
export type ErrorCode = InputErrorCode | ProviderErrorCode | ContentErrorCode | RunErrorCode;

/** All codes, for checks and documentation. */
export const errorCodes: readonly ErrorCode[] = [
  ...inputErrorCodes,
  ...providerErrorCodes,
  ...contentErrorCodes,
  ...runErrorCodes,
];

/** True when `value` is one of the library's error codes (e.g. read back from a results file). */
export function isErrorCode(value: string): value is ErrorCode {
  return (errorCodes as readonly string[]).includes(value);
}

/**
 * One error family for the whole library. Every error has a stable string `code` that callers
 * (and the bench runner's result rows) match on, plus the context needed to act on it.
 * Messages are one sentence: what failed, where, and what to do.
 */
export class AnomscopeError extends Error {
  /** Stable machine-readable code, e.g. `input.non_numeric` or `provider.rate_limited`. */
  readonly code: ErrorCode;

  /** Thrown directly only with a `RunErrorCode`; subclasses pass their own codes. */
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }

  /** A plain object safe to write into result files (no stack, no secrets). */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
    };
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
  declare readonly code: InputErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;

  constructor(
    code: InputErrorCode,
    message: string,
    location: InputLocation = {},
    options?: { cause?: unknown },
  ) {
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
  declare readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Server-requested wait before the next attempt, in milliseconds, when it said one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ProviderErrorCode,
    message: string,
    context: {
      provider: string;
      url?: string;
      status?: number;
      retryable: boolean;
      retryAfterMs?: number;
    },
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
  declare readonly code: ContentErrorCode;
  readonly rawText: string;
  /** Validation issues as `path: message` lines, when a schema rejected the answer. */
  readonly issues: string[];

  constructor(
    code: ContentErrorCode,
    message: string,
    context: { rawText: string; issues?: string[] },
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.rawText = context.rawText;
    this.issues = context.issues ?? [];
  }
}
