import { describe, expect, it } from 'vitest';
import { createProvider } from '../providers/registry.js';
import { detect } from './detect.js';
import type { Anomaly } from '../schema/answer.js';
import {
  detectWindowed,
  mergeWindowAnomalies,
  sliceSeries,
  unionIntervals,
  windowRanges,
} from './windows.js';
import type { Series } from '../series/types.js';

describe('rolling windows', () => {
  it.each([
    [10, { window: 20 }, [[0, 10]]],
    [
      10,
      { window: 4 },
      [
        [0, 4],
        [2, 6],
        [4, 8],
        [6, 10],
      ],
    ],
    [
      11,
      { window: 4, stride: 4 },
      [
        [0, 4],
        [4, 8],
        [7, 11],
      ],
    ],
  ])('covers %i rows with %o', (length, options, ranges) => {
    expect(windowRanges(length, options)).toEqual(ranges);
  });

  it('joins intervals that overlap or touch across window edges', () => {
    expect(
      unionIntervals([
        [8, 10],
        [0, 2],
        [10, 12],
        [1, 3],
      ]),
    ).toEqual([
      [0, 3],
      [8, 12],
    ]);
  });

  it('keeps real timestamps in a slice', () => {
    const part = sliceSeries(
      { id: 's', channels: ['v'], values: [Float64Array.of(1, 2, 3)], timestamps: [10, 20, 30] },
      [1, 3],
    );
    expect(part.timestamps).toEqual([20, 30]);
    expect(Array.from(part.values[0] ?? [])).toEqual([2, 3]);
  });

  it('maps the baseline answers of each window back to whole-series rows', async () => {
    const values = Float64Array.from(
      { length: 600 },
      (_, i) => Math.sin(i / 5) + (i >= 450 && i < 455 ? 12 : 0),
    );
    const series: Series = { id: 'long', channels: ['v'], values: [values] };
    const provider = createProvider('baseline');
    const sizes: number[] = [];
    const result = await detectWindowed(series, { window: 200 }, (part) => {
      sizes.push(part.values[0]?.length ?? 0);
      return detect(part, { provider, task: 'range', modality: 'text' });
    });
    expect(sizes).toEqual([200, 200, 200, 200, 200]);
    expect(result.intervals.some(([start, end]) => start <= 452 && end >= 453)).toBe(true);
    expect(result.warnings[0]).toBe('sent as 5 windows of 200 points');
  });

  const anomaly = (start: number, end: number, confidence: number | null): Anomaly => ({
    start,
    end,
    channels: null,
    category: 'Point Anomaly',
    severity: null,
    confidence,
    explanation: `${start}-${end}`,
    candidate: null,
  });

  it.each([
    {
      name: 'two windows saw the same anomaly: one anomaly, highest confidence',
      anomalies: [anomaly(100, 104, 0.4), anomaly(101, 105, 0.9)],
      intervals: [[100, 106]] as [number, number][],
      expected: [{ start: 100, end: 105, confidence: 0.9, explanation: '101-105' }],
    },
    {
      name: 'an anomaly cut by a window edge is joined',
      anomalies: [anomaly(90, 99, 0.7), anomaly(100, 110, null)],
      intervals: [[90, 111]] as [number, number][],
      expected: [{ start: 90, end: 110, confidence: 0.7, explanation: '90-99' }],
    },
    {
      name: 'no confidence stated stays null',
      anomalies: [anomaly(5, 6, null), anomaly(6, 8, null)],
      intervals: [[5, 9]] as [number, number][],
      expected: [{ start: 5, end: 8, confidence: null }],
    },
    {
      name: 'separate anomalies stay separate',
      anomalies: [anomaly(50, 50, 0.2), anomaly(10, 12, 0.3)],
      intervals: [
        [10, 13],
        [50, 51],
      ] as [number, number][],
      expected: [
        { start: 10, end: 12, confidence: 0.3 },
        { start: 50, end: 50, confidence: 0.2 },
      ],
    },
  ])('merges window anomalies: $name', ({ anomalies, intervals, expected }) => {
    const merged = mergeWindowAnomalies(anomalies, intervals);
    expect(merged).toHaveLength(expected.length);
    expected.forEach((want, index) => expect(merged[index]).toMatchObject(want));
  });

  it('answers of overlapping windows come back as one interval and one anomaly per event', async () => {
    const values = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i / 7));
    const timestamps = Array.from({ length: 400 }, (_, i) => i * 1000);
    const series: Series = { id: 'long', channels: ['v'], values: [values], timestamps };
    const provider = createProvider('baseline');
    // Each window "sees" the event at whole-series rows 190–209 in its own coordinates, with a
    // confidence that grows with the window's start: windows [100,300) and [200,400) overlap it.
    const result = await detectWindowed(series, { window: 200 }, async (part) => {
      const real = await detect(part, { provider, task: 'range', modality: 'text' });
      // A window keeps its real timestamps, so its first one tells where it starts.
      const offset = (part.timestamps?.[0] ?? 0) / 1000;
      const from = Math.max(0, 190 - offset);
      const to = Math.min(199, 209 - offset);
      if (from > to) return { ...real, intervals: [], answer: { ...real.answer, anomalies: [] } };
      return {
        ...real,
        intervals: [[from, to + 1]],
        answer: {
          anomalous: true,
          anomalies: [anomaly(from, to, offset / 1000)],
          summary: '',
        },
      };
    });
    expect(result.intervals).toEqual([[190, 210]]);
    expect(result.answer.anomalies).toHaveLength(1);
    expect(result.answer.anomalies[0]).toMatchObject({ start: 190, end: 209, confidence: 0.2 });
  });
});
