import { AnomscopeError } from '../errors.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded through splitmix32) with the
 * distributions the dataset generators need. It does not reproduce numpy's stream bit for bit;
 * it reproduces the distributions, and the same seed always gives the same numbers.
 */
export class SeededRandom {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Second value of the last polar-method pair, used by the next `normal()` call. */
  private spareNormal: number | undefined;

  /**
   * Seeds the generator from any safe integer (negative and > 2^32 included); `stream` selects an
   * independent stream for the same seed (e.g. train vs eval).
   * @default stream 0
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(stream)) {
      throw new AnomscopeError(
        'datasets.invalid_seed',
        `seed must be a safe integer, got ${String(seed)}; pass a whole number such as 0 or 42.`,
      );
    }
    let state =
      (seed >>> 0) ^
      Math.imul(Math.floor(seed / TWO_POW_32) | 0, 0x9e3779b1) ^
      Math.imul(stream, 0x632be5ab);
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // xoshiro must not start from the all-zero state.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits (like numpy's `random()`). */
  uniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /**
   * Fills `out` with `Math.floor(uniform() * size)` draws, the same numbers as that many calls:
   * the bootstrap's hot loop (resamples × series), with the state kept in locals meanwhile.
   */
  drawIndices(out: Uint32Array, size: number): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < out.length; i += 1) {
      // Two nextUint32 steps, written out (see nextUint32 and uniform).
      const high = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotateLeft(s3, 11);
      const low = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotateLeft(s3, 11);
      out[i] = Math.floor((((high >>> 5) * 67108864 + (low >>> 6)) / TWO_POW_53) * size);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Uniform double in [low, high) (like `np.random.uniform(low, high)`). */
  uniformRange(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Uniform integer in [low, highInclusive] (like `np.random.randint(low, high + 1)`). */
  integer(low: number, highInclusive: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(highInclusive) || highInclusive < low) {
      throw new AnomscopeError(
        'datasets.invalid_range',
        `integer(${low}, ${highInclusive}) needs two whole numbers with low <= high.`,
      );
    }
    return low + Math.floor(this.uniform() * (highInclusive - low + 1));
  }

  /**
   * Normal draw (Marsaglia polar method).
   * @default mean 0, standardDeviation 1
   */
  normal(mean = 0, standardDeviation = 1): number {
    let standard: number;
    if (this.spareNormal !== undefined) {
      standard = this.spareNormal;
      this.spareNormal = undefined;
    } else {
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * this.uniform() - 1;
        v = 2 * this.uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      standard = u * factor;
      this.spareNormal = v * factor;
    }
    return mean + standardDeviation * standard;
  }

  /** `count` independent normal draws. */
  normals(count: number, mean = 0, standardDeviation = 1): number[] {
    const values = new Array<number>(count);
    for (let index = 0; index < count; index += 1)
      values[index] = this.normal(mean, standardDeviation);
    return values;
  }

  /** Exponential draw with numpy's scale parametrisation (mean = scale). */
  exponential(scale: number): number {
    return -scale * Math.log(1 - this.uniform());
  }

  /** One element drawn uniformly from a non-empty list. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0)
      throw new AnomscopeError('datasets.empty_choice', 'choice() needs a non-empty list.');
    return items[Math.floor(this.uniform() * items.length)] as T;
  }

  /**
   * `count` distinct indices from 0..populationSize−1, in draw order
   * (like `np.random.choice(populationSize, count, replace=False)`).
   */
  sampleWithoutReplacement(populationSize: number, count: number): number[] {
    if (!Number.isSafeInteger(count) || count < 0 || count > populationSize) {
      throw new AnomscopeError(
        'datasets.invalid_sample',
        `cannot draw ${count} distinct indices from ${populationSize}.`,
      );
    }
    // Partial Fisher–Yates over a sparse map: O(count) memory and time.
    const swapped = new Map<number, number>();
    const drawn: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const pick = index + Math.floor(this.uniform() * (populationSize - index));
      const atPick = swapped.get(pick) ?? pick;
      swapped.set(pick, swapped.get(index) ?? index);
      drawn.push(atPick);
    }
    return drawn;
  }
}

/** Creates a seeded generator; the same seed (and stream) gives the same numbers. */
export function createRandom(seed: number, stream = 0): SeededRandom {
  return new SeededRandom(seed, stream);
}
