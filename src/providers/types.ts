import type { Series } from '../series/types.js';

/** One conversation turn. Images are PNG bytes. */
export interface Message {
  role: 'user' | 'assistant';
  text: string;
  images?: Uint8Array[];
  /**
   * Content identity of each image (`Renderer.imageId`), hashed into the cache key instead of the
   * bytes, so a key needs no rendering. Never sent on a wire. When set, `images` may be left out
   * until the request is actually sent.
   */
  imageIds?: string[];
}

/** What the pipeline asks a provider for. Everything that changes the answer is in here. */
export interface GenerateRequest {
  /** Model name without the provider prefix, e.g. `gpt-4o`. */
  model: string;
  system?: string;
  messages: Message[];
  /** When set, the provider asks for JSON matching this schema (strict where supported). */
  responseSchema?: { name: string; schema: Record<string, unknown> };
  temperature?: number;
  topP?: number;
  seed?: number;
  maxOutputTokens?: number;
  stop?: string[];
  /**
   * Data for in-process providers (`baseline`), never sent on a wire and not part of the cache
   * key: the series itself and the task the prompt asks for.
   */
  local?: LocalRequestData;
}

/** Tasks a prompt can ask for. */
export type Task = 'point' | 'range' | 'variate' | 'diagnose';

/** How a range's end coordinate is read: VisualTimeAnomaly `inclusive`, AnomLLM `exclusive`. */
export type EndConvention = 'inclusive' | 'exclusive';

/** What in-process providers get instead of pixels: the data and the question. */
export interface LocalRequestData {
  series: Series;
  task: Task;
  /** The convention the prompt asked the model to answer in, so local answers match it. */
  convention: EndConvention;
  /**
   * The answer format the prompt asks for; in-process providers answer in it. @default 'structured'
   */
  answer?: 'structured' | 'vta-points' | 'vta-ranges' | 'vta-variates' | 'anomllm' | 'time-ra';
  /** Hint candidates listed in the prompt (propose-then-verify), index intervals `[start, end)`. */
  candidates?: { start: number; end: number; channels: number[] | null }[];
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache, when it reports them. */
  cachedInputTokens?: number;
  /** Reasoning/thinking tokens billed as output, when reported separately. */
  reasoningTokens?: number;
}

/** Why generation stopped, normalised across providers. */
export type FinishReason = 'stop' | 'length' | 'refusal' | 'safety' | 'error' | 'other';

export interface GenerateResponse {
  /** The model's text ('' when there is none; see `finishReason` and `refusal`). */
  text: string;
  /** The model's refusal message, when it refused (OpenAI `message.refusal`). */
  refusal?: string;
  finishReason: FinishReason;
  /** Provider-native finish reason, for the record. */
  rawFinishReason?: string;
  /** Null when the server reported no usage. */
  usage: TokenUsage | null;
  latencyMs: number;
  /** Settings that were dropped or changed (e.g. schema not supported → json_object). */
  warnings: string[];
  /** Wire bodies for the record; image data replaced by `<png N bytes sha256:…>`; never headers. */
  raw: { request: unknown; response: unknown };
}

export interface ProviderCapabilities {
  images: boolean;
  /** Can constrain output to a JSON Schema. */
  jsonSchema: boolean;
  /** Runs in-process and needs `request.local`. */
  local: boolean;
}

/** One backend. `generate` makes exactly one attempt; retries live in `src/detect/`. */
export interface Provider {
  /** `provider:model` as the user wrote it, minus any secrets, e.g. `openai:gpt-4o`. */
  id: string;
  /** Provider family, e.g. `openai`. */
  name: string;
  model: string;
  capabilities: ProviderCapabilities;
  /**
   * True when `generate` may wait for capacity first (a pool waiting for a free endpoint): it then
   * calls `options.startDeadline()` when the request really leaves, so waiting does not use up the
   * attempt's time. Other providers' deadline starts when `generate` is called.
   */
  startsDeadline?: boolean;
  /**
   * What, beyond the request, changes what goes on the wire: the openai-compatible provider's
   * learnt response-format mode. Part of the cache key; undefined for the default.
   */
  cacheVariant?: () => string | undefined;
  generate(request: GenerateRequest, options: GenerateOptions): Promise<GenerateResponse>;
}

/** Per-call options of `Provider.generate`. */
export interface GenerateOptions {
  signal?: AbortSignal;
  /** Starts the per-attempt timer (idempotent); only providers with `startsDeadline` call it. */
  startDeadline?: () => void;
  /**
   * Called for each HTTP request beyond the first that one `generate` makes (a format fallback).
   */
  onExtraRequest?: () => void;
}

/** Options every provider factory takes; factories read their own env vars for missing values. */
export interface ProviderOptions {
  model: string;
  /** Base URL of the API; for `openai-compatible` part of the model id after `@`. */
  baseUrl?: string;
  apiKey?: string;
  /** Environment to read keys and hosts from. @default process.env */
  env?: Record<string, string | undefined>;
  /** Per-request HTTP timeout handed to the SDK as a backstop; the pipeline sets its own. */
  timeoutMs?: number;
  /**
   * Whether the model accepts images; `false` makes a request with images throw an InputError
   * instead of dropping them silently. @default true
   */
  images?: boolean;
}

export type ProviderFactory = (options: ProviderOptions) => Provider;
