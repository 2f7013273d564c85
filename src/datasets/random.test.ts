import { describe, expect, it } from 'vitest';
import { AnomscopeError } from '../errors.js';
import { SeededRandom, createRandom } from './random.js';

function draws(seed: number, count: number, draw: (random: SeededRandom) => number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => draw(random));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function standardDeviation(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / values.length);
}

describe('SeededRandom', () => {
  it('draws indices exactly as floor(uniform() · size) calls do, and goes on from there', () => {
    for (const [seed, size] of [
      [0, 1],
      [7, 10],
      [42, 100_000],
      [2 ** 40, 2 ** 31 + 5],
    ] as const) {
      const batched = createRandom(seed);
      const out = new Uint32Array(1000);
      batched.drawIndices(out, size);
      const next = batched.uniform();
      const single = createRandom(seed);
      expect([...out]).toEqual(Array.from(out, () => Math.floor(single.uniform() * size)));
      expect(next).toBe(single.uniform());
    }
  });

  it('gives the same stream for the same seed and a different one for another seed', () => {
    expect(draws(42, 20, (r) => r.uniform())).toEqual(draws(42, 20, (r) => r.uniform()));
    expect(draws(42, 20, (r) => r.uniform())).not.toEqual(draws(43, 20, (r) => r.uniform()));
    // Seeds differing only above 2^32 still give different streams.
    expect(draws(2 ** 40, 5, (r) => r.nextUint32())).not.toEqual(
      draws(0, 5, (r) => r.nextUint32()),
    );
    expect(draws(-1, 5, (r) => r.nextUint32())).not.toEqual(
      draws(2 ** 32 - 1, 5, (r) => r.nextUint32()),
    );
    // Streams of one seed are independent and reproducible.
    const stream = (id: number): number[] =>
      Array.from(
        { length: 5 },
        (
          (random) => () =>
            random.nextUint32()
        )(createRandom(42, id)),
      );
    expect(stream(1)).toEqual(stream(1));
    expect(stream(1)).not.toEqual(stream(0));
    expect(stream(0)).toEqual(draws(42, 5, (r) => r.nextUint32()));
  });

  it.each([Number.NaN, 1.5, 2 ** 60])('rejects the seed %s', (seed) => {
    expect(() => new SeededRandom(seed)).toThrow(AnomscopeError);
  });

  it('draws uniform numbers in [0, 1) with mean 1/2 and variance 1/12', () => {
    const values = draws(1, 50_000, (r) => r.uniform());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean(values)).toBeCloseTo(0.5, 2);
    expect(standardDeviation(values) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it('draws uniformRange(a, b) inside [a, b)', () => {
    const values = draws(2, 10_000, (r) => r.uniformRange(-1, 3));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...values)).toBeLessThan(3);
    expect(mean(values)).toBeCloseTo(1, 1);
  });

  it('draws every integer of an inclusive range about equally often', () => {
    const counts = new Map<number, number>();
    for (const value of draws(3, 60_000, (r) => r.integer(1, 6)))
      counts.set(value, (counts.get(value) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(400);
    expect(draws(3, 10, (r) => r.integer(7, 7))).toEqual(new Array(10).fill(7));
    expect(() => createRandom(0).integer(3, 2)).toThrow(AnomscopeError);
  });

  it('draws normals with the requested mean and standard deviation', () => {
    const values = draws(4, 50_000, (r) => r.normal(2, 0.5));
    expect(mean(values)).toBeCloseTo(2, 2);
    expect(standardDeviation(values)).toBeCloseTo(0.5, 2);
    // About 95.4 % within two standard deviations.
    const inside = values.filter((value) => Math.abs(value - 2) < 1).length / values.length;
    expect(inside).toBeCloseTo(0.954, 2);
  });

  it('draws exponentials with numpy scale semantics (mean = scale, P(X > x) = exp(-x/scale))', () => {
    const values = draws(5, 50_000, (r) => r.exponential(800));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(mean(values) / 800).toBeCloseTo(1, 1);
    expect(values.filter((value) => value >= 1000).length / values.length).toBeCloseTo(
      Math.exp(-1.25),
      2,
    );
  });

  it('chooses every element of a list and refuses an empty one', () => {
    const seen = new Set(draws(6, 200, (r) => r.choice(['a', 'b', 'c']).charCodeAt(0)));
    expect(seen).toEqual(new Set([97, 98, 99]));
    expect(() => createRandom(0).choice([])).toThrow(AnomscopeError);
  });

  it('samples distinct indices without replacement, each index equally likely', () => {
    const random = createRandom(7);
    const hits = new Array<number>(10).fill(0);
    for (let round = 0; round < 5000; round += 1) {
      const sample = random.sampleWithoutReplacement(10, 3);
      expect(new Set(sample).size).toBe(3);
      for (const index of sample) hits[index] = (hits[index] ?? 0) + 1;
    }
    for (const hit of hits) expect(Math.abs(hit - 1500)).toBeLessThan(150);
    expect(random.sampleWithoutReplacement(4, 4).sort()).toEqual([0, 1, 2, 3]);
    expect(random.sampleWithoutReplacement(4, 0)).toEqual([]);
    expect(() => random.sampleWithoutReplacement(3, 4)).toThrow(AnomscopeError);
  });
});
