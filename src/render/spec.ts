import { seriesLength, type Series } from '../series/types.js';
import { DOWNSAMPLE_POINTS_PER_PX, overlayRows, resolveLayout, seriesRows } from './data.js';
import { arrayAt, at, isObject, readTemplate, type JsonObject } from './templates.js';
import { yearTickFormat } from './time-axis.js';
import type { RenderOptions, ResolvedLayout, SeriesRow } from './types.js';

/** Approximate pixels between x tick labels (matplotlib puts ~9 ticks on 1000 px). */
const X_TICK_SPACING_PX = 100;
/** Height kept free under a grid for the overlay legend. */
const GRID_LEGEND_PX = 24;

/** Switches an x encoding to a UTC time axis. */
function useTimeAxis(x: JsonObject, { withScale }: { withScale: boolean }): void {
  x.type = 'temporal';
  if (withScale) x.scale = { ...(isObject(x.scale) ? x.scale : {}), type: 'utc' };
  if (isObject(x.axis)) {
    const { format: _format, tickMinStep: _step, ...rest } = x.axis;
    x.axis = rest;
  }
}

/** True when the grid template shares one x scale (and x axis row) across panels. */
function sharedX(spec: JsonObject): boolean {
  const resolve = isObject(spec.resolve) && isObject(spec.resolve.scale) ? spec.resolve.scale : {};
  return resolve.x !== 'independent';
}

/** Panel size in a grid so that the whole image matches the requested size. */
function panelSize(
  spec: JsonObject,
  layout: ResolvedLayout,
  legendPx: number,
): { width: number; height: number } {
  const padding = typeof spec.padding === 'number' ? spec.padding : 0;
  const spacing = typeof spec.spacing === 'number' ? spec.spacing : 0;
  const config = isObject(spec.config) ? spec.config : {};
  const extent = (key: string): number => {
    const axis = config[key];
    return layout.vta || !isObject(axis) || typeof axis.maxExtent !== 'number' ? 0 : axis.maxExtent;
  };
  // each cell's bounds include its 1 px frame stroke: half a pixel outside on every side, rounded
  // up
  const frame = 2;
  const width =
    (layout.widthPx - 2 * padding - (layout.cols - 1) * spacing) / layout.cols -
    extent('axisY') -
    frame;
  // measured: an x axis's bounds reach a few px past its maxExtent (label line height); with a
  // shared x scale only the bottom row carries one, otherwise every row does
  const xAxis = layout.vta ? 0 : extent('axisX') + 2;
  const xAxes = sharedX(spec) ? 1 : layout.rows;
  const height =
    (layout.heightPx - legendPx - 2 * padding - (layout.rows - 1) * spacing - xAxes * xAxis) /
      layout.rows -
    frame;
  return { width: Math.max(4, Math.floor(width)), height: Math.max(4, Math.floor(height)) };
}

/** Adds the overlay template's layers: shading under the base layers, labels on top. */
function addOverlay(
  layers: unknown[],
  overlay: JsonObject,
  layout: ResolvedLayout,
  kinds: Set<string>,
): unknown[] {
  const below: unknown[] = [];
  const above: unknown[] = [];
  for (const layer of arrayAt(overlay, 'layer')) {
    if (!isObject(layer)) continue;
    // keep a layer only when a kind its filter names is present in the data
    const filter = JSON.stringify(layer.transform ?? []);
    const named = [...filter.matchAll(/'([a-z]+)'/g)].map((match) => match[1] ?? '');
    if (named.length > 0 && !named.some((kind) => kinds.has(kind))) continue;
    const encoding = at(layer, 'encoding');
    for (const channel of ['x', 'x2'] as const) {
      const x = encoding[channel];
      if (layout.axis === 'time' && isObject(x) && x.type === 'quantitative')
        useTimeAxis(x, { withScale: false });
    }
    const fill = encoding.fill;
    if (layout.base === 'grid' && isObject(fill) && isObject(fill.legend)) {
      // a legend beside a grid would widen the image; put it under the panels
      fill.legend = { ...fill.legend, orient: 'bottom', direction: 'horizontal' };
    }
    if (isObject(fill) && isObject(fill.scale)) {
      const domain = Array.isArray(fill.scale.domain) ? fill.scale.domain : [];
      const range = Array.isArray(fill.scale.range) ? fill.scale.range : [];
      const present = domain
        .map((kind, i) => [kind, range[i]] as const)
        .filter(([kind]) => kinds.has(String(kind)));
      fill.scale = {
        ...fill.scale,
        domain: present.map(([kind]) => kind),
        range: present.map(([, colour]) => colour),
      };
    }
    (isObject(layer.mark) && layer.mark.type === 'rect' ? below : above).push(layer);
  }
  const base = layers.map((layer) =>
    isObject(layer)
      ? {
          ...layer,
          transform: [
            { filter: 'datum.kind == null' },
            ...(Array.isArray(layer.transform) ? layer.transform : []),
          ],
        }
      : layer,
  );
  return [...below, ...base, ...above];
}

/**
 * The Vega-Lite spec for a series: the preset's template with sizes, axes and the named dataset
 * `series` filled in. `rows` replaces the data (an empty array gives the data-free spec shape).
 */
export function buildSpec(
  series: Series,
  options: RenderOptions,
  renderersDir: string,
  rows?: SeriesRow[],
): { spec: JsonObject; layout: ResolvedLayout; rows: SeriesRow[] } {
  const layout = resolveLayout(series, options);
  const extra = overlayRows(series, layout, options);
  const data = rows ?? [...seriesRows(series, layout, options), ...extra];
  const templateName = layout.base === 'grid' ? (layout.vta ? 'grid-vta' : 'grid') : layout.base;
  const spec = readTemplate(renderersDir, templateName);
  const kinds = new Set(extra.map((row) => row.kind ?? ''));
  let layerOwner: JsonObject;
  if (layout.base === 'grid') {
    const hasLegend = kinds.has('truth') || kinds.has('predicted') || kinds.has('candidate');
    const panel = panelSize(spec, layout, hasLegend ? GRID_LEGEND_PX : 0);
    spec.columns = layout.cols;
    layerOwner = at(spec, 'spec');
    layerOwner.width = panel.width;
    layerOwner.height = panel.height;
  } else {
    spec.width = layout.widthPx;
    spec.height = layout.heightPx;
    layerOwner = spec;
  }
  const layers = arrayAt(layerOwner, 'layer');
  const downsampled = seriesLength(series) > DOWNSAMPLE_POINTS_PER_PX * layout.plotWidthPx;
  layers.forEach((layer, index) => {
    if (!isObject(layer) || !isObject(layer.encoding)) return;
    const x = layer.encoding.x;
    if (isObject(x) && x.field === 'x') {
      if (layout.axis === 'time') useTimeAxis(x, { withScale: index === 0 });
      const yearFormat = layout.axis === 'time' ? yearTickFormat(series.timestamps) : undefined;
      if (index === 0 && yearFormat !== undefined && isObject(x.axis))
        x.axis = { ...x.axis, labelExpr: `utcFormat(datum.value, '${yearFormat}')` };
      if (index === 0 && isObject(x.axis)) {
        const plotWidth = layout.base === 'grid' ? Number(layerOwner.width) : layout.plotWidthPx;
        x.axis = { ...x.axis, tickCount: Math.max(2, Math.round(plotWidth / X_TICK_SPACING_PX)) };
      }
    }
    // min/max-downsampled lines are thousands of overlapping vertical strokes: round joins there
    // triple the rasterisation time and are invisible at 1.5 px, so use bevel joins
    if (downsampled && isObject(layer.mark) && layer.mark.type === 'line')
      layer.mark = { ...layer.mark, strokeJoin: 'bevel' };
    const stroke = layer.encoding.stroke;
    if (series.values.length > 1 && isObject(stroke) && stroke.legend === null) stroke.legend = {};
  });
  if (kinds.size > 0) {
    layerOwner.layer = addOverlay(layers, readTemplate(renderersDir, 'overlay'), layout, kinds);
  }
  spec.datasets = { series: data };
  return { spec, layout, rows: data };
}
