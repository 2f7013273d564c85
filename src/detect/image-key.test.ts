import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../providers/openai/index.js';
import { requestKey } from '../providers/shared/request-key.js';
import { loadPrompt } from '../prompt/index.js';
import { createRenderer, type Renderer } from '../render/index.js';
import type { Series } from '../series/types.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { buildRequest, planRequest } from './build-request.js';
import { createMemoryCache } from './cache.js';
import { detect } from './detect.js';

const route = 'POST /v1/chat/completions';
const answer = JSON.stringify({ anomalous: false, anomalies: [], summary: 'nothing unusual' });
const wave = (id: string, phase: number): Series => ({
  id,
  channels: ['value'],
  values: [Float64Array.from({ length: 300 }, (_, t) => Math.sin(t / 7 + phase))],
});

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
  const choice = {
    index: 0,
    message: { role: 'assistant', content: answer },
    finish_reason: 'stop',
  };
  standin.setHandler(route, () => ({ body: { choices: [choice] } }));
});
afterAll(async () => {
  await standin.close();
});

/** The real renderer, counting the PNGs asked of it. */
function countingRenderer(): { renderer: Renderer; pngCalls: () => number } {
  const inner = createRenderer({ workers: 0 });
  let calls = 0;
  const renderer: Renderer = {
    ...inner,
    png: (series, options) => {
      calls += 1;
      return inner.png(series, options);
    },
  };
  return { renderer, pngCalls: () => calls };
}

describe('image request keys', () => {
  const openai = (model: string): ReturnType<typeof createOpenAIProvider> =>
    createOpenAIProvider({ model, apiKey: 'sk-test', baseUrl: `${standin.url}/v1`, env: {} });
  const provider = (): ReturnType<typeof createOpenAIProvider> => openai('gpt-4o');
  const idsOf = (planned: ReturnType<typeof planRequest>): string[] | undefined =>
    planned.request.messages[0]?.imageIds;

  it('keys a request the same before and after its picture is drawn', async () => {
    const template = await loadPrompt('structured-range');
    const renderer = createRenderer({ workers: 0 });
    const options = { renderer, task: 'range' as const };
    const planned = planRequest(wave('a', 0), template, provider(), options);
    expect(planned.request.messages[0]?.images).toBeUndefined();
    const sent = await planned.materialize();
    expect(sent.messages[0]?.images?.[0]?.byteLength).toBeGreaterThan(1000);
    const built = await buildRequest(wave('a', 0), template, provider(), options);
    const key = requestKey('openai:gpt-4o', planned.request);
    expect(requestKey('openai:gpt-4o', sent)).toBe(key);
    expect(requestKey('openai:gpt-4o', built.request)).toBe(key);
    // Same data under another id is the same picture; other data or another size is not.
    const sameData = planRequest(wave('b', 0), template, provider(), options);
    expect(idsOf(sameData)).toEqual(idsOf(planned));
    const otherData = planRequest(wave('a', 1), template, provider(), options);
    expect(idsOf(otherData)).not.toEqual(idsOf(planned));
    const render = { widthPx: 800 };
    const wider = planRequest(wave('a', 0), template, provider(), { ...options, render });
    expect(idsOf(wider)).not.toEqual(idsOf(planned));
  });

  it('answers a cached image request without drawing; two models share one drawing', async () => {
    const { renderer, pngCalls } = countingRenderer();
    const cache = createMemoryCache();
    const series = wave('s', 0.5);
    standin.requests.length = 0;
    const first = await detect(series, { provider: provider(), task: 'range', renderer, cache });
    expect(first.cached).toBe(false);
    expect(pngCalls()).toBe(1);
    const again = await detect(series, { provider: provider(), task: 'range', renderer, cache });
    expect(again.cached).toBe(true);
    expect(again.requestKey).toBe(first.requestKey);
    expect(pngCalls()).toBe(1);
    expect(standin.requests).toHaveLength(1);

    // Another model misses the cache but gets the very bytes already drawn.
    const other = openai('gpt-4o-mini');
    const template = await loadPrompt('structured-range');
    const a = await buildRequest(series, template, provider(), { renderer, task: 'range' });
    const b = await buildRequest(series, template, other, { renderer, task: 'range' });
    expect(b.request.messages[0]?.images?.[0]).toBe(a.request.messages[0]?.images?.[0]);
  });

  it('draws again when the PNG cache is off', async () => {
    const renderer = createRenderer({ workers: 0, pngCacheBytes: 0 });
    const series = wave('c', 2);
    const first = await renderer.png(series, { preset: 'line' });
    const second = await renderer.png(series, { preset: 'line' });
    expect(second).not.toBe(first);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });
});
