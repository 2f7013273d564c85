import { describe, expect, it } from 'vitest';
import { minMaxIndices } from './downsample.js';

describe('minMaxIndices', () => {
  it('keeps everything at or below two points per bucket', () => {
    expect(minMaxIndices(new Float64Array(20), { buckets: 10 })).toBeUndefined();
  });

  it('keeps first, min, max and last per bucket in original order', () => {
    // 2 buckets of 5: [3, 9, 1, 4, 5] → first 0, max 1, min 2, last 4; [2, 2, 8, 0, 6] → 5, 7, 8, 9
    const values = Float64Array.from([3, 9, 1, 4, 5, 2, 2, 8, 0, 6]);
    expect(Array.from(minMaxIndices(values, { buckets: 2 })!)).toEqual([0, 1, 2, 4, 5, 7, 8, 9]);
  });

  it('keeps the first missing sample of a bucket so gaps stay visible', () => {
    const values = Float64Array.from([1, NaN, NaN, 3, 2, 5, 4, 1, 0, 7]);
    // bucket 0: first 0, min 0, max 3, first NaN 1, last 4; bucket 1: first 5, min 8, max 9, last 9
    expect(Array.from(minMaxIndices(values, { buckets: 2 })!)).toEqual([0, 1, 3, 4, 5, 8, 9]);
  });

  it('never drops a single-sample spike in a million points', () => {
    const values = new Float64Array(1_000_000);
    values[654_321] = 10;
    const kept = minMaxIndices(values, { buckets: 950 })!;
    expect(kept.length).toBeLessThanOrEqual(950 * 4);
    expect(Array.from(kept)).toContain(654_321);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(999_999);
  });
});
