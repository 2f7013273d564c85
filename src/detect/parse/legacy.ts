import type { Anomaly, Answer } from '../../schema/answer.js';
import { InputError } from '../../errors.js';
import type { CategoryName } from '../../schema/taxonomy.js';
import { parseError } from './errors.js';
import { pyInt } from './python-text.js';
import type { AnomllmItem } from './anomllm.js';
import type { TimeRaAnswer } from './time-ra.js';

/**
 * Which published answer format a parse came from (the template's `answer` field, minus
 * `structured`).
 */
export type LegacyAnswerKind = 'vta-points' | 'vta-ranges' | 'vta-variates' | 'anomllm' | 'time-ra';

/** Options of `answerFromLegacy`. */
export interface LegacyAnswerOptions {
  /**
   * Series length; needed by `vta-variates` and `time-ra`, whose anomalies span the whole series
   * (`start: 0, end: length - 1`, to be read with the inclusive convention).
   */
  length?: number;
  /** Raw model text to keep in a thrown `ContentError`. @default JSON of `parsed` */
  rawText?: string;
}

/**
 * Placeholder category of legacy answers that do not classify (points, ranges, variates); it is
 * not graded. Time-RA answers carry their own category.
 */
export const LEGACY_CATEGORY = {
  'vta-points': 'Point Anomaly',
  'vta-ranges': 'Continuous Segment Anomaly',
  'vta-variates': 'Local Structural Jump Anomaly',
  anomllm: 'Continuous Segment Anomaly',
} as const satisfies Record<Exclude<LegacyAnswerKind, 'time-ra'>, CategoryName>;

/**
 * Turns a VisualTimeAnomaly, AnomLLM or Time-RA parse into our `Answer`, so the pipeline has one
 * answer type. Coordinates stay as the model wrote them (convert with `toIntervals` and the
 * template's convention). Follows the published vectorizers: VTA range entries that are not two
 * `int()`-able values are skipped one by one; one bad AnomLLM item fails the whole answer
 * (`content.bad_coordinate`); VTA panel ids are deduplicated and sorted, a negative id throws.
 * An empty list (or Time-RA's "Normal Sequence") is `anomalous: false` with no anomalies.
 */
export function answerFromLegacy(
  parsed: readonly number[],
  kind: 'vta-points' | 'vta-variates',
  options?: LegacyAnswerOptions,
): Answer;
export function answerFromLegacy(
  parsed: readonly unknown[][],
  kind: 'vta-ranges',
  options?: LegacyAnswerOptions,
): Answer;
export function answerFromLegacy(
  parsed: readonly AnomllmItem[],
  kind: 'anomllm',
  options?: LegacyAnswerOptions,
): Answer;
export function answerFromLegacy(
  parsed: TimeRaAnswer,
  kind: 'time-ra',
  options?: LegacyAnswerOptions,
): Answer;
export function answerFromLegacy(
  parsed: unknown,
  kind: LegacyAnswerKind,
  options: LegacyAnswerOptions = {},
): Answer {
  const rawText = options.rawText ?? JSON.stringify(parsed);
  switch (kind) {
    case 'vta-points':
      // An int beyond the float range (±Infinity here) indexes nothing: Python skips it
      // (IndexError).
      return answerOf(
        (parsed as readonly number[])
          .filter(Number.isFinite)
          .map((point) => anomaly(point, point, LEGACY_CATEGORY[kind])),
      );
    case 'vta-ranges': {
      const anomalies: Anomaly[] = [];
      for (const entry of parsed as readonly unknown[][]) {
        if (entry.length !== 2) continue;
        // int(entry[0]) runs before int(entry[1]): a bad start skips the entry even when the end
        // is infinite (OverflowError, which the published vectorizer does not catch).
        const start = pyInt(entry[0]);
        const end = start === undefined || start === null ? undefined : pyInt(entry[1]);
        if (start === null || end === null) {
          throw parseError(
            'content.bad_coordinate',
            `The range ${JSON.stringify(entry)} has an infinite end point.`,
            rawText,
            { issues: [`${JSON.stringify(entry)}: infinite`] },
          );
        }
        if (start === undefined || end === undefined) continue;
        anomalies.push(anomaly(start, end, LEGACY_CATEGORY[kind]));
      }
      return answerOf(anomalies);
    }
    case 'anomllm':
      return answerOf(
        (parsed as readonly AnomllmItem[]).map((item, index) => {
          const start = pyInt(item.start);
          const end = pyInt(item.end);
          if (typeof start !== 'number' || typeof end !== 'number') {
            throw parseError(
              'content.bad_coordinate',
              `AnomLLM item ${index} has a start or end that is not an integer (${JSON.stringify(item)}); the whole answer fails.`,
              rawText,
              {
                issues: [
                  `${index}: start ${JSON.stringify(item.start)}, end ${JSON.stringify(item.end)}`,
                ],
              },
            );
          }
          return anomaly(start, end, LEGACY_CATEGORY[kind]);
        }),
      );
    case 'vta-variates': {
      const ids = [...new Set((parsed as readonly number[]).filter(Number.isFinite))].sort(
        (a, b) => a - b,
      );
      const negative = ids.find((id) => id < 0);
      if (negative !== undefined) {
        throw parseError(
          'content.bad_coordinate',
          `Panel id ${negative} is negative; panels are numbered from 0 (no wrapping).`,
          rawText,
          { issues: [`${negative} < 0`] },
        );
      }
      if (ids.length === 0) return answerOf([]);
      return answerOf([
        { ...anomaly(0, lastIndex(options, kind), LEGACY_CATEGORY[kind]), channels: ids },
      ]);
    }
    case 'time-ra': {
      const answer = parsed as TimeRaAnswer;
      if (answer.category.id === 0)
        return { anomalous: false, anomalies: [], summary: answer.thought };
      const whole = anomaly(0, lastIndex(options, kind), answer.category.name as CategoryName);
      return {
        anomalous: true,
        anomalies: [{ ...whole, explanation: answer.thought }],
        summary: answer.thought,
      };
    }
  }
}

function lastIndex(options: LegacyAnswerOptions, kind: LegacyAnswerKind): number {
  if (options.length === undefined)
    throw new InputError(
      'input.missing_option',
      `answerFromLegacy needs the series length for ${kind} answers.`,
      { field: 'length' },
    );
  return Math.max(0, options.length - 1);
}

function anomaly(start: number, end: number, category: CategoryName): Anomaly {
  return {
    start,
    end,
    channels: null,
    category,
    severity: null,
    confidence: null,
    explanation: '',
    candidate: null,
  };
}

function answerOf(anomalies: Anomaly[]): Answer {
  return { anomalous: anomalies.length > 0, anomalies, summary: '' };
}
