/**
 * Which suite a `bench` run runs: the named suite or a labelled folder (`--data`), narrowed by
 * `--limit/--sample/--tracks`, windowed by `--window`, or the suite a resumed run recorded.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseRunJson } from '../bench/run-files.js';
import { suiteSchema, type Suite } from '../bench/suite.js';
import { subsetSuite } from '../bench/subset.js';
import { InputError } from '../errors.js';
import type { DataSuiteFlags } from './bench-data.js';
import type { BenchFlags } from './bench-flags.js';

/**
 * `--limit`, `--sample` and `--tracks`: a smaller suite, recorded as such in the run's suite.json.
 */
export function trialSubset(suite: Suite, flags: BenchFlags): Suite {
  if (flags.limit === undefined && flags.sample === undefined && flags.tracks === undefined)
    return suite;
  return subsetSuite(suite, {
    ...(flags.limit === undefined ? {} : { limit: flags.limit }),
    ...(flags.sample === undefined ? {} : { sample: flags.sample }),
    ...(flags.tracks === undefined
      ? {}
      : {
          tracks: flags.tracks
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== ''),
        }),
  });
}

export function dataSuiteFlags(data: string, flags: BenchFlags): DataSuiteFlags {
  return {
    data,
    task: flags.task ?? 'range',
    trackBy: flags.trackBy ?? 'folder',
    strict: flags.strict === true,
    models: ['baseline'],
    ...(flags.labels === undefined ? {} : { labels: flags.labels }),
    ...(flags.labelColumn === undefined ? {} : { labelColumn: flags.labelColumn }),
    ...(flags.onUnsorted === undefined ? {} : { onUnsorted: flags.onUnsorted }),
    ...(flags.onDuplicateTime === undefined ? {} : { onDuplicateTime: flags.onDuplicateTime }),
    ...(flags.window === undefined ? {} : { window: flags.window }),
    ...(flags.stride === undefined ? {} : { stride: flags.stride }),
    ...(flags.columns === undefined ? {} : { columns: flags.columns }),
    ...(flags.ignoreColumns === undefined ? {} : { ignoreColumns: flags.ignoreColumns }),
  };
}

/**
 * Flags that only mean something with `--data` (or `--window`) are refused without it, rather than
 * silently running the default suite unlabelled.
 */
export function checkDataFlags(given: BenchFlags, explicit: ReadonlySet<string>): void {
  const dataOnly = [
    'labels',
    'labelColumn',
    'trackBy',
    'task',
    'onUnsorted',
    'onDuplicateTime',
    'columns',
    'ignoreColumns',
  ] as const;
  const stray = [
    ...dataOnly.filter((name) => explicit.has(name) && given[name] !== undefined),
    ...(explicit.has('strict') && given.strict === true ? ['strict'] : []),
  ][0];
  if (given.data === undefined && given.resume === undefined && stray !== undefined) {
    const flag = stray.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    throw new InputError(
      'cli.bad_flag',
      `--${flag} works with --data <folder|file> only; add --data, or drop --${flag}`,
      { field: flag },
    );
  }
  if (given.stride !== undefined && given.window === undefined)
    throw new InputError('cli.bad_flag', '--stride needs --window <n>; add --window', {
      field: 'stride',
    });
}

/** `--window`/`--stride` given with a suite: every track of it is sent in windows. */
export function withWindow(suite: Suite, flags: BenchFlags): Suite {
  const { window, stride } = flags;
  if (window === undefined) return suite;
  return {
    ...suite,
    tracks: suite.tracks.map((track) => ({
      ...track,
      window,
      ...(stride === undefined ? {} : { stride }),
    })),
  };
}

/** Points every RATs40K track at the file the user named. */
export function withRats40kPath(suite: Suite, path: string | undefined): Suite {
  if (path === undefined) return suite;
  return {
    ...suite,
    tracks: suite.tracks.map((track) =>
      track.dataset.generator === 'rats40k'
        ? { ...track, dataset: { ...track.dataset, path: resolve(path) } }
        : track,
    ),
  };
}

export function suiteIdFor(suite: string): string {
  return suite
    .replace(/^.*\//, '')
    .replace(/\.json$/, '')
    .replace(/[^A-Za-z0-9._-]/g, '_');
}

export function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export async function suiteOfRun(runDir: string): Promise<Suite> {
  const path = join(runDir, 'suite.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      'run.not_found',
      `no run to resume at ${runDir}; list ${runDir}/.. for run ids`,
      { file: path },
      { cause: error },
    );
  }
  return parseRunJson(
    text,
    path,
    suiteSchema,
    'the run folder is damaged: copy the suite file the run started with to that path (a shipped suite: eval/suites/<id>.json), or start a new run',
  );
}
