// The series plot as hand-drawn SVG: one lane per channel with its own y axis, model intervals as
// orange bars in tracks above the lanes, label intervals as blue bands with draggable edges, and a
// mini-map of the whole series below. Wheel (or pinch) zooms about the cursor; Shift-drag, a
// middle-button drag or the mini-map pans; `resetPlotView` shows everything again. Each lane is
// min/max downsampled over the VISIBLE rows, so a zoomed view is point-exact. Dragging across
// empty plot area labels every row between the press and the release, both included. Intervals
// are half-open row intervals [start, end).
import { mergeLabelled } from './labels.js';
import { renderMinimap } from './minimap.js';
import { wirePinch } from './pinch.js';
import { drawLanes, drawTracks, drawXAxis } from './plot-draw.js';
import { svgEl as el } from './svg.js';
import {
  boundaryAt,
  cellsBetween,
  clampView,
  formatTime,
  formatValue,
  fullView,
  panView,
  pxAt,
  rowAt,
  zoomView,
} from './view.js';

const PAD = { left: 96, right: 16, top: 8, bottom: 30 };
const TRACK_HEIGHT = 14;
/** A create-drag shorter than this (px) is a click, not an interval. */
const CLICK_SLOP = 3;

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
 * Draws the plot into `container` and wires zooming and dragging. `labelChannels` gives the
 * channels of each label interval (null entries, or null: every channel); Ctrl/⌘-drag on a
 * multichannel item labels only the lane dragged in. `onChange(intervals, intervalChannels)`
 * gets the new label intervals after a drag ends, then `onDragEnd()` is called;
 * `container.dataset.dragging` is 'true' while a drag is under way. The visible window survives
 * a redraw of the same series and is mirrored in `container.dataset.viewStart` / `viewEnd`.
 */
export function renderPlot(container, options) {
  const { series, models, labelIntervals, labelChannels, editable, onChange, onDragEnd } = options;
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
    labelIntervals: labelIntervals ?? [],
    models,
    view,
    onView: (next) => setView(next),
  });

  /** The label's intervals: { intervals, intervalChannels } (the second null: all channels). */
  let labelled = mergeLabelled(labelIntervals ?? [], labelChannels ?? null);
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
    const ctx = { svg, area, view, pad: PAD, trackHeight: TRACK_HEIGHT, panelsTop, laneHeight };
    Object.assign(ctx, { lanesHeight, axisY, series, models, stamps, length });
    drawTracks(ctx);
    drawLanes(ctx);
    drawXAxis(ctx);
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

  function drawBands(preview) {
    bandLayer.textContent = '';
    const shown = preview ?? labelled;
    shown.intervals.forEach(([s, e], index) => {
      if (e < view.start || s > view.end) return;
      const channels = shown.intervalChannels?.[index] ?? null;
      const g = el('g', { class: 'label-band', 'data-index': index }, bandLayer);
      const x0 = clipX(xOf(s));
      const width = Math.max(2, clipX(xOf(e)) - x0);
      // An interval on some channels shades only their lanes.
      const lanes = channels ?? [null];
      for (const lane of lanes) {
        const y = lane === null ? panelsTop : panelsTop + lane * laneHeight;
        const height = lane === null ? lanesHeight : laneHeight - 2;
        const fill = { x: x0, y, width, height, class: 'label-fill', 'data-lane': lane ?? 'all' };
        el('rect', fill, g);
      }
      for (const side of ['start', 'end']) {
        const row = side === 'start' ? s : e;
        if (row < view.start || row > view.end) continue;
        const x = xOf(row);
        el('line', { x1: x, x2: x, y1: panelsTop, y2: axisY, class: 'label-edge' }, g);
        if (!editable) continue;
        const handle = { x: x - 5, y: panelsTop, width: 10, height: lanesHeight };
        el('rect', { ...handle, class: 'edge-handle', 'data-side': side, 'data-index': index }, g);
      }
    });
    // The drag layer sits under the handles but over the lines, so empty space starts a new
    // interval.
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
  const laneAt = (event) => {
    const box = svg.getBoundingClientRect();
    const y = ((event.clientY - box.top) / box.height) * heightPx;
    return Math.max(0, Math.min(channelCount - 1, Math.floor((y - panelsTop) / laneHeight)));
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
  const pinch = wirePinch(svg, {
    pointX,
    view: () => view,
    setView,
    area,
    length,
    onStart: () => {
      drag = null;
      delete container.dataset.dragging;
      drawBands();
    },
  });
  svg.addEventListener('pointerdown', (event) => {
    if (pinch.active()) return;
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
      const oneLane = channelCount > 1 && (event.ctrlKey || event.metaKey);
      drag = { kind: 'create', from: px, channels: oneLane ? [laneAt(event)] : null };
    } else return;
    container.dataset.dragging = 'true';
    try {
      svg.setPointerCapture(event.pointerId);
    } catch {
      // A pointer the browser does not know (synthetic events) cannot be captured; harmless.
    }
    event.preventDefault();
  });
  /** The label as it would be if the drag ended at `event`. */
  const previewFor = (event) => {
    const px = pointX(event);
    const per = labelled.intervalChannels ?? labelled.intervals.map(() => null);
    if (drag.kind === 'create') {
      if (Math.abs(px - drag.from) < CLICK_SLOP) return labelled;
      return {
        intervals: [...labelled.intervals, cellsBetween(drag.from, px, view, area, length)],
        intervalChannels: [...per, drag.channels],
      };
    }
    const at = boundaryAt(px, view, area, length);
    const intervals = labelled.intervals.map(([s, e], index) => {
      if (index !== drag.index) return [s, e];
      return drag.side === 'start' ? [Math.min(at, e - 1), e] : [s, Math.max(at, s + 1)];
    });
    return { intervals, intervalChannels: labelled.intervalChannels };
  };
  svg.addEventListener('pointermove', (event) => {
    lastEvent = event;
    if (pinch.active()) return;
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
    const preview = wasPan ? labelled : previewFor(event);
    const next = mergeLabelled(preview.intervals, preview.intervalChannels);
    drag = null;
    const changed = JSON.stringify(next) !== JSON.stringify(labelled);
    labelled = next;
    delete container.dataset.dragging;
    drawBands();
    if (changed) onChange(next.intervals, next.intervalChannels);
    onDragEnd?.();
  });
  svg.addEventListener('pointercancel', () => {
    drag = null;
    delete container.dataset.dragging;
    drawBands();
    onDragEnd?.();
  });
}
