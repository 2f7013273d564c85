import { describe, expect, it } from 'vitest';
import { responseFromChatBody } from './openai-wire.js';

describe('responseFromChatBody', () => {
  it('scrubs the API key from a batch answer that echoes it, in the text and the raw body', () => {
    const key = 'sk-test-batch-SECRET-42';
    const body = {
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: `my key is ${key}` },
          finish_reason: 'stop',
        },
      ],
    };
    const response = responseFromChatBody(body, [key]);
    expect(response?.text).toBe('my key is <redacted>');
    expect(JSON.stringify(response?.raw)).not.toContain(key);
  });
});
