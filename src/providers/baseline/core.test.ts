import { describe, expect, it } from 'vitest';
import { coreOf, evidenceCore, reportCore } from './core.js';
import type { BaselineAnomaly } from './describe.js';
import { defaultBaselineOptions } from './options.js';

// Share 0.8, window of 5 rows, gaps of up to 3 rows bridged, z clipped at 12.
const options = defaultBaselineOptions;

const stretch = (start: number, end: number): BaselineAnomaly => ({
  start,
  end,
  channels: null,
  category: 'Continuous Segment Anomaly',
  severity: 'high',
  confidence: 0.9,
  explanation: 'x=… deviates.',
  score: 12,
  kind: 'segment',
});

/** z of `base` on [0, length) except the given rows. */
function zWith(length: number, rows: Record<number, number>, base = 0): Float64Array {
  const z = new Float64Array(length).fill(base);
  for (const [row, value] of Object.entries(rows)) z[Number(row)] = value;
  return z;
}

/** A burst: z 3 over 40 rows, 12 on rows 18–22. */
const burst = (): Float64Array => zWith(40, { 18: 12, 19: 12, 20: 12, 21: 12, 22: 12 }, 3);

describe('coreOf', () => {
  it('keeps the rows around a burst peak whose windowed RMS reaches 0.8 × the highest', () => {
    // Windowed RMS: 12 on rows 20, 10.8 on 19 and 21, 9.5 on 18 and 22 (< 9.6).
    expect(coreOf(stretch(0, 40), burst(), options)).toEqual({ start: 19, end: 22 });
  });

  it('leaves a noisy shifted level whole', () => {
    const level = Float64Array.from({ length: 20 }, (_, t) => (t % 2 === 0 ? -6.5 : -9.5));
    expect(coreOf(stretch(5, 15), level, options)).toBeNull();
  });

  it('bridges gaps of up to mergeGapPoints rows between bumps, not longer ones', () => {
    const far = zWith(30, { 8: 10, 9: 10, 18: 11, 19: 11 });
    expect(coreOf(stretch(0, 30), far, options)).toEqual({ start: 17, end: 21 });
    const close = zWith(30, { 12: 10, 13: 10, 18: 11, 19: 11 });
    expect(coreOf(stretch(0, 30), close, options)).toEqual({ start: 11, end: 21 });
  });

  it('is off at share 0; a short pattern change and other categories pass unchanged', () => {
    expect(coreOf(stretch(0, 40), burst(), { ...options, stretchCoreShare: 0 })).toBeNull();
    const short = { ...stretch(10, 29), category: 'Pattern Change Anomaly' as const };
    expect(reportCore(short, burst(), options)).toBe(short);
    const spread = { ...stretch(0, 40), category: 'Distributional Change Anomaly' as const };
    expect(reportCore(spread, burst(), options)).toBe(spread);
  });

  it('cores a pattern change of at least stretchCorePatternMinPoints rows', () => {
    const shape = { ...stretch(0, 40), category: 'Pattern Change Anomaly' as const };
    const reported = reportCore(shape, burst(), options);
    expect([reported.start, reported.end]).toEqual([19, 22]);
  });

  it('reports the core and names it after the whole excursion', () => {
    const reported = reportCore(stretch(0, 40), burst(), options);
    expect([reported.start, reported.end]).toEqual([19, 22]);
    expect(reported.explanation).toBe(
      'x=… deviates. Its core, around the peak, is x=19–21 (3 points).',
    );
  });
});

describe('evidenceCore', () => {
  it('keeps the run around the peak of rows reaching the bar, gaps of mergeGapPoints bridged', () => {
    // Rows 10–12 reach 6, row 16 after a 3-row gap, row 24 after a longer one.
    const z = zWith(30, { 10: 7, 11: 9, 12: 6, 16: 6.5, 24: 8 }, 2);
    expect(evidenceCore({ start: 0, end: 30 }, z, 6, 3)).toEqual({ start: 10, end: 17 });
    expect(evidenceCore({ start: 0, end: 30 }, z, 6, 2)).toEqual({ start: 10, end: 13 });
  });

  it('is null when the peak misses the bar or every row reaches it', () => {
    expect(evidenceCore({ start: 0, end: 30 }, zWith(30, { 5: 5 }, 1), 6, 3)).toBeNull();
    expect(evidenceCore({ start: 0, end: 10 }, zWith(10, {}, -7), 6, 3)).toBeNull();
  });
});

describe('reportCore with the alarm standing', () => {
  it('cuts a burst core to the rows carrying half its row bar', () => {
    // Smoothed core 19–21 as above (z clipped at 12 there). Raw |z|: 30 on row 20, 12 beside.
    // Row bar 40 (share 0.5: rows reaching 20) keeps row 20; row bar 20 keeps the whole core.
    const z = burst();
    z[20] = 30;
    const reported = reportCore(stretch(0, 40), z, options, { rowBar: 40, repeat: false });
    expect([reported.start, reported.end]).toEqual([20, 21]);
    expect(reported.explanation).toBe('x=… deviates. Its core, around the peak, is x=20.');
    const loose = reportCore(stretch(0, 40), z, options, { rowBar: 20, repeat: false });
    expect([loose.start, loose.end]).toEqual([19, 22]);
  });

  it('leaves a shifted level whole whatever its row bar', () => {
    const level = Float64Array.from({ length: 20 }, (_, t) => (t % 2 === 0 ? -6.5 : -9.5));
    const shifted = stretch(5, 15);
    expect(reportCore(shifted, level, options, { rowBar: 15, repeat: false })).toBe(shifted);
  });

  it('reports a trend change or flat run repeating a stronger episode at its largest |z|', () => {
    const z = zWith(60, { 33: -5, 40: 2 }, 1);
    const trend = {
      ...stretch(20, 50),
      kind: 'trend' as const,
      category: 'Trend Change Anomaly' as const,
    };
    const repeat = reportCore(trend, z, options, { rowBar: null, repeat: true });
    expect([repeat.start, repeat.end]).toEqual([33, 34]);
    expect(repeat.explanation).toContain('episode of a stronger alarm');
    expect(reportCore(trend, z, options, { rowBar: null, repeat: false })).toBe(trend);
    const wide = reportCore(
      trend,
      z,
      { ...options, repeatReportedPoints: 5 },
      {
        rowBar: null,
        repeat: true,
      },
    );
    expect([wide.start, wide.end]).toEqual([31, 36]);
    const flat = {
      ...trend,
      kind: 'flatline' as const,
      category: 'Sudden Flatline Anomaly' as const,
    };
    const off = { ...options, repeatReportedPoints: 0 };
    expect(reportCore(flat, z, off, { rowBar: null, repeat: true })).toBe(flat);
  });
});
