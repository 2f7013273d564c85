// The mini-map under the plot: the whole series (every channel in a band of its own, as the plot's
// lanes, min/max per pixel), the label and
// model intervals faintly, and the visible window as a box. Dragging the box pans; pressing
// outside it centres the window there (and keeps dragging). Zooming with the wheel works here too.
import { minMaxPoints, pointsRange } from './downsample.js';
import { centerView, fullView, panView, pxAt, rowAt, zoomView } from './view.js';
import { svgEl as el, pathOf } from './svg.js';

const HEIGHT = 44;

/**
 * Draws the mini-map into `parent` for `{ series, length, left, width, labelIntervals, models,
 * view, onView(view) }`. Returns `{ setView(view) }` to move the window box without a redraw.
 */
export function renderMinimap(parent, options) {
  const { series, length, left, width, onView } = options;
  const total = left + width + 16;
  const svg = el('svg', {
    width: total,
    height: HEIGHT,
    viewBox: `0 0 ${total} ${HEIGHT}`,
    class: 'minimap',
    'data-testid': 'minimap',
    role: 'img',
    'aria-label': 'whole series; drag the box to pan',
  });
  parent.appendChild(svg);
  const area = { left, width };
  const whole = fullView(length);
  el('rect', { x: left, y: 1, width, height: HEIGHT - 2, class: 'minimap-bg' }, svg);
  for (const model of options.models)
    for (const [s, e] of model.intervals ?? []) shade(svg, s, e, 'minimap-model');
  for (const [s, e] of options.labelIntervals) shade(svg, s, e, 'minimap-label');
  // One band per channel, top to bottom as the plot's lanes, each scaled to its own range, so a
  // spike in any channel shows where to go (bands under a pixel still mark it).
  const channels = Math.max(1, series.values.length);
  const band = (HEIGHT - 8) / channels;
  series.values.forEach((values, lane) => {
    const points = minMaxPoints(values ?? [], { start: 0, end: length, columns: Math.ceil(width) });
    const range = pointsRange(points) ?? { lo: 0, hi: 1 };
    const span = range.hi - range.lo || 1;
    const yOf = (v) => 4 + band * (lane + 1 - (v - range.lo) / span);
    el(
      'path',
      {
        d: pathOf(points, (i) => pxAt(i + 0.5, whole, area), yOf),
        class: 'minimap-line',
        'data-lane': lane,
      },
      svg,
    );
  });
  const box = el('rect', { y: 1, height: HEIGHT - 2, class: 'minimap-window' }, svg);
  let view = options.view;
  const setView = (next) => {
    view = next;
    const x = pxAt(view.start, whole, area);
    box.setAttribute('x', String(x));
    box.setAttribute('width', String(Math.max(3, pxAt(view.end, whole, area) - x)));
  };
  setView(view);

  function shade(target, s, e, cls) {
    const x = pxAt(s, whole, area);
    el(
      'rect',
      { x, y: 1, width: Math.max(1, pxAt(e, whole, area) - x), height: HEIGHT - 2, class: cls },
      target,
    );
  }
  const rowOf = (event) => {
    const rect = svg.getBoundingClientRect();
    return rowAt(((event.clientX - rect.left) / rect.width) * total, whole, area);
  };
  let grab = null;
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const row = rowOf(event);
    const span = view.end - view.start;
    if (row < view.start || row > view.end) onView(centerView(row, span, length));
    grab = { row, view: row < view.start || row > view.end ? centerView(row, span, length) : view };
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  svg.addEventListener('pointermove', (event) => {
    if (grab === null) return;
    onView(panView(grab.view, rowOf(event) - grab.row, length));
  });
  const release = () => {
    grab = null;
  };
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);
  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const factor = Math.exp(event.deltaY * (event.ctrlKey ? 0.01 : 0.002));
      onView(zoomView(view, { anchor: rowOf(event), factor, length }));
    },
    { passive: false },
  );
  return { setView };
}
