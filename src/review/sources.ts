import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { latestRows, resultRowSchema, type ResultRow } from '../bench/result-row.js';
import { readJsonl } from '../bench/results-file.js';
import {
  parseJsonAllowingNaN,
  parseRats40k,
  readDatasetSplit,
  type Rats40kItem,
} from '../datasets/index.js';
import { InputError } from '../errors.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { labelSchema, type Label } from '../schema/label.js';
import { loadSeries, seriesToJson } from '../series/index.js';
import type { ModelAnswer, ReviewItemInput } from './types.js';

/** Options of `loadReviewSources`. */
export interface LoadReviewSourcesOptions {
  /**
   * A JSON array of `Label`, or a RATs40K file, whose labels replace those of the inputs (by series
   * id).
   */
  labelsFile?: string;
}

/**
 * Reads what a reviewer is asked to review: benchmark run folders (`suite.json` + `datasets/` +
 * `results.jsonl`), dataset folders or files of split files, RATs40K JSON files, and series files
 * or folders (`loadSeries`). Labels come with the data, or from `labelsFile`.
 */
export async function loadReviewSources(
  inputs: readonly string[],
  options: LoadReviewSourcesOptions = {},
): Promise<ReviewItemInput[]> {
  const items: ReviewItemInput[] = [];
  for (const input of inputs) items.push(...(await loadOne(input)));
  if (options.labelsFile !== undefined) {
    const labels = await readLabelsFile(options.labelsFile);
    for (const item of items) item.label = labels.get(item.series.id) ?? item.label;
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key))
      throw new InputError(
        'review.duplicate_item',
        `series "${item.key}" appears twice in the inputs; pass each file once`,
        { field: item.key },
      );
    seen.add(item.key);
  }
  return items;
}

async function loadOne(input: string): Promise<ReviewItemInput[]> {
  let info;
  try {
    info = await stat(input);
  } catch (error) {
    throw new InputError(
      'input.not_found',
      `${input}: no such file or folder; pass a run folder, a dataset folder or series files`,
      { file: input },
      { cause: error },
    );
  }
  if (info.isDirectory()) {
    if (await exists(join(input, 'suite.json'))) return loadRun(input);
    const splitFiles = await findSplitFiles(input, 3);
    if (splitFiles.length > 0)
      return (
        await Promise.all(
          splitFiles.map(async (file) => splitItems(await readDatasetSplit(file), file)),
        )
      ).flat();
    return seriesItems(input);
  }
  if (extname(input).toLowerCase() === '.json') {
    const json = await readJson(input);
    if (isRats40k(json))
      return rats40kItems(
        parseRats40k(json, { file: input, allowUnknownCategories: true }).items,
        input,
      );
    if (isSplit(json)) return splitItems(await readDatasetSplit(input), input);
  }
  return seriesItems(input);
}

async function seriesItems(path: string): Promise<ReviewItemInput[]> {
  return (await loadSeries(path)).map((series) => ({
    key: series.id,
    series: seriesToJson(series),
    source: basename(path),
    track: null,
    label: null,
    answers: [],
    rats40k: null,
  }));
}

function splitItems(split: DatasetSplit, file: string): ReviewItemInput[] {
  return split.items.map(({ series, label }) => ({
    key: `${split.dataset}/${split.type}/${split.split}/${series.id}`,
    series,
    source: basename(file),
    track: `${split.dataset}/${split.type}`,
    label,
    answers: [],
    rats40k: null,
  }));
}

/** Items of RATs40K records, keeping what an export needs to write each record back. */
export function rats40kItems(records: readonly Rats40kItem[], file: string): ReviewItemInput[] {
  return records.map((record) => ({
    key: record.series.id,
    series: seriesToJson(record.series),
    source: basename(file),
    track: `rats40k/${record.modality}`,
    label: record.label,
    answers: [],
    rats40k: {
      split: record.split,
      key: record.key,
      source: record.source,
      figurePath: record.figurePath,
      actionId: record.actionId,
      extra: record.extra,
    },
  }));
}

async function loadRun(runDir: string): Promise<ReviewItemInput[]> {
  const datasetsDir = join(runDir, 'datasets');
  let names: string[];
  try {
    names = (await readdir(datasetsDir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new InputError(
      'review.bad_run',
      `${runDir} has a suite.json but no datasets/ folder; is it a benchmark run folder?`,
      { file: datasetsDir },
      { cause: error },
    );
  }
  const { rows } = await readJsonl(join(runDir, 'results.jsonl'));
  const parsed = rows.map((row, index) => {
    const result = resultRowSchema.safeParse(row);
    if (!result.success)
      throw new InputError(
        'review.bad_run',
        `${runDir}/results.jsonl row ${index + 1} is not a result row (${result.error.issues[0]?.message ?? 'invalid'})`,
        { file: join(runDir, 'results.jsonl'), line: index + 1 },
      );
    return result.data;
  });
  const byItem = new Map<string, ResultRow[]>();
  for (const row of latestRows(parsed).values()) {
    const key = `${row.track}/${row.seriesId}`;
    byItem.set(key, [...(byItem.get(key) ?? []), row]);
  }
  const items: ReviewItemInput[] = [];
  for (const name of names) {
    const track = name.slice(0, -'.json'.length);
    const split = await readDatasetSplit(join(datasetsDir, name));
    for (const { series, label } of split.items) {
      const key = `${track}/${series.id}`;
      items.push({
        key,
        series,
        source: basename(runDir),
        track,
        label,
        answers: answersOf(byItem.get(key) ?? []),
        rats40k: null,
      });
    }
  }
  return items;
}

function answersOf(rows: readonly ResultRow[]): ModelAnswer[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.provider, (counts.get(row.provider) ?? 0) + 1);
  return rows.map((row) => ({
    model:
      (counts.get(row.provider) ?? 0) > 1
        ? `${row.provider} (${row.prompt.id}, ${row.modality}, ${row.hints}, s${row.sample})`
        : row.provider,
    status: row.status,
    anomalous: row.answer?.anomalous ?? null,
    intervals: row.intervals,
    channels: row.channels,
    category: row.category,
    summary: row.answer?.summary ?? null,
    anomalies: (row.answer?.anomalies ?? []).map((a) => ({
      start: a.start,
      end: a.end,
      category: a.category,
      confidence: a.confidence,
      severity: a.severity,
      explanation: a.explanation,
    })),
    error: row.error === null ? null : `${row.error.code}: ${row.error.message}`,
  }));
}

/** Reads `--labels`: a JSON array of `Label` or a RATs40K file; errors name the entry and field. */
export async function readLabelsFile(file: string): Promise<Map<string, Label>> {
  const json = await readJson(file);
  if (isRats40k(json)) {
    const { items } = parseRats40k(json, { file, allowUnknownCategories: true });
    return new Map(items.map((item) => [item.series.id, item.label]));
  }
  const parsed = z.array(labelSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined ? '(root)' : issue.path.map(String).join('.');
    throw new InputError(
      'review.bad_labels',
      `${file}: labels entry ${field}: ${issue?.message ?? 'invalid'}; write a JSON array of labels ({seriesId, anomalous, intervals, channels, category, explanation}) or a RATs40K file`,
      { file, field },
    );
  }
  return new Map(parsed.data.map((label) => [label.seriesId, label]));
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'input.unreadable_file',
      `cannot read ${file}; check the path`,
      { file },
      { cause: error },
    );
  }
  try {
    return parseJsonAllowingNaN(text);
  } catch (error) {
    throw new InputError(
      'input.invalid_json',
      `${file} is not valid JSON (${(error as Error).message})`,
      { file },
      { cause: error },
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRats40k(json: unknown): boolean {
  return isRecord(json) && ('TSAD_train' in json || 'TSAD_test' in json);
}

function isSplit(json: unknown): boolean {
  return isRecord(json) && 'dataset' in json && Array.isArray(json.items);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Split files under a folder, by path, looking `depth` folders down
 * (`<dataset>/<type>/<split>.json`).
 */
async function findSplitFiles(dir: string, depth: number): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) found.push(...(await findSplitFiles(path, depth - 1)));
    else if (
      entry.isFile() &&
      entry.name.endsWith('.json') &&
      isSplit(await readJson(path).catch(() => null))
    )
      found.push(path);
  }
  return found;
}
