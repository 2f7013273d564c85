import { describe, expect, it } from 'vitest';
import { numberRuns, placeMarkers, type PlacedMarker } from './markers.js';

/** Pixel extent of a placed marker, as placeMarkers estimates it. */
function extent(marker: PlacedMarker, scale: number): [number, number] {
  const width = marker.text.length * 7.5 + 6;
  return [marker.x * scale - width / 2, marker.x * scale + width / 2];
}

describe('numberRuns', () => {
  it.each([
    [[3], '3'],
    [[3, 4, 5, 9], '3–5,9'],
    [[1, 4], '1,4'],
    [[1, 3, 5, 7], '1…7'],
  ])('%j → %s', (numbers, text) => {
    expect(numberRuns(numbers)).toBe(text);
  });
});

describe('placeMarkers', () => {
  it('keeps markers far apart on the top row', () => {
    const placed = placeMarkers(
      [
        { n: 1, x: 10 },
        { n: 2, x: 500 },
      ],
      { domain: [0, 1000], plotWidthPx: 1000 },
    );
    expect(placed.map((marker) => [marker.text, marker.row])).toEqual([
      ['1', 0],
      ['2', 0],
    ]);
  });

  it('staggers close markers, then merges, and no two markers in a row overlap', () => {
    // 50 anomalies packed into 300 px: they cannot all stand alone
    const markers = Array.from({ length: 50 }, (_, i) => ({ n: i + 1, x: 100 + 6 * i }));
    const placed = placeMarkers(markers, { domain: [0, 1000], plotWidthPx: 1000 });
    expect(new Set(placed.map((marker) => marker.row))).toEqual(new Set([0, 1, 2]));
    expect(placed.length).toBeLessThan(50);
    // every anomaly is shown exactly once
    expect(placed.flatMap((marker) => marker.numbers).sort((a, b) => a - b)).toEqual(
      markers.map((marker) => marker.n),
    );
    for (const row of [0, 1, 2]) {
      const inRow = placed.filter((marker) => marker.row === row).sort((a, b) => a.x - b.x);
      for (let i = 1; i < inRow.length; i += 1) {
        const [previous, current] = [inRow[i - 1], inRow[i]];
        if (previous === undefined || current === undefined) continue;
        expect(extent(current, 1)[0]).toBeGreaterThanOrEqual(extent(previous, 1)[1] - 1e-9);
      }
    }
  });

  it('orders by x, not by number', () => {
    const placed = placeMarkers(
      [
        { n: 2, x: 100 },
        { n: 1, x: 900 },
      ],
      { domain: [0, 1000], plotWidthPx: 500 },
    );
    expect(placed.map((marker) => marker.text)).toEqual(['2', '1']);
  });
});
