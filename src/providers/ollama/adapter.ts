import { Ollama, type ChatRequest, type Message as OllamaMessage } from 'ollama';
import type { ProviderError } from '../../errors.js';
import type { FinishReason, GenerateRequest, GenerateResponse, TokenUsage } from '../types.js';
import {
  invalidResponseError,
  statusError,
  transportError,
  type ErrorContext,
} from '../shared/errors.js';
import { jsonBodyFetch, providerErrorIn } from '../shared/json-fetch.js';
import { checkImages, elapsedMs, redactImages, scrubModelText, scrubRaw } from '../shared/wire.js';
import { ollamaErrorFetch } from './error-fetch.js';
import { ollamaChatWire, type OllamaChatWire } from './wire.js';

/** What the Ollama adapter needs; built by `createOllamaProvider`. */
export interface OllamaAdapterConfig {
  id: string;
  /** Normalised host URL, e.g. `http://127.0.0.1:11434`. */
  host: string;
  timeoutMs: number | undefined;
  imagesAllowed: boolean;
  context: ErrorContext;
}

/** One `/api/chat` call with `stream: false`; the caller's signal (and `timeoutMs`) reach fetch. */
export function createOllamaAdapter(
  config: OllamaAdapterConfig,
): (request: GenerateRequest, signal: AbortSignal | undefined) => Promise<GenerateResponse> {
  return async (request, signal) => {
    checkImages(request, { providerId: config.id, imagesAllowed: config.imagesAllowed });
    const body = buildOllamaChat(request);
    const record = redactImages(body, request);
    const deadline = new AbortController();
    const timer =
      config.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              deadline.abort(
                new DOMException(`no answer within ${config.timeoutMs} ms`, 'TimeoutError'),
              ),
            config.timeoutMs,
          );
    const combined =
      signal === undefined ? deadline.signal : AbortSignal.any([signal, deadline.signal]);
    // ollama-js passes no signal for non-streamed calls, so it goes in through fetch.
    const client = new Ollama({
      host: config.host,
      fetch: jsonBodyFetch(
        config.context,
        ollamaErrorFetch((input, init) => fetch(input, { ...init, signal: combined })),
      ),
    });
    const started = performance.now();
    let json: unknown;
    try {
      json = await client.chat({ ...body, stream: false });
    } catch (error) {
      throw mapOllamaError(error, config.context, signal, request.model);
    } finally {
      clearTimeout(timer);
    }
    const latencyMs = elapsedMs(started);
    const parsed = ollamaChatWire.safeParse(json);
    if (!parsed.success) throw invalidResponseError(config.context, 'no message');
    return {
      // A local model may echo a key it saw in its prompt: scrubbed like the hosted providers'.
      ...scrubModelText(readChat(parsed.data), config.context.secrets),
      usage: readUsage(parsed.data),
      latencyMs,
      warnings: [],
      raw: { request: record, response: scrubRaw(json, config.context.secrets) },
    };
  };
}

/** Maps our request to an `/api/chat` body: bare images per message, schema as `format`. */
export function buildOllamaChat(request: GenerateRequest): ChatRequest & { stream: false } {
  const messages: OllamaMessage[] =
    request.system === undefined || request.system === ''
      ? []
      : [{ role: 'system', content: request.system }];
  for (const message of request.messages) {
    const images = message.images ?? [];
    messages.push({
      role: message.role,
      content: message.text,
      ...(images.length === 0 ? {} : { images: images.map((image) => Uint8Array.from(image)) }),
    });
  }
  const options: NonNullable<ChatRequest['options']> = {};
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.top_p = request.topP;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.maxOutputTokens !== undefined) options.num_predict = request.maxOutputTokens;
  if (request.stop !== undefined && request.stop.length > 0) options.stop = request.stop;
  return {
    model: request.model,
    messages,
    stream: false,
    ...(request.responseSchema === undefined ? {} : { format: request.responseSchema.schema }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
  };
}

function readChat(
  wire: OllamaChatWire,
): Pick<GenerateResponse, 'text' | 'finishReason' | 'rawFinishReason'> {
  const raw = wire.done_reason ?? undefined;
  const finishReason: FinishReason =
    raw === undefined || raw === 'stop' ? 'stop' : raw === 'length' ? 'length' : 'other';
  return {
    text: wire.message?.content ?? '',
    finishReason,
    ...(raw === undefined ? {} : { rawFinishReason: raw }),
  };
}

function readUsage(wire: OllamaChatWire): TokenUsage | null {
  const input = wire.prompt_eval_count ?? undefined;
  const output = wire.eval_count ?? undefined;
  if (input === undefined && output === undefined) return null;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0 };
}

/** ollama-js throws `ResponseError { error, status_code }` (not exported) for HTTP errors. */
function mapOllamaError(
  error: unknown,
  context: ErrorContext,
  signal: AbortSignal | undefined,
  model: string,
): ProviderError {
  const ours = providerErrorIn(error);
  if (ours !== undefined) return ours;
  if (
    error instanceof Error &&
    error.name === 'ResponseError' &&
    'status_code' in error &&
    typeof error.status_code === 'number'
  ) {
    const status = error.status_code;
    const common = { status, serverMessage: error.message, cause: error };
    // The not-found wording changed across versions: classify by status only.
    if (status === 404)
      return statusError(context, {
        ...common,
        advice: `pull the model first: \`ollama pull ${model}\``,
      });
    if (status === 400 && /format|schema/i.test(error.message))
      return statusError(context, { ...common, code: 'provider.schema_rejected' });
    return statusError(context, common);
  }
  const transport = transportError(context, error, signal);
  if (transport !== undefined) return transport;
  throw error;
}
