import type { Interval } from '../schema/interval.js';

/** Name of a chart preset; each maps to a Vega-Lite template in `renderers/`. */
export type RenderPreset = 'line' | 'grid' | 'irregular' | 'overlay';

/** A preset that can carry an overlay (every preset but `overlay` itself). */
export type BasePreset = Exclude<RenderPreset, 'overlay'>;

/** Intervals to shade on a chart; all half-open index intervals `[start, end)`. */
export interface RenderIntervals {
  /** Model answer, drawn red. */
  predicted?: readonly Interval[];
  /** Ground truth, drawn green. */
  truth?: readonly Interval[];
  /** Candidate ranges, drawn purple and numbered 1, 2, ... in the given order. */
  candidates?: readonly Interval[];
}

/** How to draw a series as an image. */
export interface RenderOptions {
  /** Chart preset. `overlay` is `base` plus the shaded `intervals`. */
  preset: RenderPreset;
  /**
   * Image width in pixels; the PNG/SVG is exactly this wide.
   * @default 1000 (grid with `vta`: 1000·cols/rows, i.e. 1000 for square layouts)
   */
  widthPx?: number;
  /**
   * Image height in pixels; the PNG/SVG is exactly this high.
   * @default 150 for line/irregular; grid: 1000·rows/cols; grid with `vta`: 1000
   */
  heightPx?: number;
  /**
   * x axis: sample index with plain integer labels, or the series' timestamps (UTC).
   * `time` needs `series.timestamps`.
   * @default 'index'
   */
  axis?: 'index' | 'time';
  /**
   * Grid only: VisualTimeAnomaly's look (1000 px high, framed panels, no ticks, no numbers).
   * @default false
   */
  vta?: boolean;
  /** Overlay only: the preset drawn under the intervals. @default 'line' */
  base?: BasePreset;
  /** Shaded ranges (any preset draws them when given; `overlay` is the preset meant for them). */
  intervals?: RenderIntervals;
  /** Channel indices to emphasise: thicker line (line/irregular) or a tinted panel (grid). */
  channelsHighlighted?: readonly number[];
}

/** One row of the named dataset `series` fed to a template. */
export interface SeriesRow {
  x: number;
  /** null = missing; breaks the line. */
  y?: number | null;
  /** Channel name (line/irregular). */
  c?: string;
  /** Panel number = channel index (grid). */
  p?: number;
  /** First row of a panel: carries the panel number label (grid). */
  h?: true;
  /** Isolated observation: both neighbours missing (irregular). */
  iso?: true;
  /** Highlighted channel (line/irregular). */
  hl?: true;
  /** Overlay rows: what the row shades. */
  kind?: 'truth' | 'predicted' | 'candidate' | 'highlight';
  /** Overlay rows: right edge of the shaded range (x is the left edge). */
  x2?: number;
  /** Candidate number, 1-based. */
  n?: number;
  /** Fast-path placeholder number (internal: marks the rows that stand in for a whole channel). */
  ph?: number;
}

/** Options after defaults: what decides the spec's shape (everything but the data). */
export interface ResolvedLayout {
  base: BasePreset;
  widthPx: number;
  heightPx: number;
  axis: 'index' | 'time';
  vta: boolean;
  /** Grid: rows × cols of panels. */
  rows: number;
  cols: number;
  /** Plot area width in px used to decide downsampling (one bucket per pixel column). */
  plotWidthPx: number;
}
