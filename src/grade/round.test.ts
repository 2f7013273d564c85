import { describe, expect, it } from 'vitest';
import { pythonRound } from './round.js';

describe('pythonRound', () => {
  // Expected values from python3: round(x, d)
  it.each([
    [0.0625, 3, 0.062], // exact binary tie → even
    [0.1875, 3, 0.188],
    [0.3125, 3, 0.312],
    [0.125, 2, 0.12],
    [0.375, 2, 0.38],
    [2.675, 2, 2.67], // binary value is just below 2.675
    [0.0005, 3, 0.001], // binary value is just above 0.0005
    [0.9995, 3, 1],
    [1 / 3, 3, 0.333],
    [0, 3, 0],
    [1, 3, 1],
    [-0.0625, 3, -0.062],
  ])('round(%s, %s) = %s', (x, digits, expected) => {
    expect(pythonRound(x, digits)).toBe(expected);
  });

  it('rounds every k/4096 like exact half-to-even arithmetic (ties and near-ties)', () => {
    // k/4096·1000 = k·1000/4096 exactly: its half-to-even rounding in integers, then /1000.
    for (let k = -8192; k <= 8192; k += 1) {
      const n = Math.abs(k) * 1000;
      const q = Math.floor(n / 4096);
      const r = n % 4096;
      const up = 2 * r > 4096 || (2 * r === 4096 && q % 2 === 1);
      const expected = (Math.sign(k) * (up ? q + 1 : q)) / 1000;
      expect(pythonRound(k / 4096, 3)).toBe(expected);
    }
  });
});

/**
 * Python's round(x, d) worked out exactly: x = m·2^e, so |x|·10^d = m·10^d·2^e as a fraction;
 * its nearest integer (ties to even), divided by 10^d in one correctly rounded division (exact
 * for integers below 2^53 only: the values below stay there).
 */
function exactRound(x: number, digits: number): number {
  if (x === 0) return 0;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = exponentBits === 0 ? -1074 : exponentBits - 1075;
  let numerator = mantissa * 10n ** BigInt(digits);
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  let n = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  if (twice > denominator || (twice === denominator && n % 2n === 1n)) n += 1n;
  const rounded = Number(n) / 10 ** digits;
  return x < 0 ? -rounded : rounded;
}

describe('pythonRound against exact arithmetic', () => {
  it('agrees on metric-like values, near-halves and ties, to the sign of zero', () => {
    // A fixed LCG: the same values every run.
    let state = 12345;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const values: number[] = [-0, 0, 5e-324, -1e-9, 0.49999999999999994, 123456.5, 2.675];
    for (let i = 0; i < 20000; i += 1) {
      values.push(next(), -next(), next() * 1000, Math.floor(next() * 100000) / 8192);
      // Within a few ulps of a half at 3 digits, on both sides.
      const half = (Math.floor(next() * 1000) + 0.5) / 1000;
      values.push(half, half * (1 + 2 ** -52), half * (1 - 2 ** -52), half + 1e-12, -half);
    }
    for (const digits of [0, 1, 2, 3, 6]) {
      const wrong = values.filter((x) => !Object.is(pythonRound(x, digits), exactRound(x, digits)));
      expect([digits, wrong]).toEqual([digits, []]);
    }
  });
});
