import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors.js';
import { useStandin } from '../../testing/standin-hooks.js';
import { createOllamaProvider } from './index.js';

const standin = useStandin();
const route = 'POST /api/chat';

describe('ollama error bodies', () => {
  it.each([
    [
      'an object-valued error',
      { error: { message: 'model does not support images' } },
      'model does not support images',
    ],
    ['a flat message', { message: 'bad options' }, 'bad options'],
    ['an HTML page', '<html><body><h1>400 Bad Request</h1></body></html>', '400 Bad Request'],
  ])('a 400 with %s shows the server message, not [object Object]', async (_name, body, text) => {
    standin().enqueue(route, { status: 400, body });
    const provider = createOllamaProvider({
      model: 'qwen2.5vl:7b',
      baseUrl: standin().url,
      env: {},
    });
    const error = await provider
      .generate({ model: '', messages: [{ role: 'user', text: 'x' }] }, {})
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain(text);
    expect((error as ProviderError).message).not.toContain('[object Object]');
  });
});
