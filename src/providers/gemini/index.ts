import type { GenerateRequest, GenerateResponse, Provider, ProviderOptions } from '../types.js';
import { safeUrl } from '../shared/errors.js';
import { envValue, missingKeyError } from '../shared/keys.js';
import { keySecretsFromEnv } from '../shared/secrets.js';
import { createGeminiAdapter } from './adapter.js';

/** The Gemini API endpoint the SDK uses by default. */
export const geminiDefaultBaseUrl = 'https://generativelanguage.googleapis.com';

/**
 * Gemini through `@google/genai` `models.generateContent`: `inlineData` PNG parts,
 * `responseMimeType: 'application/json'` with the schema as `responseJsonSchema`, one HTTP attempt
 * (no `retryOptions`, automatic continuation off). Key from `apiKey`, `GEMINI_API_KEY` or
 * `GOOGLE_API_KEY`; `baseUrl` overrides the endpoint (tests, proxies). A missing key fails at the
 * first `generate`.
 * @example createGeminiProvider({ model: 'gemini-2.5-flash' })
 */
export function createGeminiProvider(options: ProviderOptions): Provider {
  const env = options.env ?? process.env;
  const apiKey =
    options.apiKey ?? envValue(env, 'GEMINI_API_KEY') ?? envValue(env, 'GOOGLE_API_KEY');
  const id = `gemini:${options.model}`;
  const url = safeUrl(options.baseUrl ?? geminiDefaultBaseUrl);
  const call =
    apiKey === undefined
      ? undefined
      : createGeminiAdapter({
          id,
          apiKey,
          baseUrl: options.baseUrl,
          timeoutMs: options.timeoutMs,
          imagesAllowed: options.images !== false,
          context: {
            provider: 'gemini',
            url,
            secrets: [apiKey, ...keySecretsFromEnv(env)],
            authAdvice: 'check GEMINI_API_KEY or GOOGLE_API_KEY',
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          },
        });
  return {
    id,
    name: 'gemini',
    model: options.model,
    capabilities: { images: options.images !== false, jsonSchema: true, local: false },
    async generate(request: GenerateRequest, { signal }): Promise<GenerateResponse> {
      if (call === undefined)
        throw missingKeyError({
          providerId: id,
          envNames: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
          url,
        });
      return call(
        { ...request, model: request.model === '' ? options.model : request.model },
        signal,
      );
    },
  };
}
