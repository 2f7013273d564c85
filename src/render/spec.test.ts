import { describe, expect, it } from 'vitest';
import type { Series } from '../series/types.js';
import { gridShape } from './data.js';
import { renderSpec } from './index.js';
import { isObject, type JsonObject } from './templates.js';
import type { SeriesRow } from './types.js';

const series = (
  channels: number,
  length: number,
  f: (i: number, c: number) => number = (i) => i,
): Series => ({
  id: 's',
  channels: Array.from({ length: channels }, (_, c) => `ch${c}`),
  values: Array.from({ length: channels }, (_, c) =>
    Float64Array.from({ length }, (_, i) => f(i, c)),
  ),
});
const rowsOf = (spec: JsonObject): SeriesRow[] => {
  const datasets = spec.datasets;
  return isObject(datasets) && Array.isArray(datasets.series)
    ? (datasets.series as SeriesRow[])
    : [];
};
const firstLayer = (spec: JsonObject): JsonObject => {
  const owner = isObject(spec.spec) ? spec.spec : spec;
  const layer = Array.isArray(owner.layer) ? owner.layer : [];
  const found = layer.find(
    (l): l is JsonObject => isObject(l) && isObject(l.mark) && l.mark.type === 'line',
  );
  if (found === undefined) throw new Error('no line layer');
  return found;
};

describe('gridShape', () => {
  it.each([
    [1, 1, 1],
    [2, 1, 2],
    [3, 1, 3],
    [4, 2, 2],
    [5, 2, 3],
    [9, 3, 3],
    [10, 3, 4],
    [36, 6, 6],
  ])('%i channels → %i rows × %i cols', (n, rows, cols) => {
    expect(gridShape(n)).toEqual({ rows, cols });
  });
});

describe('renderSpec', () => {
  it('fills the line template: size, integer index axis, named dataset', () => {
    const spec = renderSpec(series(1, 400), { preset: 'line' });
    expect(spec.width).toBe(1000);
    expect(spec.height).toBe(150);
    expect(spec.data).toEqual({ name: 'series', format: { parse: null } });
    expect(rowsOf(spec)).toHaveLength(400);
    expect(rowsOf(spec)[7]).toEqual({ x: 7, y: 7, c: 'ch0' });
    const x = firstLayer(spec).encoding as JsonObject;
    expect((x.x as JsonObject).axis).toMatchObject({ format: 'd', tickMinStep: 1 });
    expect((x.stroke as JsonObject).legend).toBeNull();
  });

  it('gives several channels on a line chart a legend', () => {
    const encoding = firstLayer(renderSpec(series(3, 50), { preset: 'line' }))
      .encoding as JsonObject;
    expect((encoding.stroke as JsonObject).legend).toEqual({});
  });

  it('lays a grid out as rows × cols panels with one numbered row per panel', () => {
    const spec = renderSpec(series(5, 20), { preset: 'grid' });
    expect(spec.columns).toBe(3);
    const rows = rowsOf(spec);
    expect(rows.filter((r) => r.h === true).map((r) => r.p)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(rows.map((r) => r.p))).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('uses the VisualTimeAnomaly template for vta grids', () => {
    const spec = renderSpec(series(9, 20), { preset: 'grid', vta: true });
    expect(JSON.stringify(spec)).not.toContain('"text"');
    expect(JSON.stringify(spec)).toContain('"axis":null');
  });

  it('switches to a UTC time axis when asked', () => {
    const s: Series = { ...series(1, 3), timestamps: [0, 60_000, 120_000] };
    const spec = renderSpec(s, { preset: 'line', axis: 'time' });
    const x = (firstLayer(spec).encoding as JsonObject).x as JsonObject;
    expect(x.type).toBe('temporal');
    expect(x.scale).toMatchObject({ type: 'utc' });
    expect(rowsOf(spec).map((r) => r.x)).toEqual([0, 60_000, 120_000]);
  });

  it('marks isolated observations and writes missing values as null (irregular)', () => {
    const s = series(1, 7, (i) => [1, NaN, 3, NaN, 5, 6, NaN][i]!);
    const rows = rowsOf(renderSpec(s, { preset: 'irregular' }));
    expect(rows.map((r) => r.y)).toEqual([1, null, 3, null, 5, 6, null]);
    expect(rows.filter((r) => r.iso === true).map((r) => r.x)).toEqual([0, 2]);
  });

  it('shades half-open intervals over exactly their samples, clipped, candidates numbered from 1', () => {
    const spec = renderSpec(series(1, 10), {
      preset: 'overlay',
      intervals: {
        truth: [[2, 5]],
        predicted: [
          [0, 10],
          [8, 20],
          [12, 14],
        ],
        candidates: [
          [3, 4],
          [6, 8],
        ],
      },
    });
    const shaded = rowsOf(spec).filter((r) => r.kind !== undefined);
    expect(shaded).toEqual([
      { kind: 'truth', x: 1.5, x2: 4.5 },
      { kind: 'predicted', x: 0, x2: 9 },
      { kind: 'predicted', x: 7.5, x2: 9 },
      { kind: 'candidate', x: 2.5, x2: 3.5, n: 1 },
      { kind: 'candidate', x: 5.5, x2: 7.5, n: 2 },
    ]);
    // base layers ignore the overlay rows
    expect(firstLayer(spec).transform).toEqual([{ filter: 'datum.kind == null' }]);
  });

  it('repeats intervals in every grid panel and tints highlighted panels', () => {
    const rows = rowsOf(
      renderSpec(series(4, 10), {
        preset: 'overlay',
        base: 'grid',
        intervals: { truth: [[1, 2]] },
        channelsHighlighted: [2],
      }),
    );
    expect(rows.filter((r) => r.kind === 'truth').map((r) => r.p)).toEqual([0, 1, 2, 3]);
    expect(rows.filter((r) => r.kind === 'highlight').map((r) => r.p)).toEqual([2]);
  });

  it('downsamples long series in original index space, keeping the spike', () => {
    const s = series(1, 100_000, (i) => (i === 61_234 ? 50 : Math.sin(i / 100)));
    const rows = rowsOf(renderSpec(s, { preset: 'line' }));
    expect(rows.length).toBeLessThanOrEqual(950 * 4);
    expect(rows.find((r) => r.y === 50)?.x).toBe(61_234);
    expect(rows[rows.length - 1]!.x).toBe(99_999);
  });

  it.each([
    [{ preset: 'line', widthPx: 10 } as const, 'render.invalid_size'],
    [{ preset: 'line', heightPx: 150.5 } as const, 'render.invalid_size'],
    [{ preset: 'line', axis: 'time' } as const, 'render.no_timestamps'],
    [
      { preset: 'overlay', intervals: { truth: [[Number.NaN, 3]] } } as const,
      'render.invalid_interval',
    ],
  ])('rejects bad options %j', (options, code) => {
    expect(() => renderSpec(series(1, 10), options)).toThrow(expect.objectContaining({ code }));
  });

  it('rejects an empty series', () => {
    expect(() => renderSpec(series(1, 0), { preset: 'line' })).toThrow(
      expect.objectContaining({ code: 'render.empty_series' }),
    );
  });
});

describe('line joins', () => {
  it.each([
    ['400 points: round joins', 400, 'round'],
    ['10,000 points (min/max downsampled): bevel joins', 10_000, 'bevel'],
  ])('%s', (_name, length, join) => {
    const mark = firstLayer(renderSpec(series(1, length), { preset: 'line' })).mark;
    expect(isObject(mark) ? mark.strokeJoin : undefined).toBe(join);
  });
});
