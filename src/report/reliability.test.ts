import { describe, expect, it } from 'vitest';
import { calibration } from '../grade/calibration.js';
import { reliabilityDiagramSpec, reliabilityDiagramSvg } from './reliability.js';

describe('reliability diagram', () => {
  const bins = calibration([
    { confidence: 0.9, correct: true },
    { confidence: 0.9, correct: false },
    { confidence: 0.2, correct: false },
  ]).bins;

  it('plots one point per non-empty bin, at mean confidence and share correct', () => {
    const spec = reliabilityDiagramSpec([{ model: 'm', bins }]) as unknown as {
      layer: { data: { values: unknown[] } }[];
    };
    expect(spec.layer[1]?.data.values).toEqual([
      { model: 'm', confidence: 0.2, accuracy: 0, claims: 1 },
      { model: 'm', confidence: 0.9, accuracy: 0.5, claims: 2 },
    ]);
  });

  it('renders to SVG', async () => {
    const svg = await reliabilityDiagramSvg([{ model: 'm', bins }]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('mean confidence');
  });
});
