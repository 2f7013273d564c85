/**
 * Re-runs the sweep that chose the baseline's false-alarm defaults (`alarmTailQuantile`,
 * `alarmFalseDiscoveryRate`): for each setting, the real-data summary on NAB's development files
 * (as `baseline-real.ts` prints it) beside the synthetic suites that constrain it, on TRAINING
 * seeds only (1000+; evaluation seeds 0–999 stay for `bench:baseline`). See
 * `bench/baseline-tuning.md` for the outcome.
 *
 *   node dist/bench/baseline-tuning.js [--count 50] [--grid '{"alarmTailQuantile":[0.5,0.9]}']
 */
import { generateAnomllm } from '../src/datasets/anomllm.js';
import { generateVta } from '../src/datasets/vta.js';
import { intervalScores } from '../src/grade/interval-scores.js';
import { normalizeIntervals } from '../src/grade/intervals.js';
import { detectAnomalies } from '../src/providers/baseline/detector.js';
import type { BaselineOptions } from '../src/providers/baseline/options.js';
import type { DatasetSplit } from '../src/schema/dataset.js';
import type { Interval } from '../src/schema/interval.js';
import type { Series } from '../src/series/types.js';
import { loadNabDev } from './nab-dev.js';
import { baselineAlarms, summarise } from './real-scores.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const count = Number(flag('count', '50'));
const grid = JSON.parse(
  flag('grid', '{"alarmTailQuantile":[0.5,0.8,0.9,0.95],"alarmFalseDiscoveryRate":[0.05,0.01]}'),
) as Partial<Record<keyof BaselineOptions, number[]>>;

const toSeries = (item: DatasetSplit['items'][number]): Series => ({
  id: item.series.id,
  channels: item.series.channels,
  values: item.series.values.map((c) => Float64Array.from(c, (v) => (v === null ? Number.NaN : v))),
});

/** Mean affiliation F1 ×100 of one synthetic type, scored like `baseline-quick.ts` does. */
function synthetic(
  split: DatasetSplit,
  options: Partial<BaselineOptions>,
  { pointTask, emptyIsZero }: { pointTask: boolean; emptyIsZero: boolean },
): number {
  let total = 0;
  for (const item of split.items) {
    const series = toSeries(item);
    const length = series.values[0]?.length ?? 0;
    const predicted: Interval[] = [];
    for (const a of detectAnomalies(series, options).anomalies) {
      if (a.kind === 'channel') continue;
      if (pointTask) for (let i = a.start; i < a.end; i++) predicted.push([i, i + 1]);
      else predicted.push([a.start, a.end]);
    }
    const truth = normalizeIntervals(item.label.intervals ?? [], length, 'truth');
    if (truth.length === 0 || predicted.length === 0) {
      total += !emptyIsZero && truth.length === 0 && predicted.length === 0 ? 1 : 0;
      continue;
    }
    total += intervalScores({ truth, predicted, length }).affiliation.f1 ?? 0;
  }
  return (100 * total) / split.items.length;
}

const suites = [
  ...(['global', 'contextual', 'trend'] as const).map((type) => ({
    name: `vta ${type}`,
    split: generateVta({
      kind: 'univariate',
      type,
      count,
      seed: 1000,
      split: 'train',
      dropRatio: 0,
      vtaSeasonalQuirk: false,
    }),
    pointTask: type !== 'trend',
    emptyIsZero: true,
  })),
  ...(['range', 'noisy-point', 'noisy-freq', 'flat-trend'] as const).map((type) => ({
    name: `anomllm ${type}`,
    split: generateAnomllm({ type, count: Math.max(count, 100), split: 'train', seed: 1000 }),
    pointTask: false,
    emptyIsZero: false,
  })),
];

function settings(): Partial<BaselineOptions>[] {
  let out: Partial<BaselineOptions>[] = [{}];
  for (const [key, values] of Object.entries(grid) as [keyof BaselineOptions, number[]][]) {
    out = out.flatMap((base) => values.map((value) => ({ ...base, [key]: value })));
  }
  return out;
}

const files = await loadNabDev();
const f3 = (value: number): string => (Number.isFinite(value) ? value.toFixed(3) : '—');
console.log(
  `| setting | aff F1 | event F1 | flagged | flagged clean | top-3 loss | ${suites.map((s) => s.name).join(' | ')} |`,
);
console.log(`|---|${'---:|'.repeat(5 + suites.length)}`);
for (const options of settings()) {
  const real =
    files === null
      ? null
      : summarise(
          files,
          files.map((file) => baselineAlarms(file, options).alarms),
        );
  const columns =
    real === null
      ? ['—', '—', '—', '—', '—']
      : [
          f3(real.affiliation),
          f3(real.event),
          `${(100 * real.flagged).toFixed(1)} %`,
          `${(100 * real.flaggedClean).toFixed(1)} %`,
          f3(real.affiliation - real.affiliationTop3),
        ];
  const synth = suites.map((s) => synthetic(s.split, options, s).toFixed(1));
  console.log(`| ${JSON.stringify(options)} | ${columns.join(' | ')} | ${synth.join(' | ')} |`);
}
