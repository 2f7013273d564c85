import { InputError } from '../errors.js';
import type { Interval } from '../schema/interval.js';
import { seriesLength, type Series } from '../series/types.js';
import { minMaxIndices } from './downsample.js';
import type { BasePreset, RenderOptions, ResolvedLayout, SeriesRow } from './types.js';

const MIN_SIZE_PX = 16;
const MAX_SIZE_PX = 8192;
/** Above this many samples per pixel column a channel is min/max downsampled. */
export const DOWNSAMPLE_POINTS_PER_PX = 2;
/** Room the y axis of a line chart takes, used only to choose the downsampling bucket count. */
const LINE_AXIS_ALLOWANCE_PX = 50;

/** Grid shape used by VisualTimeAnomaly: rows = floor(sqrt(n)), cols = ceil(n / rows). */
export function gridShape(channelCount: number): { rows: number; cols: number } {
  const rows = Math.max(1, Math.floor(Math.sqrt(channelCount)));
  return { rows, cols: Math.ceil(channelCount / rows) };
}

function checkSize(value: number | undefined, field: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < MIN_SIZE_PX || value > MAX_SIZE_PX) {
    throw new InputError(
      'render.invalid_size',
      `${field} must be a whole number of pixels between ${MIN_SIZE_PX} and ${MAX_SIZE_PX}, got ${String(value)}.`,
      { field },
    );
  }
}

/** Applies the documented defaults and checks the options against the series. */
export function resolveLayout(series: Series, options: RenderOptions): ResolvedLayout {
  const length = seriesLength(series);
  if (series.values.length === 0 || length === 0) {
    throw new InputError(
      'render.empty_series',
      `Series "${series.id}" has no observations; there is nothing to draw.`,
      {
        field: 'values',
      },
    );
  }
  checkSize(options.widthPx, 'widthPx');
  checkSize(options.heightPx, 'heightPx');
  const axis = options.axis ?? 'index';
  if (axis === 'time' && series.timestamps?.length !== length) {
    throw new InputError(
      'render.no_timestamps',
      `Series "${series.id}" has no timestamps for every observation; use axis 'index' or load the series with a time column.`,
      { field: 'axis' },
    );
  }
  const base: BasePreset = options.preset === 'overlay' ? (options.base ?? 'line') : options.preset;
  const vta = base === 'grid' && options.vta === true;
  if (base !== 'grid') {
    const widthPx = options.widthPx ?? 1000;
    return {
      base,
      widthPx,
      heightPx: options.heightPx ?? 150,
      axis,
      vta: false,
      rows: 1,
      cols: 1,
      plotWidthPx: Math.max(1, widthPx - LINE_AXIS_ALLOWANCE_PX),
    };
  }
  const { rows, cols } = gridShape(series.values.length);
  const widthPx = options.widthPx ?? (vta ? Math.round((1000 * cols) / rows) : 1000);
  const heightPx = options.heightPx ?? (vta ? 1000 : Math.round((1000 * rows) / cols));
  return {
    base,
    widthPx,
    heightPx,
    axis,
    vta,
    rows,
    cols,
    plotWidthPx: Math.max(1, Math.floor(widthPx / cols) - 40),
  };
}

/** x coordinate of sample `i`: its index, or its timestamp on a time axis. */
function xOf(series: Series, layout: ResolvedLayout): (i: number) => number {
  const stamps = series.timestamps;
  return layout.axis === 'time' && stamps !== undefined ? (i) => stamps[i]! : (i) => i;
}

/** Rows of the `series` dataset: one per drawn sample and channel, downsampled per pixel column. */
export function seriesRows(
  series: Series,
  layout: ResolvedLayout,
  options: RenderOptions,
): SeriesRow[] {
  const x = xOf(series, layout);
  const highlighted = new Set(options.channelsHighlighted ?? []);
  const rows: SeriesRow[] = [];
  series.values.forEach((values, channel) => {
    const n = values.length;
    const kept = minMaxIndices(values, {
      buckets: layout.plotWidthPx,
      maxPointsPerBucket: DOWNSAMPLE_POINTS_PER_PX,
    });
    const count = kept === undefined ? n : kept.length;
    const name = series.channels[channel] ?? `channel ${channel}`;
    for (let k = 0; k < count; k += 1) {
      const i = kept === undefined ? k : kept[k]!;
      const v = values[i]!;
      const finite = Number.isFinite(v);
      const row: SeriesRow = { x: x(i), y: finite ? v : null };
      if (layout.base === 'grid') {
        row.p = channel;
        if (k === 0) row.h = true;
      } else {
        row.c = name;
        if (highlighted.has(channel)) row.hl = true;
        if (
          layout.base === 'irregular' &&
          finite &&
          (i === 0 || !Number.isFinite(values[i - 1]!)) &&
          (i === n - 1 || !Number.isFinite(values[i + 1]!))
        ) {
          row.iso = true;
        }
      }
      rows.push(row);
    }
  });
  return rows;
}

function checkIntervals(list: readonly Interval[], field: string): void {
  list.forEach((interval, index) => {
    if (!Number.isFinite(interval[0]) || !Number.isFinite(interval[1])) {
      throw new InputError(
        'render.invalid_interval',
        `${field}[${index}] must be two finite numbers [start, end).`,
        {
          field: `${field}[${index}]`,
        },
      );
    }
  });
}

/**
 * Overlay rows: shaded ranges (per panel on a grid) and highlighted panels. A half-open
 * interval [s, e) is shaded from halfway before sample s to halfway after sample e - 1, clipped to
 * the series, so it covers exactly its samples.
 */
export function overlayRows(
  series: Series,
  layout: ResolvedLayout,
  options: RenderOptions,
): SeriesRow[] {
  const n = seriesLength(series);
  const x = xOf(series, layout);
  const edge = (i: number): number => (i <= 0 ? x(0) : i >= n ? x(n - 1) : (x(i - 1) + x(i)) / 2);
  const panels = layout.base === 'grid' ? series.values.map((_, p) => p) : [undefined];
  const rows: SeriesRow[] = [];
  const intervals = options.intervals ?? {};
  const kinds = [
    ['truth', intervals.truth],
    ['predicted', intervals.predicted],
    ['candidate', intervals.candidates],
  ] as const;
  for (const [kind, list] of kinds) {
    if (list === undefined) continue;
    checkIntervals(list, `intervals.${kind === 'candidate' ? 'candidates' : kind}`);
    list.forEach((interval, index) => {
      const start = Math.min(Math.max(interval[0], 0), n);
      const end = Math.min(Math.max(interval[1], start), n);
      if (end <= start) return;
      for (const p of panels) {
        const row: SeriesRow = { kind, x: edge(start), x2: edge(end) };
        if (kind === 'candidate') row.n = index + 1;
        if (p !== undefined) row.p = p;
        rows.push(row);
      }
    });
  }
  if (layout.base === 'grid') {
    for (const channel of options.channelsHighlighted ?? []) {
      if (Number.isInteger(channel) && channel >= 0 && channel < series.values.length) {
        rows.push({ kind: 'highlight', x: x(0), p: channel });
      }
    }
  }
  return rows;
}
