import type { Series } from '../series/types.js';
import { overlayRows, resolveLayout } from './data.js';
import { patchScene, planFast } from './fast.js';
import { buildSpec } from './spec.js';
import { findRenderersDir, type JsonObject } from './templates.js';
import { breakTimeGaps } from './time-axis.js';
import type { RenderOptions, SeriesRow } from './types.js';

/**
 * A filled spec whose `series` rows stand in for the lines (two placeholder rows per channel, plus
 * the overlay rows), and what turns its scene into the full chart.
 */
export interface FastSpec {
  /** The same spec `renderSpec` fills, with `rows` as its `series` dataset. */
  spec: JsonObject;
  /** Placeholder and overlay rows; a caller may add rows of its own (e.g. text) before drawing. */
  rows: SeriesRow[];
  /**
   * Adds `offset` to every x of the lines (the placeholder rows' x must be shifted by the caller
   * with the other rows), for a slice drawn with its original index labels.
   */
  shiftLines(offset: number): void;
  /**
   * Fills each placeholder line of a computed scenegraph root (`view.scenegraph().root`) with its
   * drawn samples. False when the scene is not as planned: draw with `renderSpec`'s rows instead.
   */
  patch(root: unknown): boolean;
}

/**
 * `renderSpec` for a Vega run with two rows per channel instead of one per drawn sample (the line
 * paths are filled in afterwards from typed arrays, as the renderer's engine does): the same SVG,
 * without a dataflow pass per sample. Undefined when the chart needs every row (missing values
 * drawn as points, x not strictly increasing).
 */
export function renderSpecFast(series: Series, options: RenderOptions): FastSpec | undefined {
  const drawn = breakTimeGaps(series, options);
  const layout = resolveLayout(drawn.series, drawn.options);
  const plan = planFast(
    drawn.series,
    layout,
    drawn.options,
    overlayRows(drawn.series, layout, drawn.options),
  );
  if (plan === undefined) return undefined;
  const { spec, rows } = buildSpec(drawn.series, drawn.options, findRenderersDir(), plan.rows);
  return {
    spec,
    rows,
    shiftLines(offset) {
      if (offset === 0) return;
      for (const points of plan.points)
        for (let k = 0; k < points.xs.length; k += 1) points.xs[k]! += offset;
    },
    patch: (root) => patchScene(root, plan),
  };
}
