import { describe, expect, it } from 'vitest';
import type { Series } from '../../series/types.js';
import { standardNormals } from '../../testing/seeded-noise.js';
import { statedConfidence } from './calibrate.js';
import { contextualGates } from './contextual.js';
import { detectAnomalies } from './detector.js';
import { defaultBaselineOptions } from './options.js';
import { residualModel } from './residual.js';
import { cycleTemplate, templateAt } from './template.js';

const options = defaultBaselineOptions;
const NOISE = 0.075;

/** 1.5·sin(2π·t/25) + noise·N(0, 1), the VisualTimeAnomaly base. */
function noisySine(seed: number, length = 400): Float64Array {
  const z = standardNormals(seed, length);
  return Float64Array.from(
    { length },
    (_, t) => 1.5 * Math.sin((2 * Math.PI * t) / 25) + NOISE * (z[t] as number),
  );
}

const univariate = (values: Float64Array): Series => ({
  id: 's',
  channels: ['value'],
  values: [values],
});

/** Moves each index by `size` noise SDs towards zero (so the values stay inside the range). */
function shift(values: Float64Array, indices: readonly number[], size: number): void {
  for (const index of indices) {
    const direction = (values[index] as number) > 0 ? -1 : 1;
    values[index] = (values[index] as number) + direction * size * NOISE;
  }
}

const clearPoints = [30, 95, 160, 230, 300];
const faintPoints = [12, 57, 81, 118, 143, 187, 211, 256, 279, 322, 347, 371];

describe('templateAt', () => {
  it('reproduces an exactly repeating series, with a drift cancelled by the shift', () => {
    const slope = 0.01;
    const values = Float64Array.from(
      { length: 300 },
      (_, t) => Math.sin((2 * Math.PI * t) / 12.5) + slope * t,
    );
    const template = cycleTemplate(values, 12.5, slope);
    for (let t = 0; t < values.length; t++) expect(template[t]).toBeCloseTo(values[t] as number, 1);
    const scratch = new Float64Array(16);
    // Without the shift, an early point's later cycles sit higher by the drift.
    expect(templateAt(values, 3, { period: 12.5, shift: 0 }, scratch)).toBeGreaterThan(
      (values[3] as number) + 0.3,
    );
  });

  it('is NaN with fewer than four same-phase values', () => {
    const values = Float64Array.from({ length: 30 }, (_, t) => t % 10);
    const scratch = new Float64Array(16);
    expect(templateAt(values, 15, { period: 10, shift: 0 }, scratch)).toBeNaN();
    const longer = Float64Array.from({ length: 60 }, (_, t) => t % 10);
    longer[5] = Number.NaN;
    longer[15] = Number.NaN;
    longer[35] = Number.NaN;
    expect(templateAt(longer, 25, { period: 10, shift: 0 }, scratch)).toBeNaN();
    expect(templateAt(longer, 24, { period: 10, shift: 0 }, scratch)).toBe(4);
  });
});

describe('contextual points', () => {
  it('finds faint in-range points of an exactly repeating series that the local model misses', () => {
    const values = noisySine(37);
    shift(values, clearPoints, 9);
    shift(values, faintPoints, 4);
    const found = new Set(
      detectAnomalies(univariate(values)).anomalies.map((anomaly) => anomaly.start),
    );
    const without = new Set(
      detectAnomalies(univariate(values), {
        contextualMinCycles: Number.POSITIVE_INFINITY,
      }).anomalies.map((anomaly) => anomaly.start),
    );
    const faintFound = faintPoints.filter((index) => found.has(index)).length;
    const faintWithout = faintPoints.filter((index) => without.has(index)).length;
    expect(clearPoints.every((index) => found.has(index))).toBe(true);
    expect(faintFound).toBeGreaterThanOrEqual(faintWithout + 3);
    const injected = new Set([...clearPoints, ...faintPoints]);
    expect([...found].filter((index) => !injected.has(index)).length).toBeLessThanOrEqual(1);
  });

  it('explains a contextual finding against the same phase of the other cycles', () => {
    const values = noisySine(37);
    shift(values, clearPoints, 9);
    shift(values, faintPoints, 4);
    const local = new Set(
      detectAnomalies(univariate(values), {
        contextualMinCycles: Number.POSITIVE_INFINITY,
      }).anomalies.map((anomaly) => anomaly.start),
    );
    const added = detectAnomalies(univariate(values)).anomalies.filter(
      (anomaly) => !local.has(anomaly.start),
    );
    expect(added.length).toBeGreaterThan(0);
    for (const anomaly of added) {
      expect(anomaly.category).toBe('Point Anomaly');
      expect(anomaly.end).toBe(anomaly.start + 1);
      expect(anomaly.explanation).toContain('same phase of the other cycles');
      // At least what an alarm exactly at its bar (evidence confidence 0.5) states.
      expect(anomaly.confidence).toBeGreaterThanOrEqual(statedConfidence(0.5, options));
    }
  });

  it('stays shut on heavy-tailed noise, without clear outliers, and on a 2-point period', () => {
    const heavy = noisySine(32);
    const cubes = standardNormals(33, heavy.length);
    for (let t = 0; t < heavy.length; t++)
      heavy[t] = (heavy[t] as number) + 0.5 * NOISE * (cubes[t] as number) ** 3;
    shift(heavy, clearPoints, 9);
    const heavyGates = contextualGates(heavy, residualModel(heavy, 25, options), options);
    expect(heavyGates?.tailInflation).toBeGreaterThan(options.contextualMaxTailInflation);
    expect(heavyGates?.points).toEqual([]);

    const faintOnly = noisySine(34);
    shift(faintOnly, faintPoints, 3.5);
    const faintGates = contextualGates(faintOnly, residualModel(faintOnly, 25, options), options);
    expect(faintGates?.clear).toBeLessThan(options.pointFalseDiscoveryMinPoints);
    expect(faintGates?.points).toEqual([]);

    const alternating = Float64Array.from({ length: 400 }, (_, t) => (t % 2) + 0.01 * (t % 7));
    expect(
      contextualGates(alternating, residualModel(alternating, 2, options), options),
    ).toBeNull();
  });
});
