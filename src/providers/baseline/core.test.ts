import { describe, expect, it } from 'vitest';
import { coreOf, reportCore } from './core.js';
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

  it('is off at share 0, and other categories pass unchanged', () => {
    expect(coreOf(stretch(0, 40), burst(), { ...options, stretchCoreShare: 0 })).toBeNull();
    const shape = { ...stretch(0, 40), category: 'Pattern Change Anomaly' as const };
    expect(reportCore(shape, burst(), options)).toBe(shape);
  });

  it('reports the core and names it after the whole excursion', () => {
    const reported = reportCore(stretch(0, 40), burst(), options);
    expect([reported.start, reported.end]).toEqual([19, 22]);
    expect(reported.explanation).toBe(
      'x=… deviates. Its core, around the peak, is x=19–21 (3 points).',
    );
  });
});
