import { InputError } from '../errors.js';
import type { DatasetSplit } from '../schema/dataset.js';
import type { Label } from '../schema/label.js';
import { collectSplit, type DatasetItem, type StreamedSplit } from './streamed.js';
import { SeededRandom } from './random.js';
import { generatedSeriesId, toJsonValues } from './vectors.js';

/**
 * AnomLLM synthetic datasets as published (`synthesize.sh`); `noisy-*` adds N(0, 0.08) to every
 * point.
 */
export const anomllmTypes = [
  'range',
  'point',
  'freq',
  'trend',
  'flat-trend',
  'noisy-point',
  'noisy-freq',
  'noisy-trend',
] as const;
export type AnomllmType = (typeof anomllmTypes)[number];

/** Options of `generateAnomllm`. */
export interface AnomllmOptions {
  type: AnomllmType;
  /** Series in the split. @default 400 */
  count?: number;
  /** @default 'eval' */
  split?: 'train' | 'eval';
  /**
   * Seed; train and eval use independent streams of it. @default 42 for eval, 3407 for train (the
   * published seeds)
   */
  seed?: number;
}

/** Published length of every AnomLLM series. */
export const ANOMLLM_LENGTH = 1000;
const GENERATOR_VERSION = 1;

type Intervals = [number, number][];

interface IntervalProcess {
  gapScale: number;
  gapMinimum: number;
  lengthScale: number;
  lengthMinimum: number;
}

/**
 * AnomLLM's `add_anomalies_to_univariate_series` interval process: up to 8 times, a normal gap
 * max(min, Exp(scale)) then an anomaly of length max(min, Exp(scale)), both truncated to integers;
 * it stops as soon as an anomaly would start at or beyond the series end (which is why so many
 * series have no anomaly), and clips the last anomaly at the end. `onInterval` gets each interval
 * in order and draws its own values (the published code draws the sign and shifts here).
 */
function intervalProcess(
  process: IntervalProcess,
  random: SeededRandom,
  onInterval: (start: number, end: number) => void,
): Intervals {
  const intervals: Intervals = [];
  let location = 0;
  for (let index = 0; index < 8; index += 1) {
    const gap = Math.max(random.exponential(process.gapScale), process.gapMinimum);
    const length = Math.max(random.exponential(process.lengthScale), process.lengthMinimum);
    const start = location + Math.trunc(gap);
    if (start >= ANOMLLM_LENGTH) break;
    const end = Math.min(ANOMLLM_LENGTH, start + Math.trunc(length));
    onInterval(start, end);
    location = end;
    intervals.push([start, end]);
  }
  return intervals;
}

function rangeSeries(random: SeededRandom): { values: number[]; intervals: Intervals } {
  const values = random.normals(ANOMLLM_LENGTH, 0, 0.1);
  const intervals = intervalProcess(
    { gapScale: 800, gapMinimum: 10, lengthScale: 20, lengthMinimum: 5 },
    random,
    (start, end) => {
      const sign = random.integer(0, 1) === 1 ? 1 : -1;
      for (let t = start; t < end; t += 1)
        values[t] = values[t]! + sign * random.uniformRange(0.5, 0.8);
    },
  );
  return { values, intervals };
}

function pointSeries(random: SeededRandom): { values: number[]; intervals: Intervals } {
  const values = Array.from({ length: ANOMLLM_LENGTH }, (_, t) => Math.sin(2 * Math.PI * 0.03 * t));
  const intervals = intervalProcess(
    { gapScale: 800, gapMinimum: 200, lengthScale: 30, lengthMinimum: 5 },
    random,
    () => undefined,
  );
  for (const [start, end] of intervals) {
    for (let t = start; t < end; t += 1) values[t] = random.normal(0, 0.5);
  }
  return { values, intervals };
}

function freqSeries(random: SeededRandom): { values: number[]; intervals: Intervals } {
  const frequency = new Array<number>(ANOMLLM_LENGTH).fill(0.03);
  const intervals: Intervals = [];
  // Its own loop (no 8-interval cap): gap max(20, ⌊Exp(450)⌋), length max(7, ⌊Exp(15)⌋).
  let time = 0;
  for (;;) {
    time += Math.max(20, Math.trunc(random.exponential(450)));
    if (time >= ANOMLLM_LENGTH) break;
    const end = Math.min(ANOMLLM_LENGTH, time + Math.max(7, Math.trunc(random.exponential(15))));
    const factor = random.uniform() < 0.5 ? 3 : 1 / 3;
    for (let t = time; t < end; t += 1) frequency[t] = frequency[t]! * factor;
    intervals.push([time, end]);
    time = end;
  }
  let phase = 0;
  const values = frequency.map((step) => {
    phase += step;
    return Math.sin(2 * Math.PI * phase);
  });
  return { values, intervals };
}

function trendSeries(
  random: SeededRandom,
  slopeRange: readonly [number, number],
): { values: number[]; intervals: Intervals } {
  const normalSlope = 3;
  const intervals = intervalProcess(
    { gapScale: 1700, gapMinimum: 800, lengthScale: 100, lengthMinimum: 50 },
    random,
    () => undefined,
  );
  const trend = new Array<number>(ANOMLLM_LENGTH).fill(0);
  let level = 0;
  let time = 0;
  const line = (from: number, to: number, slope: number): void => {
    for (let t = from; t < to; t += 1) trend[t] = level + (slope * (t - from)) / ANOMLLM_LENGTH;
    if (to > from) level = trend[to - 1]!;
  };
  for (const [start, end] of intervals) {
    line(time, start, normalSlope);
    // Published default inverse_ratio 0: slopes are never reversed.
    line(start, end, random.uniformRange(Math.max(normalSlope, slopeRange[0]), slopeRange[1]));
    time = end;
  }
  line(time, ANOMLLM_LENGTH, normalSlope);
  const raw = trend.map((value, t) => Math.sin(2 * Math.PI * 0.02 * t) + value);
  const minimum = Math.min(...raw);
  const maximum = Math.max(...raw);
  return {
    values: raw.map((value) => (2 * (value - minimum)) / (maximum - minimum) - 1),
    intervals,
  };
}

function generateOne(
  type: AnomllmType,
  random: SeededRandom,
): { values: number[]; intervals: Intervals } {
  const base = type.startsWith('noisy-') ? type.slice('noisy-'.length) : type;
  const drawn =
    base === 'range'
      ? rangeSeries(random)
      : base === 'point'
        ? pointSeries(random)
        : base === 'freq'
          ? freqSeries(random)
          : trendSeries(random, base === 'flat-trend' ? [4.5, 6.0] : [6.0, 20.0]);
  if (type.startsWith('noisy-'))
    drawn.values = drawn.values.map((value) => value + random.normal(0, 0.08));
  return drawn;
}

/**
 * Generates one split of an AnomLLM-style synthetic dataset (length 1000, one channel),
 * reproducing the published generator's distributions, including the many series without any
 * anomaly (their labels have `anomalous: false`, `intervals: []`).
 * @example generateAnomllm({ type: 'freq', count: 400, split: 'eval' })
 */
export function generateAnomllm(options: AnomllmOptions): DatasetSplit {
  return collectSplit(streamAnomllm(options));
}

/** {@link generateAnomllm} one series at a time: options are checked at once. */
export function streamAnomllm(options: AnomllmOptions): StreamedSplit {
  if (!anomllmTypes.includes(options.type)) {
    throw new InputError(
      'input.invalid_generator_option',
      `unknown AnomLLM type "${String(options.type)}"; use one of ${anomllmTypes.join(', ')}.`,
      {
        field: 'type',
      },
    );
  }
  const count = options.count ?? 400;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InputError(
      'input.invalid_generator_option',
      `count must be a whole number >= 0, got ${String(count)}.`,
      { field: 'count' },
    );
  }
  const split = options.split ?? 'eval';
  const seed = options.seed ?? (split === 'eval' ? 42 : 3407);
  function* items(): Generator<DatasetItem> {
    // Independent streams per split, so an explicit seed shared by both splits still gives
    // different series.
    const random = new SeededRandom(seed, split === 'eval' ? 0 : 1);
    for (let index = 0; index < count; index += 1) {
      const id = generatedSeriesId('anomllm', options.type, split, index);
      const { values, intervals } = generateOne(options.type, random);
      const label: Label = {
        seriesId: id,
        anomalous: intervals.length > 0,
        intervals,
        channels: null,
        category: null,
        explanation: null,
        type: options.type,
      };
      yield { series: { id, channels: ['value'], values: [toJsonValues(values)] }, label };
    }
  }
  return {
    dataset: 'anomllm',
    type: options.type,
    split,
    count,
    items: items(),
    meta: () => ({
      generator: 'anomllm',
      generatorVersion: GENERATOR_VERSION,
      type: options.type,
      seed,
      count,
      length: ANOMLLM_LENGTH,
    }),
  };
}
