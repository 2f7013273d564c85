// Drawing of the plot's static parts for one view: model tracks, channel lanes (min/max
// downsampled over the visible rows, with a y axis each), and the row axis with the times of the
// view's ends. `ctx` is the layout the plot computed: { svg, area, view, pad, trackHeight,
// panelsTop, laneHeight, lanesHeight, axisY, series, models, stamps, length }.
import { minMaxPoints, pointsRange } from './downsample.js';
import { pathOf, svgEl as el } from './svg.js';
import { formatTime, formatValue, niceTicks, pxAt, rowTicks } from './view.js';

const xOf = (ctx, row) => pxAt(row, ctx.view, ctx.area);
const clipX = (ctx, x) => Math.max(ctx.area.left, Math.min(ctx.area.left + ctx.area.width, x));

/** Model tracks above the lanes, with each model interval also shaded across the lanes. */
export function drawTracks(ctx) {
  const { svg, area, view, pad, trackHeight, panelsTop, lanesHeight } = ctx;
  ctx.models.forEach((model, row) => {
    const y = pad.top + row * trackHeight;
    const name = el(
      'text',
      { x: pad.left - 6, y: y + trackHeight - 4, 'text-anchor': 'end', class: 'track-name' },
      svg,
    );
    name.textContent = model.model.length > 14 ? `${model.model.slice(0, 13)}…` : model.model;
    el('title', {}, name).textContent = model.model;
    el(
      'rect',
      { x: area.left, y: y + 2, width: area.width, height: trackHeight - 4, class: 'track-bg' },
      svg,
    );
    for (const [s, e] of model.intervals ?? []) {
      if (e < view.start || s > view.end) continue;
      const x = clipX(ctx, xOf(ctx, s));
      const w = Math.max(2, clipX(ctx, xOf(ctx, e)) - x);
      el('rect', { x, y: y + 2, width: w, height: trackHeight - 4, class: 'model-bar' }, svg);
      el('rect', { x, y: panelsTop, width: w, height: lanesHeight, class: 'model-band' }, svg);
    }
  });
}

/**
 * One lane per channel: the visible rows min/max downsampled to the pixel columns, a y axis
 * scaled to what is visible, and a dot per row once rows are 6 px or wider.
 */
export function drawLanes(ctx) {
  const { svg, area, view, panelsTop, laneHeight, series } = ctx;
  const columns = Math.ceil(area.width);
  const pxPerRow = area.width / Math.max(1e-9, view.end - view.start);
  series.channels.forEach((channel, c) => {
    const top = panelsTop + c * laneHeight;
    const points = minMaxPoints(series.values[c] ?? [], { ...view, columns });
    const visible = points.filter((p) => p !== null && p[0] >= view.start - 1 && p[0] <= view.end);
    let { lo, hi } = pointsRange(visible) ?? { lo: 0, hi: 1 };
    if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
    const margin = (hi - lo) * 0.06;
    [lo, hi] = [lo - margin, hi + margin];
    const yOf = (v) => top + 4 + (1 - (v - lo) / (hi - lo)) * (laneHeight - 10);
    el(
      'rect',
      { x: area.left, y: top, width: area.width, height: laneHeight - 2, class: 'panel-bg' },
      svg,
    );
    for (const t of niceTicks(lo, hi, Math.max(2, Math.floor(laneHeight / 28)))) {
      const y = yOf(t);
      el('line', { x1: area.left, x2: area.left + area.width, y1: y, y2: y, class: 'grid' }, svg);
      el(
        'text',
        { x: area.left - 4, y: y + 3, 'text-anchor': 'end', class: 'tick-label y-tick' },
        svg,
      ).textContent = formatValue(t);
    }
    const clip = `lane-clip-${c}`;
    const clipPath = el('clipPath', { id: clip }, el('defs', {}, svg));
    el('rect', { x: area.left, y: top, width: area.width, height: laneHeight - 2 }, clipPath);
    const g = el('g', { 'clip-path': `url(#${clip})` }, svg);
    el('path', { d: pathOf(points, (i) => xOf(ctx, i + 0.5), yOf), class: 'series-line' }, g);
    // Zoomed in far enough to tell rows apart: mark each one, so edges can be placed exactly.
    if (pxPerRow >= 6)
      for (const p of points)
        if (p !== null)
          el('circle', { cx: xOf(ctx, p[0] + 0.5), cy: yOf(p[1]), r: 2, class: 'point' }, g);
    const label = el(
      'text',
      { x: 8, y: top + laneHeight / 2, 'text-anchor': 'start', class: 'channel-name' },
      svg,
    );
    label.textContent = channel.length > 11 ? `${channel.slice(0, 10)}…` : channel;
    el('title', {}, label).textContent = channel;
  });
}

/** Row ticks under the lanes, and the times of the first and last visible rows. */
export function drawXAxis(ctx) {
  const { svg, area, view, axisY, stamps, length } = ctx;
  for (const t of rowTicks(view, Math.max(2, Math.floor(area.width / 110)))) {
    const x = xOf(ctx, t);
    el('line', { x1: x, x2: x, y1: axisY, y2: axisY + 4, class: 'tick' }, svg);
    el(
      'text',
      { x, y: axisY + 15, 'text-anchor': 'middle', class: 'tick-label' },
      svg,
    ).textContent = String(t);
  }
  el('text', { x: 8, y: axisY + 15, class: 'tick-label' }, svg).textContent = 'row';
  if (stamps === null) return;
  const first = stamps[Math.max(0, Math.floor(view.start))];
  const last = stamps[Math.min(length - 1, Math.ceil(view.end) - 1)];
  el('text', { x: area.left, y: axisY + 27, class: 'tick-label' }, svg).textContent =
    formatTime(first);
  el(
    'text',
    { x: area.left + area.width, y: axisY + 27, 'text-anchor': 'end', class: 'tick-label' },
    svg,
  ).textContent = formatTime(last);
}
