// The series plot as hand-drawn SVG: one lane per channel with its own y axis, model intervals as
// orange bars in tracks above the lanes, label intervals as blue bands with draggable edges, and a
// mini-map of the whole series below. Wheel (or pinch) zooms about the cursor; Shift-drag, a
// middle-button drag or the mini-map pans; `resetPlotView` shows everything again. Each lane is
// min/max downsampled over the VISIBLE rows, so a zoomed view is point-exact. Dragging across
// empty plot area labels every row between the press and the release, both included. Intervals
// are half-open row intervals [start, end).
import { minMaxPoints, pointsRange } from './downsample.js';
import { renderMinimap } from './minimap.js';
import { pathOf, svgEl as el } from './svg.js';
import {
  boundaryAt,
  cellsBetween,
  clampView,
  formatTime,
  formatValue,
  fullView,
  niceTicks,
  panView,
  pxAt,
  rowAt,
  rowTicks,
  zoomView,
} from './view.js';

const PAD = { left: 96, right: 16, top: 8, bottom: 30 };
const TRACK_HEIGHT = 14;
/** A create-drag shorter than this (px) is a click, not an interval. */
const CLICK_SLOP = 3;

/** Sorted intervals with overlapping or touching ones merged. */
export function mergeIntervals(intervals) {
  const sorted = intervals
    .map(([s, e]) => [s, e])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Shows the whole series again in the plot drawn into `container` (the `0` key). */
export function resetPlotView(container) {
  container.plot?.setView(fullView(container.plot.length));
}

/** Zooms the plot in `container` about its centre (`factor` < 1 zooms in). */
export function zoomPlot(container, factor) {
  const plot = container.plot;
  if (!plot) return;
  const v = plot.view();
  plot.setView(zoomView(v, { anchor: (v.start + v.end) / 2, factor, length: plot.length }));
}

/** Pans the plot in `container` by `fraction` of the visible span (negative: left). */
export function panPlot(container, fraction) {
  const plot = container.plot;
  if (!plot) return;
  const v = plot.view();
  plot.setView(panView(v, (v.end - v.start) * fraction, plot.length));
}

/**
 * Draws the plot into `container` and wires zooming and dragging. `onChange(intervals)` gets the
 * new label intervals after a drag ends, then `onDragEnd()` is called; `container.dataset.dragging`
 * is 'true' while a drag is under way. The visible window survives a redraw of the same series and
 * is mirrored in `container.dataset.viewStart` / `viewEnd`.
 */
export function renderPlot(container, options) {
  const { series, models, labelIntervals, editable, onChange, onDragEnd } = options;
  delete container.dataset.dragging;
  container.textContent = '';
  const length = series.values[0]?.length ?? 0;
  const stamps = series.timestamps?.length === length ? series.timestamps : null;
  const widthPx = Math.max(320, container.clientWidth - 14 || 800);
  const channelCount = series.channels.length;
  const laneHeight = Math.max(64, Math.min(180, Math.floor(400 / channelCount)));
  const panelsTop = PAD.top + models.length * TRACK_HEIGHT + (models.length > 0 ? 6 : 0);
  const lanesHeight = channelCount * laneHeight;
  const axisY = panelsTop + lanesHeight;
  const heightPx = axisY + PAD.bottom;
  const area = { left: PAD.left, width: widthPx - PAD.left - PAD.right };
  const key = `${series.id}:${length}`;
  let view =
    container.plotState?.key === key
      ? clampView(container.plotState.view, length)
      : fullView(length);

  const readout = document.createElement('div');
  readout.className = 'plot-readout small';
  readout.dataset.testid = 'plot-readout';
  container.appendChild(readout);
  const svg = el(
    'svg',
    {
      width: widthPx,
      height: heightPx,
      viewBox: `0 0 ${widthPx} ${heightPx}`,
      role: 'img',
      'aria-label': 'series plot',
      class: 'plot',
    },
    container,
  );
  const minimap = renderMinimap(container, {
    series,
    length,
    left: area.left,
    width: area.width,
    labelIntervals: mergeIntervals(labelIntervals ?? []),
    models,
    view,
    onView: (next) => setView(next),
  });

  let intervals = mergeIntervals(labelIntervals ?? []);
  let bandLayer;
  let overlay;
  let cursor;
  const xOf = (row) => pxAt(row, view, area);
  const clipX = (x) => Math.max(area.left, Math.min(area.left + area.width, x));

  function draw() {
    svg.textContent = '';
    container.dataset.viewStart = view.start.toFixed(3);
    container.dataset.viewEnd = view.end.toFixed(3);
    readout.textContent = readoutIdle();
    drawTracks();
    drawLanes();
    drawXAxis();
    bandLayer = el('g', { class: 'bands' }, svg);
    overlay = el(
      'rect',
      {
        x: area.left,
        y: panelsTop,
        width: area.width,
        height: lanesHeight,
        class: editable ? 'drag-layer' : 'drag-layer disabled',
        'data-testid': 'plot-area',
      },
      svg,
    );
    cursor = el('line', { y1: panelsTop, y2: axisY, class: 'cursor', visibility: 'hidden' }, svg);
    drawBands();
  }

  function drawTracks() {
    models.forEach((model, row) => {
      const y = PAD.top + row * TRACK_HEIGHT;
      const name = el(
        'text',
        { x: PAD.left - 6, y: y + TRACK_HEIGHT - 4, 'text-anchor': 'end', class: 'track-name' },
        svg,
      );
      name.textContent = model.model.length > 14 ? `${model.model.slice(0, 13)}…` : model.model;
      el('title', {}, name).textContent = model.model;
      el(
        'rect',
        { x: area.left, y: y + 2, width: area.width, height: TRACK_HEIGHT - 4, class: 'track-bg' },
        svg,
      );
      for (const [s, e] of model.intervals ?? []) {
        if (e < view.start || s > view.end) continue;
        const x = clipX(xOf(s));
        const w = Math.max(2, clipX(xOf(e)) - x);
        el('rect', { x, y: y + 2, width: w, height: TRACK_HEIGHT - 4, class: 'model-bar' }, svg);
        el('rect', { x, y: panelsTop, width: w, height: lanesHeight, class: 'model-band' }, svg);
      }
    });
  }

  function drawLanes() {
    const columns = Math.ceil(area.width);
    const pxPerRow = area.width / Math.max(1e-9, view.end - view.start);
    series.channels.forEach((channel, c) => {
      const top = panelsTop + c * laneHeight;
      const points = minMaxPoints(series.values[c] ?? [], { ...view, columns });
      const visible = points.filter(
        (p) => p !== null && p[0] >= view.start - 1 && p[0] <= view.end,
      );
      let { lo, hi } = pointsRange(visible) ?? { lo: 0, hi: 1 };
      if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
      const pad = (hi - lo) * 0.06;
      [lo, hi] = [lo - pad, hi + pad];
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
      const defs = el('defs', {}, svg);
      const clipPath = el('clipPath', { id: clip }, defs);
      el('rect', { x: area.left, y: top, width: area.width, height: laneHeight - 2 }, clipPath);
      const g = el('g', { 'clip-path': `url(#${clip})` }, svg);
      el('path', { d: pathOf(points, (i) => xOf(i + 0.5), yOf), class: 'series-line' }, g);
      // Zoomed in far enough to tell rows apart: mark each one, so edges can be placed exactly.
      if (pxPerRow >= 6)
        for (const p of points)
          if (p !== null)
            el('circle', { cx: xOf(p[0] + 0.5), cy: yOf(p[1]), r: 2, class: 'point' }, g);
      const label = el(
        'text',
        { x: 8, y: top + laneHeight / 2, 'text-anchor': 'start', class: 'channel-name' },
        svg,
      );
      label.textContent = channel.length > 11 ? `${channel.slice(0, 10)}…` : channel;
      el('title', {}, label).textContent = channel;
    });
  }

  function drawXAxis() {
    for (const t of rowTicks(view, Math.max(2, Math.floor(area.width / 110)))) {
      const x = xOf(t);
      el('line', { x1: x, x2: x, y1: axisY, y2: axisY + 4, class: 'tick' }, svg);
      el(
        'text',
        { x, y: axisY + 15, 'text-anchor': 'middle', class: 'tick-label' },
        svg,
      ).textContent = String(t);
    }
    el('text', { x: 8, y: axisY + 15, class: 'tick-label' }, svg).textContent = 'row';
    if (stamps !== null) {
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
  }

  function drawBands(preview) {
    bandLayer.textContent = '';
    const shown = preview ?? intervals;
    shown.forEach(([s, e], index) => {
      if (e < view.start || s > view.end) return;
      const g = el('g', { class: 'label-band', 'data-index': index }, bandLayer);
      const x0 = clipX(xOf(s));
      el(
        'rect',
        {
          x: x0,
          y: panelsTop,
          width: Math.max(2, clipX(xOf(e)) - x0),
          height: lanesHeight,
          class: 'label-fill',
        },
        g,
      );
      for (const side of ['start', 'end']) {
        const row = side === 'start' ? s : e;
        if (row < view.start || row > view.end) continue;
        const x = xOf(row);
        el('line', { x1: x, x2: x, y1: panelsTop, y2: axisY, class: 'label-edge' }, g);
        if (editable)
          el(
            'rect',
            {
              x: x - 5,
              y: panelsTop,
              width: 10,
              height: lanesHeight,
              class: 'edge-handle',
              'data-side': side,
              'data-index': index,
            },
            g,
          );
      }
    });
    // The drag layer sits under the handles but over the lines, so empty space starts a new interval.
    svg.insertBefore(overlay, bandLayer);
  }

  function readoutIdle() {
    const shown = `rows ${Math.floor(view.start)}–${Math.ceil(view.end)} of ${length}`;
    return `${shown} · wheel to zoom, Shift-drag or the mini-map to pan, 0 to reset`;
  }

  function showCursor(px) {
    const row = Math.floor(rowAt(px, view, area));
    if (px < area.left || px > area.left + area.width || row < 0 || row >= length) {
      cursor.setAttribute('visibility', 'hidden');
      readout.textContent = readoutIdle();
      return;
    }
    const x = xOf(row + 0.5);
    cursor.setAttribute('x1', String(x));
    cursor.setAttribute('x2', String(x));
    cursor.setAttribute('visibility', 'visible');
    const parts = [`row ${row}`];
    if (stamps !== null) parts.push(formatTime(stamps[row]));
    series.channels.forEach((name, c) => {
      const value = formatValue(series.values[c]?.[row]);
      parts.push(channelCount > 1 ? `${name} ${value}` : `value ${value}`);
    });
    readout.textContent = parts.join(' · ');
  }

  let frame = 0;
  function setView(next) {
    view = clampView(next, length, Math.min(8, length));
    container.plotState = { key, view };
    minimap.setView(view);
    if (frame === 0)
      frame = requestAnimationFrame(() => {
        frame = 0;
        // A label drag keeps its own layer; the rest redraws with the new window.
        draw();
        if (drag?.kind !== 'pan' && drag !== null && lastEvent) drawBands(previewFor(lastEvent));
      });
  }

  container.plot = { length, view: () => view, setView };
  container.plotState = { key, view };
  draw();

  const pointX = (event) => {
    const box = svg.getBoundingClientRect();
    return ((event.clientX - box.left) / box.width) * widthPx;
  };
  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const px = pointX(event);
      const sideways = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
      if (sideways) {
        const delta = event.deltaX !== 0 ? event.deltaX : event.deltaY;
        setView(panView(view, (delta / area.width) * (view.end - view.start), length));
        return;
      }
      // Pinch on a trackpad arrives as a wheel event with ctrlKey and small deltas.
      const factor = Math.exp(event.deltaY * (event.ctrlKey ? 0.01 : 0.002));
      setView(zoomView(view, { anchor: rowAt(px, view, area), factor, length }));
    },
    { passive: false },
  );

  let drag = null;
  let lastEvent = null;
  svg.addEventListener('pointerdown', (event) => {
    const target = event.target;
    const px = pointX(event);
    if (event.button === 1 || (event.button === 0 && (event.shiftKey || event.altKey))) {
      drag = { kind: 'pan', from: px, view };
    } else if (event.button !== 0 || !editable) return;
    else if (target.classList?.contains('edge-handle')) {
      drag = { kind: 'edge', index: Number(target.dataset.index), side: target.dataset.side };
    } else if (
      target === overlay ||
      target.classList?.contains('label-fill') ||
      target.classList?.contains('model-band')
    ) {
      drag = { kind: 'create', from: px };
    } else return;
    container.dataset.dragging = 'true';
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  const previewFor = (event) => {
    const px = pointX(event);
    if (drag.kind === 'create') {
      if (Math.abs(px - drag.from) < CLICK_SLOP) return intervals;
      return [...intervals, cellsBetween(drag.from, px, view, area, length)];
    }
    const at = boundaryAt(px, view, area, length);
    return intervals.map(([s, e], index) => {
      if (index !== drag.index) return [s, e];
      return drag.side === 'start' ? [Math.min(at, e - 1), e] : [s, Math.max(at, s + 1)];
    });
  };
  svg.addEventListener('pointermove', (event) => {
    lastEvent = event;
    if (drag === null) showCursor(pointX(event));
    else if (drag.kind === 'pan') {
      const rows = ((drag.from - pointX(event)) / area.width) * (drag.view.end - drag.view.start);
      setView(panView(drag.view, rows, length));
    } else drawBands(previewFor(event));
  });
  svg.addEventListener('pointerleave', () => {
    if (drag === null) showCursor(-1);
  });
  svg.addEventListener('pointerup', (event) => {
    if (drag === null) return;
    const wasPan = drag.kind === 'pan';
    const next = wasPan ? intervals : mergeIntervals(previewFor(event));
    drag = null;
    const changed = JSON.stringify(next) !== JSON.stringify(intervals);
    intervals = next;
    delete container.dataset.dragging;
    drawBands();
    if (changed) onChange(next);
    onDragEnd?.();
  });
  svg.addEventListener('pointercancel', () => {
    drag = null;
    delete container.dataset.dragging;
    drawBands();
    onDragEnd?.();
  });
}
