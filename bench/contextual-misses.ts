/**
 * Diagnostic for VTA contextual points (tuning aid, prints only): for every labelled point of the
 * generated contextual series, whether the baseline detector reported it, the point's residual z
 * under the detector's seasonal model, and its deviation from the series' own smooth shape (the
 * value minus the mean of its two neighbours, in noise units). Also lists false alarms. Use train
 * seeds for tuning; `--split eval --seed 0` is the benchmark's evaluation set.
 *
 *   node dist/bench/contextual-misses.js [--seed 1000] [--count 100] [--split train|eval]
 *     [--type contextual] [--verbose]
 */
import { generateVta } from '../src/datasets/vta.js';
import { intervalScores } from '../src/grade/interval-scores.js';
import { detectAnomalies } from '../src/providers/baseline/detector.js';
import { resolveBaselineOptions, type BaselineOptions } from '../src/providers/baseline/options.js';
import { estimatePeriod } from '../src/providers/baseline/period.js';
import { residualModel } from '../src/providers/baseline/residual.js';
import { cycleTemplate } from '../src/providers/baseline/template.js';
import { robustScale } from '../src/providers/baseline/stats.js';
import type { Interval } from '../src/schema/interval.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const seed = Number(flag('seed', '1000'));
const count = Number(flag('count', '100'));
const split = flag('split', 'train') as 'train' | 'eval';
const type = flag('type', 'contextual') as 'contextual' | 'global';
const verbose = args.includes('--verbose');
/** Detector option overrides as JSON, e.g. --options '{"isolatedPointMinZ":2.5}'. */
const overrides = JSON.parse(flag('options', '{}')) as Partial<BaselineOptions>;

const options = resolveBaselineOptions(overrides);
const data = generateVta({ kind: 'univariate', type, count, seed, split });

/** Second difference of the series at t in units of `scale` (the point against its neighbours). */
function curvatureZ(values: Float64Array, t: number, scale: number): number {
  const left = values[t - 1];
  const right = values[t + 1];
  if (left === undefined || right === undefined) return Number.NaN;
  return ((values[t] as number) - (left + right) / 2) / scale;
}

const bins = new Map<string, { hit: number; miss: number }>();
const bin = (z: number): string => {
  const size = Math.abs(z);
  if (!Number.isFinite(size)) return 'NaN';
  const edges = [1, 2, 3, 4, 5, 6, 8];
  const upper = edges.find((edge) => size < edge);
  return upper === undefined ? '≥8' : `<${upper}`;
};

/** Oracle thresholds: |x − clean generator sine| ≥ k·σ (σ = 1.5·0.05), the reachable ceiling. */
const oracleKs = [2, 2.5, 3, 3.5, 4];
const oracleSums = oracleKs.map(() => 0);
const cleanSine = (t: number): number => 1.5 * Math.sin(2 * Math.PI * 0.04 * t);
const asIntervals = (set: Set<number>): Interval[] =>
  [...set].sort((a, b) => a - b).map((t) => [t, t + 1] as Interval);
const affiliationF1 = (truth: Set<number>, predicted: Set<number>, length: number): number =>
  predicted.size > 0 && truth.size > 0
    ? (intervalScores({ truth: asIntervals(truth), predicted: asIntervals(predicted), length })
        .affiliation.f1 ?? 0)
    : 0;

const templateSums = oracleKs.map(() => 0);
const templateBins = new Map<string, { hit: number; miss: number }>();
let templateScaleSum = 0;
let localScaleSum = 0;

let affiliationSum = 0;
let truthPoints = 0;
let hits = 0;
let falseAlarms = 0;
let emptyAnswers = 0;
for (const item of data.items) {
  const values = Float64Array.from(item.series.values[0] ?? [], (v) => v ?? Number.NaN);
  const n = values.length;
  const truth = new Set<number>();
  for (const [start, end] of item.label.intervals ?? [])
    for (let t = start; t < end; t++) truth.add(t);
  const predicted = new Set<number>();
  for (const anomaly of detectAnomalies(
    { id: item.series.id, channels: ['v'], values: [values] },
    overrides,
  ).anomalies)
    for (let t = anomaly.start; t < anomaly.end; t++) predicted.add(t);
  const period = estimatePeriod(values, options)?.period ?? null;
  const model = residualModel(values, period, options);
  const f1 = affiliationF1(truth, predicted, n);
  if (predicted.size === 0) emptyAnswers++;
  oracleKs.forEach((k, index) => {
    const oracle = new Set<number>();
    for (let t = 0; t < n; t++)
      if (Math.abs((values[t] as number) - cleanSine(t)) >= k * 0.075) oracle.add(t);
    oracleSums[index] = (oracleSums[index] as number) + affiliationF1(truth, oracle, n);
  });
  affiliationSum += f1;
  if (model.period !== null) {
    const template = cycleTemplate(values, model.period, model.slope);
    const residual = Float64Array.from(values, (x, t) => x - (template[t] as number));
    const scale = robustScale(residual);
    templateScaleSum += scale;
    localScaleSum += model.noiseScale;
    oracleKs.forEach((k, index) => {
      const flagged = new Set<number>();
      for (let t = 0; t < n; t++) if (Math.abs(residual[t] as number) >= k * scale) flagged.add(t);
      templateSums[index] = (templateSums[index] as number) + affiliationF1(truth, flagged, n);
    });
    for (const t of truth) {
      const entry = templateBins.get(bin((residual[t] as number) / scale)) ?? { hit: 0, miss: 0 };
      if (predicted.has(t)) entry.hit++;
      else entry.miss++;
      templateBins.set(bin((residual[t] as number) / scale), entry);
    }
  }
  const lines: string[] = [];
  for (const t of [...truth].sort((a, b) => a - b)) {
    const z = (model.residual[t] as number) / model.noiseScale;
    const hit = predicted.has(t);
    truthPoints++;
    if (hit) hits++;
    const key = bin(z);
    const entry = bins.get(key) ?? { hit: 0, miss: 0 };
    if (hit) entry.hit++;
    else entry.miss++;
    bins.set(key, entry);
    lines.push(
      `  ${hit ? 'hit ' : 'MISS'} t=${t} x=${(values[t] as number).toFixed(2)} exp=${(model.expected[t] as number).toFixed(2)} z=${z.toFixed(1)} curv=${curvatureZ(values, t, model.noiseScale).toFixed(1)}`,
    );
  }
  for (const t of [...predicted].sort((a, b) => a - b)) {
    if (truth.has(t)) continue;
    falseAlarms++;
    const z = (model.residual[t] as number) / model.noiseScale;
    lines.push(`  FALSE t=${t} z=${z.toFixed(1)}`);
  }
  if (verbose)
    console.log(
      `${item.series.id} period=${period?.toFixed(2) ?? 'none'} noise=${model.noiseScale.toFixed(3)} aff F1=${f1.toFixed(3)}\n${lines.join('\n')}`,
    );
}
console.log(
  `${type} ${split} seed ${seed} × ${count}: aff F1 ${((100 * affiliationSum) / count).toFixed(2)}, ` +
    `labelled points ${truthPoints}, reported ${hits} (${((100 * hits) / truthPoints).toFixed(1)} %), ` +
    `false alarms ${falseAlarms}, empty answers ${emptyAnswers}`,
);
console.log(
  `oracle |x − clean sine| ≥ k·σ: ${oracleKs.map((k, i) => `k=${k} ${((100 * (oracleSums[i] as number)) / count).toFixed(2)}`).join(', ')}`,
);
console.log(
  `template |x − cycle template| ≥ k·scale: ${oracleKs.map((k, i) => `k=${k} ${((100 * (templateSums[i] as number)) / count).toFixed(2)}`).join(', ')}; mean scale ${(templateScaleSum / count).toFixed(4)} vs local ${(localScaleSum / count).toFixed(4)}`,
);
console.log(
  `labelled points by |template z| (hit/missed): ${[...templateBins.entries()]
    .sort()
    .map(([k, v]) => `${k} ${v.hit}/${v.miss}`)
    .join(', ')}`,
);
console.log('labelled points by |residual z| under the seasonal model: hit / missed');
for (const key of ['<1', '<2', '<3', '<4', '<5', '<6', '<8', '≥8', 'NaN']) {
  const entry = bins.get(key);
  if (entry !== undefined) console.log(`  |z| ${key.padEnd(3)} ${entry.hit} / ${entry.miss}`);
}
