import {
  fitSvg,
  renderSpec,
  renderSpecFast,
  svgToPng,
  type BasePreset,
  type FastSpec,
  type RenderOptions,
} from '../render/index.js';
import type { Interval } from '../schema/interval.js';
import { seriesLength, type Series } from '../series/types.js';
import {
  hasTimeAxis,
  markerRows,
  numberLayers,
  restyleOverlay,
  type PlotNumber,
} from './plot-layers.js';
import { drawReportSvg } from './plot-runtime.js';

export type { PlotNumber } from './plot-layers.js';

/** A shaded range; on a grid only in the panels of `channels` (null or absent = every panel). */
export interface PlotInterval {
  interval: Interval;
  channels?: readonly number[] | null;
}

/** How to draw one report plot. */
export interface PlotOptions {
  widthPx: number;
  heightPx: number;
  /** @default line (univariate), irregular (missing values), grid (several channels) */
  base?: BasePreset;
  /** Model intervals, shaded orange (Okabe–Ito). */
  predicted?: readonly PlotInterval[];
  /** Ground-truth intervals, shaded blue with a strip along the bottom (Okabe–Ito). */
  truth?: readonly PlotInterval[];
  /** Numbers over the model's anomalies (predicted intervals). */
  numbers?: readonly PlotNumber[];
  /**
   * x axis: UTC time when the series has a timestamp per row, else the sample index.
   * @default 'time' with timestamps, 'index' without
   */
  axis?: 'index' | 'time';
  /** Channels to emphasise (grid: tinted panel). */
  channelsHighlighted?: readonly number[];
  /**
   * Added to every x on the index axis, so a slice of a series (see {@link sliceSeries}) keeps its
   * original index labels. @default 0
   */
  indexOffset?: number;
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The base preset a report draws a series with. */
export function basePresetFor(series: Series): BasePreset {
  if (series.channels.length > 1) return 'grid';
  return series.values.some((values) => values.some((value) => Number.isNaN(value)))
    ? 'irregular'
    : 'line';
}

/**
 * The overlay chart of a series (shaded predicted and truth ranges, numbered anomalies) as PNG
 * bytes of exactly the requested size. Built on the renderer's `overlay` spec, plus a layer of
 * numbers and an index offset, which the shared renderer does not draw.
 */
export async function renderPlot(series: Series, options: PlotOptions): Promise<Uint8Array> {
  const svg = await reportPlotSvg(series, options);
  // A report plot has a few flat colours: a 64-colour palette halves the bytes, which count
  // twice (the PNG file beside the Markdown and the data URL inside the HTML).
  return svgToPng(svg, { paletteColours: 64 });
}

/**
 * The SVG {@link renderPlot} rasterises. Lines are drawn through the renderer's fast path (Vega
 * sees two rows per channel, the paths are filled from the arrays), which gives the same SVG as a
 * Vega row per drawn sample (`fastPaths: false`, kept for that comparison) in a fraction of the
 * time.
 */
export async function reportPlotSvg(
  series: Series,
  options: PlotOptions & {
    fastPaths?: boolean;
    /** Told which way the plot was drawn (tests check that the fast path was taken). */
    onDrawn?: (how: 'fast' | 'full') => void;
  },
): Promise<string> {
  const base = options.base ?? basePresetFor(series);
  const axis = options.axis ?? (hasTimeAxis(series) ? 'time' : 'index');
  const renderOptions: RenderOptions = {
    preset: 'overlay',
    base,
    widthPx: options.widthPx,
    heightPx: options.heightPx,
    intervals: {
      ...(options.predicted === undefined
        ? {}
        : { predicted: options.predicted.map((entry) => entry.interval) }),
      ...(options.truth === undefined
        ? {}
        : { truth: options.truth.map((entry) => entry.interval) }),
    },
    ...(options.channelsHighlighted === undefined
      ? {}
      : { channelsHighlighted: options.channelsHighlighted }),
    axis,
  };
  const frame = { base, axis };
  const fast = options.fastPaths === false ? undefined : renderSpecFast(series, renderOptions);
  if (fast !== undefined) {
    fast.shiftLines(axis === 'index' ? (options.indexOffset ?? 0) : 0);
    const svg = await drawPlot(
      series,
      options,
      { ...frame, spec: fast.spec, rows: fast.rows },
      fast,
    );
    if (svg !== undefined) {
      options.onDrawn?.('fast');
      return svg;
    }
  }
  const spec = renderSpec(series, renderOptions);
  const datasets = isJson(spec.datasets) ? spec.datasets : {};
  const rows = (Array.isArray(datasets.series) ? datasets.series : []).filter(isJson);
  options.onDrawn?.('full');
  return (await drawPlot(series, options, { ...frame, spec, rows }))!;
}

/** A filled overlay spec and its rows, as the renderer made them. */
interface PlotSpec {
  spec: Json;
  rows: readonly object[];
  base: BasePreset;
  axis: 'index' | 'time';
}

/**
 * Restyles a filled overlay spec for the report, adds the numbers and draws it; undefined when
 * `fast` cannot patch the scene.
 */
async function drawPlot(
  series: Series,
  options: PlotOptions,
  plot: PlotSpec,
  fast?: FastSpec,
): Promise<string | undefined> {
  const { spec, base, axis } = plot;
  let rows = plot.rows.filter(isJson);
  if (base === 'grid')
    rows = rows.filter(
      panelFilter(
        series,
        { predicted: options.predicted ?? [], truth: options.truth ?? [] },
        { axis },
      ),
    );
  const offset = options.indexOffset ?? 0;
  if (offset !== 0 && axis === 'index') {
    for (const row of rows) {
      if (typeof row.x === 'number') row.x += offset;
      if (typeof row.x2 === 'number') row.x2 += offset;
    }
  }
  const numbers = options.numbers ?? [];
  const layerOwner = isJson(spec.spec) ? spec.spec : spec;
  const layers = Array.isArray(layerOwner.layer) ? layerOwner.layer : [];
  restyleOverlay(layers, { grid: base === 'grid' });
  // The renderer bevels min/max-downsampled lines because librsvg strokes round joins slowly; a
  // round-joined line is drawn by svgToPng's own stroker instead (lines.ts), which takes it out of
  // librsvg altogether: an overview's PNG in half the CPU time.
  for (const layer of layers)
    if (isJson(layer) && isJson(layer.mark) && layer.mark.type === 'line')
      layer.mark = { ...layer.mark, strokeJoin: 'round' };

  if (numbers.length > 0) {
    const firstX = layers
      .map((layer) => (isJson(layer) && isJson(layer.encoding) ? layer.encoding.x : undefined))
      .find(isJson);
    const xType = typeof firstX?.type === 'string' ? firstX.type : 'quantitative';
    // Rows of kind 'label' must not reach the base layers' lines.
    layerOwner.layer = [...layers.map(withKindFilter), ...numberLayers(xType)];
    rows.push(...markerRows(series, numbers, { base, axis, offset, widthPx: options.widthPx }));
  }
  const svg = await drawReportSvg(spec, rows, fast === undefined ? {} : { patch: fast.patch });
  return svg === undefined ? undefined : fitSvg(svg, options.widthPx, options.heightPx);
}

/**
 * On a grid the renderer shades a range in every panel; keep a shaded row only in the panels its
 * range names. Rows are matched to ranges by their edges, computed as the renderer computes them
 * (halfway between samples, on the index or time axis).
 */
function panelFilter(
  series: Series,
  lists: Record<'predicted' | 'truth', readonly PlotInterval[]>,
  options: { axis: 'index' | 'time' },
): (row: Json) => boolean {
  const n = seriesLength(series);
  const stamps = series.timestamps;
  const x = (i: number): number =>
    options.axis === 'time' && stamps !== undefined ? (stamps[i] ?? 0) : i;
  const edge = (i: number): number => (i <= 0 ? x(0) : i >= n ? x(n - 1) : (x(i - 1) + x(i)) / 2);
  const panelsByEdges = new Map<string, Set<number> | 'all'>();
  for (const kind of ['predicted', 'truth'] as const) {
    for (const entry of lists[kind]) {
      const start = Math.min(Math.max(entry.interval[0], 0), n);
      const end = Math.min(Math.max(entry.interval[1], start), n);
      const key = `${kind}:${edge(start)}:${edge(end)}`;
      const known = panelsByEdges.get(key);
      if (entry.channels === null || entry.channels === undefined || known === 'all')
        panelsByEdges.set(key, 'all');
      else panelsByEdges.set(key, new Set([...(known ?? []), ...entry.channels]));
    }
  }
  return (row) => {
    if ((row.kind !== 'predicted' && row.kind !== 'truth') || typeof row.p !== 'number')
      return true;
    const panels = panelsByEdges.get(`${String(row.kind)}:${String(row.x)}:${String(row.x2)}`);
    return panels === undefined || panels === 'all' || panels.has(row.p);
  };
}

function withKindFilter(layer: unknown): unknown {
  if (!isJson(layer)) return layer;
  const transform = Array.isArray(layer.transform) ? layer.transform : [];
  if (JSON.stringify(transform).includes('datum.kind')) return layer;
  return { ...layer, transform: [{ filter: 'datum.kind == null' }, ...transform] };
}

/**
 * The index window a close-up of `interval` shows: the interval plus twice its length on each
 * side (at least 20 points), clipped to the series.
 * @example zoomWindow([100, 110], 400) // [80, 130]
 */
export function zoomWindow(interval: Interval, length: number): Interval {
  const pad = Math.max(20, 2 * (interval[1] - interval[0]));
  return [Math.max(0, interval[0] - pad), Math.min(length, interval[1] + pad)];
}

/**
 * The part `[start, end)` of a series (optionally only some channels), values copied, timestamps
 * kept.
 */
export function sliceSeries(
  series: Series,
  window: Interval,
  channels?: readonly number[],
): Series {
  const keep =
    channels === undefined || channels.length === 0
      ? series.values.map((_, index) => index)
      : channels.filter((index) => index < series.values.length);
  const [start, end] = [Math.max(0, window[0]), Math.min(seriesLength(series), window[1])];
  return {
    id: `${series.id}[${start}:${end}]`,
    channels: keep.map((index) => series.channels[index] ?? `channel ${index}`),
    values: keep.map((index) => (series.values[index] ?? new Float64Array(0)).slice(start, end)),
    ...(series.timestamps === undefined ? {} : { timestamps: series.timestamps.slice(start, end) }),
  };
}

/**
 * Intervals shifted into a window's coordinates, dropping those that miss it and clipping the rest.
 * @example intervalsInWindow([[10, 30], [50, 60]], [20, 55]) // [[0, 10], [30, 35]]
 */
export function intervalsInWindow(intervals: readonly Interval[], window: Interval): Interval[] {
  const out: Interval[] = [];
  for (const [start, end] of intervals) {
    const clippedStart = Math.max(start, window[0]);
    const clippedEnd = Math.min(end, window[1]);
    if (clippedEnd > clippedStart) out.push([clippedStart - window[0], clippedEnd - window[0]]);
  }
  return out;
}
