/**
 * Quick scores of the baseline detector on generated TRAINING splits (tuning only; the
 * evaluation seeds 0–999 are reserved for `bench:baseline`). Prints per-type affiliation F1 and
 * point-wise F1 with each benchmark's conventions, and the time to analyse a 1,000,000-point
 * series.
 *
 *   node dist/bench/baseline-quick.js [--seed 1000] [--count 100] [--only
 * anomllm|vta|variate|speed]
 */
import { millionPointSeries } from './million-point-series.js';
import { performance } from 'node:perf_hooks';
import { generateAnomllm, anomllmTypes } from '../src/datasets/anomllm.js';
import { generateVta } from '../src/datasets/vta.js';
import type { DatasetSplit } from '../src/schema/dataset.js';
import type { Interval } from '../src/schema/interval.js';
import { intervalScores } from '../src/grade/interval-scores.js';
import { deleteIndices, normalizeIntervals } from '../src/grade/intervals.js';
import { variateScores } from '../src/grade/variate.js';
import { detectAnomalies } from '../src/providers/baseline/detector.js';
import type { BaselineOptions } from '../src/providers/baseline/options.js';
import type { Series } from '../src/series/types.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const seed = Number(flag('seed', '1000'));
const count = Number(flag('count', '100'));
const only = flag('only', 'all');
const split = flag('split', 'train') as 'train' | 'eval';
/** Detector option overrides as JSON, e.g. --options '{"trendZ":4}' (for tuning on train seeds). */
const detectorOptions = JSON.parse(flag('options', '{}')) as Partial<BaselineOptions>;

function toSeries(item: DatasetSplit['items'][number]): Series {
  return {
    id: item.series.id,
    channels: item.series.channels,
    values: item.series.values.map((channel) =>
      Float64Array.from(channel, (value) => (value === null ? Number.NaN : value)),
    ),
  };
}

interface Row {
  name: string;
  affiliation: number;
  pointwise: number;
  published?: number;
  ms: number;
}
const rows: Row[] = [];

function predictedIntervals(series: Series, { pointTask }: { pointTask: boolean }): Interval[] {
  const result = detectAnomalies(series, detectorOptions);
  const out: Interval[] = [];
  for (const anomaly of result.anomalies) {
    if (anomaly.kind === 'channel') continue;
    if (pointTask) for (let i = anomaly.start; i < anomaly.end; i++) out.push([i, i + 1]);
    else out.push([anomaly.start, anomaly.end]);
  }
  return out;
}

const anomllmTargets: Record<string, number> = {
  point: 95.25,
  range: 82.4,
  trend: 67.25,
  'noisy-point': 82.49,
  'noisy-trend': 63.21,
  'flat-trend': 57.99,
  freq: 58.59,
  'noisy-freq': 56.47,
};

function runAnomllm(): void {
  for (const type of anomllmTypes) {
    const data = generateAnomllm({ type, count: Math.max(count, 100), split, seed });
    const started = performance.now();
    let affiliation = 0;
    let pointwise = 0;
    for (const item of data.items) {
      const series = toSeries(item);
      const length = series.values[0]?.length ?? 0;
      const truth = item.label.intervals ?? [];
      const predicted = predictedIntervals(series, { pointTask: false });
      if (truth.length === 0 || predicted.length === 0) {
        const both = truth.length === 0 && predicted.length === 0 ? 1 : 0;
        affiliation += both;
        pointwise += both;
        continue;
      }
      const scores = intervalScores({ truth, predicted, length });
      affiliation += scores.affiliation.f1 ?? 0;
      pointwise += scores.pointwise.f1;
    }
    const n = data.items.length;
    rows.push({
      name: `anomllm ${type}`,
      affiliation: (100 * affiliation) / n,
      pointwise: (100 * pointwise) / n,
      published: anomllmTargets[type],
      ms: performance.now() - started,
    });
  }
}

function runVtaUnivariate(
  kind: 'univariate' | 'irregular-univariate',
  { dropRatio, quirk }: { dropRatio: number; quirk: boolean },
): void {
  const types =
    kind === 'univariate'
      ? (['global', 'contextual', 'seasonal', 'trend', 'shapelet'] as const)
      : (['global', 'seasonal', 'trend', 'shapelet'] as const);
  for (const type of types) {
    if (type === 'seasonal' && quirk === false && kind === 'irregular-univariate') continue;
    const data = generateVta({
      kind,
      type,
      count,
      seed,
      split,
      dropRatio,
      vtaSeasonalQuirk: quirk,
    });
    const dropped = (data.meta.dropIndices ?? {}) as Record<string, number[]>;
    const started = performance.now();
    let affiliation = 0;
    let pointwise = 0;
    const pointTask = type === 'global' || type === 'contextual';
    for (const item of data.items) {
      const series = toSeries(item);
      let length = series.values[0]?.length ?? 0;
      let truth = normalizeIntervals(item.label.intervals ?? [], length, 'truth');
      let predicted = normalizeIntervals(
        predictedIntervals(series, { pointTask }),
        length,
        'predicted',
      );
      const drops = dropped[item.series.id];
      if (drops !== undefined) {
        const t = deleteIndices(truth, drops, length, 'truth');
        const p = deleteIndices(predicted, drops, length, 'predicted');
        truth = t.intervals;
        predicted = p.intervals;
        length = t.length;
      }
      if (predicted.length === 0 || truth.length === 0) continue; // VTA: empty prediction scores 0
      const scores = intervalScores({ truth, predicted, length });
      affiliation += scores.affiliation.f1 ?? 0;
      pointwise += scores.pointwise.f1;
    }
    const n = data.items.length;
    const tag = kind === 'univariate' ? '' : ` drop${Math.round(dropRatio * 100)}`;
    rows.push({
      name: `vta ${type}${tag}${type === 'seasonal' ? (quirk ? ' (quirk)' : ' (fixed)') : ''}`,
      affiliation: (100 * affiliation) / n,
      pointwise: (100 * pointwise) / n,
      published: 90,
      ms: performance.now() - started,
    });
  }
}

function runVtaMultivariate(
  kind: 'multivariate' | 'irregular-multivariate',
  dims: number,
  dropRatio: number,
): void {
  for (const type of ['triangle', 'square', 'sawtooth', 'random_walk'] as const) {
    const data = generateVta({ kind, type, count, seed, split, dims, dropRatio });
    const started = performance.now();
    let f1 = 0;
    for (const item of data.items) {
      const series = toSeries(item);
      const result = detectAnomalies(series, detectorOptions);
      const predicted = [
        ...new Set(
          result.anomalies.filter((a) => a.kind === 'channel').flatMap((a) => a.channels ?? []),
        ),
      ];
      f1 += variateScores({ truth: item.label.channels ?? [], predicted, dims }).f1;
    }
    const n = data.items.length;
    const tag = kind === 'multivariate' ? '' : ` drop${Math.round(dropRatio * 100)}`;
    rows.push({
      name: `vta ${type} d=${dims}${tag}`,
      affiliation: (100 * f1) / n,
      pointwise: Number.NaN,
      published: dims >= 36 ? 80 : 90,
      ms: performance.now() - started,
    });
  }
}

function runSpeed(): void {
  const series = millionPointSeries();
  const values = series.values[0] as Float64Array;
  detectAnomalies({ id: 'warm', channels: ['value'], values: [values.slice(0, 10000)] });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = detectAnomalies(series);
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  rows.push({
    name: `speed 1M points (${result.anomalies.length} found)`,
    affiliation: Number.NaN,
    pointwise: Number.NaN,
    ms: performance.now() - started,
  });
  rows.push({
    name: '  (CPU ms of the same run)',
    affiliation: Number.NaN,
    pointwise: Number.NaN,
    ms: cpuMs,
  });
}

if (only === 'all' || only === 'anomllm') runAnomllm();
if (only === 'all' || only === 'vta') {
  runVtaUnivariate('univariate', { dropRatio: 0, quirk: false });
  runVtaUnivariate('univariate', { dropRatio: 0, quirk: true });
  runVtaUnivariate('irregular-univariate', { dropRatio: 0.25, quirk: false });
}
if (only === 'all' || only === 'variate') {
  runVtaMultivariate('multivariate', 9, 0);
  runVtaMultivariate('multivariate', 36, 0);
  runVtaMultivariate('irregular-multivariate', 9, 0.25);
}
if (only === 'all' || only === 'speed') runSpeed();

const pad = (text: string, width: number): string => text.padEnd(width);
const num = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(2);
console.log(
  `baseline detector, ${split} split, seed ${seed}, ${count} series per type (VTA: univariate affiliation F1 ×100; multivariate variate F1 ×100)`,
);
console.log(
  `${pad('suite/type', 30)} ${pad('affil F1', 9)} ${pad('point F1', 9)} ${pad('target', 7)} ms`,
);
for (const row of rows)
  console.log(
    `${pad(row.name, 30)} ${pad(num(row.affiliation), 9)} ${pad(num(row.pointwise), 9)} ${pad(num(row.published), 7)} ${row.ms.toFixed(0)}`,
  );
