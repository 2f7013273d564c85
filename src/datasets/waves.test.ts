import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';
import {
  cosineWave,
  randomWalk,
  sawtoothWave,
  sineWave,
  squareSine,
  squareWave,
  triangleWave,
} from './waves.js';

const quiet = { length: 5, freq: 0.25, coef: 2, offset: 1, noiseAmp: 0 };

describe('VisualTimeAnomaly waveforms (noise off, coef 2, offset 1, freq 1/4)', () => {
  // Hand-worked: raw shape at t = 0..4, then 2·raw + 1.
  it.each([
    ['sine', sineWave, [0, 1, 0, -1, 0]],
    ['cosine', cosineWave, [1, 0, -1, 0, 1]],
    ['triangle', triangleWave, [0, -0.5, -1, -0.5, 0]],
    ['square', squareWave, [1, 1, -1, -1, 1]],
    ['sawtooth', sawtoothWave, [-1, -0.5, 0, 0.5, -1]],
  ] as const)('%s', (_name, wave, raw) => {
    const values = wave(quiet, createRandom(0));
    values.forEach((value, t) => expect(value).toBeCloseTo(2 * raw[t]! + 1, 12));
  });

  it('random walk is coef·cumsum(N(0, noiseAmp)) + offset and constant without noise', () => {
    expect(randomWalk(quiet, createRandom(0))).toEqual([1, 1, 1, 1, 1]);
    const walk = randomWalk(
      { ...quiet, length: 2000, noiseAmp: 0.1, offset: 0, coef: 1 },
      createRandom(1),
    );
    const steps = walk.map((value, t) => value - (walk[t - 1] ?? 0));
    const sd = Math.sqrt(steps.reduce((sum, step) => sum + step * step, 0) / steps.length);
    expect(sd).toBeCloseTo(0.1, 2);
  });

  it('square-ish shapelet is the sum of odd sine harmonics divided by their order', () => {
    const values = squareSine(
      { ...quiet, freq: 0.04, coef: 1, offset: 0, level: 3, length: 7 },
      createRandom(0),
    );
    const expected = (t: number): number =>
      [1, 3, 5].reduce((sum, odd) => sum + Math.sin(2 * Math.PI * 0.04 * odd * t) / odd, 0);
    values.forEach((value, t) => expect(value).toBeCloseTo(expected(t), 12));
  });
});
