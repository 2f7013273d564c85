import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Suite, Track } from '../bench/suite.js';
import { InputError } from '../errors.js';
import { keyedAs } from '../bench/files-dataset.js';
import { matchLabels, readLabelFile } from '../series/label-file.js';
import { loadSeries } from '../series/load.js';
import type { Series } from '../series/types.js';
import { columnOptions, loadOptionsFromFlags, type LoadFlags } from './load-flags.js';

/** Flags of `bench --data`. */
export interface DataSuiteFlags extends LoadFlags {
  data: string;
  labels?: string;
  labelColumn?: string;
  task: 'point' | 'range' | 'diagnose';
  /** One track per top-level folder (`folder`) or one for everything (`none`). @default 'folder' */
  trackBy: 'folder' | 'none';
  strict: boolean;
  models: string[];
  window?: number;
  stride?: number;
}

/** A folder name as a track name (`realKnownCause` → `realknowncause`). */
function trackName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return name === '' ? 'data' : name;
}

/** The top-level folder of a series id (`.` for a file at the top). */
function folderOf(series: Series): string {
  return series.id.includes('/') ? (series.id.split('/')[0] as string) : '.';
}

/**
 * Folders holding at least one series the label file (or the label column) labels; `undefined`
 * without a label file (then every folder is a track, and a missing label column is reported
 * per track).
 */
async function labelledFolders(
  loaded: readonly Series[],
  flags: DataSuiteFlags,
  stderr: NodeJS.WritableStream,
): Promise<Set<string> | undefined> {
  if (flags.labels === undefined) return undefined;
  const entries = await readLabelFile(flags.labels);
  const single = (await stat(flags.data)).isFile();
  const series = single ? loaded.map((one) => keyedAs(one, entries)) : loaded;
  const column = flags.labelColumn;
  // Labels naming no series, and series without a label, are said once here for the whole
  // data (each track checks only its own part, and --strict makes them errors there).
  if (column === undefined)
    matchLabels(entries, series, {
      file: flags.labels,
      onWarning: (message) => stderr.write(`warning: ${message}\n`),
    });
  return new Set(
    series
      .filter(
        (one) => entries.has(one.id) || (column !== undefined && one.channels.includes(column)),
      )
      .map(folderOf),
  );
}

/**
 * Builds the suite `bench --data` runs: one track per top-level sub-folder of the data (or one
 * track), each a `files` dataset with the labels, scored like Time-RA (empty answers scored as
 * computed, unparseable answers skipped). Loads the data once to print warnings and bad files.
 */
export async function dataSuite(
  flags: DataSuiteFlags,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<Suite> {
  const failures: InputError[] = [];
  // A large folder takes a while to read: say so, so a silent terminal is not taken for a hang.
  stderr.write(`reading the series in ${flags.data} …
`);
  const series = await loadSeries(flags.data, {
    ...loadOptionsFromFlags(flags, stderr, failures),
    ...(flags.labels === undefined ? {} : { exclude: [flags.labels] }),
    ...(flags.labelColumn === undefined ? {} : { keepColumns: [flags.labelColumn] }),
  });
  stderr.write(`read ${series.length} series
`);
  if (failures.length > 0)
    stderr.write(
      `${failures.length} file(s) could not be loaded and are left out of the benchmark\n`,
    );
  const labelled = await labelledFolders(series, flags, stderr);
  const folders =
    // A single file is one track, whatever folder its label key names.
    flags.trackBy === 'none' || (await stat(flags.data)).isFile()
      ? [undefined]
      : [...new Set(series.map(folderOf))].sort().filter((folder) => {
          if (labelled === undefined || flags.strict || labelled.has(folder)) return true;
          // A label file may cover some folders only: the others are no track, not a failed run.
          stderr.write(
            `warning: ${folder === '.' ? 'the top folder' : `folder ${folder}`}: no series has a label in ${flags.labels ?? ''}; left out of the benchmark\n`,
          );
          return false;
        });
  const data = resolve(flags.data);
  if (folders.length === 0)
    throw new InputError(
      'bench.no_labelled_series',
      `${data}: no series has a label in ${flags.labels ?? ''}; label series by their path relative to the folder, without extension (realKnownCause/nyc_taxi)`,
      { file: flags.labels ?? data },
    );
  const tracks: Track[] = folders.map((folder) => ({
    name: folder === undefined ? 'data' : trackName(folder === '.' ? 'top' : folder),
    dataset: {
      generator: 'files',
      path: data,
      ...(flags.labels === undefined ? {} : { labels: resolve(flags.labels) }),
      ...(flags.labelColumn === undefined ? {} : { labelColumn: flags.labelColumn }),
      ...(folder === undefined ? {} : { include: folder }),
      strict: flags.strict,
      ...(flags.onUnsorted === undefined ? {} : { onUnsorted: flags.onUnsorted }),
      ...(flags.onDuplicateTime === undefined ? {} : { onDuplicateTime: flags.onDuplicateTime }),
      ...columnOptions(flags),
    },
    task: flags.task,
    prompts: [`structured-${flags.task}`],
    modalities: ['image'],
    vtaLook: false,
    scoring: 'timeRa',
    hints: 'none',
    ...(flags.window === undefined ? {} : { window: flags.window }),
    ...(flags.stride === undefined ? {} : { stride: flags.stride }),
  }));
  return {
    id: 'data',
    description: `labelled series in ${data}`,
    models: flags.models,
    sampling: {},
    tracks,
  };
}
