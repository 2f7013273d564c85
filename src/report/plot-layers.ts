import { gridShape, type BasePreset } from '../render/index.js';
import type { Interval } from '../schema/interval.js';
import { seriesLength, type Series } from '../series/types.js';
import { placeMarkers } from './markers.js';

/** A number drawn above an anomaly's shaded range. */
export interface PlotNumber {
  n: number;
  interval: Interval;
  /** Grid panels to number it in; null = every panel. */
  channels: readonly number[] | null;
}

/**
 * Report colours from the Okabe–Ito palette, which stays distinct under the common colour-vision
 * deficiencies: truth blue, the model's anomalies orange (their overlap turns grey-brown), the
 * series dark grey.
 */
export const reportColours = {
  truth: '#0072B2',
  predicted: '#E69F00',
  candidate: '#CC79A7',
  /** The series itself. */
  line: '#505050',
  /** Marker numbers: a dark orange that reads on white and on the orange shading. */
  number: '#8F4A00',
} as const;

/** Stagger rows of marker numbers before they merge. */
const MARKER_ROWS = 3;
/** Vertical distance between stagger rows, px. */
const MARKER_ROW_PX = 13;

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** True when every row has a timestamp, so plots can use a time axis. */
export function hasTimeAxis(series: Series): boolean {
  const n = seriesLength(series);
  return n > 0 && series.timestamps?.length === n;
}

/**
 * Recolours the renderer's overlay layers (the model-prompt colours stay as they are) with
 * {@link reportColours}, names the legend entries, puts the legend above a line chart so the plot
 * keeps its width, and adds a solid strip along the bottom of each truth range so truth stays
 * visible under a prediction.
 */
export function restyleOverlay(layers: unknown[], options: { grid: boolean }): void {
  layers.forEach((layer) => recolourLine(layer));
  const strips: unknown[] = [];
  for (const layer of layers) {
    if (!isJson(layer) || !isJson(layer.encoding)) continue;
    const fill = layer.encoding.fill;
    if (!isJson(fill) || !isJson(fill.scale)) continue;
    const domain = Array.isArray(fill.scale.domain) ? fill.scale.domain.map(String) : [];
    fill.scale = {
      ...fill.scale,
      range: domain.map(
        (kind) => reportColours[kind as keyof typeof reportColours] ?? reportColours.candidate,
      ),
    };
    layer.mark = { ...(isJson(layer.mark) ? layer.mark : { type: 'rect' }), opacity: 0.3 };
    const legend = isJson(fill.legend) ? fill.legend : {};
    fill.legend = {
      ...legend,
      labelFontSize: 11,
      labelLimit: 0,
      labelExpr:
        "datum.label === 'truth' ? 'labelled anomaly (truth)' : " +
        "datum.label === 'predicted' ? 'model’s anomaly (numbered)' : datum.label",
      ...(options.grid ? {} : { orient: 'top', direction: 'horizontal' }),
    };
    if (domain.includes('truth')) {
      const x = layer.encoding.x;
      strips.push({
        transform: [{ filter: "datum.kind === 'truth'" }],
        mark: { type: 'rect', color: reportColours.truth, opacity: 0.9 },
        encoding: {
          ...(isJson(x) ? { x } : {}),
          x2: { field: 'x2' },
          y: { value: { expr: 'height - 5' } },
          y2: { value: 'height' },
        },
      });
    }
  }
  layers.push(...strips);
}

/** The series' steelblue becomes dark grey, so the blue truth shading stays apart from it. */
function recolourLine(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      if (item === 'steelblue') node[index] = reportColours.line;
      else recolourLine(item);
    });
  } else if (isJson(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (value === 'steelblue') node[key] = reportColours.line;
      else recolourLine(value);
    }
  }
}

/**
 * Text layers of the marker numbers: a white halo under each number so it reads on the shading and
 * the line, then the numbers. Each row carries its stagger row's pixel offset (`ty`, see
 * {@link markerRows}), so two layers serve every stagger row: a layer per row tripled Vega's work
 * for a close-up.
 */
export function numberLayers(xType: string): Json[] {
  return [{ stroke: 'white', strokeWidth: 3, color: 'white' }, {}].map((halo) => ({
    transform: [{ filter: "datum.kind === 'label'" }],
    mark: {
      type: 'text',
      baseline: 'top',
      align: 'center',
      fontSize: 11.5,
      fontWeight: 'bold',
      color: reportColours.number,
      ...halo,
    },
    encoding: {
      x: { field: 'x', type: xType },
      // pixels from the top of the plot, not data
      y: { field: 'ty', type: 'quantitative', scale: null, axis: null },
      text: { field: 'n', type: 'nominal' },
    },
  }));
}

/** Where the plot's x axis puts data, and how wide its plot area is. */
interface MarkerFrame {
  base: BasePreset;
  axis: 'index' | 'time';
  /** Index-axis offset of a slice (see `PlotOptions.indexOffset`). */
  offset: number;
  widthPx: number;
}

/**
 * Data rows (`kind: 'label'`) of the placed marker numbers: staggered over up to three rows and
 * merged where they would still overlap, separately in each grid panel.
 */
export function markerRows(
  series: Series,
  numbers: readonly PlotNumber[],
  frame: MarkerFrame,
): Json[] {
  const n = seriesLength(series);
  const stamps = series.timestamps;
  const time = frame.axis === 'time' && stamps !== undefined && stamps.length === n;
  const at = (i: number): number =>
    time ? (stamps[Math.min(Math.max(i, 0), n - 1)] ?? 0) : i + frame.offset;
  const grid = frame.base === 'grid';
  // y axis and padding take ~50 px of a line chart; a grid panel's share is narrower
  const plotWidthPx = grid
    ? Math.max(40, frame.widthPx / gridShape(series.values.length).cols - 45)
    : Math.max(40, frame.widthPx - 55);
  const panels = grid ? series.values.map((_, index) => index) : [undefined];
  const rows: Json[] = [];
  for (const p of panels) {
    const inPanel = numbers.filter(
      (number) => p === undefined || number.channels === null || number.channels.includes(p),
    );
    const placed = placeMarkers(
      inPanel.map((number) => ({
        n: number.n,
        x: (at(number.interval[0]) + at(number.interval[1] - 1)) / 2,
      })),
      { domain: [at(0), at(n - 1)], plotWidthPx, rows: MARKER_ROWS },
    );
    for (const marker of placed)
      rows.push({
        kind: 'label',
        x: marker.x,
        n: marker.text,
        row: marker.row,
        ty: 3 + marker.row * MARKER_ROW_PX,
        ...(p === undefined ? {} : { p }),
      });
  }
  return rows;
}
