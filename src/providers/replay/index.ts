import { InputError, ProviderError } from '../../errors.js';
import { requestKey } from '../shared/request-key.js';
import type { GenerateRequest, GenerateResponse, Provider, ProviderOptions } from '../types.js';
import { loadReplayFile, type ReplayStore } from './store.js';

/** Replay options: `model` is the path of the JSONL file. */
export interface ReplayProviderOptions extends ProviderOptions {
  /**
   * Provider id the recording was made with (keys are `requestKey(providerId, request)`).
   * @default the `providerId` fields in the file, else this provider's own id
   */
  providerId?: string;
}

/** One replay line, ready to append to a JSONL file. */
export function replayLine(
  providerId: string,
  request: GenerateRequest,
  response: GenerateResponse,
): string {
  return `${JSON.stringify({ key: requestKey(providerId, request), providerId, response })}\n`;
}

/** The model part of `provider:model[@url]`. */
function modelOf(providerId: string): string {
  const rest = providerId.slice(providerId.indexOf(':') + 1);
  const at = rest.search(/@https?:\/\//);
  return at === -1 ? rest : rest.slice(0, at);
}

/**
 * Answers from a recorded JSONL file of `{ key, providerId?, response }` lines, keyed by
 * `requestKey(providerId, request)`; no network. The request is looked up as sent and with its
 * model set to the recorded provider's model. A missing key is an InputError naming key and file.
 * @example createReplayProvider({ model: 'runs/gpt-4o.jsonl' })
 */
export function createReplayProvider(options: ReplayProviderOptions): Provider {
  const file = options.model;
  const id = `replay:${file}`;
  let store: Promise<ReplayStore> | undefined;
  return {
    id,
    name: 'replay',
    model: file,
    capabilities: { images: options.images !== false, jsonSchema: true, local: false },
    async generate(request, { signal }) {
      if (signal?.aborted === true) {
        throw new ProviderError(
          'provider.aborted',
          `the replay of ${file} was aborted by the caller`,
          { provider: 'replay', retryable: false },
        );
      }
      store ??= loadReplayFile(file);
      const loaded = await store;
      const providerIds =
        options.providerId !== undefined
          ? [options.providerId]
          : loaded.providerIds.length > 0
            ? loaded.providerIds
            : [id];
      const keys = new Set<string>();
      for (const providerId of providerIds) {
        keys.add(requestKey(providerId, request));
        keys.add(requestKey(providerId, { ...request, model: modelOf(providerId) }));
      }
      for (const key of keys) {
        const response = loaded.responses.get(key);
        if (response !== undefined) return structuredClone(response);
      }
      const [first, ...others] = [...keys];
      throw new InputError(
        'input.replay_missing',
        `no recorded response for key ${first ?? ''}${others.length > 0 ? ` (also tried ${others.join(', ')})` : ''} in ${file}; record this request first or check that prompt and settings match the recording`,
        { file },
      );
    },
  };
}
