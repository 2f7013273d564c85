export { parseStructuredAnswer, formatIssues, type StructuredParseOptions } from './structured.js';
export { parseVtaAnswer, type VtaAnswerKind } from './vta.js';
export {
  parseAnomllmAnswer,
  rescaleDigitRuns,
  type AnomllmItem,
  type AnomllmParseOptions,
} from './anomllm.js';
export { parseTimeRaAnswer, extractTimeRaAction, type TimeRaAnswer } from './time-ra.js';
export {
  toIntervals,
  pointsToIntervals,
  mergeIntervals,
  type ToIntervalsOptions,
  type RangeConvention,
} from './intervals.js';
export {
  answerFromLegacy,
  LEGACY_CATEGORY,
  type LegacyAnswerKind,
  type LegacyAnswerOptions,
} from './legacy.js';
export { type ParseErrorCode } from './errors.js';
export { parseAnswerText, type AnswerFormat, type ParseAnswerOptions } from './answer.js';
