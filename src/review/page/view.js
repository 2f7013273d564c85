// Pure coordinate maths of the plot: the visible window of rows (the "view"), zooming about a
// point, panning, and the mapping between screen x and row index. A view is { start, end } in
// fractional row units over [0, length]; row i covers [i, i + 1). No DOM here: unit-tested.

/** Fewest rows a view may show (zooming further would only magnify one point). */
export const MIN_SPAN = 8;

/** The view showing the whole series. */
export function fullView(length) {
  return { start: 0, end: Math.max(0, length) };
}

/** The view moved and shrunk as needed to lie in [0, length] and show at least `minSpan` rows. */
export function clampView(view, length, minSpan = MIN_SPAN) {
  if (length <= 0) return { start: 0, end: 0 };
  let span = Math.min(length, Math.max(Math.min(minSpan, length), view.end - view.start));
  if (!Number.isFinite(span)) span = length;
  let start = Number.isFinite(view.start) ? view.start : 0;
  start = Math.max(0, Math.min(length - span, start));
  return { start, end: start + span };
}

/**
 * Zooms by `factor` (< 1 zooms in) keeping row position `anchor` at the same place on screen,
 * as a map does under the cursor.
 */
export function zoomView(view, { anchor, factor, length, minSpan = MIN_SPAN }) {
  const span = view.end - view.start;
  const nextSpan = Math.max(Math.min(minSpan, length), Math.min(length, span * factor));
  const at = Math.max(view.start, Math.min(view.end, anchor));
  const fraction = span > 0 ? (at - view.start) / span : 0.5;
  const start = at - fraction * nextSpan;
  return clampView({ start, end: start + nextSpan }, length, minSpan);
}

/** Moves the view by `rows` (negative moves left), stopping at the ends. */
export function panView(view, rows, length) {
  return clampView({ start: view.start + rows, end: view.end + rows }, length, 0);
}

/** The view of `span` rows centred on row position `center`. */
export function centerView(center, span, length) {
  return clampView({ start: center - span / 2, end: center + span / 2 }, length, 0);
}

/** Fractional row position under screen x, for a plot area `{ left, width }` (pixels). */
export function rowAt(px, view, area) {
  return view.start + ((px - area.left) / area.width) * (view.end - view.start);
}

/** Screen x of row position `row` (row i's left edge is `pxAt(i)`). */
export function pxAt(row, view, area) {
  const span = view.end - view.start;
  return area.left + (span > 0 ? ((row - view.start) / span) * area.width : 0);
}

/** The nearest row boundary under screen x, inside [0, length] (for dragging an edge). */
export function boundaryAt(px, view, area, length) {
  return Math.max(0, Math.min(length, Math.round(rowAt(px, view, area))));
}

/** The row under screen x, inside [0, length - 1]. */
export function cellAt(px, view, area, length) {
  return Math.max(0, Math.min(length - 1, Math.floor(rowAt(px, view, area))));
}

/**
 * The half-open interval covering every row between two screen points, both rows included: a drag
 * from row 10 to row 12 labels [10, 13).
 */
export function cellsBetween(fromPx, toPx, view, area, length) {
  const a = cellAt(fromPx, view, area, length);
  const b = cellAt(toPx, view, area, length);
  return [Math.min(a, b), Math.max(a, b) + 1];
}

/** About `count` round values covering [lo, hi] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  // Nearest of 1, 2, 5, 10 × power on a log scale (as d3's ticks), so the count stays near `count`.
  const err = raw / power;
  const step =
    power * (err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.SQRT2 ? 2 : 1);
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

/** Integer row ticks for the x axis of a view (row labels are whole rows). */
export function rowTicks(view, count = 8) {
  return niceTicks(view.start, view.end, count).filter((t) => Number.isInteger(t));
}

/** Short text for a tick value: few digits, no float noise. */
export function formatValue(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A timestamp (ms since 1970, UTC) as `YYYY-MM-DD hh:mm[:ss]`. */
export function formatTime(ms) {
  if (!Number.isFinite(ms)) return '';
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}`;
}

/**
 * The view after a two-finger pinch that started with the fingers at screen x `from` ([a, b]) in
 * view `start` and is now at `to`: the row under the fingers' midpoint stays under it, and the
 * span scales with their distance.
 */
export function pinchView(start, { from, to, area, length, minSpan = MIN_SPAN }) {
  const span0 = start.end - start.start;
  const d0 = Math.max(1, Math.abs(from[1] - from[0]));
  const d1 = Math.max(1, Math.abs(to[1] - to[0]));
  const anchor = rowAt((from[0] + from[1]) / 2, start, area);
  const span = Math.max(Math.min(minSpan, length), Math.min(length, (span0 * d0) / d1));
  const mid = (to[0] + to[1]) / 2;
  const begin = anchor - ((mid - area.left) / area.width) * span;
  return clampView({ start: begin, end: begin + span }, length, minSpan);
}
