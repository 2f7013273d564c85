import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import sharp from 'sharp';
import type { Series } from '../series/types.js';
import { createByteLru, imageIdentity, rendererVersion, seriesContentHash } from './image-id.js';
import { createSvgPool, defaultWorkerUrl } from './pool.js';
import { svgToPng } from './raster.js';
import { findRenderersDir } from './templates.js';
import type { RenderOptions } from './types.js';

/** Settings of a long-lived renderer. */
export interface RendererOptions {
  /** SVG → PNG conversions kept in flight (sharp runs them on its thread pool). @default 3 */
  pngConcurrency?: number;
  /**
   * Parsed Vega specs kept per thread (one per chart shape), least recently used dropped first.
   * @default 16
   */
  maxCachedSpecs?: number;
  /** Folder holding the `*.vl.json` templates. @default the package's `renderers/` */
  renderersDir?: string;
  /**
   * Worker threads that run Vega beside the main thread when images queue up (started on demand,
   * never keeping the process alive when idle). 0 = main thread only; without the compiled
   * `worker.js` (e.g. under vitest) the renderer always uses the main thread. The default leaves
   * two
   * cores to the main thread and sharp: on 2 cores measured throughput was no better with workers.
   * @default min(2, available cores - 2), at least 0
   */
  workers?: number;
  /**
   * libvips threads per image, set process-wide with `sharp.concurrency()` when the renderer is
   * created; `undefined` leaves sharp's setting alone, since it is global. With `pngConcurrency`
   * images in flight, one thread each took about 20 % less CPU per 1000×1000 grid PNG than sharp's
   * default (one per core); the CLI sets 1.
   * @default undefined
   */
  sharpThreadsPerImage?: number | undefined;
  /**
   * Encoded PNGs kept by image identity, so a series is drawn once per presentation however many
   * models, prompts and samples ask about it; least recently used dropped first. 0 = no cache.
   * @default 64 MiB
   */
  pngCacheBytes?: number;
  /**
   * libvips' operation cache (process-wide, up to 50 MB / 100 operations by default). Every image
   * here is a fresh buffer, so the cache never hits and only holds memory: `'off'` turns it off
   * with `sharp.cache(false)` when the renderer is created; `'unchanged'` leaves sharp's setting.
   * @default 'off'
   */
  sharpCache?: 'off' | 'unchanged';
}

/** Renders many series fast: one parsed Vega spec per chart shape, data swapped per image. */
export interface Renderer {
  /** The chart as an SVG string of exactly the requested size. */
  svg(series: Series, options: RenderOptions): Promise<string>;
  /** The chart as PNG bytes of exactly the requested size. */
  png(series: Series, options: RenderOptions): Promise<Uint8Array>;
  /**
   * Identity of the PNG `png(series, options)` would return (renderer version, series content,
   * options), computed without drawing: equal identities mean equal bytes.
   */
  imageId(series: Series, options: RenderOptions): string;
  /**
   * Stops the worker threads (idle ones never hold the process open); later calls render on the
   * main thread.
   */
  close(): Promise<void>;
}

/**
 * A renderer that caches the parsed Vega spec per preset, size and chart shape, draws SVGs on the
 * main thread and up to `workers` worker threads (same bytes on every thread) and keeps
 * `pngConcurrency` PNG conversions in flight.
 */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const threads = options.sharpThreadsPerImage;
  if (threads !== undefined) sharp.concurrency(Math.max(1, Math.floor(threads)));
  if ((options.sharpCache ?? 'off') === 'off') sharp.cache(false);
  const renderersDir = options.renderersDir ?? findRenderersDir();
  const pool = createSvgPool({
    renderersDir,
    maxCachedSpecs: options.maxCachedSpecs ?? 16,
    workers: Math.max(0, Math.floor(options.workers ?? Math.min(2, availableParallelism() - 2))),
    workerUrl: defaultWorkerUrl(),
  });
  const pngQueue = new PQueue({ concurrency: Math.max(1, options.pngConcurrency ?? 3) });
  const version = rendererVersion(renderersDir);
  // Hashing a long series costs more than looking it up; the object is the same across requests.
  const seriesHashes = new WeakMap<Series, string>();
  const imageId = (series: Series, renderOptions: RenderOptions): string => {
    let seriesHash = seriesHashes.get(series);
    if (seriesHash === undefined) {
      seriesHash = seriesContentHash(series);
      seriesHashes.set(series, seriesHash);
    }
    return imageIdentity({ rendererVersion: version, seriesHash }, renderOptions);
  };
  const pngs = createByteLru<Uint8Array>({
    maxBytes: options.pngCacheBytes ?? 64 * 1024 * 1024,
    sizeOf: (png) => png.byteLength,
  });
  const draw = async (series: Series, renderOptions: RenderOptions): Promise<Uint8Array> => {
    const image = await pool.svg(series, renderOptions);
    return pngQueue.add(() => svgToPng(image));
  };
  return {
    svg: (series, renderOptions) => pool.svg(series, renderOptions),
    png(series, renderOptions) {
      const id = imageId(series, renderOptions);
      const cached = pngs.get(id);
      if (cached !== undefined) return cached;
      const drawn = draw(series, renderOptions);
      pngs.set(id, drawn);
      return drawn;
    },
    imageId,
    close: () => pool.close(),
  };
}
