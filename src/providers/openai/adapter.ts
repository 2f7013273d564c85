import OpenAI from 'openai';
import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { FinishReason, GenerateRequest, GenerateResponse, TokenUsage } from '../types.js';
import { invalidResponseError, safeUrl, type ErrorContext } from '../shared/errors.js';
import {
  checkImages,
  elapsedMs,
  redactImages,
  schemaInstruction,
  scrubModelText,
  scrubRaw,
  toBase64,
} from '../shared/wire.js';
import { jsonBodyFetch } from '../shared/json-fetch.js';
import { mapOpenAIError, normalisingFetch } from './errors.js';
import { chatCompletionWire, type ChatCompletionWire } from './wire.js';

/**
 * How a JSON answer is asked for: strict schema, JSON mode plus schema text, or schema text only.
 */
export type ResponseFormatMode = 'json_schema' | 'json_object' | 'prompt';

/**
 * Everything a Chat Completions adapter needs; built by the openai and openai-compatible factories.
 */
export interface ChatAdapterConfig {
  /** Provider family for errors, e.g. `openai`. */
  name: string;
  /** Provider id for messages, e.g. `openai:gpt-4o`. */
  id: string;
  baseUrl: string;
  /** Undefined sends no Authorization header (local servers). */
  apiKey: string | undefined;
  timeoutMs: number | undefined;
  imagesAllowed: boolean;
  /** OpenAI wants `max_completion_tokens`; older compatible servers only know `max_tokens`. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** What to check on a 401/403. */
  authAdvice: string;
  /** Other keys to scrub from stored text (see `keySecretsFromEnv`). @default [] */
  otherSecrets?: readonly string[];
}

/** One Chat Completions endpoint behind the openai SDK with its retries off. */
export interface ChatAdapter {
  context: ErrorContext;
  /** Makes exactly one HTTP request; `warnings` are copied into the response. */
  call(
    request: GenerateRequest,
    mode: ResponseFormatMode,
    signal: AbortSignal | undefined,
    warnings: string[],
  ): Promise<GenerateResponse>;
}

/** Builds the adapter; the SDK client is created once per provider instance. */
export function createChatAdapter(config: ChatAdapterConfig): ChatAdapter {
  const context: ErrorContext = {
    provider: config.name,
    url: safeUrl(config.baseUrl),
    secrets: [
      ...(config.apiKey === undefined ? [] : [config.apiKey]),
      ...(config.otherSecrets ?? []),
    ],
    authAdvice: config.authAdvice,
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
  };
  const client = new OpenAI({
    // The SDK insists on a key; without one, the null Authorization header below removes it.
    apiKey: config.apiKey ?? 'no-key',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    baseURL: config.baseUrl,
    maxRetries: 0,
    ...(config.timeoutMs === undefined ? {} : { timeout: config.timeoutMs }),
    fetch: jsonBodyFetch(context, normalisingFetch),
    ...(config.apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
  return {
    context,
    async call(request, mode, signal, warnings) {
      checkImages(request, { providerId: config.id, imagesAllowed: config.imagesAllowed });
      const body = buildChatBody(request, mode, config.maxTokensField);
      const started = performance.now();
      let json: unknown;
      try {
        json = await client.chat.completions.create(body, signal === undefined ? {} : { signal });
      } catch (error) {
        throw mapOpenAIError(error, context, signal);
      }
      const latencyMs = elapsedMs(started);
      const parsed = chatCompletionWire.safeParse(json);
      const choice = parsed.success ? parsed.data.choices?.[0] : undefined;
      if (!parsed.success || choice === undefined) {
        const detail =
          parsed.success && parsed.data.error !== undefined
            ? `error: ${JSON.stringify(parsed.data.error)}`
            : 'no choices';
        throw invalidResponseError(context, detail);
      }
      return {
        ...scrubModelText(readChoice(choice), context.secrets),
        usage: readUsage(parsed.data.usage),
        latencyMs,
        warnings: [...warnings],
        raw: { request: redactImages(body, request), response: scrubRaw(json, context.secrets) },
      };
    },
  };
}

/** Maps our request to a Chat Completions body. */
export function buildChatBody(
  request: GenerateRequest,
  mode: ResponseFormatMode,
  maxTokensField: ChatAdapterConfig['maxTokensField'],
): ChatCompletionCreateParamsNonStreaming {
  const schema = request.responseSchema;
  const systemParts = [
    request.system,
    schema !== undefined && mode !== 'json_schema' ? schemaInstruction(schema.schema) : undefined,
  ].filter((part): part is string => part !== undefined && part !== '');
  const messages: ChatCompletionMessageParam[] =
    systemParts.length === 0 ? [] : [{ role: 'system', content: systemParts.join('\n\n') }];
  for (const message of request.messages) {
    const images = message.images ?? [];
    if (message.role === 'assistant' || images.length === 0) {
      messages.push({ role: message.role, content: message.text });
      continue;
    }
    const parts: ChatCompletionContentPart[] =
      message.text === '' ? [] : [{ type: 'text', text: message.text }];
    for (const image of images)
      parts.push({
        type: 'image_url',
        image_url: { url: `data:image/png;base64,${toBase64(image)}` },
      });
    messages.push({ role: 'user', content: parts });
  }
  const body: ChatCompletionCreateParamsNonStreaming = { model: request.model, messages };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.maxOutputTokens !== undefined) body[maxTokensField] = request.maxOutputTokens;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  if (schema !== undefined && mode === 'json_schema') {
    const name = schema.name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'answer';
    body.response_format = {
      type: 'json_schema',
      json_schema: { name, strict: true, schema: schema.schema },
    };
  } else if (schema !== undefined && mode === 'json_object') {
    body.response_format = { type: 'json_object' };
  }
  return body;
}

type ChoiceWire = NonNullable<NonNullable<ChatCompletionWire['choices']>[number]>;

/**
 * One Chat Completions choice → our text, refusal and finish reason (shared with the batch reader).
 */
export function readChoice(
  choice: ChoiceWire,
): Pick<GenerateResponse, 'text' | 'refusal' | 'finishReason' | 'rawFinishReason'> {
  const content = choice.message?.content;
  const text =
    typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');
  const refusal = choice.message?.refusal;
  const raw = choice.finish_reason ?? undefined;
  const rawPart = raw === undefined ? {} : { rawFinishReason: raw };
  // A refusal arrives with content null (or "" from some gateways): not a parse error.
  if (typeof refusal === 'string' && refusal !== '')
    return { text, refusal, finishReason: 'refusal', ...rawPart };
  return { text, finishReason: finishReasonOf(raw), ...rawPart };
}

function finishReasonOf(raw: string | undefined): FinishReason {
  switch (raw) {
    case undefined:
    case 'stop':
    case 'eos':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'safety';
    default:
      return 'other';
  }
}

/** Chat Completions `usage` → our token counts, or null when the server reported none. */
export function readUsage(usage: ChatCompletionWire['usage']): TokenUsage | null {
  if (usage === null || usage === undefined) return null;
  if (typeof usage.prompt_tokens !== 'number' && typeof usage.completion_tokens !== 'number')
    return null;
  const out: TokenUsage = {
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
  };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (typeof cached === 'number') out.cachedInputTokens = cached;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  return out;
}
