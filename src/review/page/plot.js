// The series plot as hand-drawn SVG: one panel per channel, model intervals as orange bars in
// tracks above the panels, label intervals as blue bands with draggable edges. Dragging across
// empty plot area creates an interval. Intervals are half-open index intervals [start, end).

const SVG = 'http://www.w3.org/2000/svg';
const PAD = { left: 92, right: 16, top: 8, bottom: 28 };
const TRACK_HEIGHT = 14;

function el(name, attributes = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

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

/** Min/max per pixel column so long series draw fast and keep their spikes. */
function pathFor(values, xOf, yOf, widthPx) {
  const n = values.length;
  const perColumn = Math.max(1, Math.floor(n / (widthPx * 2)));
  let d = '';
  let pen = false;
  for (let start = 0; start < n; start += perColumn) {
    const end = Math.min(n, start + perColumn);
    let lo = Infinity;
    let hi = -Infinity;
    let loAt = start;
    let hiAt = start;
    for (let i = start; i < end; i += 1) {
      const v = values[i];
      if (v === null || Number.isNaN(v)) continue;
      if (v < lo) {
        lo = v;
        loAt = i;
      }
      if (v > hi) {
        hi = v;
        hiAt = i;
      }
    }
    if (lo === Infinity) {
      pen = false;
      continue;
    }
    const points =
      perColumn === 1
        ? [[start, lo]]
        : loAt <= hiAt
          ? [
              [loAt, lo],
              [hiAt, hi],
            ]
          : [
              [hiAt, hi],
              [loAt, lo],
            ];
    for (const [i, v] of points) {
      d += `${pen ? 'L' : 'M'}${xOf(i + 0.5).toFixed(1)},${yOf(v).toFixed(1)}`;
      pen = true;
    }
  }
  return d;
}

/**
 * Draws the plot into `container` and wires dragging. `onChange(intervals)` gets the new label
 * intervals after a drag ends, then `onDragEnd()` is called; `container.dataset.dragging` is
 * 'true' while a drag is under way. Returns nothing; call again to redraw.
 */
export function renderPlot(container, options) {
  const { series, models, labelIntervals, editable, onChange, onDragEnd } = options;
  delete container.dataset.dragging;
  container.textContent = '';
  const length = series.values[0]?.length ?? 0;
  const widthPx = Math.max(320, container.clientWidth || 800);
  const channelCount = series.channels.length;
  const panelHeight = Math.max(56, Math.min(170, Math.floor(380 / channelCount)));
  const tracksTop = PAD.top;
  const panelsTop = tracksTop + models.length * TRACK_HEIGHT + (models.length > 0 ? 6 : 0);
  const heightPx = panelsTop + channelCount * panelHeight + PAD.bottom;
  const plotWidth = widthPx - PAD.left - PAD.right;
  const xOf = (index) => PAD.left + (length === 0 ? 0 : (index / length) * plotWidth);
  const indexOf = (px) =>
    Math.max(0, Math.min(length, Math.round(((px - PAD.left) / plotWidth) * length)));
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

  // Model tracks.
  models.forEach((model, row) => {
    const y = tracksTop + row * TRACK_HEIGHT;
    const name = el(
      'text',
      { x: PAD.left - 6, y: y + TRACK_HEIGHT - 4, 'text-anchor': 'end', class: 'track-name' },
      svg,
    );
    name.textContent = model.model.length > 14 ? `${model.model.slice(0, 13)}…` : model.model;
    el('title', {}, name).textContent = model.model;
    el(
      'rect',
      { x: PAD.left, y: y + 2, width: plotWidth, height: TRACK_HEIGHT - 4, class: 'track-bg' },
      svg,
    );
    for (const [s, e] of model.intervals ?? []) {
      el(
        'rect',
        {
          x: xOf(s),
          y: y + 2,
          width: Math.max(2, xOf(e) - xOf(s)),
          height: TRACK_HEIGHT - 4,
          class: 'model-bar',
        },
        svg,
      );
      el(
        'rect',
        {
          x: xOf(s),
          y: panelsTop,
          width: Math.max(1, xOf(e) - xOf(s)),
          height: channelCount * panelHeight,
          class: 'model-band',
        },
        svg,
      );
    }
  });

  // Channel panels.
  series.channels.forEach((channel, c) => {
    const top = panelsTop + c * panelHeight;
    const values = series.values[c] ?? [];
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values)
      if (v !== null && !Number.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    if (lo === Infinity) {
      lo = 0;
      hi = 1;
    }
    if (lo === hi) {
      lo -= 1;
      hi += 1;
    }
    const yOf = (v) => top + 6 + (1 - (v - lo) / (hi - lo)) * (panelHeight - 12);
    el(
      'rect',
      { x: PAD.left, y: top, width: plotWidth, height: panelHeight - 2, class: 'panel-bg' },
      svg,
    );
    el('path', { d: pathFor(values, xOf, yOf, plotWidth), class: 'series-line' }, svg);
    const label = el(
      'text',
      { x: PAD.left - 6, y: top + panelHeight / 2, 'text-anchor': 'end', class: 'channel-name' },
      svg,
    );
    label.textContent = channel.length > 14 ? `${channel.slice(0, 13)}…` : channel;
    el('title', {}, label).textContent = `${channel}: ${lo.toPrecision(3)} … ${hi.toPrecision(3)}`;
  });

  // X axis.
  const axisY = panelsTop + channelCount * panelHeight;
  const step = niceStep(length / 8);
  for (let t = 0; t <= length; t += step) {
    el('line', { x1: xOf(t), x2: xOf(t), y1: axisY, y2: axisY + 4, class: 'tick' }, svg);
    el(
      'text',
      { x: xOf(t), y: axisY + 16, 'text-anchor': 'middle', class: 'tick-label' },
      svg,
    ).textContent = String(t);
  }

  // Label bands with edge handles, and the drag layer.
  let intervals = mergeIntervals(labelIntervals ?? []);
  const bandLayer = el('g', { class: 'bands' }, svg);
  const overlay = el(
    'rect',
    {
      x: PAD.left,
      y: panelsTop,
      width: plotWidth,
      height: channelCount * panelHeight,
      class: editable ? 'drag-layer' : 'drag-layer disabled',
      'data-testid': 'plot-area',
    },
    svg,
  );
  const drawBands = (preview) => {
    bandLayer.textContent = '';
    const shown = preview ?? intervals;
    shown.forEach(([s, e], index) => {
      const g = el('g', { class: 'label-band', 'data-index': index }, bandLayer);
      el(
        'rect',
        {
          x: xOf(s),
          y: panelsTop,
          width: Math.max(2, xOf(e) - xOf(s)),
          height: channelCount * panelHeight,
          class: 'label-fill',
        },
        g,
      );
      for (const side of ['start', 'end']) {
        const x = xOf(side === 'start' ? s : e);
        el('line', { x1: x, x2: x, y1: panelsTop, y2: axisY, class: 'label-edge' }, g);
        if (editable)
          el(
            'rect',
            {
              x: x - 5,
              y: panelsTop,
              width: 10,
              height: channelCount * panelHeight,
              class: 'edge-handle',
              'data-side': side,
              'data-index': index,
            },
            g,
          );
      }
    });
    // The drag layer sits under the handles but over the lines, so empty space starts a new
    // interval.
    svg.insertBefore(overlay, bandLayer);
  };
  drawBands();
  if (!editable) return;

  let drag = null;
  const pointX = (event) => {
    const box = svg.getBoundingClientRect();
    return ((event.clientX - box.left) / box.width) * widthPx;
  };
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const target = event.target;
    if (target.classList?.contains('edge-handle')) {
      drag = { kind: 'edge', index: Number(target.dataset.index), side: target.dataset.side };
    } else if (
      target === overlay ||
      target.classList?.contains('label-fill') ||
      target.classList?.contains('model-band')
    ) {
      drag = { kind: 'create', from: indexOf(pointX(event)) };
    } else return;
    container.dataset.dragging = 'true';
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  const previewFor = (event) => {
    const at = indexOf(pointX(event));
    if (drag.kind === 'create') {
      const [s, e] = drag.from <= at ? [drag.from, at] : [at, drag.from];
      return e > s ? [...intervals, [s, e]] : intervals;
    }
    return intervals.map(([s, e], index) => {
      if (index !== drag.index) return [s, e];
      return drag.side === 'start' ? [Math.min(at, e - 1), e] : [s, Math.max(at, s + 1)];
    });
  };
  svg.addEventListener('pointermove', (event) => {
    if (drag) drawBands(previewFor(event));
  });
  svg.addEventListener('pointerup', (event) => {
    if (!drag) return;
    const next = mergeIntervals(previewFor(event));
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

function niceStep(raw) {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return Math.max(1, m * power);
  return Math.max(1, 10 * power);
}
