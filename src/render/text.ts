import { InputError } from '../errors.js';
import type { Series } from '../series/types.js';

/** Text serialisation of a series (the text modality). */
export type TextFormat = 'plain' | 'csv' | 'digits' | 'prefix' | 'multivariate';

/** Options of `serializeText`. */
export interface TextOptions {
  /**
   * - `plain`: values rounded to `decimals`, joined by `, ` (several channels: one `name: ...` line
   * each);
   * - `csv`: header `idx,value` (several channels: `idx,<name>,...`), one row per sample;
   * - `digits`: LLMTime style: value × 10^decimals rounded to an integer, its digits separated by
   *   spaces, values separated by ` , ` (the factor is returned as `meta.scale`);
   * - `prefix`: a sentence with length, min, max, median, std and trend, then the plain values;
   * - `multivariate`: RATs40K observation form `'name': [v, v]; 'name': [v, v]`.
   */
  format: TextFormat;
  /** Digits after the decimal point (for `digits`: the power of ten applied). @default 3 */
  decimals?: number;
  /** How a missing (NaN) value is written. @default 'NaN' */
  missing?: 'NaN' | 'null';
}

/** Serialised text plus everything needed to reproduce or invert it. */
export interface TextResult {
  text: string;
  meta: {
    format: TextFormat;
    /** Options after defaults. */
    options: { decimals: number; missing: 'NaN' | 'null' };
    /** `digits` only: values were multiplied by this factor. */
    scale?: number;
  };
}

/** A number rounded to `decimals` in its shortest form (`1.5`, not `1.500`; never `-0`). */
export function formatValue(value: number, decimals: number, missing: string): string {
  if (!Number.isFinite(value)) return missing;
  const rounded = Number(value.toFixed(decimals));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function digitTokens(value: number, decimals: number, missing: string): string {
  if (!Number.isFinite(value)) return missing;
  // half away from zero, so -0.5 → -1 like 0.5 → 1
  const scaled = Math.sign(value) * Math.round(Math.abs(value) * 10 ** decimals);
  const digits = String(Math.abs(scaled)).split('').join(' ');
  return scaled < 0 ? `-${digits}` : digits;
}

interface Summary {
  count: number;
  missing: number;
  min: number;
  max: number;
  median: number;
  std: number;
  slope: number;
}

/** Statistics of the finite values (population std; least-squares slope per step). */
function summarize(values: Float64Array): Summary {
  const finite: number[] = [];
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumXX = 0;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    finite.push(v);
    sumX += i;
    sumY += v;
    sumXY += i * v;
    sumXX += i * i;
  });
  const k = finite.length;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(k / 2);
  const median = k === 0 ? NaN : k % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = k === 0 ? NaN : sumY / k;
  const variance = k === 0 ? NaN : finite.reduce((acc, v) => acc + (v - mean) ** 2, 0) / k;
  const denominator = k * sumXX - sumX * sumX;
  const slope = k < 2 || denominator === 0 ? 0 : (k * sumXY - sumX * sumY) / denominator;
  return {
    count: values.length,
    missing: values.length - k,
    min: sorted[0] ?? NaN,
    max: sorted[k - 1] ?? NaN,
    median,
    std: Math.sqrt(variance),
    slope,
  };
}

/** Trend word: flat when the fitted line moves less than half a std over the whole series. */
function trendWord(summary: Summary): string {
  const change = summary.slope * Math.max(0, summary.count - 1);
  if (!(Math.abs(change) >= 0.5 * summary.std) || change === 0) return 'flat';
  return change > 0 ? 'increasing' : 'decreasing';
}

function prefixSentence(values: Float64Array, decimals: number, missing: string): string {
  const s = summarize(values);
  const f = (v: number): string => formatValue(v, decimals, missing);
  return (
    `${s.count} values (${s.missing} missing); min ${f(s.min)}, max ${f(s.max)}, median ${f(s.median)}, ` +
    `std ${f(s.std)}; trend ${trendWord(s)} (slope ${f(s.slope)} per step).`
  );
}

function quoteName(name: string): string {
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function csvName(name: string): string {
  return /[",\n\r]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

/**
 * Serialises a series as text for a model; pure, and the options used are recorded in `meta`.
 * Missing values are written explicitly as `NaN` (or `null` with `missing: 'null'`).
 * @example serializeText(series, { format: 'digits', decimals: 2 }) // "1 2 3 , -4 5" for [1.23,
 * -0.45]
 */
export function serializeText(series: Series, options: TextOptions): TextResult {
  const decimals = options.decimals ?? 3;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) {
    throw new InputError(
      'render.invalid_decimals',
      `decimals must be a whole number from 0 to 12, got ${String(decimals)}.`,
      {
        field: 'decimals',
      },
    );
  }
  const missing = options.missing ?? 'NaN';
  const meta: TextResult['meta'] = { format: options.format, options: { decimals, missing } };
  const plain = (values: Float64Array): string =>
    Array.from(values, (v) => formatValue(v, decimals, missing)).join(', ');
  const names = series.values.map((_, i) => series.channels[i] ?? `channel ${i}`);
  const single = series.values.length === 1;
  const perChannel = (body: (values: Float64Array) => string): string =>
    single
      ? body(series.values[0]!)
      : series.values.map((values, i) => `${names[i]}: ${body(values)}`).join('\n');
  let text: string;
  switch (options.format) {
    case 'plain':
      text = perChannel(plain);
      break;
    case 'csv': {
      const header = single ? 'idx,value' : `idx,${names.map(csvName).join(',')}`;
      const length = series.values[0]?.length ?? 0;
      const lines = [header];
      for (let i = 0; i < length; i += 1) {
        lines.push(
          [
            String(i),
            ...series.values.map((values) => formatValue(values[i]!, decimals, missing)),
          ].join(','),
        );
      }
      text = lines.join('\n');
      break;
    }
    case 'digits':
      text = perChannel((values) =>
        Array.from(values, (v) => digitTokens(v, decimals, missing)).join(' , '),
      );
      meta.scale = 10 ** decimals;
      break;
    case 'prefix':
      text = single
        ? `The series has ${prefixSentence(series.values[0]!, decimals, missing)}\nValues: ${plain(series.values[0]!)}`
        : series.values
            .map(
              (values, i) =>
                `Channel ${names[i]} has ${prefixSentence(values, decimals, missing)}\n${names[i]}: ${plain(values)}`,
            )
            .join('\n');
      break;
    case 'multivariate':
      text = series.values
        .map((values, i) => `${quoteName(names[i]!)}: [${plain(values)}]`)
        .join('; ');
      break;
  }
  return { text, meta };
}

/**
 * Linear interpolation of every channel (and the timestamps) to `targetLength` samples.
 * Output sample j is read at original position j / scale (clamped to the last sample), with
 * `scale = targetLength / originalLength`, so a coordinate x on the new axis maps back as x /
 * scale.
 * A sample between a value and a missing one is missing.
 */
export function rescaleSeries(
  series: Series,
  targetLength: number,
): { series: Series; scale: number } {
  const n = series.values[0]?.length ?? 0;
  if (!Number.isInteger(targetLength) || targetLength < 1) {
    throw new InputError(
      'render.invalid_length',
      `targetLength must be a whole number of at least 1, got ${String(targetLength)}.`,
      {
        field: 'targetLength',
      },
    );
  }
  if (n === 0) {
    throw new InputError(
      'render.empty_series',
      `Series "${series.id}" has no observations; there is nothing to rescale.`,
      {
        field: 'values',
      },
    );
  }
  const scale = targetLength / n;
  const sample = (read: (i: number) => number, j: number): number => {
    const position = Math.min(j / scale, n - 1);
    const i0 = Math.floor(position);
    const fraction = position - i0;
    const a = read(i0);
    if (fraction === 0) return a;
    const b = read(i0 + 1);
    return a + (b - a) * fraction;
  };
  const values = series.values.map((channel) => {
    const out = new Float64Array(targetLength);
    for (let j = 0; j < targetLength; j += 1) out[j] = sample((i) => channel[i]!, j);
    return out;
  });
  const rescaled: Series = { ...series, channels: [...series.channels], values };
  if (series.timestamps !== undefined) {
    const stamps = series.timestamps;
    rescaled.timestamps = Array.from({ length: targetLength }, (_, j) =>
      sample((i) => stamps[i]!, j),
    );
  }
  return { series: rescaled, scale };
}
