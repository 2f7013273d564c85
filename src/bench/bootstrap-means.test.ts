import { describe, expect, it } from 'vitest';
import { createRandom } from '../datasets/random.js';
import { stratifiedIntervals, type DenseMean } from './bootstrap.js';

const valuesOf = (seed: number, size: number): Float64Array => {
  const random = createRandom(seed);
  // Thirds and tenths: sums that depend on the order they are added in.
  return Float64Array.from({ length: size }, () => Math.floor(random.uniform() * 30) / 9.7);
};
const mean = (values: Float64Array, draw: Uint32Array): number => {
  let sum = 0;
  for (let i = 0; i < draw.length; i += 1) sum += values[draw[i] as number] as number;
  return sum / draw.length;
};

describe('dense means in the bootstrap', () => {
  it.each([1, 2, 3, 4, 5, 7, 9])(
    'give %i single-group intervals bit for bit as their functions',
    (count) => {
      const arrays = Array.from({ length: count }, (_, k) => valuesOf(k, 37));
      const dense = arrays.map((values): DenseMean => ({
        kind: 'dense-mean',
        values: [values],
        macro: false,
      }));
      const functions = arrays.map(
        (values) => (draws: Uint32Array[]) => mean(values, draws[0] as Uint32Array),
      );
      const options = { resamples: 300, seed: 4, level: 0.9 };
      // Mixed with a function in the same call, as a board with a gap-ful row is.
      expect(
        stratifiedIntervals([...dense, functions[0] as (typeof functions)[0]], [37], options),
      ).toEqual(
        stratifiedIntervals([...functions, functions[0] as (typeof functions)[0]], [37], options),
      );
    },
  );

  it('gives macro means over groups of different sizes bit for bit', () => {
    const sizes = [5, 40, 13];
    const models = [0, 1, 2, 3, 4].map((model) =>
      sizes.map((size, g) => valuesOf(model * 10 + g, size)),
    );
    const dense = models.map((values): DenseMean => ({ kind: 'dense-mean', values, macro: true }));
    const functions = models.map((values) => (draws: Uint32Array[]) => {
      let sum = 0;
      for (let g = 0; g < draws.length; g += 1)
        sum += mean(values[g] as Float64Array, draws[g] as Uint32Array);
      return sum / draws.length;
    });
    const intervals = stratifiedIntervals(dense, sizes, { resamples: 500, seed: 9 });
    expect(intervals).toEqual(stratifiedIntervals(functions, sizes, { resamples: 500, seed: 9 }));
    expect(intervals[0]?.low).not.toBe(intervals[0]?.high);
  });
});
