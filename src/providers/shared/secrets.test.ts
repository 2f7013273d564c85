import { describe, expect, it } from 'vitest';
import { useStandin } from '../../testing/standin-hooks.js';
import { createOllamaProvider } from '../ollama/index.js';
import { createOpenAIProvider } from '../openai/index.js';
import type { GenerateRequest } from '../types.js';
import { keySecretsFromEnv, redactSecrets } from './secrets.js';
import { scrubRaw } from './wire.js';

// Fake keys of each provider's shape, built at run time so no scanner mistakes them for leaks.
const openaiShaped = `sk-proj-${'A1b2C3d4'.repeat(6)}`;
const googleShaped = `AIza${'Sy0123456789abcdefghijklmnopqrstuvw'.slice(0, 35)}`;
const hfShaped = `hf_${'abcdEFGH1234'.repeat(3)}`;

describe('keySecretsFromEnv', () => {
  it('takes the values of every key- or token-named variable, longest first, and nothing else', () => {
    const env = {
      OPENAI_API_KEY: 'sk-own-key-0001',
      GEMINI_API_KEY: 'gemini-other-key-123456',
      HF_TOKEN: 'hf-token-value',
      AWS_SECRET_ACCESS_KEY: 'aws/secret/value',
      PATH: '/usr/bin:/bin',
      HOME: '/home/user',
      SHORT_TOKEN: 'abc',
      EMPTY_API_KEY: undefined,
    };
    expect(keySecretsFromEnv(env)).toEqual([
      'gemini-other-key-123456',
      'aws/secret/value',
      'sk-own-key-0001',
      'hf-token-value',
    ]);
  });
});

describe('redactSecrets', () => {
  it.each([
    ['an OpenAI project key', `my key is ${openaiShaped}.`],
    ['a Google API key', `key=${googleShaped}&alt=json`],
    ['a Hugging Face token', `token ${hfShaped} here`],
    ['a bearer header', 'Authorization: Bearer abcdefghijklmnop0123456789'],
    ['an AWS key id', 'AKIAABCDEFGHIJKLMNOP in the log'],
  ])('replaces %s never given to it', (_name, text) => {
    const out = redactSecrets(text, []);
    expect(out).toContain('<redacted>');
    expect(out).not.toMatch(/A1b2C3d4A1b2|Sy0123456789|abcdEFGH1234|0123456789$|AKIAABCD/);
  });

  it('leaves ordinary answer text alone', () => {
    const text = '{"anomalies": [{"start": 12, "end": 40, "explanation": "sk-like drop"}]}';
    expect(redactSecrets(text, [])).toBe(text);
  });

  it('keeps serialised JSON valid when a key sits inside a string', () => {
    const raw = { choices: [{ message: { content: `"${openaiShaped}"` } }], [openaiShaped]: 1 };
    const scrubbed = JSON.stringify(scrubRaw(raw, []));
    expect(scrubbed).not.toContain(openaiShaped);
    expect(() => JSON.parse(scrubbed) as unknown).not.toThrow();
  });
});

const standin = useStandin();
const request: GenerateRequest = { model: '', messages: [{ role: 'user', text: 'Where?' }] };

describe('model text echoing a key', () => {
  it('openai: another provider key from the env and a key-shaped string are scrubbed', async () => {
    const otherKey = 'gemini-other-key-7f3a9b';
    const text = `leaked ${otherKey} and ${openaiShaped}`;
    standin().enqueue('POST /v1/chat/completions', {
      body: {
        choices: [
          { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' },
        ],
      },
    });
    const provider = createOpenAIProvider({
      model: 'gpt-4o',
      baseUrl: `${standin().url}/v1`,
      env: { OPENAI_API_KEY: 'sk-own-key-0001', GEMINI_API_KEY: otherKey },
    });
    const response = await provider.generate(request, {});
    const stored = JSON.stringify(response);
    expect(stored).not.toContain(otherKey);
    expect(stored).not.toContain(openaiShaped);
    expect(response.text).toBe('leaked <redacted> and <redacted>');
  });

  it('ollama: a local model echoing a key from the env is scrubbed in text and raw body', async () => {
    const key = 'sk-own-key-for-openai-55';
    standin().enqueue('POST /api/chat', {
      body: {
        model: 'qwen2.5vl:7b',
        message: { role: 'assistant', content: `the key is ${key}` },
        done: true,
        done_reason: 'stop',
      },
    });
    const provider = createOllamaProvider({
      model: 'qwen2.5vl:7b',
      baseUrl: standin().url,
      env: { OPENAI_API_KEY: key },
    });
    const response = await provider.generate(request, {});
    expect(response.text).toBe('the key is <redacted>');
    expect(JSON.stringify(response.raw)).not.toContain(key);
  });
});
