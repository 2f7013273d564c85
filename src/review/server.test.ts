import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, sampleItems } from '../../test/review/helpers.js';
import { startReviewServer, type ReviewServer } from './server.js';
import { ReviewStore } from './store.js';

let dir: string;
let store: ReviewStore;
let server: ReviewServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'review-server-'));
  store = ReviewStore.open(join(dir, 'review.sqlite'));
  store.addItems(sampleItems());
  server = await startReviewServer({
    store,
    reviewer: 'alice',
    onError: (error) => {
      throw error;
    },
  });
});
afterAll(async () => {
  await server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, token: string | undefined = server.token) =>
  rawRequest(server.origin, { path, ...(token === undefined ? {} : { token }) });
const post = (path: string, body: unknown, token: string | undefined = server.token) =>
  rawRequest(server.origin, {
    method: 'POST',
    path,
    body,
    ...(token === undefined ? {} : { token }),
  });

describe('review server', () => {
  it('listens on 127.0.0.1 with a random port and a 48-hex-digit token in the URL fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses a non-loopback host unless allowed explicitly', async () => {
    await expect(startReviewServer({ store, host: '0.0.0.0' })).rejects.toThrow(
      /127\.0\.0\.1 only unless --host/,
    );
  });

  it.each([
    ['GET', '/api/items', undefined],
    ['GET', '/api/items/1/series', undefined],
    ['GET', '/api/items', 'wrong-token'],
    ['POST', '/api/items/1/label', undefined],
    ['POST', '/api/items/1/label', 'x'.repeat(48)],
  ])('%s %s with token %s → 401', async (method, path, token) => {
    const response = await rawRequest(server.origin, {
      method,
      path,
      body: method === 'POST' ? { baseVersion: 0, action: 'accept' } : undefined,
      ...(token === undefined ? {} : { token }),
    });
    expect(response.status).toBe(401);
    expect(store.history(1)).toHaveLength(0);
  });

  it('serves the page without a token, with a strict CSP', async () => {
    const page = await get('/', undefined);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<script type="module" src="/static/app.js">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/static/app.js', undefined)).headers['content-type']).toMatch(
      /^text\/javascript/,
    );
  });

  it.each([
    '/static/../../etc/passwd',
    '/static/..%2f..%2fetc%2fpasswd',
    '/static/%2e%2e/%2e%2e/etc/passwd',
    '/static/%2E%2E/package.json',
    '/static//etc/passwd',
    '/static/%2Fetc%2Fpasswd',
    '/static/..\\..\\package.json',
    '/../package.json',
    '/api/items/../../../etc/passwd',
  ])('rejects traversal %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain('root:');
  });

  it.each([
    '/etc/passwd',
    '/static/package.json',
    '/static/store.ts',
    '/api/items/abc',
    '/api/items/1/../2',
  ])('does not serve %s', async (path) => {
    expect([400, 404]).toContain((await get(path)).status);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const response = await rawRequest(server.origin, {
      path: '/api/items',
      token: server.token,
      headers: { host: `evil.example:${server.port}` },
    });
    expect(response.status).toBe(421);
  });

  it('lists items with progress and gives one item by id', async () => {
    const list = (await get('/api/items')).body as {
      progress: { reviewed: number; total: number };
      items: { id: number; status: string; models: string[] }[];
    };
    expect(list.progress).toEqual({ reviewed: 0, total: 3 });
    expect(list.items.map((i) => [i.id, i.status, i.models.length])).toEqual([
      [1, 'unreviewed', 2],
      [2, 'unreviewed', 1],
      [3, 'unreviewed', 0],
    ]);
    const detail = (await get('/api/items/2')).body as {
      item: { seriesId: string };
      proposal: { category: string };
      current: { version: number };
    };
    expect(detail.item.seriesId).toBe('s2');
    expect(detail.proposal.category).toBe('Local Structural Jump Anomaly');
    expect(detail.current.version).toBe(0);
    expect(((await get('/api/items/2/series')).body as { channels: string[] }).channels).toEqual([
      'cpu',
      'mem',
    ]);
    expect((await get('/api/items/99')).status).toBe(404);
    const taxonomy = (await get('/api/taxonomy')).body as { univariate: { name: string }[] };
    expect(taxonomy.univariate[12]?.name).toBe('Sudden Spike Anomaly');
  });

  it('writes with the current version and answers 409 with the current state on a stale one', async () => {
    const first = await post('/api/items/3/label', {
      baseVersion: 0,
      action: 'edit',
      label: {
        anomalous: true,
        intervals: [[5, 9]],
        channels: null,
        category: 'Point Anomaly',
        explanation: 'mine',
      },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ current: { version: 1, status: 'new', reviewer: 'alice' } });
    // The queue says who labelled each item and when.
    const rows = (await get('/api/items')).body as {
      items: { id: number; labelledBy: string | null; labelledAt: string | null }[];
    };
    expect(rows.items.find((row) => row.id === 3)).toMatchObject({ labelledBy: 'alice' });
    expect(rows.items.find((row) => row.id === 3)?.labelledAt).toBe(
      (first.body as { current: { createdAt: string } }).current.createdAt,
    );
    expect(rows.items.find((row) => row.id === 2)).toMatchObject({
      labelledBy: null,
      labelledAt: null,
    });
    const stale = await post('/api/items/3/label', { baseVersion: 0, action: 'reject' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: 'conflict',
      current: { version: 1, status: 'new', label: { intervals: [[5, 9]], explanation: 'mine' } },
    });
    expect(store.history(3)).toHaveLength(1);
    const next = await post('/api/items/3/label', { baseVersion: 1, action: 'accept' });
    expect(next.body).toMatchObject({ current: { version: 2, status: 'accepted' } });
    expect(
      ((await get('/api/items')).body as { progress: { reviewed: number } }).progress.reviewed,
    ).toBe(1);
  });

  it.each([
    [{ baseVersion: 0, action: 'edit' }, /needs a "label"/],
    [{ baseVersion: -1, action: 'accept' }, /baseVersion/],
    [{ baseVersion: 0, action: 'delete-everything' }, /action/],
    [{ baseVersion: 0, action: 'accept', reviewer: '../etc' }, /reviewer/],
    [
      {
        baseVersion: 0,
        action: 'edit',
        label: {
          anomalous: true,
          intervals: [[5, 500]],
          channels: null,
          category: null,
          explanation: null,
        },
      },
      /ends past the series/,
    ],
    [
      {
        baseVersion: 0,
        action: 'edit',
        label: {
          anomalous: true,
          intervals: [[5, 9]],
          intervalChannels: [[0], null],
          channels: null,
          category: null,
          explanation: null,
        },
      },
      /intervalChannels has 2 entries for 1 intervals/,
    ],
    [
      {
        baseVersion: 0,
        action: 'edit',
        label: {
          anomalous: true,
          intervals: [[5, 9]],
          intervalChannels: [[1]],
          channels: null,
          category: null,
          explanation: null,
        },
      },
      /interval 0 names channel 1, but the series has 1/,
    ],
  ])('rejects a bad write %j with 400', async (body, message) => {
    const response = await post('/api/items/1/label', body);
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toMatch(message);
  });

  it('needs JSON bodies', async () => {
    const response = await rawRequest(server.origin, {
      method: 'POST',
      path: '/api/items/1/label',
      token: server.token,
      body: 'baseVersion=0',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
  });
});
