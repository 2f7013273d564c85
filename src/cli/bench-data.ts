import { resolve } from 'node:path';
import type { Suite, Track } from '../bench/suite.js';
import type { InputError } from '../errors.js';
import { loadSeries } from '../series/load.js';
import { loadOptionsFromFlags, type LoadFlags } from './load-flags.js';

/** Flags of `bench --data`. */
export interface DataSuiteFlags extends LoadFlags {
  data: string;
  labels?: string;
  labelColumn?: string;
  task: 'point' | 'range';
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
  stderr.write(`reading the series in ${flags.data} …\n`);
  const series = await loadSeries(flags.data, loadOptionsFromFlags(flags, stderr, failures));
  stderr.write(`read ${series.length} series\n`);
  if (failures.length > 0)
    stderr.write(
      `${failures.length} file(s) could not be loaded and are left out of the benchmark\n`,
    );
  const folders =
    flags.trackBy === 'none'
      ? [undefined]
      : [
          ...new Set(series.map((one) => (one.id.includes('/') ? one.id.split('/')[0] : '.'))),
        ].sort();
  const data = resolve(flags.data);
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
