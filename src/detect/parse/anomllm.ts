import {
  PyDict,
  pyJsonLoads,
  PyJsonError,
  pyToJs,
  pyTypeName,
  type PyValue,
} from './python-json.js';
import { pyDigitsToBigInt } from './python-text.js';
import { InputError } from '../../errors.js';
import { assertNotEmpty, parseError } from './errors.js';

/**
 * One AnomLLM answer item: a JSON object with at least `start` and `end` (values unchecked until
 * conversion).
 */
export type AnomllmItem = Record<string, unknown> & { start: unknown; end: unknown };

/** Options of `parseAnomllmAnswer`. */
export interface AnomllmParseOptions {
  /**
   * Scale factor of the `s0.3`-style text variants: every run of digits in the response is
   * replaced by `int(int(run) / scaleFactor)` before parsing, as the published `scale_result_str`
   * does (so `12.5` becomes `40.16`). Leave undefined for unscaled prompts.
   */
  scaleFactor?: number;
}

/**
 * AnomLLM's `parse_output` (`src/utils.py`): the text from the first `[` to the last `]` is decoded
 * with Python's `json.loads` rules and every item must be an object with `start` and `end`, or the
 * whole answer fails. With `scaleFactor`, the published digit-run rescaling runs first.
 * @example parseAnomllmAnswer('[{"start": 10, "end": 25}]') // [{ start: 10, end: 25 }]
 */
export function parseAnomllmAnswer(text: string, options: AnomllmParseOptions = {}): AnomllmItem[] {
  assertNotEmpty(text, 'AnomLLM');
  const output =
    options.scaleFactor === undefined ? text : rescaleDigitRuns(text, options.scaleFactor);
  const first = output.indexOf('[');
  const last = output.lastIndexOf(']');
  if (first === -1)
    throw parseError(
      'content.no_json',
      'The AnomLLM answer holds no JSON list (no "["); expected [{"start": .., "end": ..}, ...].',
      text,
    );
  if (last === -1)
    throw parseError(
      'content.truncated',
      'The AnomLLM answer opens a list but never closes it (no "]"); it was probably cut off.',
      text,
    );
  const trimmed = last + 1 > first ? output.slice(first, last + 1) : '';
  let parsed: PyValue;
  try {
    parsed = pyJsonLoads(trimmed);
  } catch (error) {
    const detail = error instanceof PyJsonError ? error.message : String(error);
    throw parseError(
      'content.invalid_json',
      `The AnomLLM answer's list is not valid JSON (${detail}).`,
      text,
      { cause: error },
    );
  }
  if (!Array.isArray(parsed))
    throw parseError('content.schema', 'The AnomLLM answer is not a list.', text, {
      issues: [`: expected list, got ${pyTypeName(parsed)}`],
    });
  const issues: string[] = [];
  parsed.forEach((item, index) => {
    if (!(item instanceof PyDict)) issues.push(`${index}: expected dict, got ${pyTypeName(item)}`);
    else if (!item.entries.has('start') || !item.entries.has('end'))
      issues.push(`${index}: dict must contain 'start' and 'end' keys`);
  });
  if (issues.length > 0) {
    throw parseError(
      'content.schema',
      `Every AnomLLM answer item must be an object with "start" and "end"; ${issues.length} item(s) are not, so the whole answer fails.`,
      text,
      { issues },
    );
  }
  return pyToJs(parsed) as AnomllmItem[];
}

/**
 * The published `scale_result_str`: each digit run `d` becomes `str(int(int(d) / scale))`.
 * A run too large for a float (Python's OverflowError) fails the answer.
 */
export function rescaleDigitRuns(text: string, scaleFactor: number): string {
  if (!(scaleFactor > 0) || !Number.isFinite(scaleFactor)) {
    throw new InputError(
      'input.bad_option',
      `scaleFactor must be a positive finite number, got ${scaleFactor}.`,
      { field: 'scaleFactor' },
    );
  }
  return text.replace(/\p{Nd}+/gu, (run) => {
    const quotient = Number(pyDigitsToBigInt(run)) / scaleFactor;
    if (!Number.isFinite(quotient)) {
      throw parseError(
        'content.bad_coordinate',
        `The number ${run.slice(0, 20)}… in the AnomLLM answer is too large to rescale.`,
        text,
      );
    }
    return BigInt(Math.trunc(quotient)).toString();
  });
}
