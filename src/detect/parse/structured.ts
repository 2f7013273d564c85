import type { z } from 'zod';
import { answerSchema, type Answer } from '../../schema/answer.js';
import {
  multivariateCategories,
  univariateCategories,
  type Category,
} from '../../schema/taxonomy.js';
import { assertFewIntervals, assertShallow } from './bounds.js';
import { assertNotEmpty, parseError } from './errors.js';
import { findJsonCandidates, stripTrailingCommas } from './json-extract.js';

/** Options of `parseStructuredAnswer`. */
export interface StructuredParseOptions {
  /** Restrict categories to one taxonomy; by default a name from either list is accepted. */
  taxonomy?: 'univariate' | 'multivariate';
  /**
   * Largest absolute coordinate believed; beyond it the answer is rejected as
   * `content.bad_coordinate`.
   * Large enough for epoch-millisecond axes.
   * @default 1e15
   */
  maxCoordinate?: number;
}

/**
 * Parses a model's structured answer (the `Answer` schema) out of free text.
 *
 * Where the JSON is found: inside ``` fences if any fence holds an object, else anywhere in the
 * text; the outermost balanced `{…}` (braces inside strings ignored). Several different objects are
 * `content.multiple_json`, unless exactly one of them has an `anomalous` key.
 *
 * Leniencies (each safe: it cannot change what a well-formed answer means):
 * 1. text, prose or fences around the JSON are ignored;
 * 2. trailing commas before `}`/`]` are removed (outside strings);
 * 3. `category` matches a taxonomy name case-insensitively after trimming and collapsing spaces;
 *    `severity` is matched case-insensitively;
 * 4. numbers written as plain decimal strings (`"12"`, `"0.8"`) are read as numbers in `start`,
 *    `end`, `confidence`, `candidate` and `channels`;
 * 5. the nullable fields `channels`, `severity`, `confidence` and `candidate` may be missing (=
 * null);
 * 6. unknown extra keys are dropped.
 * Everything else is strict: no NaN/Infinity, no comments, no single quotes. After the schema:
 * coordinates must be finite and within `maxCoordinate` (`content.bad_coordinate`), `start <= end`
 * (`content.reversed_interval`), channels non-negative, and `anomalous: false` may not list
 * anomalies (`content.inconsistent`). Negative coordinates are left to `toIntervals`.
 * @example parseStructuredAnswer('```json\n{"anomalous": false, "anomalies": [], "summary":
 * "flat"}\n```')
 */
export function parseStructuredAnswer(text: string, options: StructuredParseOptions = {}): Answer {
  assertNotEmpty(text, 'structured');
  assertShallow(text);
  const maxCoordinate = options.maxCoordinate ?? 1e15;
  const value = extractObject(text);
  normalize(value, text, options.taxonomy);
  checkCoordinates(value, text, maxCoordinate);
  const result = answerSchema.safeParse(value);
  if (!result.success) {
    const issues = formatIssues(result.error.issues);
    throw parseError(
      'content.schema',
      `The answer does not match the answer schema (${issues.length} problem(s), first: ${issues[0] ?? '?'}).`,
      text,
      { issues },
    );
  }
  const answer = result.data;
  assertFewIntervals(answer.anomalies.length, text);
  answer.anomalies.forEach((anomaly, index) => {
    if (anomaly.start > anomaly.end) {
      throw parseError(
        'content.reversed_interval',
        `Anomaly ${index} ends before it starts (start ${anomaly.start} > end ${anomaly.end}).`,
        text,
        {
          issues: [`anomalies.${index}: start ${anomaly.start} > end ${anomaly.end}`],
        },
      );
    }
    const negative = (anomaly.channels ?? []).find((channel) => channel < 0);
    if (negative !== undefined) {
      throw parseError(
        'content.bad_coordinate',
        `Anomaly ${index} names panel ${negative}; panels are numbered from 0.`,
        text,
        { issues: [`anomalies.${index}.channels: ${negative} < 0`] },
      );
    }
  });
  if (!answer.anomalous && answer.anomalies.length > 0) {
    throw parseError(
      'content.inconsistent',
      `The answer says "anomalous": false but lists ${answer.anomalies.length} anomaly(ies).`,
      text,
      { issues: ['anomalous: false with non-empty anomalies'] },
    );
  }
  return answer;
}

function extractObject(text: string): Record<string, unknown> {
  const candidates = findJsonCandidates(text);
  if (candidates.length === 0) {
    const html = /^\s*<(!doctype|html)/i.test(text)
      ? ' (it looks like an HTML page: a proxy or server error?)'
      : '';
    throw parseError(
      'content.no_json',
      `The answer holds no JSON object${html}; expected {"anomalous": …, "anomalies": […], "summary": …}.`,
      text,
    );
  }
  const objects: Record<string, unknown>[] = [];
  let firstError: unknown;
  for (const candidate of candidates) {
    if (candidate.truncated) continue;
    try {
      const parsed: unknown = JSON.parse(stripTrailingCommas(candidate.text));
      if (isRecord(parsed)) objects.push(parsed);
    } catch (error) {
      firstError ??= error;
    }
  }
  if (objects.length === 0) {
    if (candidates.some((candidate) => candidate.truncated)) {
      throw parseError(
        'content.truncated',
        'The JSON object in the answer is cut off before it closes; the output was probably truncated (raise the output token limit).',
        text,
      );
    }
    const detail = firstError instanceof Error ? firstError.message : 'not JSON';
    throw parseError(
      'content.invalid_json',
      `The answer's JSON object is not valid JSON (${detail}).`,
      text,
      { cause: firstError },
    );
  }
  const distinct = uniqueByJson(objects);
  if (distinct.length === 1) return distinct[0] as Record<string, unknown>;
  const answers = distinct.filter((object) => 'anomalous' in object);
  if (answers.length === 1) return answers[0] as Record<string, unknown>;
  throw parseError(
    'content.multiple_json',
    `The answer holds ${distinct.length} different JSON objects; answer with exactly one.`,
    text,
  );
}

function normalize(
  value: Record<string, unknown>,
  text: string,
  taxonomy: 'univariate' | 'multivariate' | undefined,
): void {
  if (!Array.isArray(value['anomalies'])) return;
  const categories: readonly Category[] =
    taxonomy === 'univariate'
      ? univariateCategories
      : taxonomy === 'multivariate'
        ? multivariateCategories
        : [...univariateCategories, ...multivariateCategories];
  value['anomalies'].forEach((anomaly: unknown, index: number) => {
    if (!isRecord(anomaly)) return;
    for (const key of ['start', 'end', 'confidence', 'candidate'])
      anomaly[key] = numberFromString(anomaly[key]);
    if (Array.isArray(anomaly['channels']))
      anomaly['channels'] = anomaly['channels'].map(numberFromString);
    for (const key of ['channels', 'severity', 'confidence', 'candidate'])
      if (anomaly[key] === undefined) anomaly[key] = null;
    if (typeof anomaly['severity'] === 'string')
      anomaly['severity'] = anomaly['severity'].trim().toLowerCase();
    const category = anomaly['category'];
    if (typeof category === 'string') {
      const wanted = category.trim().replace(/\s+/g, ' ').toLowerCase();
      const found = categories.find((each) => each.name.toLowerCase() === wanted);
      if (found === undefined) {
        throw parseError(
          'content.unknown_category',
          `Anomaly ${index} has category ${JSON.stringify(category)}, which is not a${taxonomy === undefined ? '' : ` ${taxonomy}`} taxonomy name.`,
          text,
          {
            issues: [
              `anomalies.${index}.category: ${JSON.stringify(category)} is not one of ${categories.map((each) => each.name).join(', ')}`,
            ],
          },
        );
      }
      anomaly['category'] = found.name;
    }
  });
}

function checkCoordinates(
  value: Record<string, unknown>,
  text: string,
  maxCoordinate: number,
): void {
  if (!Array.isArray(value['anomalies'])) return;
  value['anomalies'].forEach((anomaly: unknown, index: number) => {
    if (!isRecord(anomaly)) return;
    for (const key of ['start', 'end']) {
      const coordinate = anomaly[key];
      if (typeof coordinate === 'number' && !(Math.abs(coordinate) <= maxCoordinate)) {
        throw parseError(
          'content.bad_coordinate',
          `Anomaly ${index} has ${key} ${coordinate}, beyond any plausible x-axis coordinate (|x| ≤ ${maxCoordinate}).`,
          text,
          {
            issues: [
              `anomalies.${index}.${key}: ${coordinate} is not a finite coordinate within ±${maxCoordinate}`,
            ],
          },
        );
      }
    }
  });
}

const decimalString = /^\s*-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function numberFromString(value: unknown): unknown {
  return typeof value === 'string' && decimalString.test(value) ? Number(value) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function uniqueByJson(objects: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Map<string, Record<string, unknown>>();
  for (const object of objects) seen.set(JSON.stringify(object), object);
  return [...seen.values()];
}

/** zod issues as `path: message` lines (path `(root)` for the top level). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map(
    (issue) =>
      `${issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.')}: ${issue.message}`,
  );
}
