import { InputError } from '../errors.js';
import { parseProviderSpec } from '../providers/registry.js';
import { envValue, missingKeyError } from '../providers/shared/keys.js';
import { keySecretsFromEnv } from '../providers/shared/secrets.js';
import { createGeminiBatchBackend } from './gemini.js';
import { createOpenAIBatchBackend } from './openai.js';
import type { BatchBackend } from './types.js';

export {
  runBatches,
  type BatchEvent,
  type BatchJob,
  type RunBatchesOptions,
  type RunBatchesResult,
} from './runner.js';
export { createBatchExecutor, batchDiscount, type BatchExecutorSettings } from './executor.js';
export { createOpenAIBatchBackend, openAIBatchLimits, type OpenAIBatchOptions } from './openai.js';
export { createGeminiBatchBackend, geminiBatchLimits, type GeminiBatchOptions } from './gemini.js';
export { readBatches, batchesPath, type BatchEntry, type BatchesFile } from './state.js';
export type { BatchBackend, BatchLimits, BatchOutcome, BatchState, BatchStatus } from './types.js';

export interface BatchBackendOptions {
  /** Where keys and base URLs come from. @default process.env */
  env?: Record<string, string | undefined>;
  /** Per HTTP call. @default 600_000 */
  timeoutMs?: number;
}

/**
 * The batch API for a model id (`openai:*` or `gemini:*`, `@url` honoured), with the key from the
 * same env vars as the online provider; any other provider is an InputError.
 * @example createBatchBackend('openai:gpt-4o', { env: process.env })
 */
export function createBatchBackend(
  modelId: string,
  options: BatchBackendOptions = {},
): BatchBackend {
  const env = options.env ?? process.env;
  const spec = parseProviderSpec(modelId);
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const idUrl = spec.baseUrl;
  const provider = { id: `${spec.provider}:${spec.model}` };
  if (spec.provider === 'openai') {
    const apiKey = envValue(env, 'OPENAI_API_KEY');
    const baseUrl = idUrl ?? envValue(env, 'OPENAI_BASE_URL');
    if (apiKey === undefined)
      throw missingKeyError({
        providerId: provider.id,
        envNames: ['OPENAI_API_KEY'],
        url: baseUrl ?? 'https://api.openai.com/v1',
      });
    return createOpenAIBatchBackend({
      apiKey,
      otherSecrets: keySecretsFromEnv(env),
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...timeout,
    });
  }
  if (spec.provider === 'gemini') {
    const apiKey = envValue(env, 'GEMINI_API_KEY') ?? envValue(env, 'GOOGLE_API_KEY');
    if (apiKey === undefined)
      throw missingKeyError({
        providerId: provider.id,
        envNames: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
        url: idUrl ?? 'https://generativelanguage.googleapis.com',
      });
    return createGeminiBatchBackend({
      apiKey,
      otherSecrets: keySecretsFromEnv(env),
      model: spec.model,
      ...(idUrl === undefined ? {} : { baseUrl: idUrl }),
      ...timeout,
    });
  }
  throw new InputError(
    'batch.unsupported',
    `${provider.id} has no batch API in anomscope; --batch works with openai:* and gemini:* models — run the others online (without --batch)`,
    { field: 'batch' },
  );
}
