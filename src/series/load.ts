import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { selectChannels, type ChannelOptions } from './channels.js';
import { InputError } from '../errors.js';
import { parseCsv } from './csv.js';
import { inputError } from './fail.js';
import { parseJson } from './json.js';
import { parseNdjson } from './ndjson.js';
import { decodeUtf8, rejectBinary, sniffFormat, type SeriesFormat } from './sniff.js';
import { seriesIdFromFile } from './id.js';
import type { TimeOrderOptions } from './time-order.js';
import type { Series } from './types.js';

/** Options of `loadSeries`. */
export interface LoadOptions extends TimeOrderOptions, Omit<ChannelOptions, 'onWarning'> {
  /** CSV time column name; auto-detected when absent (see `parseCsv`). */
  timeColumn?: string;
  /**
   * Read files as this format whatever their extension. @default by extension, sniffed from the
   * content when unknown
   */
  format?: SeriesFormat;
  /**
   * Largest file read, in bytes; larger files are refused with `input.too_large`. @default
   * 536870912 (512 MiB)
   */
  maxFileBytes?: number;
  /** Most CSV columns; a wider file is refused with `input.too_many_columns`. @default 10000 */
  maxColumns?: number;
  /**
   * In a folder, a bad file goes here and the load goes on with the next one; without it the first
   * bad file throws. A folder where every file failed still throws `input.empty_folder`.
   */
  onFileError?: (error: InputError) => void;
  /** Files a folder load skips (a label file kept beside the data), as paths. */
  exclude?: readonly string[];
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

function missingPath(path: string, cause: unknown): InputError {
  return inputError(
    'input.not_found',
    { file: path },
    'no such file or folder',
    'check the path (it is resolved from the current directory)',
    cause,
  );
}

function notRegular(path: string, info: Stats): InputError {
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isCharacterDevice()
      ? 'a character device (such as /dev/zero)'
      : info.isBlockDevice()
        ? 'a block device'
        : info.isSocket()
          ? 'a socket'
          : 'not a regular file';
  return inputError(
    'input.not_a_file',
    { file: path },
    `this is ${kind}, which could be read forever`,
    'save the data to a regular file and pass that',
  );
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw inputError(
        'input.unreadable_file',
        { file: path },
        'permission to read the file is denied',
        'give yourself read access (chmod u+r) or copy the file somewhere readable',
        cause,
      );
    }
    if (code === 'EISDIR')
      throw inputError(
        'input.not_a_file',
        { file: path },
        'this is a folder',
        'pass the folder itself or a file in it',
        cause,
      );
    throw missingPath(path, cause);
  }
}

/**
 * Reads and parses one series file, refusing it before reading when it is not a regular file or
 * above `maxFileBytes`.
 */
async function loadFile(
  path: string,
  info: Stats,
  options: LoadOptions,
  id?: string,
): Promise<Series[]> {
  const channelOptions: ChannelOptions = {
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    ...(options.ignoreColumns === undefined ? {} : { ignoreColumns: options.ignoreColumns }),
    ...(options.keepColumns === undefined ? {} : { keepColumns: options.keepColumns }),
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  };
  return (await parseFile(path, info, options, id)).map((series) =>
    selectChannels(series, path, channelOptions),
  );
}

async function parseFile(
  path: string,
  info: Stats,
  options: LoadOptions,
  id?: string,
): Promise<Series[]> {
  if (!info.isFile()) throw notRegular(path, info);
  const size = info.size;
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  if (size > maxFileBytes) {
    throw inputError(
      'input.too_large',
      { file: path },
      `the file is ${formatSize(size)}, above the ${formatSize(maxFileBytes)} limit (maxFileBytes)`,
      'split it into smaller files (for example by time range) or raise maxFileBytes',
    );
  }
  const bytes = await readBytes(path);
  rejectBinary(bytes, path);
  const text = decodeUtf8(bytes, path);
  const format =
    options.format ?? seriesExtensions[extname(path).toLowerCase()] ?? sniffFormat(text);
  if (format === 'json') {
    const series = parseJson(text, { file: path });
    // A JSON series named after its file takes the folder-relative id, as a CSV does.
    return [id !== undefined && series.id === seriesIdFromFile(path) ? { ...series, id } : series];
  }
  if (format === 'ndjson') return parseNdjson(text, { file: path });
  return [
    parseCsv(text, {
      file: path,
      ...(id === undefined ? {} : { id }),
      ...(options.timeColumn === undefined ? {} : { timeColumn: options.timeColumn }),
      ...(options.maxColumns === undefined ? {} : { maxColumns: options.maxColumns }),
      ...(options.onUnsorted === undefined ? {} : { onUnsorted: options.onUnsorted }),
      ...(options.onDuplicateTime === undefined
        ? {}
        : { onDuplicateTime: options.onDuplicateTime }),
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    }),
  ];
}

/** Series files under a folder, recursively, sorted by relative path; hidden entries skipped. */
async function listSeriesFiles(
  root: string,
  folder: string,
  options: LoadOptions,
): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch (cause) {
    const error =
      (cause as NodeJS.ErrnoException).code === 'EACCES'
        ? inputError(
            'input.unreadable_file',
            { file: folder },
            'permission to list the folder is denied',
            'give yourself read access (chmod u+rx)',
            cause,
          )
        : missingPath(folder, cause);
    if (options.onFileError === undefined || folder === root) throw error;
    options.onFileError(error);
    return [];
  }
  const files: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(folder, name);
    let info: Stats;
    try {
      info = await stat(path);
    } catch {
      continue; // a dangling symlink is not a series file
    }
    if (info.isDirectory()) files.push(...(await listSeriesFiles(root, path, options)));
    else if (
      seriesExtensions[extname(name).toLowerCase()] !== undefined &&
      !(options.exclude ?? []).some((excluded) => resolve(excluded) === resolve(path))
    )
      files.push(path);
  }
  return files;
}

/** The id of a file in a folder: its relative path without extension, with `/` separators. */
export function relativeSeriesId(root: string, file: string): string {
  const path = relative(root, file).split(sep).join('/');
  const extension = extname(path);
  return extension.length > 0 && extension.length < path.length
    ? path.slice(0, -extension.length)
    : path;
}

/**
 * Loads the series in a file (CSV, JSON, NDJSON by extension, sniffed when unknown) or in a folder
 * (every .csv/.tsv/.json/.ndjson/.jsonl file in it and its sub-folders; a file's series id is its
 * relative path without extension, `realKnownCause/nyc_taxi`). Throws `InputError` with a stable
 * code on any bad input (or hands it to `onFileError` and goes on); an empty folder is
 * `input.empty_folder`.
 * @example const [series] = await loadSeries('fixtures/series/example.csv')
 */
export async function loadSeries(path: string, options: LoadOptions = {}): Promise<Series[]> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw missingPath(path, cause);
  }
  if (!info.isDirectory()) return loadFile(path, info, options);
  const all: Series[] = [];
  const seen = new Map<string, string>();
  let failed = 0;
  for (const file of await listSeriesFiles(path, path, options)) {
    try {
      const loaded = await loadFile(file, await stat(file), options, relativeSeriesId(path, file));
      for (const series of loaded) {
        const other = seen.get(series.id);
        if (other !== undefined) {
          throw inputError(
            'input.duplicate_id',
            { file },
            `the series id "${series.id}" is also the id of a series in ${other}`,
            'rename one of the files, or give the series distinct "id" fields',
          );
        }
      }
      for (const series of loaded) {
        seen.set(series.id, file);
        all.push(series);
      }
    } catch (error) {
      if (!(error instanceof InputError) || options.onFileError === undefined) throw error;
      failed += 1;
      options.onFileError(error);
    }
  }
  if (all.length === 0) {
    throw inputError(
      'input.empty_folder',
      { file: path },
      failed > 0
        ? `none of the ${failed} series files in the folder loaded`
        : 'the folder holds no series files',
      failed > 0
        ? 'fix the files reported above'
        : 'put .csv, .tsv, .json, .ndjson or .jsonl files in it or in its sub-folders',
    );
  }
  return all;
}
