import PQueue from 'p-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callProvider } from '../../detect/call.js';
import { ProviderError } from '../../errors.js';
import { startStandin, type Standin } from '../../testing/standin-server.js';
import { createOpenAICompatibleProvider } from '../openai-compatible/index.js';
import { createProvider, parseProviderSpec } from '../registry.js';
import type { GenerateRequest, GenerateResponse, Provider } from '../types.js';
import { createPoolProvider, type PoolEvent, type PoolProvider } from './pool.js';
import { splitEndpointUrls } from './urls.js';

const reply = (text: string) => ({
  body: {
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 2 },
  },
});
const request = (index: number): GenerateRequest => ({
  model: 'm',
  messages: [{ role: 'user', text: `item ${index}` }],
});

describe('a pool of three loopback servers', () => {
  let servers: Standin[];
  beforeAll(async () => {
    servers = await Promise.all([startStandin(), startStandin(), startStandin()]);
  });
  afterAll(async () => {
    // The dead one is closed already.
    await Promise.all(servers.slice(0, 2).map((server) => server.close()));
  });

  it('completes every item when one server dies mid-run, sends the twice-as-slow one fewer, and the dead one none once marked down', async () => {
    const [fast, slow, doomed] = servers as [Standin, Standin, Standin];
    fast.setHandler('POST /v1/chat/completions', () => ({ ...reply('fast'), delayMs: 40 }));
    slow.setHandler('POST /v1/chat/completions', () => ({ ...reply('slow'), delayMs: 80 }));
    let doomedCalls = 0;
    doomed.setHandler('POST /v1/chat/completions', () => {
      doomedCalls += 1;
      if (doomedCalls < 6) return { ...reply('doomed'), delayMs: 40 };
      // The server crashes: this request's socket is dropped and the port stops listening.
      if (doomedCalls === 6) setImmediate(() => void doomed.close());
      return { body: null, destroySocket: true };
    });
    const events: PoolEvent[] = [];
    let sentWhenDown = -1;
    const pool: PoolProvider = createPoolProvider({
      endpoints: servers.map((server) => ({
        url: server.url,
        provider: createOpenAICompatibleProvider({
          model: 'm',
          baseUrl: `${server.url}/v1`,
          env: {},
        }),
      })),
      concurrencyPerEndpoint: 3,
      downMs: 60_000,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'down' && event.url === doomed.url) sentWhenDown = pool.stats()[2]!.sent;
      },
    });
    const queue = new PQueue({ concurrency: 6 });
    const answers = await Promise.all(
      Array.from({ length: 48 }, (_, index) =>
        callProvider(pool, request(index), {
          queue,
          retry: { initialDelayMs: 0 },
          timeoutMs: 5_000,
        }),
      ),
    );

    expect(answers).toHaveLength(48);
    expect(
      answers.every((answer) => ['fast', 'slow', 'doomed'].includes(answer.response.text)),
    ).toBe(true);
    const [fastStats, slowStats, doomedStats] = pool.stats() as [
      ReturnType<PoolProvider['stats']>[number],
      ReturnType<PoolProvider['stats']>[number],
      ReturnType<PoolProvider['stats']>[number],
    ];
    expect(fastStats.ok + slowStats.ok + doomedStats.ok).toBe(48);
    expect(slowStats.ok).toBeLessThan(fastStats.ok);
    expect(slowStats.ok).toBeGreaterThan(0);
    expect(doomedStats.downUntil).not.toBeNull();
    expect(sentWhenDown).toBeGreaterThan(0);
    expect(doomedStats.sent).toBe(sentWhenDown);
    // Calls still in flight when it crashed fail over too; it answered at most the five before.
    expect(doomedStats.ok).toBeLessThanOrEqual(5);
    expect(doomedStats.ok + doomedStats.failed).toBe(doomedStats.sent);
    expect(events.filter((event) => event.type === 'down').map((event) => event.url)).toContain(
      doomed.url,
    );
    // No item was lost or answered twice: every request of the survivors is one answer.
    expect(fast.requestsFor('POST /v1/chat/completions').length).toBe(fastStats.sent);
  });
});

/** A provider whose behaviour the test scripts: answer after `ms`, or throw. */
function stub(
  name: string,
  behaviour: {
    fail?: () => ProviderError | undefined;
    latencyMs?: number;
    gate?: () => Promise<void>;
  },
): Provider & { calls: number; maxInFlight: number } {
  let inFlight = 0;
  const provider = {
    id: 'ollama:m',
    name: 'ollama',
    model: 'm',
    capabilities: { images: true, jsonSchema: true, local: false },
    calls: 0,
    maxInFlight: 0,
    async generate(): Promise<GenerateResponse> {
      provider.calls += 1;
      inFlight += 1;
      provider.maxInFlight = Math.max(provider.maxInFlight, inFlight);
      try {
        await behaviour.gate?.();
        const failure = behaviour.fail?.();
        if (failure !== undefined) throw failure;
        return {
          text: name,
          finishReason: 'stop',
          usage: null,
          latencyMs: behaviour.latencyMs ?? 10,
          warnings: [],
          raw: { request: null, response: null },
        };
      } finally {
        inFlight -= 1;
      }
    },
  };
  return provider;
}

const refused = () =>
  new ProviderError('provider.connection_refused', 'ollama at http://a refused the connection', {
    provider: 'ollama',
    retryable: true,
  });

describe('createPoolProvider', () => {
  it('marks a refusing endpoint down, retries it after a doubling backoff, and takes it back when it answers', async () => {
    let clock = 1_000;
    let aDead = true;
    const a = stub('a', { fail: () => (aDead ? refused() : undefined) });
    const b = stub('b', { latencyMs: 50 });
    const events: PoolEvent[] = [];
    const pool = createPoolProvider({
      endpoints: [
        { url: 'http://a', provider: a },
        { url: 'http://b', provider: b },
      ],
      downMs: 100,
      now: () => clock,
      onEvent: (event) => void events.push(event),
    });

    expect((await pool.generate(request(0), {})).text).toBe('b');
    expect(events).toMatchObject([
      {
        type: 'down',
        url: 'http://a',
        untilMs: 1_100,
        error: { code: 'provider.connection_refused' },
      },
    ]);
    for (let index = 0; index < 3; index += 1)
      expect((await pool.generate(request(1), {})).text).toBe('b');
    expect(a.calls).toBe(1);

    clock = 1_100;
    expect((await pool.generate(request(2), {})).text).toBe('b');
    expect(a.calls).toBe(2);
    expect(events.at(-1)).toMatchObject({ type: 'down', untilMs: 1_300 });

    clock = 1_300;
    aDead = false;
    expect((await pool.generate(request(3), {})).text).toBe('a');
    expect(events.at(-1)).toEqual({ type: 'up', url: 'http://a' });
    expect(pool.stats()[0]).toMatchObject({ downUntil: null, ok: 1, failed: 2 });
  });

  it('treats a timeout like a refusal but passes a caller abort through without marking anyone down', async () => {
    const a = stub('a', {
      fail: () =>
        new ProviderError('provider.timeout', 'ollama at http://a did not answer', {
          provider: 'ollama',
          retryable: true,
        }),
    });
    const b = stub('b', {});
    const pool = createPoolProvider({
      endpoints: [
        { url: 'http://a', provider: a },
        { url: 'http://b', provider: b },
      ],
    });
    expect((await pool.generate(request(0), {})).text).toBe('b');
    expect(pool.stats()[0]!.downUntil).not.toBeNull();

    const c = stub('c', {
      fail: () =>
        new ProviderError('provider.aborted', 'aborted by the caller', {
          provider: 'ollama',
          retryable: false,
        }),
    });
    const solo = createPoolProvider({
      endpoints: [
        { url: 'http://c', provider: c },
        { url: 'http://b', provider: b },
      ],
    });
    await expect(solo.generate(request(0), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'provider.aborted',
    });
    expect(solo.stats()[0]!.downUntil).toBeNull();
  });

  it('keeps each endpoint within its concurrency and routes to the one with fewest in flight', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const a = stub('a', { gate: () => gate });
    const b = stub('b', { gate: () => gate });
    const pool = createPoolProvider({
      endpoints: [
        { url: 'http://a', provider: a },
        { url: 'http://b', provider: b },
      ],
      concurrencyPerEndpoint: 2,
    });
    const calls = Array.from({ length: 6 }, (_, index) => pool.generate(request(index), {}));
    await new Promise((resolve) => setImmediate(resolve));
    expect(pool.stats().map((s) => s.inFlight)).toEqual([2, 2]);
    release();
    const texts = (await Promise.all(calls)).map((response) => response.text);
    expect(texts.filter((text) => text === 'a')).toHaveLength(3);
    expect(a.maxInFlight).toBe(2);
    expect(b.maxInFlight).toBe(2);
  });

  it('rethrows a request error (bad request) without moving the call or marking the endpoint down', async () => {
    const a = stub('a', {
      fail: () =>
        new ProviderError('provider.bad_request', 'bad', {
          provider: 'ollama',
          status: 400,
          retryable: false,
        }),
    });
    const pool = createPoolProvider({
      endpoints: [
        { url: 'http://a', provider: a },
        { url: 'http://b', provider: stub('b', {}) },
      ],
    });
    await expect(pool.generate(request(0), {})).rejects.toMatchObject({
      code: 'provider.bad_request',
    });
    expect(pool.stats().map((s) => s.sent)).toEqual([1, 0]);
  });
});

describe('pool specs in the registry', () => {
  it.each([
    ['http://a:11434,http://b:11434', ['http://a:11434', 'http://b:11434']],
    [
      'http://a:8000/v1, https://b:8000/v1,http://c/v1',
      ['http://a:8000/v1', 'https://b:8000/v1', 'http://c/v1'],
    ],
    ['http://a:11434', ['http://a:11434']],
  ])('splits %s', (text, urls) => {
    expect(splitEndpointUrls(text)).toEqual(urls);
  });

  it('builds a pool from ollama:model@url1,url2 with the single-server id, and a joined id for openai-compatible', () => {
    expect(parseProviderSpec('ollama:qwen2.5vl:7b@http://gpu1:11434,http://gpu2:11434')).toEqual({
      provider: 'ollama',
      model: 'qwen2.5vl:7b',
      baseUrl: 'http://gpu1:11434,http://gpu2:11434',
    });
    const ollama = createProvider('ollama:qwen2.5vl:7b@http://gpu1:11434,http://gpu2:11434', {
      env: {},
    }) as PoolProvider;
    expect(ollama.id).toBe('ollama:qwen2.5vl:7b');
    expect(ollama.stats().map((s) => s.url)).toEqual(['http://gpu1:11434', 'http://gpu2:11434']);
    const vllm = createProvider(
      'openai-compatible:Qwen2-VL-72B@http://a:8000/v1,http://b:8000/v1',
      { env: {}, endpointConcurrency: 16 },
    ) as PoolProvider;
    expect(vllm.id).toBe('openai-compatible:Qwen2-VL-72B@http://a:8000/v1,http://b:8000/v1');
    expect(vllm.model).toBe('Qwen2-VL-72B');
    expect('stats' in createProvider('ollama:m@http://a:11434', { env: {} })).toBe(false);
  });
});
