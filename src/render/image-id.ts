import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { version as vegaVersion } from 'vega';
import { version as vegaLiteVersion } from 'vega-lite';
import { canonicalJson } from '../providers/shared/request-key.js';
import type { Series } from '../series/types.js';
import type { RenderOptions } from './types.js';

/**
 * Bumped by hand whenever our own drawing code (spec building, downsampling, rasterising) changes
 * the pixels, so cached answers about the old pictures are not reused for the new ones.
 */
export const RENDER_CODE_VERSION = '2';

/**
 * What decides the bytes of every picture this renderer draws: our drawing code, the chart
 * templates' contents and the Vega, Vega-Lite, sharp and libvips versions.
 */
export function rendererVersion(renderersDir: string): string {
  const hash = createHash('sha256');
  hash.update(`code ${RENDER_CODE_VERSION}\u0000vega ${vegaVersion}`);
  hash.update(`\u0000vega-lite ${vegaLiteVersion}`);
  hash.update(`\u0000sharp ${sharp.versions.sharp}\u0000vips ${sharp.versions.vips}`);
  const templates = readdirSync(renderersDir)
    .filter((name) => name.endsWith('.vl.json'))
    .sort();
  for (const name of templates) {
    hash.update(`\u0000${name}\u0000`);
    hash.update(readFileSync(join(renderersDir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Content hash of everything a chart draws from a series: channel names, values (bit for bit, so
 * NaN gaps count) and timestamps. The id and context are not drawn, so equal data under two ids
 * is one picture.
 */
export function seriesContentHash(series: Series): string {
  const hash = createHash('sha256');
  hash.update(canonicalJson({ channels: series.channels, length: series.values[0]?.length ?? 0 }));
  for (const channel of series.values) {
    hash.update(`\u0000channel:${channel.length}\u0000`);
    hash.update(new Uint8Array(channel.buffer, channel.byteOffset, channel.byteLength));
  }
  if (series.timestamps !== undefined) {
    hash.update('\u0000timestamps\u0000');
    hash.update(Float64Array.from(series.timestamps));
  }
  return hash.digest('hex');
}

/**
 * Identity of one PNG: renderer version, series content and render options. Two requests with the
 * same identity get the same bytes, so a cache key can use it instead of the rendered image.
 */
export function imageIdentity(
  context: { rendererVersion: string; seriesHash: string },
  options: RenderOptions,
): string {
  const hash = createHash('sha256');
  hash.update(`png\u0000${context.rendererVersion}\u0000${context.seriesHash}\u0000`);
  hash.update(canonicalJson(options));
  return `png:${hash.digest('hex')}`;
}

/**
 * Least recently used values bounded by their total size in bytes; a value is counted once it has
 * settled, so callers waiting on the same render share one promise.
 */
export interface ByteLru<T> {
  get(key: string): Promise<T> | undefined;
  set(key: string, value: Promise<T>): void;
  /** Bytes held by settled entries. */
  bytes(): number;
  size(): number;
}

/** A byte-bounded LRU; a rejected promise is dropped so the next caller tries again. */
export function createByteLru<T>(options: {
  maxBytes: number;
  sizeOf: (value: T) => number;
}): ByteLru<T> {
  const entries = new Map<string, { value: Promise<T>; bytes: number }>();
  let total = 0;
  const evict = (): void => {
    for (const [key, entry] of entries) {
      if (total <= options.maxBytes) break;
      entries.delete(key);
      total -= entry.bytes;
    }
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      // Map order is insertion order: re-inserting marks the entry most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      if (options.maxBytes <= 0) return;
      const entry = { value, bytes: 0 };
      const old = entries.get(key);
      if (old !== undefined) {
        entries.delete(key);
        total -= old.bytes;
      }
      entries.set(key, entry);
      value.then(
        (settled) => {
          if (entries.get(key) !== entry) return;
          entry.bytes = options.sizeOf(settled);
          total += entry.bytes;
          evict();
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
    },
    bytes: () => total,
    size: () => entries.size,
  };
}
