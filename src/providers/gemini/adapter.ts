import { GoogleGenAI, type Content, type GenerateContentConfig, type Part } from '@google/genai';
import type { FinishReason, GenerateRequest, GenerateResponse, TokenUsage } from '../types.js';
import { invalidResponseError, type ErrorContext } from '../shared/errors.js';
import { jsonBodyFetch } from '../shared/json-fetch.js';
import {
  checkImages,
  elapsedMs,
  redactImages,
  scrubModelText,
  scrubRaw,
  toBase64,
} from '../shared/wire.js';
import { mapGeminiError } from './errors.js';
import { generateContentWire, type GenerateContentWire } from './wire.js';

/** What the Gemini adapter needs; built by `createGeminiProvider`. */
export interface GeminiAdapterConfig {
  id: string;
  apiKey: string;
  /** Undefined uses the SDK's default endpoint. */
  baseUrl: string | undefined;
  timeoutMs: number | undefined;
  imagesAllowed: boolean;
  context: ErrorContext;
}

/** One `models.generateContent` call per `generate`; SDK retries and automatic continuation off. */
export function createGeminiAdapter(
  config: GeminiAdapterConfig,
): (request: GenerateRequest, signal: AbortSignal | undefined) => Promise<GenerateResponse> {
  // No `retryOptions`: the SDK then makes exactly one fetch.
  const client = new GoogleGenAI({
    apiKey: config.apiKey,
    vertexai: false,
    httpOptions: {
      ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
      ...(config.timeoutMs === undefined ? {} : { timeout: config.timeoutMs }),
    },
  });
  return async (request, signal) => {
    checkImages(request, { providerId: config.id, imagesAllowed: config.imagesAllowed });
    const { contents, config: wireConfig } = buildGeminiRequest(request);
    // The SDK drops response headers from its errors; keep them for Retry-After.
    let headers: Headers | undefined;
    const capturingFetch = jsonBodyFetch(config.context, async (input, init) => {
      const response = await fetch(input, init);
      headers = response.headers;
      return response;
    });
    const started = performance.now();
    let json: unknown;
    try {
      json = await client.models.generateContent({
        model: request.model,
        contents,
        config: {
          ...wireConfig,
          automaticContinuation: false,
          httpOptions: { fetch: capturingFetch },
          ...(signal === undefined ? {} : { abortSignal: signal }),
        },
      });
    } catch (error) {
      throw mapGeminiError(error, config.context, signal, headers);
    }
    const latencyMs = elapsedMs(started);
    const { sdkHttpResponse: _dropped, ...body } = json as Record<string, unknown>;
    const parsed = generateContentWire.safeParse(body);
    // A body of the wrong shape is a server fault like any other, not an empty answer.
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidResponseError(
        config.context,
        `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unexpected shape'}`,
      );
    }
    const wire: GenerateContentWire = parsed.data;
    return {
      ...scrubModelText(readCandidate(wire), config.context.secrets),
      usage: readUsage(wire.usageMetadata),
      latencyMs,
      raw: {
        request: redactImages({ model: request.model, contents, config: wireConfig }, request),
        response: scrubRaw(body, config.context.secrets),
      },
    };
  };
}

/** Maps our request to `contents` and `config` for `models.generateContent`. */
export function buildGeminiRequest(request: GenerateRequest): {
  contents: Content[];
  config: GenerateContentConfig;
} {
  const contents: Content[] = request.messages.map((message) => {
    const parts: Part[] = message.text === '' ? [] : [{ text: message.text }];
    for (const image of message.images ?? [])
      parts.push({ inlineData: { mimeType: 'image/png', data: toBase64(image) } });
    return { role: message.role === 'assistant' ? 'model' : 'user', parts };
  });
  const config: GenerateContentConfig = {};
  if (request.system !== undefined && request.system !== '')
    config.systemInstruction = request.system;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.stop !== undefined && request.stop.length > 0) config.stopSequences = request.stop;
  if (request.responseSchema !== undefined) {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = request.responseSchema.schema;
  }
  return { contents, config };
}

const finishReasons: Record<string, FinishReason> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'safety',
  RECITATION: 'safety',
  BLOCKLIST: 'safety',
  PROHIBITED_CONTENT: 'safety',
  SPII: 'safety',
  IMAGE_SAFETY: 'safety',
};

/**
 * The first candidate of a generateContent response → our text, finish reason and warnings (shared
 * with the batch reader).
 */
export function readCandidate(
  wire: GenerateContentWire,
): Pick<GenerateResponse, 'text' | 'finishReason' | 'rawFinishReason' | 'warnings'> {
  const candidate = wire.candidates?.[0];
  if (candidate === undefined) {
    const blockReason = wire.promptFeedback?.blockReason;
    if (typeof blockReason === 'string') {
      const detail = wire.promptFeedback?.blockReasonMessage;
      return {
        text: '',
        finishReason: 'safety',
        rawFinishReason: `blockReason:${blockReason}`,
        warnings: [
          `gemini blocked the prompt (${blockReason}${typeof detail === 'string' ? `: ${detail}` : ''}); no candidates`,
        ],
      };
    }
    return { text: '', finishReason: 'other', warnings: ['gemini answered without candidates'] };
  }
  // Thought summaries are not the answer.
  const text = (candidate.content?.parts ?? [])
    .filter((part) => part.thought !== true)
    .map((part) => part.text ?? '')
    .join('');
  const raw = candidate.finishReason ?? undefined;
  // No finish reason (a minimal reply) with text is read as a normal stop.
  const finishReason: FinishReason = raw === undefined ? 'stop' : (finishReasons[raw] ?? 'other');
  const warnings =
    raw !== undefined && raw !== 'STOP' && text !== ''
      ? [`gemini returned text with finishReason ${raw}; it may be incomplete`]
      : [];
  return { text, finishReason, ...(raw === undefined ? {} : { rawFinishReason: raw }), warnings };
}

/**
 * Gemini `usageMetadata` → our token counts; `outputTokens` counts everything billed as output:
 * candidates plus thoughts.
 */
export function readUsage(usage: GenerateContentWire['usageMetadata']): TokenUsage | null {
  if (usage === null || usage === undefined) return null;
  const thoughts = usage.thoughtsTokenCount ?? undefined;
  const out: TokenUsage = {
    inputTokens: usage.promptTokenCount ?? 0,
    outputTokens: (usage.candidatesTokenCount ?? 0) + (thoughts ?? 0),
  };
  if (typeof usage.cachedContentTokenCount === 'number')
    out.cachedInputTokens = usage.cachedContentTokenCount;
  if (thoughts !== undefined) out.reasoningTokens = thoughts;
  return out;
}
