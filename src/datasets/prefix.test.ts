import { describe, expect, it } from 'vitest';
import { generateAnomllm, generateVta } from './index.js';

// `bench --dry-run` generates only a track's first series: it relies on the seeded generators
// giving the same first series whatever the count.
describe('generators are prefix-stable', () => {
  it.each([
    { kind: 'univariate', type: 'seasonal' },
    { kind: 'multivariate', type: 'square', dims: 9 },
    { kind: 'irregular-univariate', type: 'global', dropRatio: 0.25 },
  ] as const)('vta $kind $type', (spec) => {
    const many = generateVta({ ...spec, count: 30, seed: 0, split: 'eval' });
    const few = generateVta({ ...spec, count: 3, seed: 0, split: 'eval' });
    expect(few.items).toEqual(many.items.slice(0, 3));
  });

  it.each(['trend', 'noisy-point', 'freq'] as const)('anomllm %s', (type) => {
    const many = generateAnomllm({ type, count: 30, seed: 42, split: 'eval' });
    const few = generateAnomllm({ type, count: 3, seed: 42, split: 'eval' });
    expect(few.items).toEqual(many.items.slice(0, 3));
  });
});
