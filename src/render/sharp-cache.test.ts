import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Series } from '../series/types.js';
import { createRenderer } from './renderer.js';

const wave: Series = {
  id: 's',
  channels: ['a'],
  values: [Float64Array.from({ length: 300 }, (_, i) => Math.sin(i / 9))],
};
const sharpDefaults = { memory: 50, files: 20, items: 100 };

describe("renderer and libvips' operation cache", () => {
  afterEach(() => {
    sharp.cache(sharpDefaults);
  });

  it('turns the cache off by default and draws the same bytes as with it on', async () => {
    sharp.cache(sharpDefaults);
    const cached = createRenderer({ workers: 0, pngCacheBytes: 0, sharpCache: 'unchanged' });
    expect(sharp.cache().items.max).toBe(100);
    const withCache = await cached.png(wave, { preset: 'line' });
    await cached.close();

    const renderer = createRenderer({ workers: 0, pngCacheBytes: 0 });
    const stats = sharp.cache();
    expect([stats.memory.max, stats.files.max, stats.items.max]).toEqual([0, 0, 0]);
    const first = await renderer.png(wave, { preset: 'line' });
    const again = await renderer.png(wave, { preset: 'line' });
    await renderer.close();
    expect(Buffer.from(first).equals(Buffer.from(withCache))).toBe(true);
    expect(Buffer.from(again).equals(Buffer.from(withCache))).toBe(true);
  });
});
