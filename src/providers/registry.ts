import { InputError } from '../errors.js';
import { createBaselineProvider } from './baseline/index.js';
import { createGeminiProvider } from './gemini/index.js';
import { createOllamaProvider } from './ollama/index.js';
import { createOpenAICompatibleProvider } from './openai-compatible/index.js';
import { createOpenAIProvider } from './openai/index.js';
import { createPoolProvider, splitEndpointUrls } from './pool/index.js';
import { createReplayProvider } from './replay/index.js';
import { safeUrl } from './shared/errors.js';
import type { Provider, ProviderFactory } from './types.js';

/** Every provider family by the prefix used in model ids (`openai:gpt-4o`). */
export const providers = {
  openai: createOpenAIProvider,
  'openai-compatible': createOpenAICompatibleProvider,
  gemini: createGeminiProvider,
  ollama: createOllamaProvider,
  replay: createReplayProvider,
  baseline: createBaselineProvider,
} satisfies Record<string, ProviderFactory>;

/** A provider family name from the registry. */
export type ProviderName = keyof typeof providers;

/** A model id split into its parts. */
export interface ProviderSpec {
  provider: ProviderName;
  /** Everything after the first colon, minus any `@url` suffix; may itself contain colons. */
  model: string;
  baseUrl: string | undefined;
}

/**
 * Splits `provider:model[@http(s)://base-url]` on the first colon only, since model names contain
 * colons (`ollama:qwen2.5vl:7b`); bare `baseline` means `baseline:default`; an unknown provider is
 * an
 * InputError listing the known ones.
 * @example parseProviderSpec('openai-compatible:Qwen2-VL-7B@http://127.0.0.1:8000/v1')
 */
export function parseProviderSpec(spec: string): ProviderSpec {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(':');
  const known = Object.keys(providers).join(', ');
  // The in-process baseline needs no model name: `--provider baseline` is `baseline:default`.
  if (trimmed === 'baseline') return { provider: 'baseline', model: 'default', baseUrl: undefined };
  if (colon <= 0) {
    throw new InputError(
      'input.provider_spec',
      `model id "${spec}" must look like provider:model (e.g. openai:gpt-4o, ollama:qwen2.5vl:7b); known providers: ${known}`,
      {
        field: 'provider',
      },
    );
  }
  const name = trimmed.slice(0, colon);
  if (!Object.hasOwn(providers, name)) {
    throw new InputError(
      'input.unknown_provider',
      `unknown provider "${name}" in "${spec}"; known providers: ${known}`,
      { field: 'provider' },
    );
  }
  const rest = trimmed.slice(colon + 1);
  const at = rest.search(/@https?:\/\//i);
  const model = at === -1 ? rest : rest.slice(0, at);
  const baseUrl = at === -1 ? undefined : rest.slice(at + 1);
  if (model === '') {
    throw new InputError(
      'input.provider_spec',
      `model id "${spec}" names no model after "${name}:"; e.g. ${name}:<model>`,
      { field: 'model' },
    );
  }
  return { provider: name as ProviderName, model, baseUrl };
}

/** Options `createProvider` hands to the factory. */
export interface CreateProviderOptions {
  /** @default process.env */
  env?: Record<string, string | undefined>;
  apiKey?: string;
  timeoutMs?: number;
  /** `false` for text-only models. @default true */
  images?: boolean;
  /** For pools (`@url1,url2`): calls in flight per endpoint. @default 4 */
  endpointConcurrency?: number;
}

/**
 * Builds a provider from a model id through the registry, with no switch on names. Several
 * comma-separated URLs make a pool: calls go to the least busy endpoint, dead ones are skipped.
 * @example createProvider('ollama:qwen2.5vl:7b@http://gpu-box:11434')
 * @example createProvider('openai-compatible:Qwen2-VL-72B@http://a:8000/v1,http://b:8000/v1')
 */
export function createProvider(spec: string, options: CreateProviderOptions = {}): Provider {
  const parsed = parseProviderSpec(spec);
  const urls = parsed.baseUrl === undefined ? [] : splitEndpointUrls(parsed.baseUrl);
  if (urls.length > 1) {
    return createPoolProvider({
      endpoints: urls.map((url) => ({
        url: safeUrl(url),
        provider: createOne(parsed, url, options),
      })),
      ...(options.endpointConcurrency === undefined
        ? {}
        : { concurrencyPerEndpoint: options.endpointConcurrency }),
    });
  }
  return createOne(parsed, parsed.baseUrl, options);
}

function createOne(
  parsed: ProviderSpec,
  baseUrl: string | undefined,
  options: CreateProviderOptions,
): Provider {
  const factory: ProviderFactory = providers[parsed.provider];
  return factory({
    model: parsed.model,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.images === undefined ? {} : { images: options.images }),
  });
}
