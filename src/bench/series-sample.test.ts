import { describe, expect, it } from 'vitest';
import { createRandom } from '../datasets/random.js';
import { meanStatistic } from './bootstrap.js';
import { meanSample } from './series-sample.js';

describe('meanSample', () => {
  it.each([
    { name: 'a constant whose n copies do not sum to n times it', values: Array(50).fill(0.1) },
    { name: 'negative zeros', values: Array(9).fill(-0) },
    { name: 'zeros and a negative zero', values: [0, 0, -0, 0] },
    { name: 'spread values', values: Array.from({ length: 40 }, (_, i) => (i * 0.37) % 1) },
    { name: 'one value', values: [0.3] },
  ])('sums every draw of $name as the plain mean does', ({ values }) => {
    const ids = values.map((_, i) => `s${i}`);
    const sample = meanSample(ids, values as number[]);
    const plain = meanStatistic(values as number[]);
    const random = createRandom(5);
    for (const n of [0, 1, values.length, values.length * 3]) {
      for (let draw = 0; draw < 20; draw += 1) {
        const indices = new Uint32Array(n);
        random.drawIndices(indices, values.length);
        const [got, want] = [sample.statistic(indices), plain(indices)];
        expect(Object.is(got, want) ? 'same' : [got, want]).toBe('same');
      }
    }
  });
});
