import type { z } from 'zod';
import { categoryNames } from '../schema/taxonomy.js';
import { resultRowSchema, type ResultRow } from './result-row.js';

/**
 * A result row read back from `results.jsonl`, checked against {@link resultRowSchema}: the row
 * itself when a plain check shows the schema would accept it unchanged, else the schema's own
 * answer (zod was most of the time of checking 100,000 rows, and copies each one). The plain check
 * only ever says yes to rows the schema accepts as they are (no field it would drop), so the
 * accepted rows, the refused rows and the messages are the schema's in every case.
 */
export function checkResultRow(value: unknown): z.ZodSafeParseResult<ResultRow> {
  return isPlainResultRow(value)
    ? { success: true, data: value }
    : resultRowSchema.safeParse(value);
}

const rowKeys = new Set([
  'key',
  'track',
  'seriesId',
  'provider',
  'model',
  'task',
  'modality',
  'reads',
  'hints',
  'sample',
  'prompt',
  'status',
  'answer',
  'intervals',
  'times',
  'channels',
  'category',
  'rawText',
  'error',
  'usage',
  'costUsd',
  'latencyMs',
  'attempts',
  'cached',
  'repaired',
  'requestKey',
  'finishedAt',
]);
const tasks = new Set(['point', 'range', 'variate', 'diagnose']);
const modalities = new Set(['image', 'text', 'both']);
const hints = new Set(['none', 'baseline']);
const statuses = new Set(['ok', 'parse_error', 'error']);
const categories = new Set<string>(categoryNames);
const severities = new Set(['low', 'medium', 'high']);
const anomalyKeys = new Set([
  'start',
  'end',
  'channels',
  'category',
  'severity',
  'confidence',
  'explanation',
  'candidate',
]);

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isInteger = (value: unknown): boolean => Number.isSafeInteger(value);
const orNull =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === null || check(value);
const arrayOf =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    Array.isArray(value) && value.every(check);
const pairOf =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    Array.isArray(value) && value.length === 2 && check(value[0]) && check(value[1]);

/** Only the keys in `allowed` (and every key in `required`); the schema drops any other. */
function hasOnly(value: Fields, allowed: ReadonlySet<string>, required: number): boolean {
  const keys = Object.keys(value);
  if (keys.length < required) return false;
  for (const key of keys) if (!allowed.has(key)) return false;
  return true;
}

const promptKeys = new Set(['id', 'version']);
const errorKeys = new Set(['code', 'message', 'status']);
const usageKeys = new Set(['inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens']);
const answerKeys = new Set(['anomalous', 'anomalies', 'summary']);

function isAnomaly(value: unknown): boolean {
  return (
    isObject(value) &&
    hasOnly(value, anomalyKeys, anomalyKeys.size) &&
    isNumber(value['start']) &&
    isNumber(value['end']) &&
    orNull(arrayOf(isInteger))(value['channels']) &&
    categories.has(value['category'] as string) &&
    (value['severity'] === null || severities.has(value['severity'] as string)) &&
    (value['confidence'] === null ||
      (isNumber(value['confidence']) && value['confidence'] >= 0 && value['confidence'] <= 1)) &&
    isString(value['explanation']) &&
    orNull(isInteger)(value['candidate'])
  );
}

function isAnswer(value: unknown): boolean {
  return (
    isObject(value) &&
    hasOnly(value, answerKeys, answerKeys.size) &&
    typeof value['anomalous'] === 'boolean' &&
    arrayOf(isAnomaly)(value['anomalies']) &&
    isString(value['summary'])
  );
}

function isError(value: unknown): boolean {
  if (!isObject(value)) return false;
  const status = value['status'];
  return (
    hasOnly(value, errorKeys, 2 + (status === undefined ? 0 : 1)) &&
    isString(value['code']) &&
    isString(value['message']) &&
    (status === undefined || isNumber(status))
  );
}

function isUsage(value: unknown): boolean {
  if (!isObject(value)) return false;
  const cached = value['cachedInputTokens'];
  const reasoning = value['reasoningTokens'];
  const present = 2 + (cached === undefined ? 0 : 1) + (reasoning === undefined ? 0 : 1);
  return (
    hasOnly(value, usageKeys, present) &&
    isNumber(value['inputTokens']) &&
    isNumber(value['outputTokens']) &&
    (cached === undefined || isNumber(cached)) &&
    (reasoning === undefined || isNumber(reasoning))
  );
}

/** True only for a row the schema accepts and returns unchanged (see {@link checkResultRow}). */
export function isPlainResultRow(value: unknown): value is ResultRow {
  if (!isObject(value)) return false;
  const times = value['times'];
  const reads = value['reads'];
  const prompt = value['prompt'];
  const absent = (times === undefined ? 1 : 0) + (reads === undefined ? 1 : 0);
  return (
    hasOnly(value, rowKeys, rowKeys.size - absent) &&
    isString(value['key']) &&
    isString(value['track']) &&
    isString(value['seriesId']) &&
    isString(value['provider']) &&
    isString(value['model']) &&
    tasks.has(value['task'] as string) &&
    modalities.has(value['modality'] as string) &&
    (reads === undefined || reads === 'numbers') &&
    hints.has(value['hints'] as string) &&
    isInteger(value['sample']) &&
    (value['sample'] as number) >= 0 &&
    isObject(prompt) &&
    hasOnly(prompt, promptKeys, 2) &&
    isString(prompt['id']) &&
    isString(prompt['version']) &&
    statuses.has(value['status'] as string) &&
    orNull(isAnswer)(value['answer']) &&
    orNull(arrayOf(pairOf(isNumber)))(value['intervals']) &&
    (times === undefined || arrayOf(pairOf(isString))(times)) &&
    orNull(arrayOf(isNumber))(value['channels']) &&
    orNull(isString)(value['category']) &&
    orNull(isString)(value['rawText']) &&
    orNull(isError)(value['error']) &&
    orNull(isUsage)(value['usage']) &&
    orNull(isNumber)(value['costUsd']) &&
    orNull(isNumber)(value['latencyMs']) &&
    isInteger(value['attempts']) &&
    typeof value['cached'] === 'boolean' &&
    typeof value['repaired'] === 'boolean' &&
    orNull(isString)(value['requestKey']) &&
    isString(value['finishedAt'])
  );
}
