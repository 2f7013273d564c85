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
