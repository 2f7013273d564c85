import { readFile } from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { GoogleGenAI, type InlinedRequest } from '@google/genai';
import { z } from 'zod';
import { ProviderError } from '../errors.js';
import { buildGeminiRequest, readCandidate, readUsage } from '../providers/gemini/adapter.js';
import { mapGeminiError } from '../providers/gemini/errors.js';
import { generateContentWire, type GenerateContentWire } from '../providers/gemini/wire.js';
import { scrubModelText, scrubRaw } from '../providers/shared/wire.js';
import { safeUrl, scrubSecrets, type ErrorContext } from '../providers/shared/errors.js';
import type { GenerateResponse } from '../providers/types.js';
import type { BatchBackend, BatchLimits, BatchOutcome, BatchState } from './types.js';

/** Gemini's inline batch limit: 20 MB of requests per batch. */
export const geminiBatchLimits: BatchLimits = { maxRequests: 50_000, maxBytes: 20 * 1000 * 1000 };

export interface GeminiBatchOptions {
  apiKey: string;
  model: string;
  /** @default the SDK's endpoint */
  baseUrl?: string;
  /** Other keys to scrub from stored answers (see `keySecretsFromEnv`). @default [] */
  otherSecrets?: readonly string[];
  /** Per HTTP call. @default 600_000 */
  timeoutMs?: number;
}

const states: Record<string, BatchState> = {
  JOB_STATE_PENDING: 'validating',
  JOB_STATE_QUEUED: 'validating',
  JOB_STATE_RUNNING: 'in_progress',
  JOB_STATE_SUCCEEDED: 'completed',
  JOB_STATE_PARTIALLY_SUCCEEDED: 'completed',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_CANCELLING: 'cancelling',
  JOB_STATE_CANCELLED: 'cancelled',
  JOB_STATE_EXPIRED: 'expired',
};

const inlinedResponseWire = z.object({
  response: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  error: z
    .object({
      code: z.number().nullish(),
      message: z.string().nullish(),
      status: z.string().nullish(),
    })
    .nullish(),
});

/**
 * Gemini batch mode through `@google/genai` `batches.create` with inlined requests (each carries
 * our key in `metadata.key`) and `batches.get`; results are read from the batch's inlined
 * responses and joined on `metadata.key`.
 */
export function createGeminiBatchBackend(options: GeminiBatchOptions): BatchBackend {
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    vertexai: false,
    httpOptions: {
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      timeout: options.timeoutMs ?? 600_000,
    },
  });
  const context: ErrorContext = {
    provider: 'gemini',
    url: safeUrl(options.baseUrl ?? 'https://generativelanguage.googleapis.com'),
    secrets: [options.apiKey, ...(options.otherSecrets ?? [])],
    authAdvice: 'check GEMINI_API_KEY or GOOGLE_API_KEY',
  };
  const call = async <T>(run: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw mapGeminiError(error, context, signal, undefined);
    }
  };
  return {
    name: 'gemini',
    limits: geminiBatchLimits,
    encode(key, request) {
      const { contents, config } = buildGeminiRequest(request);
      const inlined: InlinedRequest = { contents, config, metadata: { key } };
      return JSON.stringify(inlined);
    },
    upload: async () => null,
    async create({ path, displayName }, signal) {
      const text = await readFile(path, 'utf8');
      const src = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as InlinedRequest);
      const job = await call(
        () =>
          client.batches.create({
            model: options.model,
            src,
            config: { displayName, ...(signal === undefined ? {} : { abortSignal: signal }) },
          }),
        signal,
      );
      if (typeof job.name !== 'string')
        throw new ProviderError(
          'provider.invalid_response',
          `gemini at ${context.url} created a batch without a name`,
          { provider: 'gemini', url: context.url, retryable: false },
        );
      return job.name;
    },
    async status(id, signal) {
      const job = await call(
        () =>
          client.batches.get({
            name: id,
            config: signal === undefined ? {} : { abortSignal: signal },
          }),
        signal,
      );
      const state = states[String(job.state)] ?? 'in_progress';
      return {
        id,
        state,
        outputFileId: null,
        errorFileId: null,
        errors: state === 'failed' ? [`gemini reported ${String(job.state)}`] : [],
        inlined: (job.dest?.inlinedResponses ?? []) as unknown[],
      };
    },
    async collect(status, keys, savePrefix) {
      const inlined = status.inlined ?? [];
      await writeFile(`${savePrefix}.output.json`, JSON.stringify(inlined));
      const found = new Map<string, BatchOutcome>();
      for (const item of inlined) {
        const parsed = inlinedResponseWire.safeParse(item);
        if (!parsed.success) {
          // A damaged entry that still names its request gets an error row for it.
          const key = (item as { metadata?: { key?: unknown } } | null)?.metadata?.key;
          if (typeof key === 'string' && keys.has(key)) {
            found.set(key, {
              key,
              error: new ProviderError(
                'batch.bad_line',
                `gemini batch ${status.id}: the result for this request is not a valid response (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}); resume with --retry-errors to send it again`,
                { provider: 'gemini', url: context.url, retryable: true },
              ),
            });
          }
          continue;
        }
        const key = parsed.data.metadata?.['key'];
        if (typeof key !== 'string' || !keys.has(key)) continue;
        const error = parsed.data.error;
        if (error !== null && error !== undefined) {
          const message = scrubSecrets(
            `${error.status ?? error.code ?? 'error'}: ${error.message ?? 'no message'}`,
            context.secrets,
          );
          found.set(key, {
            key,
            error: new ProviderError(
              'batch.request_failed',
              `gemini batch ${status.id} could not run this request (${message}); resume with --retry-errors`,
              {
                provider: 'gemini',
                url: context.url,
                retryable: true,
                ...(typeof error.code === 'number' ? { status: error.code } : {}),
              },
            ),
          });
          continue;
        }
        const wire = generateContentWire.safeParse(parsed.data.response ?? {});
        found.set(key, {
          key,
          response: responseFromGemini(
            wire.success ? wire.data : {},
            parsed.data.response,
            context.secrets,
          ),
        });
      }
      return found;
    },
  };
}

/** Reads a generateContent response with the online Gemini adapter's readers. */
function responseFromGemini(
  wire: GenerateContentWire,
  raw: unknown,
  secrets: readonly string[],
): GenerateResponse {
  const read = scrubModelText(readCandidate(wire), secrets);
  return {
    ...read,
    usage: readUsage(wire.usageMetadata),
    latencyMs: 0,
    raw: { request: null, response: scrubRaw(raw ?? null, secrets) },
  };
}
