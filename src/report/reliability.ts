import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ReliabilityBin } from '../grade/calibration.js';

/** One model's reliability bins, as drawn in the run report. */
export interface ReliabilitySeries {
  model: string;
  bins: readonly ReliabilityBin[];
}

/**
 * Vega-Lite spec of a reliability diagram: per model, the share of predicted anomalies that
 * overlap truth (y) against their mean stated confidence (x) in each non-empty bin, point size by
 * claims, over the diagonal of perfect calibration.
 */
export function reliabilityDiagramSpec(series: readonly ReliabilitySeries[]): TopLevelSpec {
  const values = series.flatMap(({ model, bins }) =>
    bins
      .filter((bin) => bin.count > 0)
      .map((bin) => ({
        model,
        confidence: bin.meanConfidence,
        accuracy: bin.accuracy,
        claims: bin.count,
      })),
  );
  const axis = { type: 'quantitative' as const, scale: { domain: [0, 1] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 320,
    height: 320,
    title: 'Reliability: stated confidence vs share of anomalies that overlap truth',
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#888' },
        encoding: {
          x: { field: 'x', ...axis, title: 'mean confidence' },
          y: { field: 'y', ...axis, title: 'share correct' },
        },
      },
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'confidence', ...axis },
          y: { field: 'accuracy', ...axis },
          color: { field: 'model', type: 'nominal' },
          size: { field: 'claims', type: 'quantitative' },
        },
      },
    ],
  };
}

/** The reliability diagram as SVG. */
export async function reliabilityDiagramSvg(series: readonly ReliabilitySeries[]): Promise<string> {
  const spec = compile(reliabilityDiagramSpec(series)).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
