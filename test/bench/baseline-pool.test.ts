import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateVta } from '../../src/datasets/vta.js';
import { detectAnomalies } from '../../src/providers/baseline/detector.js';
import type { Series } from '../../src/series/types.js';
import { assertFreshDist } from '../../src/testing/built.js';

// The pool loads the compiled worker, so it is tested through dist/ (`npm test` builds first).
const dist = join(import.meta.dirname, '../../dist/src/providers/baseline/pool.js');

function seriesOf(kind: 'univariate' | 'multivariate'): Series[] {
  const split = generateVta({
    kind,
    type: kind === 'univariate' ? 'seasonal' : 'square',
    count: 6,
    seed: 11,
    split: 'eval',
    ...(kind === 'multivariate' ? { dims: 4 } : {}),
  });
  return split.items.map((item) => ({
    id: item.series.id,
    channels: item.series.channels,
    values: item.series.values.map((channel) =>
      Float64Array.from(channel, (value) => (value === null ? Number.NaN : value)),
    ),
  }));
}

describe('baseline worker pool (dist)', () => {
  it('answers exactly as the in-process detector, and rethrows its typed errors', async () => {
    assertFreshDist(join(import.meta.dirname, '../..'));
    const { createBaselinePool } = (await import(pathToFileURL(dist).href)) as {
      createBaselinePool: typeof import('../../src/providers/baseline/pool.js').createBaselinePool;
    };
    const pool = createBaselinePool({ workers: 2 });
    expect(pool).toBeDefined();
    const all = [...seriesOf('univariate'), ...seriesOf('multivariate')];
    const options = { periodRefineShare: 0.1 };
    const pooled = await Promise.all(all.map((series) => pool?.detect(series, options)));
    expect(pooled.map((result) => JSON.stringify(result))).toEqual(
      all.map((series) => JSON.stringify(detectAnomalies(series, options))),
    );
    const ragged: Series = {
      id: 'ragged',
      channels: ['a', 'b'],
      values: [new Float64Array(10), new Float64Array(9)],
    };
    await expect(pool?.detect(ragged, {})).rejects.toMatchObject({ code: 'input.ragged_channels' });
  });
});
