import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Series } from '../series/types.js';
import { fitSvg } from './raster.js';
import { overlayRows, resolveLayout } from './data.js';
import { patchScene, planFast } from './fast.js';
import { buildSpec } from './spec.js';
import { breakTimeGaps } from './time-axis.js';
import { isObject, type JsonObject } from './templates.js';
import type { RenderOptions, SeriesRow } from './types.js';

/** Settings of one SVG engine (one per thread). */
export interface SvgEngineOptions {
  /** Folder holding the `*.vl.json` templates. */
  renderersDir: string;
  /** Parsed Vega specs kept (one per chart shape), least recently used dropped first. */
  maxCachedSpecs: number;
  /**
   * Draw line/grid paths from typed arrays instead of one Vega row per sample (same SVG). @default
   * true
   */
  fastPaths?: boolean;
}

/** Turns a series into an SVG string with Vega, caching one parsed spec per chart shape. */
export interface SvgEngine {
  /**
   * The chart as an SVG string of exactly the requested size; one render at a time, in call order.
   */
  svg(series: Series, options: RenderOptions): Promise<string>;
  /** Images drawn so far through the fast path and with one Vega row per sample. */
  readonly counts: { fast: number; full: number };
}

/**
 * Vega-Lite titled wrapped facet cells with the facet value even when header labels are off; drop
 * those titles.
 */
function dropFacetCellTitles(spec: JsonObject, vegaSpec: vega.Spec): void {
  const header =
    isObject(spec.facet) && isObject(spec.facet.header) ? spec.facet.header : undefined;
  if (header?.labels !== false) return;
  for (const mark of vegaSpec.marks ?? []) {
    if (mark.type === 'group' && isObject(mark.from) && 'facet' in mark.from)
      delete (mark as { title?: unknown }).title;
  }
}

function parseSpec(spec: JsonObject): vega.Runtime {
  const vegaSpec = compile(spec as unknown as TopLevelSpec, {
    logger: vega.logger(vega.None),
  }).spec;
  dropFacetCellTitles(spec, vegaSpec);
  return vega.parse(vegaSpec);
}

/**
 * An engine that caches the parsed Vega spec per preset, size and chart shape and draws each image
 * in a fresh View on that spec (a reused View keeps exiting axis items in its scenegraph when no
 * renderer is attached, so its SVG would depend on the previous image).
 */
export function createSvgEngine(options: SvgEngineOptions): SvgEngine {
  const maxCachedSpecs = Math.max(1, options.maxCachedSpecs);
  const parsed = new Map<string, vega.Runtime>();
  // one Vega render at a time: it is synchronous JavaScript anyway, and the order stays fixed
  let tail: Promise<unknown> = Promise.resolve();
  const counts = { fast: 0, full: 0 };

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

  /**
   * Runs a fresh View on the cached spec; `patch` may edit the scene before the SVG is written
   * (false = give up).
   */
  const draw = async (
    spec: JsonObject,
    rows: SeriesRow[],
    patch?: (view: vega.View) => boolean,
  ): Promise<string | undefined> => {
    spec.datasets = { series: [] };
    const view = new vega.View(runtimeFor(JSON.stringify(spec), spec), {
      renderer: 'none',
      logLevel: vega.None,
    });
    try {
      view.data('series', rows);
      if (patch !== undefined) {
        await view.runAsync();
        if (!patch(view)) return undefined;
      }
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  };

  return {
    counts,
    svg(original, originalOptions) {
      // Gaps in time break the line on a time axis (a missing value inside each gap).
      const { series, options: renderOptions } = breakTimeGaps(original, originalOptions);
      const run = tail.then(async () => {
        const layout = resolveLayout(series, renderOptions);
        const plan =
          options.fastPaths === false
            ? undefined
            : planFast(series, layout, renderOptions, overlayRows(series, layout, renderOptions));
        if (plan !== undefined) {
          const { spec } = buildSpec(series, renderOptions, options.renderersDir, plan.rows);
          const svg = await draw(spec, plan.rows, (view) =>
            patchScene((view.scenegraph() as unknown as { root: unknown }).root, plan),
          );
          if (svg !== undefined) {
            counts.fast += 1;
            return fitSvg(svg, layout.widthPx, layout.heightPx);
          }
        }
        counts.full += 1;
        const { spec, rows } = buildSpec(series, renderOptions, options.renderersDir);
        return fitSvg((await draw(spec, rows))!, layout.widthPx, layout.heightPx);
      });
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
