import { deleteIndices, checkLength, normalizeIntervals, type IntervalLike } from './intervals.js';
import { scoreNormalized, type IntervalScores } from './interval-scores.js';
import { pythonRound } from './round.js';
import { variateScores } from './variate.js';
import { InputError } from '../errors.js';

/**
 * How a benchmark turns answers into per-series numbers. Every rule that differs between the
 * published benchmarks is a field here (recorded in the suite file), never a hidden `if`.
 * Rules apply in this order: unparseable, dropIndices, bothEmpty, oneEmpty, emptyPrediction,
 * rounding.
 * "Empty" means no index (or channel) left after clipping to the series — an all-zero vector.
 */
export interface ScoringConvention {
  /**
   * An answer that failed to parse: left out of the mean (`skip`) or 0 on every metric (`zero`).
   */
  unparseable: 'skip' | 'zero';
  /**
   * Truth and prediction both empty: 1 on every metric (`one`) or the metrics as computed
   * (`score`).
   */
  bothEmpty: 'one' | 'score';
  /**
   * Exactly one of truth and prediction empty: 0 on every metric (`zero`) or as computed (`score`).
   */
  oneEmpty: 'zero' | 'score';
  /** Prediction empty (truth not): 0 on every metric (`zero`) or as computed (`score`). */
  emptyPrediction: 'zero' | 'score';
  /**
   * Round every per-series metric to this many decimals, Python `round()` style; `null` = no
   * rounding.
   */
  roundDecimals: number | null;
  /**
   * With `delete`, a series' `droppedIndices` are removed from the axis before scoring (irregular
   * series). @default 'keep'
   */
  dropIndices?: 'delete' | 'keep';
}

/** The published benchmarks' conventions (see REFERENCES.md §B). */
export const conventions = {
  /**
   * VisualTimeAnomaly `src/result_agg.py` / `src/utils.py`: unparseable series skipped; prediction
   * all-zero → all six metrics 0; each metric rounded to 3 dp; irregular univariate deletes dropped
   * indices (`np.delete`) from both vectors. Truth is never empty there (the script exits).
   */
  vta: {
    unparseable: 'skip',
    bothEmpty: 'score',
    oneEmpty: 'score',
    emptyPrediction: 'zero',
    roundDecimals: 3,
    dropIndices: 'delete',
  },
  /**
   * AnomLLM `src/utils.py` `compute_metrics`: parse failure → all 0; truth and prediction both
   * empty → all 1; exactly one empty → all 0; otherwise each of the six metrics `round(x, 3)`
   * (as VisualTimeAnomaly's), before the mean over series.
   */
  anomllm: {
    unparseable: 'zero',
    bothEmpty: 'one',
    oneEmpty: 'zero',
    emptyPrediction: 'score',
    roundDecimals: 3,
    dropIndices: 'keep',
  },
  /**
   * Time-RA `eval2file.py`: an answer whose Action is not a category name is absent from the
   * output,
   * and only keys common to prediction and truth are scored → skipped; nothing else special.
   */
  timeRa: {
    unparseable: 'skip',
    bothEmpty: 'score',
    oneEmpty: 'score',
    emptyPrediction: 'score',
    roundDecimals: null,
    dropIndices: 'keep',
  },
} as const satisfies Record<string, ScoringConvention>;

/** Metric names of the interval task, as flat keys. */
export const intervalMetricKeys = [
  'pointwise.precision',
  'pointwise.recall',
  'pointwise.f1',
  'pointAdjusted.precision',
  'pointAdjusted.recall',
  'pointAdjusted.f1',
  'affiliation.precision',
  'affiliation.recall',
  'affiliation.f1',
  'rangeBased.precision',
  'rangeBased.recall',
  'rangeBased.f1',
  'event.recall',
  'event.f1',
] as const;

/** Metric names of the variate task, as flat keys. */
export const variateMetricKeys = ['variate.precision', 'variate.recall', 'variate.f1'] as const;

/** Flat metric map: key → value, `null` where the metric is undefined. */
export type MetricValues = Record<string, number | null>;

/** One series to score; `predicted: null` means the answer failed to parse. */
export type SeriesInput =
  | {
      task: 'interval';
      truth: readonly IntervalLike[];
      predicted: readonly IntervalLike[] | null;
      length: number;
      /**
       * Indices missing from an irregular series (used when the convention says `dropIndices:
       * 'delete'`).
       */
      droppedIndices?: readonly number[];
    }
  | {
      task: 'variate';
      truth: readonly number[];
      predicted: readonly number[] | null;
      dims: number;
    };

/** Per-series result; safe to store as JSON. */
export interface SeriesScore {
  task: SeriesInput['task'];
  /** Which rule of the convention produced `metrics`. */
  rule: 'computed' | 'bothEmpty' | 'oneEmpty' | 'emptyPrediction' | 'unparseable';
  parseFailure: boolean;
  /**
   * `null` for a parse failure: {@link aggregate} skips it or counts it as 0, by the convention.
   */
  metrics: MetricValues | null;
}

/**
 * Scores one series under a convention (everything except the unparseable rule, which {@link
 * aggregate} applies).
 */
export function scoreSeries(input: SeriesInput, convention: ScoringConvention): SeriesScore {
  checkConvention(convention);
  if (input.predicted === null)
    return { task: input.task, rule: 'unparseable', parseFailure: true, metrics: null };
  const keys = input.task === 'interval' ? intervalMetricKeys : variateMetricKeys;
  let truthEmpty: boolean;
  let predictedEmpty: boolean;
  let compute: () => MetricValues;
  if (input.task === 'interval') {
    let length = checkLength(input.length);
    let truth = normalizeIntervals(input.truth, length, 'truth');
    let predicted = normalizeIntervals(input.predicted, length, 'predicted');
    if (
      (convention.dropIndices ?? 'keep') === 'delete' &&
      input.droppedIndices !== undefined &&
      input.droppedIndices.length > 0
    ) {
      const newTruth = deleteIndices(truth, input.droppedIndices, length, 'truth');
      predicted = deleteIndices(predicted, input.droppedIndices, length, 'predicted').intervals;
      truth = newTruth.intervals;
      length = newTruth.length;
    }
    truthEmpty = truth.length === 0;
    predictedEmpty = predicted.length === 0;
    compute = () => flattenIntervalScores(scoreNormalized(truth, predicted, length));
  } else {
    // Validates the ids now, even when a rule below makes the scores unnecessary.
    const v = variateScores({ truth: input.truth, predicted: input.predicted, dims: input.dims });
    const dims = checkLength(input.dims, 'dims');
    truthEmpty = input.truth.length === 0;
    predictedEmpty = !input.predicted.some((id) => id >= 0 && id < dims);
    compute = () => ({
      'variate.precision': v.precision,
      'variate.recall': v.recall,
      'variate.f1': v.f1,
    });
  }
  const constant = (value: number): MetricValues => constantMetrics(keys, value);
  let rule: SeriesScore['rule'] = 'computed';
  let metrics: MetricValues;
  if (truthEmpty && predictedEmpty && convention.bothEmpty === 'one')
    [rule, metrics] = ['bothEmpty', constant(1)];
  else if (truthEmpty !== predictedEmpty && convention.oneEmpty === 'zero')
    [rule, metrics] = ['oneEmpty', constant(0)];
  else if (predictedEmpty && !truthEmpty && convention.emptyPrediction === 'zero')
    [rule, metrics] = ['emptyPrediction', constant(0)];
  else metrics = compute();
  const digits = convention.roundDecimals;
  if (digits !== null) {
    for (const key of Object.keys(metrics)) {
      const v = metrics[key];
      // +0 and 1 round to themselves (most constant rules' values): no need to ask (-0 gives +0).
      if (v !== null && v !== undefined && v !== 1 && !Object.is(v, 0))
        metrics[key] = pythonRound(v, digits);
    }
  }
  return { task: input.task, rule, parseFailure: false, metrics };
}

const filled = (keys: readonly string[], value: number): Readonly<MetricValues> =>
  Object.freeze(Object.fromEntries(keys.map((key) => [key, value])));
/** The constant rules' maps (all 0, all 1) of each task, cloned per series. */
const constantTemplates = new Map<readonly string[], readonly Readonly<MetricValues>[]>([
  [intervalMetricKeys, [filled(intervalMetricKeys, 0), filled(intervalMetricKeys, 1)]],
  [variateMetricKeys, [filled(variateMetricKeys, 0), filled(variateMetricKeys, 1)]],
]);

/**
 * Every key set to `value`, a fresh object each call (callers round and keep it): a clone of a
 * template for 0 and 1, as scoring a large run makes one per trivial answer and series.
 */
function constantMetrics(keys: readonly string[], value: number): MetricValues {
  const template = value === 0 || value === 1 ? constantTemplates.get(keys)?.[value] : undefined;
  return template === undefined
    ? Object.fromEntries(keys.map((key) => [key, value]))
    : { ...template };
}

/** The interval scores as a flat metric map. */
export function flattenIntervalScores(s: IntervalScores): MetricValues {
  return {
    'pointwise.precision': s.pointwise.precision,
    'pointwise.recall': s.pointwise.recall,
    'pointwise.f1': s.pointwise.f1,
    'pointAdjusted.precision': s.pointAdjusted.precision,
    'pointAdjusted.recall': s.pointAdjusted.recall,
    'pointAdjusted.f1': s.pointAdjusted.f1,
    'affiliation.precision': s.affiliation.precision,
    'affiliation.recall': s.affiliation.recall,
    'affiliation.f1': s.affiliation.f1,
    'rangeBased.precision': s.rangeBased.precision,
    'rangeBased.recall': s.rangeBased.recall,
    'rangeBased.f1': s.rangeBased.f1,
    'event.recall': s.event.recall,
    'event.f1': s.event.f1,
  };
}

/** Mean metrics over series plus the counts that must always be shown. */
export interface AggregateScores {
  /** Mean over the series where the metric is defined; `null` when it is defined for none. */
  metrics: MetricValues;
  /** Number of series each mean is over. */
  defined: Record<string, number>;
  counts: {
    /** All series given. */
    series: number;
    /** Series in the means (parse failures included when the convention zeroes them). */
    scored: number;
    /** Series left out (parse failures under `unparseable: 'skip'`). */
    skipped: number;
    /** Answers that failed to parse, skipped or zeroed. */
    parseFailures: number;
  };
}

/**
 * Mean over series of per-series scores (VisualTimeAnomaly, AnomLLM), applying the convention's
 * unparseable rule.
 */
export function aggregate(
  perSeries: readonly SeriesScore[],
  convention: Pick<ScoringConvention, 'unparseable'>,
): AggregateScores {
  const sums = new Map<string, { sum: number; n: number }>();
  const add = (key: string, value: number | null): void => {
    let entry = sums.get(key);
    if (entry === undefined) {
      entry = { sum: 0, n: 0 };
      sums.set(key, entry);
    }
    if (value !== null) {
      entry.sum += value;
      entry.n++;
    }
  };
  let scored = 0;
  let skipped = 0;
  let parseFailures = 0;
  for (const s of perSeries) {
    if (s.parseFailure) parseFailures++;
    if (s.metrics === null) {
      if (convention.unparseable === 'skip') {
        skipped++;
        continue;
      }
      for (const key of s.task === 'interval' ? intervalMetricKeys : variateMetricKeys) add(key, 0);
    } else {
      for (const [key, value] of Object.entries(s.metrics)) add(key, value);
    }
    scored++;
  }
  const metrics: MetricValues = {};
  const defined: Record<string, number> = {};
  for (const [key, { sum, n }] of sums) {
    metrics[key] = n === 0 ? null : sum / n;
    defined[key] = n;
  }
  return { metrics, defined, counts: { series: perSeries.length, scored, skipped, parseFailures } };
}

function checkConvention(convention: ScoringConvention): void {
  const d = convention.roundDecimals;
  if (d !== null && (!Number.isInteger(d) || d < 0 || d > 15)) {
    throw new InputError(
      'grade.invalid_convention',
      `roundDecimals is ${String(d)}; use null or an integer from 0 to 15.`,
      { field: 'roundDecimals' },
    );
  }
}
