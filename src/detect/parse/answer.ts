import type { Answer } from '../../schema/answer.js';
import { assertFewIntervals, assertShallow } from './bounds.js';
import { parseAnomllmAnswer } from './anomllm.js';
import { answerFromLegacy } from './legacy.js';
import { parseStructuredAnswer } from './structured.js';
import { parseTimeRaAnswer } from './time-ra.js';
import { parseVtaAnswer } from './vta.js';

/** The answer formats a prompt template can name in its `answer` field. */
export type AnswerFormat =
  'structured' | 'vta-points' | 'vta-ranges' | 'vta-variates' | 'anomllm' | 'time-ra';

/** Options of `parseAnswerText`. */
export interface ParseAnswerOptions {
  /** Series length (VTA variates and Time-RA answers span the whole series). */
  length: number;
  /**
   * Taxonomy of the series: restricts structured categories; picks Time-RA's category list.
   * @default 'univariate' for Time-RA, either for structured
   */
  taxonomy?: 'univariate' | 'multivariate';
  /** AnomLLM `s0.3`-style digit rescaling, see `parseAnomllmAnswer`. */
  scaleFactor?: number;
}

/**
 * Parses model text in the format a template names and returns our `Answer`; every failure is a
 * `ContentError` keeping the raw text.
 */
export function parseAnswerText(
  text: string,
  format: AnswerFormat,
  options: ParseAnswerOptions,
): Answer {
  assertShallow(text);
  const answer = parseInFormat(text, format, options);
  assertFewIntervals(answer.anomalies.length, text);
  return answer;
}

function parseInFormat(text: string, format: AnswerFormat, options: ParseAnswerOptions): Answer {
  const legacy = { length: options.length, rawText: text };
  switch (format) {
    case 'structured':
      return parseStructuredAnswer(
        text,
        options.taxonomy === undefined ? {} : { taxonomy: options.taxonomy },
      );
    case 'vta-points':
      return answerFromLegacy(parseVtaAnswer(text, 'points'), format, legacy);
    case 'vta-variates':
      return answerFromLegacy(parseVtaAnswer(text, 'variates'), format, legacy);
    case 'vta-ranges':
      return answerFromLegacy(parseVtaAnswer(text, 'ranges'), format, legacy);
    case 'anomllm':
      return answerFromLegacy(
        parseAnomllmAnswer(
          text,
          options.scaleFactor === undefined ? {} : { scaleFactor: options.scaleFactor },
        ),
        format,
        legacy,
      );
    case 'time-ra':
      return answerFromLegacy(
        parseTimeRaAnswer(text, options.taxonomy ?? 'univariate'),
        format,
        legacy,
      );
  }
}
