import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseCsv } from './csv.js';
import { inputError } from './fail.js';
import { parseJson } from './json.js';
import { parseNdjson } from './ndjson.js';
import { decodeUtf8, rejectBinary, sniffFormat, type SeriesFormat } from './sniff.js';
import type { Series } from './types.js';

/** Options of `loadSeries`. */
export interface LoadOptions {
  /** CSV time column name; auto-detected when absent (see `parseCsv`). */
  timeColumn?: string;
  /** Read files as this format whatever their extension. @default by extension, sniffed from the content when unknown */
  format?: SeriesFormat;
  /** Largest file read, in bytes; larger files are refused with `input.too_large`. @default 536870912 (512 MiB) */
  maxFileBytes?: number;
}

/** @default 512 MiB, about the longest string V8 can hold. */
export const defaultMaxFileBytes = 512 * 1024 * 1024;

/** File extensions a folder load picks up, and the format each means. */
export const seriesExtensions: Readonly<Record<string, SeriesFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

function formatSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function missingPath(path: string, cause: unknown): Error {
  return inputError('input.not_found', { file: path }, 'no such file or folder', 'check the path (it is resolved from the current directory)', cause);
}

/** Reads and parses one series file, refusing it before reading when it is above `maxFileBytes`. */
async function loadFile(path: string, size: number, options: LoadOptions): Promise<Series[]> {
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  if (size > maxFileBytes) {
    throw inputError(
      'input.too_large',
      { file: path },
      `the file is ${formatSize(size)}, above the ${formatSize(maxFileBytes)} limit (maxFileBytes)`,
      'split it into smaller files (for example by time range) or raise maxFileBytes',
    );
  }
  const bytes = await readFile(path);
  rejectBinary(bytes, path);
  const text = decodeUtf8(bytes, path);
  const format = options.format ?? seriesExtensions[extname(path).toLowerCase()] ?? sniffFormat(text);
  if (format === 'json') return [parseJson(text, { file: path })];
  if (format === 'ndjson') return parseNdjson(text, { file: path });
  return [parseCsv(text, { file: path, ...(options.timeColumn === undefined ? {} : { timeColumn: options.timeColumn }) })];
}

/**
 * Loads the series in a file (CSV, JSON, NDJSON by extension, sniffed when unknown) or in a folder
 * (every .csv/.tsv/.json/.ndjson/.jsonl file in it, by name, not recursive; other files skipped).
 * Throws `InputError` with a stable code on any bad input; an empty folder is `input.empty_folder`.
 * @example const [series] = await loadSeries('fixtures/series/example.csv')
 */
export async function loadSeries(path: string, options: LoadOptions = {}): Promise<Series[]> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw missingPath(path, cause);
  }
  if (!info.isDirectory()) return loadFile(path, info.size, options);
  const names = (await readdir(path)).filter((name) => !name.startsWith('.') && seriesExtensions[extname(name).toLowerCase()] !== undefined).sort();
  const all: Series[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(path, name);
    const fileInfo = await stat(file);
    if (!fileInfo.isFile()) continue;
    for (const series of await loadFile(file, fileInfo.size, options)) {
      const other = seen.get(series.id);
      if (other !== undefined) {
        throw inputError('input.duplicate_id', { file }, `the series id "${series.id}" is also the id of a series in ${other}`, 'rename one of the files, or give the series distinct "id" fields');
      }
      seen.set(series.id, file);
      all.push(series);
    }
  }
  if (all.length === 0) {
    throw inputError(
      'input.empty_folder',
      { file: path },
      'the folder holds no series files',
      `put .csv, .tsv, .json, .ndjson or .jsonl files in it (sub-folders are not searched)`,
    );
  }
  return all;
}
