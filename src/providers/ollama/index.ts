import type { Provider, ProviderOptions } from '../types.js';
import { safeUrl } from '../shared/errors.js';
import { envValue } from '../shared/keys.js';
import { keySecretsFromEnv } from '../shared/secrets.js';
import { createOllamaAdapter } from './adapter.js';

/** Where `ollama serve` listens by default. */
export const ollamaDefaultHost = 'http://127.0.0.1:11434';

/**
 * A local Ollama server through the `ollama` client: `chat` with bare base64 `images`, the schema
 * as `format`, `stream: false`, settings in `options`. Host from `baseUrl`, `OLLAMA_HOST`
 * (`host:port`, `:port` and `0.0.0.0` accepted) or `http://127.0.0.1:11434`. No key.
 * @example createOllamaProvider({ model: 'qwen2.5vl:7b' })
 */
export function createOllamaProvider(options: ProviderOptions): Provider {
  const env = options.env ?? process.env;
  const host = normaliseOllamaHost(
    options.baseUrl ?? envValue(env, 'OLLAMA_HOST') ?? ollamaDefaultHost,
  );
  const url = safeUrl(host);
  const call = createOllamaAdapter({
    id: `ollama:${options.model}`,
    host,
    timeoutMs: options.timeoutMs,
    imagesAllowed: options.images !== false,
    context: {
      provider: 'ollama',
      url,
      secrets: keySecretsFromEnv(env),
      refusedAdvice: 'is `ollama serve` running?',
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    },
  });
  return {
    id: `ollama:${options.model}`,
    name: 'ollama',
    model: options.model,
    capabilities: { images: options.images !== false, jsonSchema: true, local: false },
    generate: (request, { signal }) =>
      call({ ...request, model: request.model === '' ? options.model : request.model }, signal),
  };
}

/** `OLLAMA_HOST` forms (`0.0.0.0:11434`, `:11434`, `host`) as a URL a client can connect to. */
export function normaliseOllamaHost(host: string): string {
  let text = host.trim();
  if (text.startsWith(':')) text = `127.0.0.1${text}`;
  const hasScheme = /^[a-z]+:\/\//i.test(text);
  const parsed = new URL(hasScheme ? text : `http://${text}`);
  if (!hasScheme && parsed.port === '') parsed.port = '11434';
  if (parsed.hostname === '0.0.0.0') parsed.hostname = '127.0.0.1';
  return parsed.toString().replace(/\/$/, '');
}
