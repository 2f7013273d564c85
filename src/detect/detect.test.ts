import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../providers/openai/index.js';
import { createProvider } from '../providers/registry.js';
import { answerSchema } from '../schema/answer.js';
import { loadSeries } from '../series/index.js';
import type { Series } from '../series/types.js';
import { responseFixture } from '../testing/fixtures.js';
import { useStandin } from '../testing/standin-hooks.js';
import { createDiskCache, createMemoryCache } from './cache.js';
import { detect, DetectError } from './detect.js';

const route = 'POST /v1/chat/completions';
const fakeKey = 'sk-test-SECRET-KEY-9c1e7b';

const sine: Series = {
  id: 'sine',
  channels: ['value'],
  values: [
    Float64Array.from(
      { length: 400 },
      (_, t) => Math.sin((2 * Math.PI * t) / 25) + (t === 212 ? 6 : 0),
    ),
  ],
};

function reply(content: string, extra: Record<string, unknown> = {}): { body: unknown } {
  return {
    body: {
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1000, completion_tokens: 50 },
      ...extra,
    },
  };
}

const goodAnswer = JSON.stringify({
  anomalous: true,
  anomalies: [
    {
      start: 210,
      end: 214,
      channels: null,
      category: 'Sudden Spike Anomaly',
      severity: 'high',
      confidence: 0.9,
      explanation: 'spike',
      candidate: null,
    },
  ],
  summary: 'one spike',
});

const standin = useStandin();

const openai = () =>
  createOpenAIProvider({
    model: 'gpt-4o',
    apiKey: fakeKey,
    baseUrl: `${standin().url}/v1`,
    env: {},
  });
const noWait = { initialDelayMs: 0 };

describe('detect', () => {
  it('sends the rendered PNG and the answer schema, and converts inclusive ends to [start, end)', async () => {
    standin().enqueue(route, reply(goodAnswer));
    const result = await detect(sine, { provider: openai(), task: 'range', retry: noWait });
    expect(standin().requests).toHaveLength(1);
    const body = standin().requests[0]!.body as {
      messages: { content: { type: string; image_url?: { url: string } }[] }[];
      response_format: {
        type: string;
        json_schema: { strict: boolean; schema: { required: string[] } };
      };
    };
    const parts = body.messages.at(-1)!.content;
    const image = parts.find((part) => part.type === 'image_url');
    expect(image?.image_url?.url.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.required).toEqual([
      'anomalous',
      'anomalies',
      'summary',
    ]);
    expect(result.intervals).toEqual([[210, 215]]);
    expect(result.category).toBe('Sudden Spike Anomaly');
    expect(result.prompt).toMatchObject({ id: 'structured-range', convention: 'inclusive' });
    expect(result.attempts).toBe(1);
    expect(result.usage).toEqual({ inputTokens: 1000, outputTokens: 50 });
    // gpt-4o: 1000 × 2.5 + 50 × 10 per million.
    expect(result.costUsd).toBeCloseTo(0.003, 10);
  });

  it('sends one repair turn quoting the problem when the answer is invalid, then succeeds', async () => {
    standin().enqueue(route, reply('I think there is a spike around 212.'));
    standin().enqueue(route, reply(goodAnswer));
    const result = await detect(sine, { provider: openai(), task: 'range', retry: noWait });
    expect(standin().requests).toHaveLength(2);
    const second = standin().requests[1]!.body as {
      messages: { role: string; content: unknown }[];
    };
    expect(second.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(second.messages[1]!.content)).toContain('spike around 212');
    expect(JSON.stringify(second.messages[2]!.content)).toContain('could not be used');
    expect(result.repaired).toBe(true);
    expect(result.usage).toEqual({ inputTokens: 2000, outputTokens: 100 });
  });

  it('gives up after the repair turn with a DetectError that keeps the raw text and what was spent', async () => {
    standin().enqueue(route, reply('no idea'));
    standin().enqueue(route, reply('still prose'));
    const error = await detect(sine, { provider: openai(), task: 'range', retry: noWait }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DetectError);
    const failure = error as DetectError;
    expect(failure.code).toBe('content.no_json');
    expect(failure.seriesId).toBe('sine');
    expect(failure.spent.rawText).toBe('still prose');
    expect(failure.spent.usage).toEqual({ inputTokens: 2000, outputTokens: 100 });
    expect(standin().requests).toHaveLength(2);
  });

  it('does not repair a refusal', async () => {
    standin().enqueue(route, { body: responseFixture('openai', 'refusal') });
    const error = (await detect(sine, { provider: openai(), task: 'range', retry: noWait }).catch(
      (e: unknown) => e,
    )) as DetectError;
    expect(error.code).toBe('content.refusal');
    expect(standin().requests).toHaveLength(1);
  });

  it('retries 429 and 500 with backoff, honouring retry-after-ms', async () => {
    standin().enqueue(route, {
      status: 429,
      headers: { 'retry-after-ms': '5' },
      body: responseFixture('openai', 'error-429-rate-limit'),
    });
    standin().enqueue(route, { status: 500, body: responseFixture('openai', 'error-500') });
    standin().enqueue(route, reply(goodAnswer));
    const delays: number[] = [];
    const result = await detect(sine, {
      provider: openai(),
      task: 'range',
      retry: { initialDelayMs: 0, onRetry: (event) => delays.push(event.delayMs) },
    });
    expect(standin().requests).toHaveLength(3);
    expect(result.attempts).toBe(3);
    expect(delays[0]).toBe(5);
  });

  it('never retries an exhausted quota', async () => {
    standin().enqueue(route, {
      status: 429,
      body: responseFixture('openai', 'error-429-insufficient-quota'),
    });
    const error = (await detect(sine, { provider: openai(), task: 'range', retry: noWait }).catch(
      (e: unknown) => e,
    )) as DetectError;
    expect(error.code).toBe('provider.quota_exhausted');
    expect(standin().requests).toHaveLength(1);
    expect(error.spent.attempts).toBe(1);
  });

  it('times out each attempt and retries, then reports provider.timeout', async () => {
    standin().enqueue(route, { ...reply(goodAnswer), delayMs: 5_000 });
    standin().enqueue(route, { ...reply(goodAnswer), delayMs: 5_000 });
    const error = (await detect(sine, {
      provider: openai(),
      task: 'range',
      timeoutMs: 50,
      retry: { initialDelayMs: 0, maxAttempts: 2 },
    }).catch((e: unknown) => e)) as DetectError;
    expect(error.code).toBe('provider.timeout');
    expect(standin().requests).toHaveLength(2);
    expect(error.spent.attempts).toBe(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    standin().enqueue(route, { ...reply(goodAnswer), delayMs: 5_000 });
    const controller = new AbortController();
    // Abort once the request is on the wire, so the abort interrupts a call, not the rendering.
    const watcher = setInterval(() => {
      if (standin().requests.length > 0) controller.abort();
    }, 5);
    const error = (await detect(sine, {
      provider: openai(),
      task: 'range',
      signal: controller.signal,
      retry: noWait,
    }).catch((e: unknown) => e)) as DetectError;
    clearInterval(watcher);
    expect(error.code).toBe('detect.aborted');
    expect(standin().requests).toHaveLength(1);
  });

  it('answers a repeated request from the cache and never caches errors', async () => {
    const cache = createMemoryCache();
    standin().enqueue(route, { status: 500, body: responseFixture('openai', 'error-500') });
    await detect(sine, {
      provider: openai(),
      task: 'range',
      cache,
      retry: { initialDelayMs: 0, maxAttempts: 1 },
    }).catch(() => undefined);
    expect(cache.size()).toBe(0);
    standin().enqueue(route, reply(goodAnswer));
    const first = await detect(sine, { provider: openai(), task: 'range', cache, retry: noWait });
    const second = await detect(sine, { provider: openai(), task: 'range', cache, retry: noWait });
    expect(standin().requests).toHaveLength(2);
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.attempts).toBe(0);
    expect(second.requestKey).toBe(first.requestKey);
    expect(second.intervals).toEqual(first.intervals);
  });

  it('keeps the API key out of every file it writes and every error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'anomscope-secret-'));
    try {
      const cache = createDiskCache({ dir });
      standin().enqueue(route, reply(goodAnswer));
      const result = await detect(sine, {
        provider: openai(),
        task: 'range',
        cache,
        retry: noWait,
      });
      standin().enqueue(route, {
        status: 401,
        body: responseFixture('openai', 'error-401-invalid-key'),
      });
      const error = await detect(
        { ...sine, id: 'other', values: [sine.values[0]!.map((v) => v * 2)] },
        { provider: openai(), task: 'range', cache, retry: noWait },
      ).catch((e: unknown) => e);
      const texts = [
        JSON.stringify(result),
        JSON.stringify(error),
        String(error),
        ...(await filesUnder(dir)).map((path) => path.text),
      ];
      expect(texts.length).toBeGreaterThan(3);
      for (const text of texts) expect(text).not.toContain(fakeKey);
      // The key did reach the server, so the scan above is not vacuous.
      expect(standin().requests[0]!.headers['authorization']).toBe(`Bearer ${fakeKey}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs offline on the baseline provider with the bundled example series', async () => {
    const [example] = await loadSeries(
      join(import.meta.dirname, '../../fixtures/series/example.csv'),
    );
    const result = await detect(example!, { provider: createProvider('baseline'), task: 'range' });
    expect(answerSchema.safeParse(result.answer).success).toBe(true);
    expect(result.answer.anomalous).toBe(true);
    expect(result.costUsd).toBe(0);
    expect(standin().requests).toHaveLength(0);
  });
});

async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile()) out.push({ path, text: await readFile(path, 'utf8') });
  }
  return out;
}

describe('detect: an anomaly outside the series', () => {
  it('is quoted in the repair turn, and a second such answer is a content.out_of_range error', async () => {
    const outside = JSON.stringify({
      anomalous: true,
      anomalies: [
        {
          start: 5000,
          end: 5004,
          channels: null,
          category: 'Sudden Spike Anomaly',
          severity: 'high',
          confidence: 0.9,
          explanation: 'spike',
          candidate: null,
        },
      ],
      summary: 'far away',
    });
    standin().enqueue(route, reply(outside));
    standin().enqueue(route, reply(outside));
    const error = await detect(sine, { provider: openai(), task: 'range', retry: noWait }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DetectError);
    expect(error).toMatchObject({ code: 'content.out_of_range' });
    expect(standin().requests).toHaveLength(2);
    const repair = standin().requests[1]!.body as { messages: { content: unknown }[] };
    expect(JSON.stringify(repair.messages.at(-1)!.content)).toContain('outside the series');
  });

  it.each([
    ['vta-range', '[[5000, 5010]]', '[[210, 213]]'],
    ['vta-point', '[212, 1000000000]', '[212]'],
  ])('%s (a published format) asks again instead of dropping it', async (prompt, bad, good) => {
    standin().enqueue(route, reply(bad));
    standin().enqueue(route, reply(good));
    const result = await detect(sine, { provider: openai(), prompt, retry: noWait });
    expect(standin().requests).toHaveLength(2);
    expect(result.repaired).toBe(true);
    expect(result.intervals.length).toBeGreaterThan(0);
    const repair = standin().requests[1]!.body as { messages: { content: unknown }[] };
    expect(JSON.stringify(repair.messages.at(-1)!.content)).toContain('outside the series');
  });

  it('is dropped as the published script does when the repair turn is off', async () => {
    standin().enqueue(route, reply('[[5000, 5010], [210, 213]]'));
    const result = await detect(sine, {
      provider: openai(),
      prompt: 'vta-range',
      retry: noWait,
      repair: false,
    });
    expect(result.intervals).toEqual([[210, 214]]);
    expect(standin().requests).toHaveLength(1);
  });
});

describe('detect: what the model said is kept, without secrets', () => {
  it('keeps a refusal text as the raw text of the failure', async () => {
    standin().enqueue(route, {
      body: {
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, refusal: 'I will not do that.' },
            finish_reason: 'stop',
          },
        ],
      },
    });
    const error = await detect(sine, { provider: openai(), task: 'range', retry: noWait }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'content.refusal',
      spent: { rawText: 'I will not do that.' },
    });
  });

  it('scrubs the API key from an answer that echoes it, in the result and in the cache', async () => {
    const echoed = goodAnswer
      .replace('"summary": "one spike"', `"summary": "key ${fakeKey}"`)
      .replace('"summary":"one spike"', `"summary":"key ${fakeKey}"`);
    expect(echoed).toContain(fakeKey);
    standin().enqueue(route, reply(echoed));
    const cache = createMemoryCache();
    const result = await detect(sine, { provider: openai(), task: 'range', retry: noWait, cache });
    expect(result.rawText).not.toContain(fakeKey);
    expect(result.rawText).toContain('<redacted>');
    expect(JSON.stringify(result.turns)).not.toContain(fakeKey);
    const again = await detect(sine, { provider: openai(), task: 'range', retry: noWait, cache });
    expect(again.cached).toBe(true);
    expect(again.answer.summary).toBe('key <redacted>');
  });
});
