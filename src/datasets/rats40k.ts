import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { DatasetSplit } from '../schema/dataset.js';
import type { Label } from '../schema/label.js';
import { findCategory, NORMAL_CATEGORY } from '../schema/taxonomy.js';
import type { Series } from '../series/types.js';
import {
  formatObservation,
  parseJsonAllowingNaN,
  parseObservation,
} from './rats40k-observation.js';

export const rats40kSplits = ['TSAD_train', 'TSAD_test'] as const;
export type Rats40kSplit = (typeof rats40kSplits)[number];

/**
 * One RATs40K record as read: the series, its ground truth and the fields needed to write it back.
 */
export interface Rats40kItem {
  /** Record key inside its split ("0", "1", …). */
  key: string;
  split: Rats40kSplit;
  modality: 'univariate' | 'multivariate';
  /** Id `rats40k-<split>-<key>`; `context.domain` = Source. */
  series: Series;
  /**
   * From the data: anomalous = (Label = "Anomaly"), category = Action, explanation = Thought,
   * intervals null.
   */
  label: Label;
  source: string | null;
  /** As stored (usually `.pdf`); see `resolveRats40kFigure`. */
  figurePath: string | null;
  /** ActionID as stored in the data. */
  actionId: number;
  /** Any other record fields (Rank, Time_series, …), written back unchanged. */
  extra: Record<string, unknown>;
}

/** A record that could not be read, reported by key instead of failing the whole file. */
export interface Rats40kProblem {
  key: string;
  split: Rats40kSplit;
  field: string;
  message: string;
}

/** Options of `readRats40k` / `parseRats40k`. */
export interface Rats40kReadOptions {
  /** @default 'all' */
  split?: Rats40kSplit | 'all';
  /** Keep records whose Action is not in our taxonomy instead of reporting them. @default false */
  allowUnknownCategories?: boolean;
}

export interface Rats40kReadResult {
  items: Rats40kItem[];
  problems: Rats40kProblem[];
}

const KNOWN_FIELDS = new Set([
  'Observation',
  'Source',
  'FigurePath',
  'Label',
  'Action',
  'ActionID',
  'Thought',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Outcome = { item: Rats40kItem } | { field: string; message: string };

function readRecord(
  record: unknown,
  key: string,
  split: Rats40kSplit,
  options: Rats40kReadOptions,
): Outcome {
  if (!isRecord(record))
    return {
      field: '(record)',
      message: `record is ${record === null ? 'null' : typeof record}, expected an object`,
    };
  const observation = parseObservation(record.Observation);
  if (typeof observation === 'string') return { field: 'Observation', message: observation };
  const {
    Label: labelText,
    Action: action,
    ActionID: actionIdRaw,
    Thought: thought,
    Source: source,
    FigurePath: figurePath,
  } = record;
  if (labelText !== 'Anomaly' && labelText !== 'Normal') {
    return {
      field: 'Label',
      message:
        labelText === undefined
          ? 'Label is missing'
          : `Label is ${JSON.stringify(labelText)}, expected "Anomaly" or "Normal"`,
    };
  }
  if (typeof action !== 'string' || action.trim() === '')
    return { field: 'Action', message: 'Action is missing or not a category name' };
  if (!options.allowUnknownCategories && findCategory(action, observation.modality) === undefined) {
    return {
      field: 'Action',
      message: `Action "${action}" is not a ${observation.modality} category of the RATs40K taxonomy`,
    };
  }
  const actionId =
    typeof actionIdRaw === 'string' && /^\d+$/.test(actionIdRaw)
      ? Number(actionIdRaw)
      : actionIdRaw;
  if (typeof actionId !== 'number' || !Number.isSafeInteger(actionId) || actionId < 0) {
    return {
      field: 'ActionID',
      message: `ActionID is ${JSON.stringify(actionIdRaw) ?? 'missing'}, expected a whole number >= 0`,
    };
  }
  const normal = labelText === 'Normal';
  if (normal !== (action === NORMAL_CATEGORY) || normal !== (actionId === 0)) {
    return {
      field: 'Label',
      message: `Label "${labelText}", Action "${action}" and ActionID ${actionId} disagree about whether the series is normal`,
    };
  }
  for (const [field, value] of [
    ['Thought', thought],
    ['Source', source],
    ['FigurePath', figurePath],
  ] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string')
      return { field, message: `${field} is ${typeof value}, expected a string` };
  }
  const id = `rats40k-${split}-${key}`;
  const extra: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record))
    if (!KNOWN_FIELDS.has(field)) extra[field] = value;
  const series: Series = {
    id,
    channels: observation.channels,
    values: observation.values.map((channel) => Float64Array.from(channel)),
  };
  if (typeof source === 'string') series.context = { domain: source };
  return {
    item: {
      key,
      split,
      modality: observation.modality,
      series,
      label: {
        seriesId: id,
        anomalous: !normal,
        intervals: null,
        channels: null,
        category: action,
        explanation: typeof thought === 'string' ? thought : null,
      },
      source: typeof source === 'string' ? source : null,
      figurePath: typeof figurePath === 'string' ? figurePath : null,
      actionId,
      extra,
    },
  };
}

/**
 * Reads parsed RATs40K JSON (`{"TSAD_train": {...}, "TSAD_test": {...}}`); bad records go to
 * `problems` by key, only a wrong overall shape throws. `file` only names the source in errors.
 */
export function parseRats40k(
  json: unknown,
  options: Rats40kReadOptions & { file?: string } = {},
): Rats40kReadResult {
  const where = options.file ?? 'RATs40K input';
  if (!isRecord(json))
    throw new InputError(
      'input.rats40k_shape',
      `${where} is not a JSON object with TSAD_train / TSAD_test; is this a RATs40K file?`,
      { file: options.file },
    );
  const wanted = options.split ?? 'all';
  const splits = wanted === 'all' ? rats40kSplits.filter((split) => split in json) : [wanted];
  if (splits.length === 0)
    throw new InputError(
      'input.rats40k_shape',
      `${where} has neither TSAD_train nor TSAD_test; is this a RATs40K file?`,
      { file: options.file },
    );
  const items: Rats40kItem[] = [];
  const problems: Rats40kProblem[] = [];
  for (const split of splits) {
    const records = json[split];
    if (!isRecord(records) && !Array.isArray(records)) {
      throw new InputError(
        'input.rats40k_shape',
        `${where} has no ${split} object of records; choose another split or check the file.`,
        { file: options.file, field: split },
      );
    }
    for (const [key, record] of Object.entries(records)) {
      const outcome = readRecord(record, key, split, options);
      if ('item' in outcome) items.push(outcome.item);
      else problems.push({ key, split, field: outcome.field, message: outcome.message });
    }
  }
  return { items, problems };
}

/**
 * Reads a RATs40K JSON file (NaN tokens allowed); bad records are reported in `problems`, not
 * thrown.
 */
export async function readRats40k(
  file: string,
  options: Rats40kReadOptions = {},
): Promise<Rats40kReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'input.unreadable_file',
      `cannot read RATs40K file ${file}; check the path.`,
      { file },
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = parseJsonAllowingNaN(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(
      'input.invalid_json',
      `RATs40K file ${file} is not valid JSON (${detail}).`,
      { file },
      { cause: error },
    );
  }
  return parseRats40k(json, { ...options, file });
}

/** The published file shape: split → key → record. */
export type Rats40kDocument = Record<Rats40kSplit, Record<string, Record<string, unknown>>>;

/** Turns items back into the published JSON shape (both split keys always present). */
export function writeRats40k(items: readonly Rats40kItem[]): Rats40kDocument {
  const document: Rats40kDocument = { TSAD_train: {}, TSAD_test: {} };
  for (const item of items) {
    const record: Record<string, unknown> = {
      Observation: formatObservation(item.modality, item.series.channels, item.series.values),
    };
    if (item.source !== null) record.Source = item.source;
    if (item.figurePath !== null) record.FigurePath = item.figurePath;
    record.Label = item.label.anomalous ? 'Anomaly' : 'Normal';
    record.Action = item.label.category;
    record.ActionID = item.actionId;
    if (item.label.explanation !== null) record.Thought = item.label.explanation;
    Object.assign(record, item.extra);
    document[item.split][item.key] = record;
  }
  return document;
}

/** Writes items to a RATs40K-shaped JSON file. */
export async function saveRats40k(file: string, items: readonly Rats40kItem[]): Promise<void> {
  await writeFile(file, `${JSON.stringify(writeRats40k(items))}\n`, 'utf8');
}

/**
 * Resolves a stored FigurePath against the untarred figures folder, with the extension the
 * published scripts use (`.pdf` → `.jpg`); refuses paths that leave the folder.
 * @default extension '.jpg'
 */
export function resolveRats40kFigure(
  figurePath: string,
  figuresDir: string,
  options: { extension?: string } = {},
): string {
  const extension = options.extension ?? '.jpg';
  const relative = figurePath.replace(/\.pdf$/i, extension);
  const root = path.resolve(figuresDir);
  const resolved = path.resolve(root, relative);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) {
    throw new InputError(
      'input.rats40k_figure_path',
      `FigurePath "${figurePath}" points outside ${figuresDir}; fix the record.`,
      { field: 'FigurePath' },
    );
  }
  return resolved;
}

/**
 * Wraps items of one split and modality as a `DatasetSplit` (JSON series, NaN → null) for the bench
 * runner.
 */
export function rats40kToDatasetSplit(
  items: readonly Rats40kItem[],
  options: { split: string; type: string },
): DatasetSplit {
  return {
    dataset: 'rats40k',
    type: options.type,
    split: options.split,
    meta: { source: 'RATs40K', count: items.length },
    items: items.map((item) => ({
      series: {
        id: item.series.id,
        channels: item.series.channels,
        values: item.series.values.map((channel) =>
          Array.from(channel, (value) => (Number.isNaN(value) ? null : value)),
        ),
        ...(item.series.context === undefined ? {} : { context: item.series.context }),
      },
      label: item.label,
    })),
  };
}
