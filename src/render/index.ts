import type { Series } from '../series/types.js';
import { createRenderer } from './renderer.js';
import { buildSpec } from './spec.js';
import { breakTimeGaps } from './time-axis.js';
import { findRenderersDir, type JsonObject } from './templates.js';
import type { RenderOptions } from './types.js';

export { createRenderer, type Renderer, type RendererOptions } from './renderer.js';
export { minMaxIndices } from './downsample.js';
export { gridShape } from './data.js';
export { fitSvg, svgToPng } from './raster.js';
export { renderSpecFast, type FastSpec } from './fast-spec.js';
export { findRenderersDir } from './templates.js';
export {
  rescaleSeries,
  serializeText,
  type TextFormat,
  type TextOptions,
  type TextResult,
} from './text.js';
export type {
  BasePreset,
  RenderIntervals,
  RenderOptions,
  RenderPreset,
  SeriesRow,
} from './types.js';

/**
 * The filled Vega-Lite spec (template + sizes + the series as the named dataset `series`); pure.
 */
export function renderSpec(series: Series, options: RenderOptions): JsonObject {
  const drawn = breakTimeGaps(series, options);
  return buildSpec(drawn.series, drawn.options, findRenderersDir()).spec;
}

/**
 * Renders one series to an SVG string of exactly the requested size (one-off; use `createRenderer`
 * for many).
 */
export async function renderSvg(series: Series, options: RenderOptions): Promise<string> {
  return createRenderer({ maxCachedSpecs: 1, workers: 0 }).svg(series, options);
}

/**
 * Renders one series to PNG bytes of exactly the requested size (one-off; use `createRenderer` for
 * many).
 */
export async function renderPng(series: Series, options: RenderOptions): Promise<Uint8Array> {
  return createRenderer({ maxCachedSpecs: 1, pngConcurrency: 1, workers: 0 }).png(series, options);
}
