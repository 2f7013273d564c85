import { AnomscopeError, ContentError, InputError } from '../errors.js';
import { loadPrompt, type PromptTemplate } from '../prompt/index.js';
import type {
  GenerateRequest,
  GenerateResponse,
  Provider,
  Task,
  TokenUsage,
} from '../providers/types.js';
import { createRenderer, type Renderer } from '../render/index.js';
import type { Answer } from '../schema/answer.js';
import type { Interval } from '../schema/interval.js';
import { NORMAL_CATEGORY } from '../schema/taxonomy.js';
import { seriesLength, type Series } from '../series/types.js';
import {
  planRequest,
  type BuiltRequest,
  type Modality,
  type PresentationOptions,
} from './build-request.js';
import { callProvider, type CallOptions } from './call.js';
import { addUsage, callCostUsd, type CostOptions } from './cost.js';
import { parseAnswerText, toIntervals } from './parse/index.js';

export interface DetectOptions extends PresentationOptions, CallOptions {
  provider: Provider;
  /** What to ask. @default the prompt's task, else 'range' */
  task?: Task;
  /** Prompt id from `prompts/`, or a loaded template. @default `structured-<task>` */
  prompt?: string | PromptTemplate;
  /** Reuse one renderer across calls for throughput. @default a new one per call */
  renderer?: Renderer;
  /**
   * Send one repair turn quoting the validation errors when the answer is invalid. @default true
   */
  repair?: boolean;
  cost?: CostOptions;
}

export interface DetectResult {
  answer: Answer;
  /** Anomalies as half-open index intervals, merged and sorted. */
  intervals: Interval[];
  /** Every channel any anomaly names, sorted. */
  channels: number[];
  /** The category of the most confident anomaly, or "Normal Sequence". */
  category: string;
  prompt: { id: string; version: string; answer: string; convention: string };
  modality: Modality;
  preset: string | null;
  requestKey: string;
  /** HTTP attempts in all (0 when every turn came from the cache). */
  attempts: number;
  cached: boolean;
  repaired: boolean;
  usage: TokenUsage | null;
  costUsd: number | null;
  latencyMs: number;
  warnings: string[];
  rawText: string;
  finishReason: string;
  /** Wire bodies of each turn, for the record (images replaced by their hash). */
  turns: { request: unknown; response: unknown }[];
}

/** What the calls made so far spent; carried by a failure so nothing paid for is lost. */
export interface Spent {
  usage: TokenUsage | null;
  costUsd: number | null;
  attempts: number;
  latencyMs: number;
  rawText: string | null;
  requestKey: string | null;
  prompt: DetectResult['prompt'] | null;
}

/**
 * A detect call that failed after spending something: wraps the cause (a `ProviderError` or
 * `ContentError`) with the series id and what was spent, and keeps the cause's `code`.
 */
export class DetectError extends AnomscopeError {
  readonly seriesId: string;
  readonly provider: string;
  readonly spent: Spent;

  constructor(
    cause: AnomscopeError,
    context: { seriesId: string; provider: string; spent: Spent },
  ) {
    super(cause.code, `${context.provider} on series "${context.seriesId}": ${cause.message}`, {
      cause,
    });
    this.seriesId = context.seriesId;
    this.provider = context.provider;
    this.spent = context.spent;
  }
}

/**
 * series → render + prompt → provider → parse/validate (one repair turn) → answer and index
 * intervals. Library call: throws `DetectError` (or `InputError` for bad options).
 */
export async function detect(series: Series, options: DetectOptions): Promise<DetectResult> {
  const { provider } = options;
  const template =
    typeof options.prompt === 'object'
      ? options.prompt
      : await loadPrompt(options.prompt ?? `structured-${options.task ?? 'range'}`);
  const task = options.task ?? template.task;
  const renderer = options.renderer ?? createRenderer();
  // Keyed before drawing: a cache hit never renders; a miss draws once (shared via the renderer).
  const built = planRequest(series, template, provider, { ...options, renderer, task });
  let materialized: Promise<GenerateRequest> | undefined;
  const materialize = (): Promise<GenerateRequest> => (materialized ??= built.materialize());
  const prompt = {
    id: template.id,
    version: template.version,
    answer: template.answer,
    convention: template.convention,
  };
  const length = seriesLength(series);
  const kind = series.channels.length > 1 ? ('multivariate' as const) : ('univariate' as const);

  const spent: Spent = {
    usage: null,
    costUsd: null,
    attempts: 0,
    latencyMs: 0,
    rawText: null,
    requestKey: null,
    prompt,
  };
  const turns: DetectResult['turns'] = [];
  const warnings: string[] = [];
  let cachedEverywhere = true;

  const turn = async (
    request: GenerateRequest,
    send: () => Promise<GenerateRequest>,
  ): Promise<GenerateResponse> => {
    let result;
    try {
      // Count attempts as they start: a call that fails after three tries still cost three.
      result = await callProvider(provider, request, {
        ...options,
        materialize: send,
        onAttempt: () => (spent.attempts += 1),
      });
    } catch (error) {
      throw wrap(error);
    }
    spent.requestKey ??= result.key;
    spent.usage = addUsage(spent.usage, result.response.usage);
    const cost = callCostUsd(provider.name, provider.model, result.response.usage, options.cost);
    spent.costUsd = cost === null ? spent.costUsd : (spent.costUsd ?? 0) + cost;
    spent.latencyMs += result.cached ? 0 : result.response.latencyMs;
    // A refusal has no text; its reason is what the model said, so that is what is kept.
    const { text, refusal } = result.response;
    spent.rawText = text === '' && refusal !== undefined ? refusal : text;
    cachedEverywhere &&= result.cached;
    warnings.push(...result.response.warnings);
    turns.push(result.response.raw);
    return result.response;
  };

  const wrap = (error: unknown): unknown =>
    error instanceof AnomscopeError &&
    !(error instanceof DetectError) &&
    !(error instanceof InputError)
      ? new DetectError(error, { seriesId: series.id, provider: provider.id, spent: { ...spent } })
      : error;

  const read = (response: GenerateResponse): { answer: Answer; intervals: Interval[] } =>
    readAnswer(response, {
      template,
      length,
      kind,
      coordinates: built.coordinates,
      // Without a repair turn a published format reads as its published script does.
      ...(options.repair === false && template.answer !== 'structured'
        ? { outOfRange: 'drop' as const }
        : {}),
    });

  let response = await turn(built.request, materialize);
  let parsed: { answer: Answer; intervals: Interval[] };
  let repaired = false;
  try {
    parsed = read(response);
  } catch (error) {
    if (!(error instanceof ContentError) || !isRepairable(error) || options.repair === false)
      throw wrap(error);
    const badText = response.text;
    const repairRequest = withRepairTurn(built.request, badText, error);
    response = await turn(repairRequest, async () =>
      withRepairTurn(await materialize(), badText, error),
    );
    repaired = true;
    try {
      parsed = read(response);
    } catch (secondError) {
      throw wrap(secondError);
    }
  }

  const channels = [
    ...new Set(parsed.answer.anomalies.flatMap((anomaly) => anomaly.channels ?? [])),
  ].sort((a, b) => a - b);
  return {
    answer: parsed.answer,
    intervals: parsed.intervals,
    channels,
    category: headlineCategory(parsed.answer),
    prompt,
    modality: built.modality,
    preset: built.preset,
    requestKey: spent.requestKey ?? '',
    attempts: spent.attempts,
    cached: cachedEverywhere,
    repaired,
    usage: spent.usage,
    costUsd: spent.costUsd,
    latencyMs: spent.latencyMs,
    warnings,
    rawText: response.text,
    finishReason: response.finishReason,
    turns,
  };
}

/** What `readAnswer` needs to know about the request an answer belongs to. */
export interface ReadAnswerContext {
  template: Pick<PromptTemplate, 'answer' | 'convention'>;
  /** Series length in points. */
  length: number;
  kind: 'univariate' | 'multivariate';
  /** The axis the answer's coordinates are on (`BuiltRequest.coordinates`). */
  coordinates: BuiltRequest['coordinates'];
  /**
   * What an anomaly wholly outside the series does: `reject` makes it `content.out_of_range`, a
   * problem the repair turn quotes (every answer format); `drop` skips it as the published
   * vectorizers do, for runs that reproduce them without a repair turn.
   * @default 'reject'
   */
  outOfRange?: 'reject' | 'drop';
}

/**
 * A provider response → validated answer and half-open index intervals: refusals, truncations and
 * safety stops, parsing, schema validation and coordinate conversion; throws `ContentError`.
 */
export function readAnswer(
  response: GenerateResponse,
  context: ReadAnswerContext,
): { answer: Answer; intervals: Interval[] } {
  assertUsable(response);
  const { template, length, coordinates } = context;
  const answer = parseAnswerText(response.text, template.answer, {
    length,
    taxonomy: context.kind,
  });
  const intervals = toIntervals(answer.anomalies, {
    convention: template.convention,
    length,
    rawText: response.text,
    ...(coordinates.scale === undefined ? {} : { scale: coordinates.scale }),
    ...(coordinates.timestamps === undefined ? {} : { timestamps: coordinates.timestamps }),
    // The published range vectorizers clip negative starts (np.clip); ours reject them.
    ...(template.answer === 'structured' ? {} : { onNegative: 'clip' as const }),
    // An interval past the series is a wrong answer in any format: asked again, not dropped.
    onOutOfRange: context.outOfRange ?? 'reject',
  });
  return { answer, intervals };
}

/** Refusals, truncations and safety stops are content errors the answer text cannot fix. */
function assertUsable(response: GenerateResponse): void {
  if (response.finishReason === 'refusal') {
    throw new ContentError(
      'content.refusal',
      `the model refused: ${response.refusal ?? '(no reason given)'}`,
      { rawText: response.refusal ?? response.text },
    );
  }
  if (response.finishReason === 'length') {
    throw new ContentError(
      'content.truncated',
      'the answer hit the output token limit and is cut off; raise maxOutputTokens',
      { rawText: response.text },
    );
  }
  if (response.finishReason === 'safety') {
    throw new ContentError('content.safety', 'the provider stopped the answer for safety reasons', {
      rawText: response.text,
    });
  }
}

const unrepairable = new Set(['content.refusal', 'content.truncated', 'content.safety']);
function isRepairable(error: ContentError): boolean {
  return !unrepairable.has(error.code);
}

/** The original conversation plus the bad answer and a user turn quoting what was wrong. */
function withRepairTurn(
  request: GenerateRequest,
  badText: string,
  error: ContentError,
): GenerateRequest {
  const problems =
    error.issues.length > 0
      ? error.issues.map((issue) => `- ${issue}`).join('\n')
      : `- ${error.message}`;
  const instruction =
    request.responseSchema === undefined
      ? 'Reply again in exactly the answer format the first message asked for, and nothing else.'
      : 'Reply again with only a JSON object that matches the schema, and nothing else.';
  return {
    ...request,
    messages: [
      ...request.messages,
      { role: 'assistant', text: badText },
      { role: 'user', text: `Your answer could not be used:\n${problems}\n${instruction}` },
    ],
  };
}

/** The category of the most confident anomaly, or "Normal Sequence". */
export function headlineCategory(answer: Answer): string {
  let best: { category: string; confidence: number } | undefined;
  for (const anomaly of answer.anomalies) {
    const confidence = anomaly.confidence ?? 0;
    if (best === undefined || confidence > best.confidence)
      best = { category: anomaly.category, confidence };
  }
  return best?.category ?? NORMAL_CATEGORY;
}
