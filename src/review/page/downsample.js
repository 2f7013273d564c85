// Min/max downsampling of the VISIBLE rows: each pixel column keeps its lowest and highest value
// (in row order), so spikes survive at any zoom and a 200k-point series draws a few thousand
// points. When the view holds fewer rows than twice the columns, every row is kept. Pure; tested.

/**
 * Points to draw for `values[first .. last)` split into `columns` pixel columns: an array of
 * `[row, value]`, with `null` entries where missing values (null/NaN) break the line. One row
 * beyond each end is kept so the line runs to the plot's edges.
 */
export function minMaxPoints(values, { start, end, columns }) {
  const n = values.length;
  const first = Math.max(0, Math.floor(start) - 1);
  const last = Math.min(n, Math.ceil(end) + 1);
  const out = [];
  const push = (point) => {
    if (point === null) {
      if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
    } else out.push(point);
  };
  const rows = last - first;
  if (rows <= 0) return out;
  if (rows <= columns * 2) {
    for (let i = first; i < last; i += 1) {
      const v = values[i];
      push(v === null || v === undefined || Number.isNaN(v) ? null : [i, v]);
    }
    return out;
  }
  const perColumn = rows / columns;
  for (let c = 0; c < columns; c += 1) {
    const from = first + Math.floor(c * perColumn);
    const to = Math.min(last, first + Math.floor((c + 1) * perColumn));
    let lo = Infinity;
    let hi = -Infinity;
    let loAt = -1;
    let hiAt = -1;
    let gap = false;
    for (let i = from; i < to; i += 1) {
      const v = values[i];
      if (v === null || v === undefined || Number.isNaN(v)) {
        gap = true;
        continue;
      }
      if (v < lo) {
        lo = v;
        loAt = i;
      }
      if (v > hi) {
        hi = v;
        hiAt = i;
      }
    }
    if (loAt === -1) {
      push(null);
      continue;
    }
    if (gap && out.length > 0) push(null);
    if (loAt === hiAt) push([loAt, lo]);
    else if (loAt < hiAt) {
      push([loAt, lo]);
      push([hiAt, hi]);
    } else {
      push([hiAt, hi]);
      push([loAt, lo]);
    }
  }
  return out;
}

/** Lowest and highest value among points (as `minMaxPoints` returns), or null when none. */
export function pointsRange(points) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p === null) continue;
    if (p[1] < lo) lo = p[1];
    if (p[1] > hi) hi = p[1];
  }
  return lo === Infinity ? null : { lo, hi };
}
