// Windowing of a long list (the queue): which rows to put in the DOM for a scroll position, and
// the blank space above and below that keeps the scrollbar true. Pure; tested.

/**
 * Rows `[first, last)` to render for a list of `count` rows of `rowHeight` px scrolled to
 * `scrollTop` in a viewport `viewport` px high, with `overscan` extra rows either side; `top` and
 * `bottom` are the heights of the spacers before and after them.
 */
export function listWindow({ count, rowHeight, scrollTop, viewport, overscan = 10 }) {
  if (count <= 0 || rowHeight <= 0) return { first: 0, last: 0, top: 0, bottom: 0 };
  const maxTop = Math.max(0, count * rowHeight - viewport);
  const top = Math.max(0, Math.min(maxTop, scrollTop));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + Math.max(0, viewport)) / rowHeight) + overscan);
  return { first, last, top: first * rowHeight, bottom: (count - last) * rowHeight };
}

/**
 * The scrollTop that brings row `index` into view (unchanged when it is visible already), like
 * `scrollIntoView({ block: 'nearest' })` for a row that may not be in the DOM.
 */
export function scrollToShow({ index, rowHeight, scrollTop, viewport }) {
  const rowTop = index * rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowTop + rowHeight > scrollTop + viewport) return rowTop + rowHeight - viewport;
  return scrollTop;
}
