/** A number to draw over a plot at data coordinate `x`. */
export interface MarkerInput {
  n: number;
  x: number;
}

/** A placed marker: its text (one number, or several merged), its x and its stagger row. */
export interface PlacedMarker {
  text: string;
  /** The anomaly numbers this marker stands for, ascending. */
  numbers: number[];
  x: number;
  /** 0 = top row; each further row sits one line lower. */
  row: number;
}

/** Options of {@link placeMarkers}. */
export interface PlaceMarkersOptions {
  /** Data range the plot's x axis spans. */
  domain: readonly [number, number];
  /** Width of the plot area in pixels (without axes and legend). */
  plotWidthPx: number;
  /** Stagger rows before markers merge. @default 3 */
  rows?: number;
  /** Pixels per character of the marker font (bold 11–12 px). @default 7.5 */
  charWidthPx?: number;
}

/**
 * Numbers as short text: consecutive runs joined by a dash.
 * @example numberRuns([3, 4, 5, 9]) // '3–5,9'
 */
export function numberRuns(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j += 1;
    runs.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  const text = runs.join(',');
  // A long list of scattered numbers would itself collide; the table lists them all.
  return runs.length > 2 ? `${sorted[0]}…${sorted[sorted.length - 1]}` : text;
}

/**
 * Lays numbered markers out so none overlaps another: left to right, each goes to the first
 * stagger row with room; when no row has room it merges into the nearest marker already placed
 * (its text becomes a run such as `12–15`). Pure; positions are estimated from the font size.
 */
export function placeMarkers(
  markers: readonly MarkerInput[],
  options: PlaceMarkersOptions,
): PlacedMarker[] {
  const [low, high] = options.domain;
  const span = high > low ? high - low : 1;
  const toPx = (x: number): number => ((x - low) / span) * options.plotWidthPx;
  const charPx = options.charWidthPx ?? 7.5;
  const rowCount = Math.max(1, options.rows ?? 3);
  const widthOf = (text: string): number => text.length * charPx + 6;
  const fromPx = (px: number): number => low + (px / options.plotWidthPx) * span;
  // Each placed marker keeps its left edge: a merged marker grows rightwards only, so it never
  // runs into its left neighbour (the markers to its right are placed after it).
  const lefts = new Map<PlacedMarker, number>();
  const rightEdge = (marker: PlacedMarker): number =>
    (lefts.get(marker) ?? 0) + widthOf(marker.text);
  const lastInRow: (PlacedMarker | undefined)[] = Array.from({ length: rowCount }, () => undefined);
  const placed: PlacedMarker[] = [];
  const sorted = [...markers].sort((a, b) => a.x - b.x || a.n - b.n);
  for (const marker of sorted) {
    const left = toPx(marker.x) - widthOf(String(marker.n)) / 2;
    const row = lastInRow.findIndex((last) => last === undefined || rightEdge(last) <= left);
    if (row !== -1) {
      const entry: PlacedMarker = { text: String(marker.n), numbers: [marker.n], x: marker.x, row };
      placed.push(entry);
      lefts.set(entry, left);
      lastInRow[row] = entry;
      continue;
    }
    // no room in any row: join the row's last marker that ends furthest left (the nearest free)
    const target = lastInRow
      .filter((last): last is PlacedMarker => last !== undefined)
      .reduce((best, last) => (rightEdge(last) < rightEdge(best) ? last : best));
    target.numbers.push(marker.n);
    target.numbers.sort((a, b) => a - b);
    target.text = numberRuns(target.numbers);
    target.x = fromPx((lefts.get(target) ?? 0) + widthOf(target.text) / 2);
  }
  return placed;
}
