import { describe, expect, it } from 'vitest';
import { twoSidedQuantile } from './alarms.js';
import { detectAnomalies } from './detector.js';
import { episodeEvidence } from './episodes.js';
import { flatRuns, zForLogTail } from './flatline.js';
import { defaultBaselineOptions, resolveBaselineOptions } from './options.js';
import { standardNormals } from '../../testing/seeded-noise.js';

const options = defaultBaselineOptions;

describe('one episode, one headline', () => {
  it('ranks an alarm beside a stronger one by part of its evidence, a distinct one by all', () => {
    const entries = [
      { start: 1000, end: 1001, z: 20 },
      // 200 rows after the strongest: within 3 % of 10,000 rows, a repeat of its episode.
      { start: 1200, end: 1210, z: 12 },
      // Far from both: its own episode.
      { start: 6000, end: 6001, z: 10 },
    ];
    const ranked = episodeEvidence(entries, { points: 10_000, minGap: 10 }, options);
    expect(ranked).toEqual([20, 0.7 * 12, 10]);
    // The distinct episode now ranks above the repeat, though its raw evidence is lower.
    expect(ranked[2]).toBeGreaterThan(ranked[1] as number);
    const off = resolveBaselineOptions({ alarmRepeatWeight: 1 });
    expect(episodeEvidence(entries, { points: 10_000, minGap: 10 }, off)).toEqual([20, 12, 10]);
  });

  it('lists a distinct spike above the aftershock of a stronger one', () => {
    const values = standardNormals(11, 6000);
    values[1000] = 30;
    values[1060] = 16;
    values[4000] = 14;
    const found = detectAnomalies({ id: 's', channels: ['value'], values: [values] }).anomalies;
    const ranked = [...found].sort((a, b) => b.confidence - a.confidence);
    expect(ranked.slice(0, 3).map((a) => a.start)).toEqual([1000, 4000, 1060]);
    // Without the episode rule the aftershock outranks the distinct spike.
    const off = detectAnomalies(
      { id: 's', channels: ['value'], values: [values] },
      { alarmRepeatWeight: 1 },
    ).anomalies.sort((a, b) => b.confidence - a.confidence);
    expect(off.slice(0, 3).map((a) => a.start)).toEqual([1000, 1060, 4000]);
  });
});

describe('flat runs on the residuals z scale', () => {
  it('turns a log tail probability into the Gaussian z with that two-sided tail', () => {
    for (const p of [1e-4, 1e-6, 1e-10, 1e-30])
      expect(zForLogTail(Math.log(p))).toBeCloseTo(twoSidedQuantile(p), 1);
    // Far beyond what a double holds, still finite and growing.
    expect(zForLogTail(-5000)).toBeGreaterThan(zForLogTail(-1000));
    expect(Number.isFinite(zForLogTail(-5000))).toBe(true);
  });

  it('gives a longer run more evidence, and a run on a series that rarely repeats more still', () => {
    const values = Float64Array.from(standardNormals(12, 3000), (x) => Math.round(8 * x));
    values.fill(0, 1000, 1030);
    values.fill(0, 2000, 2060);
    const runs = flatRuns(values, options).filter((run) => run.end - run.start >= 30);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.evidenceZ).toBeGreaterThan(runs[0]!.evidenceZ);
    const smooth = standardNormals(13, 3000);
    smooth.fill(0, 1000, 1030);
    const [rare] = flatRuns(smooth, options);
    expect(rare!.evidenceZ).toBeGreaterThan(runs[0]!.evidenceZ);
  });
});
