import type { Series } from '../src/series/types.js';

/**
 * A 1,000,000-point noisy sine with a spike every 99,991 points (deterministic LCG noise), for
 * speed checks.
 */
export function millionPointSeries(): Series {
  const n = 1_000_000;
  const values = new Float64Array(n);
  let state = 12345;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let t = 0; t < n; t++)
    values[t] =
      Math.sin((2 * Math.PI * t) / 50) + 0.1 * (random() - 0.5) + (t % 99991 === 0 ? 5 : 0);
  return { id: 'speed', channels: ['value'], values: [values] };
}
