import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { storedDatasetSplitSchema, type DatasetSplit } from '../schema/dataset.js';
import type { Label } from '../schema/label.js';
import { readRunJson, writeFileAtomic } from './run-files.js';

/**
 * What scoring needs of one series, without its values: a run's datasets hold ~8 KB of values per
 * series that scoring only ever read for a length, a channel count and a distinct count.
 */
export interface IndexedSeries {
  id: string;
  label: Label;
  /** Points in the first channel (what scoring calls the series' length). */
  length: number;
  /** Channels. */
  dims: number;
  /**
   * Equal for two series exactly when their JSON (series without id, label without seriesId and
   * explanation) is the same text: what `distinctSeriesCounter` counts.
   */
  hash: string;
}

/** A dataset split as scoring sees it: every field of the split, each series indexed. */
export interface DatasetIndex {
  dataset: string;
  type: string;
  split: string;
  meta: Record<string, unknown>;
  items: IndexedSeries[];
}

/** Bumped whenever what an index holds, or how its hash is made, changes: old ones are rebuilt. */
const INDEX_VERSION = 1;

/** Where the index of a dataset file lives: beside it, a name no track's dataset can take. */
export function datasetIndexPath(datasetPath: string): string {
  return `${datasetPath}.index`;
}

/** A split, or an index of one, as an index (the split's values are read once, here). */
export function asDatasetIndex(split: DatasetSplit | DatasetIndex): DatasetIndex {
  const items: (DatasetSplit['items'][number] | IndexedSeries)[] = split.items;
  if (items.every((item) => !('series' in item))) return split as DatasetIndex;
  return {
    dataset: split.dataset,
    type: split.type,
    split: split.split,
    meta: split.meta,
    items: items.map((item) => ('series' in item ? indexedSeriesOf(item) : item)),
  };
}

/** The index entry of one dataset item. */
export function indexedSeriesOf(item: DatasetSplit['items'][number]): IndexedSeries {
  return {
    id: item.series.id,
    label: item.label,
    length: item.series.values[0]?.length ?? 0,
    dims: item.series.channels.length,
    hash: contentHash(item),
  };
}

/**
 * A digest of the item's JSON text (series without id, label without seriesId and explanation)
 * that never writes that text: the text with the values (and timestamps) replaced in place by a
 * placeholder, then every number as its float64. Two texts are equal exactly when those parts
 * are: JSON writes each finite double as its one shortest text, except -0 as "0" (hashed as 0),
 * and null, NaN and ±Infinity all as "null" (hashed as NaN, which no stored value is).
 */
function contentHash(item: DatasetSplit['items'][number]): string {
  const { id: _id, ...series } = item.series;
  const { seriesId: _seriesId, explanation: _explanation, ...label } = item.label;
  const skeleton = JSON.stringify([
    { ...series, values: 0, ...(series.timestamps === undefined ? {} : { timestamps: 0 }) },
    label,
  ]);
  const hash = createHash('sha256').update(skeleton);
  hash.update(numbersOf([series.values.length]));
  for (const channel of series.values) hash.update(numbersOf(channel));
  if (series.timestamps !== undefined) hash.update(numbersOf(series.timestamps));
  return hash.digest('base64url').slice(0, 22);
}

/** The array's length, then each entry as a float64 (-0 as 0, anything JSON writes null as NaN). */
function numbersOf(values: readonly (number | null)[]): Uint8Array {
  const out = new Float64Array(values.length + 1);
  out[0] = values.length;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    out[i + 1] = typeof value === 'number' && Number.isFinite(value) ? value + 0 : NaN;
  }
  return new Uint8Array(out.buffer);
}

/** The identity of a file's current bytes as far as the index trusts it: size, mtime, inode. */
async function stampOf(path: string): Promise<string> {
  const info = await stat(path, { bigint: true });
  return `${info.size}/${info.mtimeNs}/${info.ino}`;
}

/**
 * Writes the index of the dataset file just written at `datasetPath` from the split written there
 * (a split's items, or items already indexed one by one as they were written).
 */
export async function writeDatasetIndex(
  datasetPath: string,
  split: DatasetSplit | DatasetIndex,
): Promise<void> {
  await writeIndexFile(datasetPath, asDatasetIndex(split), await stampOf(datasetPath));
}

async function writeIndexFile(
  datasetPath: string,
  index: DatasetIndex,
  source: string,
): Promise<void> {
  const file = { version: INDEX_VERSION, source, ...index };
  await writeFileAtomic(datasetIndexPath(datasetPath), JSON.stringify(file));
}

/**
 * The index of the dataset file at `datasetPath`: read from beside it when it was made from the
 * file's current bytes (same size, mtime and inode), else built from the file (checked as strictly
 * as a resume reads it, `remedy` in its errors) and kept for next time. Throws `run.damaged` when
 * the dataset file is missing; a stale or unreadable index is never used, only rebuilt.
 */
export async function readDatasetIndex(
  datasetPath: string,
  options: { remedy: string },
): Promise<DatasetIndex> {
  let source: string;
  try {
    source = await stampOf(datasetPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new InputError(
      'run.damaged',
      `${datasetPath} is missing; resume the run to regenerate it`,
      { file: datasetPath },
      { cause: error },
    );
  }
  const kept = await readIndexFile(datasetIndexPath(datasetPath), source);
  if (kept !== undefined) return kept;
  const split = await readRunJson(datasetPath, storedDatasetSplitSchema, options.remedy);
  if (split === undefined)
    throw new InputError(
      'run.damaged',
      `${datasetPath} is missing; resume the run to regenerate it`,
      {
        file: datasetPath,
      },
    );
  const index = asDatasetIndex(split);
  try {
    // Stamped with the file as it was before reading: if it changed since, the index is rebuilt.
    await writeIndexFile(datasetPath, index, source);
  } catch (error) {
    // A run folder one may read but not write (a shared or read-only copy) is still scored.
    if (!unwritable.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
  return index;
}

const unwritable = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC']);

/** The index at `path` when it is whole, of this version and made from `source`; else undefined. */
async function readIndexFile(path: string, source: string): Promise<DatasetIndex | undefined> {
  let file: unknown;
  try {
    file = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    // Missing, torn or edited: the index is a cache of the dataset file, rebuilt from it.
    return undefined;
  }
  return isIndexFile(file) && file.version === INDEX_VERSION && file.source === source
    ? {
        dataset: file.dataset,
        type: file.type,
        split: file.split,
        meta: file.meta,
        items: file.items,
      }
    : undefined;
}

/**
 * The shape of an index file. Labels are not checked again: they were checked (or generated)
 * when the index was made from the dataset file it is stamped with.
 */
function isIndexFile(file: unknown): file is DatasetIndex & { version: number; source: string } {
  if (file === null || typeof file !== 'object') return false;
  const record = file as Record<string, unknown>;
  const meta = record['meta'];
  const items = record['items'];
  if (
    typeof record['version'] !== 'number' ||
    typeof record['source'] !== 'string' ||
    typeof record['dataset'] !== 'string' ||
    typeof record['type'] !== 'string' ||
    typeof record['split'] !== 'string' ||
    meta === null ||
    typeof meta !== 'object' ||
    Array.isArray(meta) ||
    !Array.isArray(items)
  )
    return false;
  return (items as unknown[]).every((item) => {
    if (item === null || typeof item !== 'object') return false;
    const entry = item as Record<string, unknown>;
    const label = entry['label'];
    return (
      typeof entry['id'] === 'string' &&
      typeof entry['hash'] === 'string' &&
      Number.isInteger(entry['length']) &&
      Number.isInteger(entry['dims']) &&
      label !== null &&
      typeof label === 'object'
    );
  });
}
