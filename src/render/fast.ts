import { minMaxIndices } from './downsample.js';
import { DOWNSAMPLE_POINTS_PER_PX } from './data.js';
import type { Series } from '../series/types.js';
import type { RenderOptions, ResolvedLayout, SeriesRow } from './types.js';

/** The drawn samples of one channel (after min/max downsampling), as typed arrays. */
interface ChannelPoints {
  xs: Float64Array;
  ys: Float64Array;
}

/**
 * Which placeholder row a datum is: the channel and its role. `low`/`high` are drawn points at the
 * first and last observed x with the lowest and highest value (so the line's bounds match);
 * `edge` rows carry a missing value at the first or last x, which still counts for the x domain.
 */
interface Placeholder {
  channel: number;
  end: 'low' | 'high' | 'edge';
}

/**
 * A render where Vega sees only two placeholder rows per channel (its x and y extent, so scales,
 * axes and layout come out exactly as with all rows) and the line paths are then filled in from
 * typed arrays with the placeholders' own scale mapping: no per-sample dataflow work.
 */
export interface FastPlan {
  /** Rows to give Vega: placeholders plus overlay rows. */
  rows: SeriesRow[];
  /**
   * By the rows' `ph` number (Vega may hand a facet cell copies of the rows, so not by identity).
   */
  placeholders: Placeholder[];
  points: ChannelPoints[];
}

/** A scenegraph node as far as the patch reads it. */
interface SceneMark {
  marktype?: string;
  items?: SceneItem[];
}
interface SceneItem {
  x?: number;
  y?: number;
  defined?: boolean;
  datum?: unknown;
  items?: SceneMark[];
  [key: string]: unknown;
}

/**
 * Line and grid charts drawn from typed arrays; `undefined` when the chart needs every row in Vega.
 */
export function planFast(
  series: Series,
  layout: ResolvedLayout,
  options: RenderOptions,
  extra: SeriesRow[],
): FastPlan | undefined {
  if (layout.base === 'irregular') return undefined;
  const stamps = layout.axis === 'time' ? series.timestamps : undefined;
  const highlighted = new Set(options.channelsHighlighted ?? []);
  const rows: SeriesRow[] = [];
  const placeholders: Placeholder[] = [];
  const points: ChannelPoints[] = [];
  for (let channel = 0; channel < series.values.length; channel += 1) {
    const values = series.values[channel]!;
    const kept = minMaxIndices(values, {
      buckets: layout.plotWidthPx,
      maxPointsPerBucket: DOWNSAMPLE_POINTS_PER_PX,
    });
    const count = kept === undefined ? values.length : kept.length;
    const xs = new Float64Array(count);
    const ys = new Float64Array(count);
    let yLow = Infinity;
    let yHigh = -Infinity;
    let firstObserved = -1;
    let lastObserved = -1;
    for (let k = 0; k < count; k += 1) {
      const i = kept === undefined ? k : kept[k]!;
      const x = stamps === undefined ? i : stamps[i]!;
      // Vega sorts a line's points by x; only strictly increasing x keeps our order identical
      if (k > 0 && !(x > xs[k - 1]!)) return undefined;
      const y = values[i]!;
      xs[k] = x;
      ys[k] = y;
      if (Number.isFinite(y)) {
        if (firstObserved < 0) firstObserved = k;
        lastObserved = k;
        if (y < yLow) yLow = y;
        if (y > yHigh) yHigh = y;
      }
    }
    if (count === 0 || yLow > yHigh) return undefined;
    const base: SeriesRow =
      layout.base === 'grid'
        ? { x: 0, p: channel }
        : { x: 0, c: series.channels[channel] ?? `channel ${channel}` };
    if (layout.base !== 'grid' && highlighted.has(channel)) base.hl = true;
    const add = (row: SeriesRow, end: Placeholder['end']): void => {
      row.ph = placeholders.length;
      rows.push(row);
      placeholders.push({ channel, end });
    };
    // the first row of a channel carries its flags (panel number); keep them on the first row
    const first = layout.base === 'grid' ? { ...base, h: true as const } : base;
    if (firstObserved > 0) add({ ...first, x: xs[0]!, y: null }, 'edge');
    add({ ...(firstObserved > 0 ? base : first), x: xs[firstObserved]!, y: yLow }, 'low');
    add({ ...base, x: xs[lastObserved]!, y: yHigh }, 'high');
    if (lastObserved < count - 1) add({ ...base, x: xs[count - 1]!, y: null }, 'edge');
    points.push({ xs, ys });
  }
  rows.push(...extra);
  return { rows, placeholders, points };
}

function lineMarks(mark: SceneMark, found: SceneMark[]): SceneMark[] {
  if (mark.marktype === 'line') found.push(mark);
  for (const item of mark.items ?? [])
    for (const child of item.items ?? []) lineMarks(child, found);
  return found;
}

/**
 * Replaces each placeholder line's two items by one item per drawn sample, mapped with the same
 * linear scales (read off the placeholders). False when the scene is not as planned (then draw
 * with all rows instead).
 */
export function patchScene(root: unknown, plan: FastPlan): boolean {
  const marks = lineMarks(root as SceneMark, []);
  const patches: Array<() => void> = [];
  for (const mark of marks) {
    const items = mark.items ?? [];
    let low: SceneItem | undefined;
    let high: SceneItem | undefined;
    let channel = -1;
    for (const item of items) {
      const ph = (item.datum as SeriesRow | undefined)?.ph;
      const role = ph === undefined ? undefined : plan.placeholders[ph];
      if (role === undefined || (channel >= 0 && role.channel !== channel)) return false;
      channel = role.channel;
      if (role.end === 'low') low = item;
      if (role.end === 'high') high = item;
    }
    if (low === undefined || high === undefined) return false;
    const lowRow = low.datum as SeriesRow;
    const highRow = high.datum as SeriesRow;
    const { xs, ys } = plan.points[channel]!;
    const x0 = low.x ?? 0;
    const y0 = low.y ?? 0;
    const xScale = highRow.x === lowRow.x ? 0 : ((high.x ?? 0) - x0) / (highRow.x - lowRow.x);
    const yScale =
      highRow.y === lowRow.y ? 0 : ((high.y ?? 0) - y0) / ((highRow.y ?? 0) - (lowRow.y ?? 0));
    patches.push(() => {
      const patched: SceneItem[] = new Array<SceneItem>(xs.length);
      for (let k = 0; k < xs.length; k += 1) {
        const y = ys[k]!;
        const item: SceneItem = k === 0 ? { ...low } : { x: 0, y: 0 };
        item.x = x0 + (xs[k]! - lowRow.x) * xScale;
        item.y = Number.isFinite(y) ? y0 + (y - (lowRow.y ?? 0)) * yScale : 0;
        item.defined = Number.isFinite(y);
        patched[k] = item;
      }
      mark.items = patched;
    });
  }
  if (marks.length !== plan.points.length) return false;
  for (const patch of patches) patch();
  return true;
}
