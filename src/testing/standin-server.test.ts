import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './standin-server.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe('stand-in server', () => {
  it('answers queued replies in order per route and records requests', async () => {
    standin = await startStandin();
    standin.enqueue('POST /v1/chat/completions', { body: { n: 1 } });
    standin.enqueue('POST /v1/chat/completions', {
      status: 429,
      headers: { 'Retry-After': '2' },
      body: { n: 2 },
    });
    const post = () =>
      fetch(`${standin!.url}/v1/chat/completions?x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: '{"a":1}',
      });
    const first = await post();
    const second = await post();
    expect([first.status, await first.json()]).toEqual([200, { n: 1 }]);
    expect([second.status, second.headers.get('retry-after'), await second.json()]).toEqual([
      429,
      '2',
      { n: 2 },
    ]);
    expect(standin.requests).toHaveLength(2);
    expect(standin.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      query: '?x=1',
      body: { a: 1 },
      rawBody: '{"a":1}',
    });
    expect(standin.requests[0]!.headers['authorization']).toBe('Bearer k');
  });

  it('matches {model} placeholders and serves string bodies', async () => {
    standin = await startStandin();
    standin.enqueue('POST /v1beta/models/{model}:generateContent', {
      body: '<html>down</html>',
      status: 503,
      headers: { 'content-type': 'text/html' },
    });
    const response = await fetch(`${standin.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      body: 'x',
    });
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
      503,
      'text/html',
      '<html>down</html>',
    ]);
    expect(standin.requestsFor('POST /v1beta/models/{model}:generateContent')).toHaveLength(1);
    expect(standin.requestsFor('POST /api/chat')).toHaveLength(0);
  });

  it('falls back to a handler when the queue is empty, and says when nothing is queued', async () => {
    standin = await startStandin();
    let calls = 0;
    standin.setHandler('POST /api/chat', () => ({ body: { call: ++calls } }));
    standin.enqueue('POST /api/chat', { body: { queued: true } });
    const chat = async () =>
      (await fetch(`${standin!.url}/api/chat`, { method: 'POST', body: '{}' })).json();
    expect(await chat()).toEqual({ queued: true });
    expect(await chat()).toEqual({ call: 1 });
    expect(await chat()).toEqual({ call: 2 });
    const missing = await fetch(`${standin.url}/v1/files`, { method: 'POST' });
    expect(missing.status).toBe(500);
    expect(await missing.text()).toContain('nothing queued for POST /v1/files');
  });

  it('cancels a delayed reply when the client aborts, and closes with replies pending', async () => {
    standin = await startStandin();
    standin.enqueue('POST /slow', { body: {}, delayMs: 60_000 });
    standin.enqueue('POST /slow', { body: {}, delayMs: 60_000 });
    const controller = new AbortController();
    const aborted = fetch(`${standin.url}/slow`, {
      method: 'POST',
      signal: controller.signal,
    }).catch((e: unknown) => e);
    const pending = fetch(`${standin.url}/slow`, { method: 'POST' }).catch((e: unknown) => e);
    while (standin.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(await aborted).toMatchObject({ name: 'AbortError' });
    const started = Date.now();
    await standin.close();
    standin = undefined;
    expect(await pending).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('drops the socket when asked', async () => {
    standin = await startStandin();
    standin.enqueue('GET /x', { body: {}, destroySocket: true });
    await expect(fetch(`${standin.url}/x`)).rejects.toThrow(/fetch failed/);
  });
});
