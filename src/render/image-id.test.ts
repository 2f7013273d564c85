import { describe, expect, it } from 'vitest';
import { createByteLru, seriesContentHash } from './image-id.js';

describe('seriesContentHash', () => {
  const base = { id: 'x', channels: ['a'], values: [Float64Array.from([1, 2, Number.NaN])] };
  it.each([
    ['another id', { ...base, id: 'y' }, true],
    ['another channel name', { ...base, channels: ['b'] }, false],
    ['another value', { ...base, values: [Float64Array.from([1, 2, 3])] }, false],
    ['timestamps', { ...base, timestamps: [1, 2, 3] }, false],
  ])('%s → same hash: %s', (_name, other, same) => {
    expect(seriesContentHash(other) === seriesContentHash(base)).toBe(same);
  });
});

describe('createByteLru', () => {
  const bytes = (n: number): Promise<Uint8Array> => Promise.resolve(new Uint8Array(n));

  it('drops least recently used entries once their bytes exceed the bound', async () => {
    const lru = createByteLru<Uint8Array>({ maxBytes: 250, sizeOf: (value) => value.byteLength });
    lru.set('a', bytes(100));
    lru.set('b', bytes(100));
    await Promise.resolve();
    expect(lru.get('a')).toBeDefined(); // a is now the most recent
    lru.set('c', bytes(100));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('c')).toBeDefined();
    expect(lru.bytes()).toBe(200);
  });

  it('forgets a failed value so the next caller tries again', async () => {
    const lru = createByteLru<Uint8Array>({ maxBytes: 1000, sizeOf: (value) => value.byteLength });
    const failed = Promise.reject(new Error('draw failed'));
    lru.set('a', failed);
    await failed.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lru.get('a')).toBeUndefined();
  });
});
