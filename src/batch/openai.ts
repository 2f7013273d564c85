import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import OpenAI from 'openai';
import { AnomscopeError, ProviderError } from '../errors.js';
import { buildChatBody } from '../providers/openai/adapter.js';
import { mapOpenAIError, normalisingFetch } from '../providers/openai/errors.js';
import { openAIErrorObjectWire } from '../providers/openai/wire.js';
import {
  invalidResponseError,
  safeUrl,
  scrubSecrets,
  statusError,
  type ErrorContext,
} from '../providers/shared/errors.js';
import { openAIBatchLineWire, openAIBatchWire, responseFromChatBody } from './openai-wire.js';
import type { BatchBackend, BatchLimits, BatchOutcome, BatchStatus } from './types.js';

/** OpenAI's per-batch limits: 50,000 requests, 200 MB input file. */
export const openAIBatchLimits: BatchLimits = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 };

export interface OpenAIBatchOptions {
  apiKey: string;
  /** @default 'https://api.openai.com/v1' */
  baseUrl?: string;
  /** Other keys to scrub from stored answers (see `keySecretsFromEnv`). @default [] */
  otherSecrets?: readonly string[];
  /** Per HTTP call (upload, create, poll, download). @default 600_000 */
  timeoutMs?: number;
  /** Provider family in errors. @default 'openai' */
  name?: string;
}

/**
 * OpenAI's Batch API through the `openai` SDK (its retries off; the runner retries): JSONL of
 * `{custom_id, method, url, body}` uploaded with purpose `batch`, a batch on `/v1/chat/completions`
 * with a 24 h window, output and error files joined on `custom_id`.
 */
export function createOpenAIBatchBackend(options: OpenAIBatchOptions): BatchBackend {
  const baseUrl = options.baseUrl ?? 'https://api.openai.com/v1';
  const name = options.name ?? 'openai';
  const client = new OpenAI({
    apiKey: options.apiKey,
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    baseURL: baseUrl,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 600_000,
    fetch: normalisingFetch,
  });
  const context: ErrorContext = {
    provider: name,
    url: safeUrl(baseUrl),
    secrets: [options.apiKey, ...(options.otherSecrets ?? [])],
    authAdvice: 'check OPENAI_API_KEY (or the apiKey option)',
  };
  const call = async <T>(run: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw mapOpenAIError(error, context, signal);
    }
  };
  const download = async (
    fileId: string,
    path: string,
    signal: AbortSignal | undefined,
  ): Promise<string> => {
    const text = await call(
      async () =>
        (await client.files.content(fileId, signal === undefined ? {} : { signal })).text(),
      signal,
    );
    await writeFile(path, text);
    return text;
  };

  return {
    name,
    limits: openAIBatchLimits,
    encode: (key, request) =>
      JSON.stringify({
        custom_id: key,
        method: 'POST',
        url: '/v1/chat/completions',
        body: buildChatBody(request, 'json_schema', 'max_completion_tokens'),
      }),
    async upload(path, signal) {
      const file = await call(
        () =>
          client.files.create(
            { file: createReadStream(path), purpose: 'batch' },
            signal === undefined ? {} : { signal },
          ),
        signal,
      );
      return file.id;
    },
    async create({ inputFileId }, signal) {
      if (inputFileId === null)
        throw new AnomscopeError('internal.bug', 'OpenAI batches need an uploaded input file');
      const batch = await call(
        () =>
          client.batches.create(
            {
              input_file_id: inputFileId,
              endpoint: '/v1/chat/completions',
              completion_window: '24h',
            },
            signal === undefined ? {} : { signal },
          ),
        signal,
      );
      return batch.id;
    },
    async status(id, signal) {
      const json = await call(
        () => client.batches.retrieve(id, signal === undefined ? {} : { signal }),
        signal,
      );
      const parsed = openAIBatchWire.safeParse(json);
      if (!parsed.success)
        throw invalidResponseError(
          context,
          `batch ${id}: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`,
        );
      const wire = parsed.data;
      return {
        id: wire.id,
        state: wire.status,
        outputFileId: wire.output_file_id ?? null,
        errorFileId: wire.error_file_id ?? null,
        errors: (wire.errors?.data ?? []).map((item) =>
          scrubSecrets(
            `${item.line === null || item.line === undefined ? '' : `line ${item.line}: `}${item.code ?? 'error'}: ${item.message ?? ''}`,
            context.secrets,
          ),
        ),
      };
    },
    async collect(status: BatchStatus, keys, savePrefix, signal) {
      const found = new Map<string, BatchOutcome>();
      const texts: string[] = [];
      // A batch whose every request failed is `completed` with `output_file_id: null`.
      if (status.outputFileId !== null)
        texts.push(await download(status.outputFileId, `${savePrefix}.output.jsonl`, signal));
      if (status.errorFileId !== null)
        texts.push(await download(status.errorFileId, `${savePrefix}.errors.jsonl`, signal));
      const files = [status.outputFileId, status.errorFileId].filter((id) => id !== null);
      for (const [fileIndex, text] of texts.entries()) {
        for (const [lineIndex, line] of text.split('\n').entries()) {
          if (line.trim() === '') continue;
          let json: unknown;
          try {
            json = JSON.parse(line);
          } catch {
            json = undefined;
          }
          const parsed = openAIBatchLineWire.safeParse(json);
          if (!parsed.success) {
            // A damaged line still names its request most of the time: that request gets an error
            // row.
            const key = badLineKey(line);
            if (key !== undefined && keys.has(key) && !found.has(key)) {
              const where = `${context.provider} batch ${status.id}, file ${files[fileIndex] ?? '?'} line ${lineIndex + 1}`;
              found.set(key, {
                key,
                error: new ProviderError(
                  'batch.bad_line',
                  `${where}: not a valid result line (${json === undefined ? 'not JSON' : 'unexpected shape'}); resume with --retry-errors to send the request again`,
                  { provider: context.provider, url: context.url, retryable: true },
                ),
              });
            }
            continue;
          }
          if (!keys.has(parsed.data.custom_id)) continue;
          const outcome = readLine(parsed.data, context, status.id);
          // An output line beats an error-file line for the same key.
          if (!found.has(outcome.key) || 'response' in outcome) found.set(outcome.key, outcome);
        }
      }
      return found;
    },
  };
}

/** The `custom_id` of a line that did not parse, when it can still be read. */
function badLineKey(line: string): string | undefined {
  const match = /"custom_id"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(line);
  if (match === null) return undefined;
  try {
    const key: unknown = JSON.parse(match[1] ?? '');
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One output/error line → response or error: `error: null` with an API error in `response.body`, or
 * `response: null` with `error`.
 */
function readLine(
  line: ReturnType<typeof openAIBatchLineWire.parse>,
  context: ErrorContext,
  batchId: string,
): BatchOutcome {
  const key = line.custom_id;
  const response = line.response ?? null;
  if (response !== null && response.status_code < 400) {
    const read = responseFromChatBody(response.body, context.secrets);
    if (read !== undefined) return { key, response: read };
    return {
      key,
      error: invalidResponseError(
        context,
        `batch ${batchId} line ${key}: no choices in the response body`,
      ),
    };
  }
  if (response !== null) {
    const body = response.body;
    const errorObject =
      body !== null && typeof body === 'object' && 'error' in body
        ? (body as { error: unknown }).error
        : body;
    const wire = openAIErrorObjectWire.safeParse(errorObject);
    const message =
      wire.success && typeof wire.data.message === 'string'
        ? wire.data.message
        : JSON.stringify(body ?? null);
    const code =
      wire.success && wire.data.code !== null && wire.data.code !== undefined
        ? String(wire.data.code)
        : '';
    return {
      key,
      error: statusError(context, {
        status: response.status_code,
        serverMessage: code === '' ? message : `${code}: ${message}`,
      }),
    };
  }
  const error = line.error;
  const message = scrubSecrets(
    `${error?.code ?? 'error'}: ${error?.message ?? 'no message'}`,
    context.secrets,
  );
  return {
    key,
    error: new ProviderError(
      'batch.request_failed',
      `${context.provider} batch ${batchId} could not run this request (${message}); resume with --retry-errors`,
      { provider: context.provider, url: context.url, retryable: true },
    ),
  };
}
