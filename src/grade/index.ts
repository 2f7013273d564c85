export {
  intervalScores,
  type IntervalScores,
  type IntervalScoresInput,
} from './interval-scores.js';
export { affiliationScores, type AffiliationScores } from './affiliation.js';
export { rangeBasedScores, type RangeBasedOptions } from './range-based.js';
export {
  pointwiseScores,
  pointAdjustedScores,
  eventScores,
  precisionRecallF1,
  harmonicMean,
  type PrecisionRecallF1,
  type EventScores,
} from './pointwise.js';
export { normalizeIntervals, deleteIndices, type IntervalLike } from './intervals.js';
export { variateScores, type VariateScoresInput } from './variate.js';
export {
  binaryScores,
  categoryScores,
  type BinaryPair,
  type BinaryScores,
  type CategoryPair,
  type CategoryScores,
} from './classification.js';
export {
  tfidfCosine,
  tfidfTokens,
  levenshteinSimilarity,
  levenshteinDistance,
  whitespaceTokens,
  explanationSimilarity,
  type EmbeddingSimilarity,
  type ExplanationSimilarity,
  type ExplanationSimilarityOptions,
} from './text-similarity.js';
export { sequenceMatcherRatio } from './sequence-matcher.js';
export {
  pythonTokens,
  pythonTokenStrings,
  pythonSplit,
  type PythonTokens,
} from './python-tokens.js';
export { pythonRound } from './round.js';
export {
  conventions,
  scoreSeries,
  aggregate,
  flattenIntervalScores,
  intervalMetricKeys,
  variateMetricKeys,
  type ScoringConvention,
  type SeriesInput,
  type SeriesScore,
  type MetricValues,
  type AggregateScores,
} from './conventions.js';
export {
  scoreCurves,
  intervalConfidenceScores,
  sampleShareScores,
  type ScoreCurves,
  type ScoreCurvesInput,
} from './score-curves.js';
export {
  calibration,
  type Calibration,
  type CalibrationPair,
  type ReliabilityBin,
} from './calibration.js';
