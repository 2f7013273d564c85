import { describe, it, expect } from 'vitest';
import { splitLines, strokePath, type StrokedPath } from './lines.js';

const svg =
  '<svg width="20" height="10"><rect width="20" height="10" fill="white"/>' +
  '<g transform="translate(5,2)"><g><line x2="3" stroke="#000"/></g>' +
  '<g class="mark-line role-mark"><path d="M0,1L4,1M6,2L7,3" stroke="steelblue" stroke-width="1.25" stroke-linejoin="round"/></g>' +
  '</g><g class="mark-line role-mark"><path d="M1,1L2,2" stroke="#f00" stroke-opacity="0.5"/></g></svg>';

describe('splitLines', () => {
  it('takes the line paths out with absolute coordinates and empties their data', () => {
    const split = splitLines(svg)!;
    expect(split.background).toBe(svg.replace('M0,1L4,1M6,2L7,3', '').replace('M1,1L2,2', ''));
    expect(split.paths.map((path) => path.subpaths.map((flat) => Array.from(flat)))).toEqual([
      [
        [5, 3, 9, 3],
        [11, 4, 12, 5],
      ],
      [[1, 1, 2, 2]],
    ]);
    expect(split.paths.map(({ rgb, widthPx, opacity }) => [rgb, widthPx, opacity])).toEqual([
      [[70, 130, 180], 1.25, 1],
      [[255, 0, 0], 1, 0.5],
    ]);
  });

  it('an empty self-closing mark group does not shift the groups after it', () => {
    const withEmpty =
      '<svg><g transform="translate(5,0)"><g class="mark-rect role-mark"/></g>' +
      '<g transform="translate(0,7)"><g class="mark-line role-mark">' +
      '<path d="M1,1L2,2" stroke="#000"/></g></g></svg>';
    const split = splitLines(withEmpty)!;
    expect(split.paths.map((path) => Array.from(path.subpaths[0]!))).toEqual([[1, 8, 2, 9]]);
  });

  it.each([
    ['a dashed stroke', svg.replace('stroke-linejoin="round"', 'stroke-dasharray="2,2"')],
    ['a curve command', svg.replace('M0,1L4,1', 'M0,1C1,1,2,2,4,1')],
    ['a scaled group', svg.replace('translate(5,2)', 'scale(2)')],
    ['an unknown colour name', svg.replace('steelblue', 'papayawhip')],
    [
      'a clipped group',
      svg.replace(
        '<g class="mark-line role-mark">',
        '<g class="mark-line role-mark" clip-path="url(#c)">',
      ),
    ],
  ])('leaves the SVG to librsvg for %s', (_, text) => {
    expect(splitLines(text)).toBeUndefined();
  });
});

function white(widthPx: number, heightPx: number): Uint8Array {
  return new Uint8Array(widthPx * heightPx * 3).fill(255);
}

describe('strokePath', () => {
  const blue: Omit<StrokedPath, 'subpaths'> = { rgb: [70, 130, 180], widthPx: 1.25, opacity: 1 };

  it('draws a horizontal 1.25 px stroke as one solid row with 1/8 coverage above and below', () => {
    const pixels = white(10, 7);
    strokePath(pixels, 10, 7, { ...blue, subpaths: [Float64Array.of(2, 3.5, 7, 3.5)] });
    const column = (x: number): number[] =>
      Array.from({ length: 7 }, (_, y) => pixels[(y * 10 + x) * 3]!);
    // centre row: distance 0 → full colour; rows 2 and 4: distance 1 → coverage 0.125 → 255 − 185/8
    // ≈ 232
    expect(column(4)).toEqual([255, 255, 232, 70, 232, 255, 255]);
    // round cap: pixel centre (1.5, 3.5) is 0.5 from the end point → coverage 0.625 → 255 −
    // 185·0.625 ≈ 139
    expect(pixels[(3 * 10 + 1) * 3]).toBe(139);
    expect(pixels[(3 * 10 + 0) * 3]).toBe(255);
  });

  it('inks overlapping segments of one subpath once (a joint is no darker than the line)', () => {
    const pixels = white(10, 10);
    strokePath(pixels, 10, 10, {
      ...blue,
      subpaths: [Float64Array.of(1.5, 5.5, 5.5, 5.5, 8.5, 5.5)],
    });
    const row = Array.from({ length: 10 }, (_, x) => pixels[(5 * 10 + x) * 3 + 1]!);
    // ends: pixel centres 1 px beyond the end points → coverage 0.125 → 255 − 125/8 ≈ 239
    expect(row).toEqual([239, 130, 130, 130, 130, 130, 130, 130, 130, 239]);
  });

  it('blends with the stroke opacity and clips at the image edge', () => {
    const pixels = white(4, 3);
    strokePath(pixels, 4, 3, {
      rgb: [255, 0, 0],
      widthPx: 1,
      opacity: 0.5,
      subpaths: [Float64Array.of(-5, 1.5, 9, 1.5)],
    });
    // coverage 1 on row 1 at half opacity: green and blue 255 → 127.5 → 128
    expect(Array.from(pixels.subarray(12, 24))).toEqual([
      255, 128, 128, 255, 128, 128, 255, 128, 128, 255, 128, 128,
    ]);
    expect(Array.from(pixels.subarray(0, 12))).toEqual(new Array<number>(12).fill(255));
  });
});
