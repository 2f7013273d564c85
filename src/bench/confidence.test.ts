import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../schema/answer.js';
import { confidenceMetrics, intervalsWithConfidence } from './confidence.js';
import type { ResultRow } from './result-row.js';
import type { LabelInfo } from './score-diagnose.js';

function anomaly(start: number, end: number, confidence: number | null): Anomaly {
  return {
    start,
    end,
    channels: null,
    category: 'Point Anomaly',
    severity: null,
    confidence,
    explanation: '',
    candidate: null,
  };
}

function row(intervals: [number, number][], anomalies: Anomaly[], sample = 0): ResultRow {
  return {
    key: `k${sample}`,
    track: 't',
    seriesId: 's',
    provider: 'p',
    model: 'm',
    task: 'range',
    modality: 'image',
    hints: 'none',
    sample,
    prompt: { id: 'x', version: '1' },
    status: 'ok',
    answer: { anomalous: anomalies.length > 0, anomalies, summary: '' },
    intervals,
    channels: null,
    category: null,
    rawText: null,
    error: null,
    usage: null,
    costUsd: null,
    latencyMs: null,
    attempts: 1,
    cached: false,
    repaired: false,
    requestKey: null,
    finishedAt: '',
  };
}

const labels: LabelInfo = new Map([
  [
    's',
    {
      label: {
        seriesId: 's',
        anomalous: true,
        intervals: [[4, 6]],
        channels: null,
        category: null,
        explanation: null,
      },
      length: 10,
      dims: 1,
    },
  ],
]);

describe('intervalsWithConfidence', () => {
  it('pairs intervals with anomalies by start when none were merged', () => {
    const pairs = intervalsWithConfidence(
      row(
        [
          [4, 6],
          [8, 9],
        ],
        [anomaly(8, 8, 0.2), anomaly(4, 5, 0.9)],
      ),
    );
    expect(pairs).toEqual([
      { interval: [4, 6], confidence: 0.9 },
      { interval: [8, 9], confidence: 0.2 },
    ]);
  });

  it('gives merged intervals the highest stated confidence', () => {
    const pairs = intervalsWithConfidence(row([[4, 9]], [anomaly(4, 6, 0.3), anomaly(6, 8, 0.6)]));
    expect(pairs).toEqual([{ interval: [4, 9], confidence: 0.6 }]);
  });
});

describe('confidenceMetrics', () => {
  it('scores points by confidence and calibration by claims', () => {
    // Points 4, 5 score 0.9 and are the truth: every ranking metric is perfect. Claims: 0.9 right,
    // 0.2 wrong → ECE = ½·0.1 + ½·0.2 = 0.15.
    const metrics = confidenceMetrics(labels, [
      row(
        [
          [4, 6],
          [8, 9],
        ],
        [anomaly(4, 5, 0.9), anomaly(8, 8, 0.2)],
      ),
    ]);
    expect(metrics['auc.roc']).toBeCloseTo(1, 12);
    expect(metrics['auc.pr']).toBeCloseTo(1, 12);
    expect(metrics['calibration.ece']).toBeCloseTo(0.15, 12);
    expect(metrics['vus.pr']).toBeGreaterThan(0.5);
  });

  it('scores voted samples by the share of samples marking each point', () => {
    // Sample shares: points 4, 5 → 1, point 3 → ½, others 0. The positives outrank everything.
    const rows = [row([[4, 6]], [anomaly(4, 5, null)], 0), row([[3, 6]], [anomaly(3, 5, null)], 1)];
    const metrics = confidenceMetrics(labels, rows);
    expect(metrics['auc.roc']).toBeCloseTo(1, 12);
    // Claims without a confidence count 1: one right (1.0), one right (1.0) → ECE 0.
    expect(metrics['calibration.ece']).toBeCloseTo(0, 12);
  });
});
