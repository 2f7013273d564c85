import PQueue from 'p-queue';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Series } from '../series/types.js';
import { fitSvg, svgToPng } from './raster.js';
import { buildSpec } from './spec.js';
import { findRenderersDir, isObject, type JsonObject } from './templates.js';
import type { RenderOptions } from './types.js';

/** Settings of a long-lived renderer. */
export interface RendererOptions {
  /** SVG → PNG conversions kept in flight (sharp runs them on its thread pool). @default 3 */
  pngConcurrency?: number;
  /** Parsed Vega specs kept (one per chart shape), least recently used dropped first. @default 16 */
  maxCachedSpecs?: number;
  /** Folder holding the `*.vl.json` templates. @default the package's `renderers/` */
  renderersDir?: string;
}

/** Renders many series fast: one parsed Vega spec per chart shape, data swapped per image. */
export interface Renderer {
  /** The chart as an SVG string of exactly the requested size. */
  svg(series: Series, options: RenderOptions): Promise<string>;
  /** The chart as PNG bytes of exactly the requested size. */
  png(series: Series, options: RenderOptions): Promise<Uint8Array>;
}


/** Vega-Lite titles wrapped facet cells with the facet value even when header labels are off; drop those titles. */
function dropFacetCellTitles(spec: JsonObject, vegaSpec: vega.Spec): void {
  const header = isObject(spec.facet) && isObject(spec.facet.header) ? spec.facet.header : undefined;
  if (header?.labels !== false) return;
  for (const mark of vegaSpec.marks ?? []) {
    if (mark.type === 'group' && isObject(mark.from) && 'facet' in mark.from) delete (mark as { title?: unknown }).title;
  }
}

function parseSpec(spec: JsonObject): vega.Runtime {
  const vegaSpec = compile(spec as unknown as TopLevelSpec, { logger: vega.logger(vega.None) }).spec;
  dropFacetCellTitles(spec, vegaSpec);
  return vega.parse(vegaSpec);
}

/**
 * A renderer that caches the parsed Vega spec per preset, size and chart shape, swaps the named
 * dataset per image (in a fresh View on that spec), runs Vega one image at a time and keeps `pngConcurrency` PNG conversions in flight.
 */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const renderersDir = options.renderersDir ?? findRenderersDir();
  const maxCachedSpecs = Math.max(1, options.maxCachedSpecs ?? 16);
  const pngQueue = new PQueue({ concurrency: Math.max(1, options.pngConcurrency ?? 3) });
  const parsed = new Map<string, vega.Runtime>();
  // one Vega render at a time: it is synchronous JavaScript anyway, and the order stays fixed
  let vegaTail: Promise<unknown> = Promise.resolve();

  const runtimeFor = (key: string, spec: JsonObject): vega.Runtime => {
    let runtime = parsed.get(key);
    if (runtime === undefined) {
      runtime = parseSpec(spec);
    } else {
      parsed.delete(key);
    }
    parsed.set(key, runtime);
    if (parsed.size > maxCachedSpecs) {
      const oldest = parsed.keys().next().value;
      if (oldest !== undefined) parsed.delete(oldest);
    }
    return runtime;
  };

  const svg = async (series: Series, renderOptions: RenderOptions): Promise<string> => {
    const { spec, layout, rows } = buildSpec(series, renderOptions, renderersDir);
    spec.datasets = { series: [] };
    const key = JSON.stringify(spec);
    const run = vegaTail.then(async () => {
      // A fresh View on the cached parsed spec: a reused View keeps exiting axis items in its
      // scenegraph when no renderer is attached, so its SVG would show the previous image's ticks.
      const view = new vega.View(runtimeFor(key, spec), { renderer: 'none', logLevel: vega.None });
      try {
        view.data('series', rows);
        return await view.toSVG();
      } finally {
        view.finalize();
      }
    });
    vegaTail = run.catch(() => undefined);
    return fitSvg(await run, layout.widthPx, layout.heightPx);
  };

  return {
    svg,
    async png(series, renderOptions) {
      const image = await svg(series, renderOptions);
      return pngQueue.add(() => svgToPng(image));
    },
  };
}
