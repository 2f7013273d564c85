import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { z } from 'zod';
import type { Label } from '../schema/label.js';
import { inputError } from './fail.js';
import { parseIsoTimestamp } from './time.js';
import type { Series } from './types.js';

const timePoint = z.union([z.string(), z.number()]);
const pair = z.tuple([timePoint, timePoint]);

/**
 * anomscope's own label entry: only `seriesId` is required; `intervals` are rows, `windows` times.
 */
const fileLabelSchema = z.object({
  seriesId: z.string().min(1),
  /** Half-open row intervals `[start, end)`. */
  intervals: z
    .array(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
    .nullable()
    .optional(),
  /** Time windows `[start, end]`, both ends included (NAB), as ISO text or epoch milliseconds. */
  windows: z.array(pair).optional(),
  anomalous: z.boolean().optional(),
  channels: z.array(z.number().int().min(0)).nullable().optional(),
  category: z.string().nullable().optional(),
  explanation: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
});
type FileLabel = z.infer<typeof fileLabelSchema>;

/** NAB's `combined_windows.json`: `{"<folder>/<file>.csv": [[start, end], ...]}`. */
const nabWindowsSchema = z.record(z.string(), z.array(pair));

/** Labels as read from a file, before they are matched to loaded series. */
export type LabelEntries = Map<string, FileLabel>;

/**
 * A key as a series id: relative path with `/`, without the extension (`realKnownCause/nyc_taxi`).
 */
export function labelKeyToId(key: string): string {
  const path = key.replace(/\\/g, '/').replace(/^\.\//, '');
  const extension = extname(path);
  return extension.length > 0 && extension.length < path.length
    ? path.slice(0, -extension.length)
    : path;
}

/**
 * Reads a label file: anomscope's format (a JSON array of `{seriesId, intervals?, windows?, ...}`,
 * or `{"labels": [...]}`), or NAB's `combined_windows.json` shape (keys are paths relative to the
 * data folder; an empty list means "labelled normal"). Keys lose their extension to match series
 * ids.
 */
export async function readLabelFile(file: string): Promise<LabelEntries> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw inputError(
      'labels.not_found',
      { file },
      'the label file cannot be read',
      'check the path given to --labels',
      cause,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw inputError(
      'labels.invalid_json',
      { file },
      `not valid JSON (${(cause as Error).message})`,
      'write the labels as JSON (see "Label files" in the README)',
      cause,
    );
  }
  const list = Array.isArray(json)
    ? json
    : json !== null &&
        typeof json === 'object' &&
        Array.isArray((json as { labels?: unknown }).labels)
      ? (json as { labels: unknown[] }).labels
      : undefined;
  const entries: LabelEntries = new Map();
  if (list !== undefined) {
    list.forEach((item, index) => {
      const parsed = fileLabelSchema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = `[${index}]${(issue?.path ?? []).map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}`;
        throw inputError(
          'labels.invalid',
          { file, field },
          issue?.message ?? 'invalid',
          'give each label a "seriesId" and "intervals" ([start, end) rows) or "windows" ([start, end] times)',
        );
      }
      addEntry(entries, labelKeyToId(parsed.data.seriesId), parsed.data, file, `[${index}]`);
    });
    return entries;
  }
  const nab = nabWindowsSchema.safeParse(json);
  if (!nab.success) {
    throw inputError(
      'labels.unknown_shape',
      { file },
      'neither a JSON array of labels nor an object of time windows keyed by file',
      'see "Label files" in the README for both shapes',
    );
  }
  for (const [key, windows] of Object.entries(nab.data))
    addEntry(entries, labelKeyToId(key), { seriesId: key, windows }, file, key);
  return entries;
}

function addEntry(
  entries: LabelEntries,
  id: string,
  label: FileLabel,
  file: string,
  field: string,
): void {
  if (entries.has(id))
    throw inputError(
      'labels.duplicate',
      { file, field },
      `series "${id}" is labelled twice`,
      'keep one label per series',
    );
  entries.set(id, label);
}

function toTime(value: string | number, file: string, id: string): number {
  const time = typeof value === 'number' ? value : parseIsoTimestamp(value.trim());
  if (time === undefined || !Number.isFinite(time)) {
    throw inputError(
      'labels.bad_time',
      { file, field: id },
      `window bound ${JSON.stringify(value)} is not a time`,
      'write ISO-8601 text ("2014-02-19 10:50:00") or epoch milliseconds',
    );
  }
  return time;
}

/** Rows of a series inside time windows (start ≤ t ≤ end), as half-open row intervals. */
export function windowsToRows(
  timestamps: readonly number[],
  windows: readonly (readonly [number, number])[],
): [number, number][] {
  const rows: [number, number][] = [];
  for (const [start, end] of windows) {
    let first = 0;
    while (first < timestamps.length && (timestamps[first] ?? 0) < start) first += 1;
    let last = first;
    while (last < timestamps.length && (timestamps[last] ?? 0) <= end) last += 1;
    if (last > first) rows.push([first, last]);
  }
  return rows;
}

/** Options of {@link matchLabels}. */
export interface MatchLabelsOptions {
  /** The label file, for messages. */
  file: string;
  /**
   * A label for no series, or a series without a label, is an error instead of a warning. @default
   * false
   */
  strict?: boolean;
  onWarning?: (message: string) => void;
}

/**
 * Turns label entries into row-space labels for the loaded series: time windows become the rows
 * they cover. A label naming no series, and a series without a label, is a warning naming it
 * (`labels.unmatched` with `strict`). Series without a label are left out of the result.
 */
export function matchLabels(
  entries: LabelEntries,
  series: readonly Series[],
  options: MatchLabelsOptions,
): Map<string, Label> {
  const { file } = options;
  const byId = new Map(series.map((one) => [one.id, one]));
  const problems: string[] = [];
  const unknown = [...entries.keys()].filter((id) => !byId.has(id));
  if (unknown.length > 0)
    problems.push(
      `${unknown.length} label(s) name no loaded series: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', ...' : ''}`,
    );
  const unlabelled = series.filter((one) => !entries.has(one.id)).map((one) => one.id);
  if (unlabelled.length > 0)
    problems.push(
      `${unlabelled.length} series have no label: ${unlabelled.slice(0, 5).join(', ')}${unlabelled.length > 5 ? ', ...' : ''}`,
    );
  if (problems.length > 0 && options.strict === true) {
    throw inputError(
      'labels.unmatched',
      { file },
      problems.join('; '),
      'label series by their path relative to the data folder, without extension, or drop --strict',
    );
  }
  for (const problem of problems) options.onWarning?.(`${file}: ${problem}`);
  const labels = new Map<string, Label>();
  for (const [id, entry] of entries) {
    const one = byId.get(id);
    if (one === undefined) continue;
    let intervals: [number, number][] = (entry.intervals ?? []).map(([start, end]) => [start, end]);
    if (entry.windows !== undefined) {
      if (one.timestamps === undefined) {
        throw inputError(
          'labels.no_timestamps',
          { file, field: id },
          `series "${id}" has no time column, so its time windows cannot be placed`,
          'give the series a time column, or label it with row "intervals"',
        );
      }
      const windows = entry.windows.map(
        ([start, end]) => [toTime(start, file, id), toTime(end, file, id)] as [number, number],
      );
      intervals = [...intervals, ...windowsToRows(one.timestamps, windows)];
    }
    labels.set(id, {
      seriesId: id,
      anomalous: entry.anomalous ?? intervals.length > 0,
      intervals,
      channels: entry.channels ?? null,
      category: entry.category ?? null,
      explanation: entry.explanation ?? null,
      type: entry.type ?? null,
    });
  }
  return labels;
}

/**
 * Takes a 0/1 label column out of a series (it must never reach a detector as data) and returns
 * its anomalous rows as half-open intervals; undefined when the series has no such column.
 */
export function takeLabelColumn(
  series: Series,
  column: string,
): { series: Series; intervals: [number, number][] } | undefined {
  const index = series.channels.indexOf(column);
  if (index === -1) return undefined;
  const values = series.values[index] ?? new Float64Array();
  const intervals: [number, number][] = [];
  let start = -1;
  for (let row = 0; row <= values.length; row += 1) {
    const on = row < values.length && (values[row] ?? 0) > 0.5;
    if (on && start === -1) start = row;
    if (!on && start !== -1) {
      intervals.push([start, row]);
      start = -1;
    }
  }
  return {
    series: {
      ...series,
      channels: series.channels.filter((_, i) => i !== index),
      values: series.values.filter((_, i) => i !== index),
    },
    intervals,
  };
}
