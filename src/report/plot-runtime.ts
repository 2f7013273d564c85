import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Parsed specs kept: a report draws one overview and close-ups of one or two shapes. */
const MAX_CACHED = 8;
const parsed = new Map<string, vega.Runtime>();

/**
 * Vega-Lite titles wrapped facet cells with the facet value even when header labels are off (as the
 * renderer does).
 */
function dropFacetCellTitles(spec: Json, vegaSpec: vega.Spec): void {
  const header = isJson(spec.facet) && isJson(spec.facet.header) ? spec.facet.header : undefined;
  if (header?.labels !== false) return;
  for (const mark of vegaSpec.marks ?? []) {
    if (mark.type === 'group' && isJson(mark.from) && 'facet' in mark.from)
      delete (mark as { title?: unknown }).title;
  }
}

/** How {@link drawReportSvg} finishes the scene. */
export interface DrawReportOptions {
  /**
   * Edits the computed scenegraph root before the SVG is written (the renderer's fast path fills
   * its placeholder lines); false = the scene is not as planned, nothing is drawn.
   */
  patch?: (root: unknown) => boolean;
}

/**
 * Draws a report's Vega-Lite spec, whose rows are the named dataset `series`, as an SVG string
 * (undefined when `patch` refuses the scene). The spec is compiled and parsed once per shape (the
 * spec without its `series` rows: close-ups of one series differ only in rows), and each image
 * runs a fresh View on it with its rows, as the renderer's engine does (a reused View would keep
 * exiting axis items in its scene).
 */
export async function drawReportSvg(
  spec: Json,
  rows: readonly Json[],
  options: DrawReportOptions = {},
): Promise<string | undefined> {
  const datasets = isJson(spec.datasets) ? spec.datasets : {};
  const shape = { ...spec, datasets: { ...datasets, series: [] } };
  const key = JSON.stringify(shape);
  let runtime = parsed.get(key);
  if (runtime === undefined) {
    const vegaSpec = compile(shape as unknown as TopLevelSpec, {
      logger: vega.logger(vega.None),
    }).spec;
    dropFacetCellTitles(shape, vegaSpec);
    runtime = vega.parse(vegaSpec);
  } else {
    parsed.delete(key);
  }
  parsed.set(key, runtime);
  if (parsed.size > MAX_CACHED) {
    const oldest = parsed.keys().next().value;
    if (oldest !== undefined) parsed.delete(oldest);
  }
  const view = new vega.View(runtime, { renderer: 'none', logLevel: vega.None });
  try {
    view.data('series', [...rows]);
    if (options.patch !== undefined) {
      await view.runAsync();
      const root = (view.scenegraph() as unknown as { root: unknown }).root;
      if (!options.patch(root)) return undefined;
    }
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
