import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadSeries, type LoadOptions } from '../series/load.js';
import type { OnDuplicateTime, OnUnsorted } from '../series/time-order.js';
import type { Series } from '../series/types.js';
import { choiceFlag } from './options.js';

/** The loading flags every command that reads series files takes. */
export interface LoadFlags {
  onUnsorted?: OnUnsorted;
  onDuplicateTime?: OnDuplicateTime;
  /** Comma-separated columns to read as channels (`--columns`). */
  columns?: string;
  /** Comma-separated columns never read as channels (`--ignore-columns`). */
  ignoreColumns?: string;
}

/** `a, b,c` as `['a', 'b', 'c']`. */
export function columnList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** `columns` / `ignoreColumns` of the loading options from the flags. */
export function columnOptions(flags: Pick<LoadFlags, 'columns' | 'ignoreColumns'>): {
  columns?: string[];
  ignoreColumns?: string[];
} {
  return {
    ...(flags.columns === undefined ? {} : { columns: columnList(flags.columns) }),
    ...(flags.ignoreColumns === undefined
      ? {}
      : { ignoreColumns: columnList(flags.ignoreColumns) }),
  };
}

/** Adds `--on-unsorted` and `--on-duplicate-time` to a command. */
export function addLoadFlags(command: Command): Command {
  return command
    .option(
      '--on-unsorted <action>',
      'rows out of time order: sort (default, with a warning) | error',
      choiceFlag('on-unsorted', ['sort', 'error'] as const),
    )
    .option(
      '--on-duplicate-time <action>',
      'rows repeating a timestamp: mean (default, with a warning) | first | last | error',
      choiceFlag('on-duplicate-time', ['error', 'first', 'last', 'mean'] as const),
    )
    .option('--columns <names>', 'comma-separated columns to read as channels (default: all)')
    .option(
      '--ignore-columns <names>',
      'comma-separated columns never read as channels (labels, flags, ids)',
    );
}

/** Series that loaded, and the located error of each file that did not. */
export interface CommandLoad {
  series: Series[];
  failures: InputError[];
}

/**
 * Loading options from the flags, with warnings and per-file failures written to `stderr` as they
 * happen.
 */
export function loadOptionsFromFlags(
  flags: LoadFlags,
  stderr: NodeJS.WritableStream,
  failures: InputError[],
): LoadOptions {
  return {
    ...(flags.onUnsorted === undefined ? {} : { onUnsorted: flags.onUnsorted }),
    ...(flags.onDuplicateTime === undefined ? {} : { onDuplicateTime: flags.onDuplicateTime }),
    ...columnOptions(flags),
    onWarning: (message) => stderr.write(`warning: ${message}\n`),
    onFileError: (error) => {
      failures.push(error);
      stderr.write(`error: ${error.message}\n`);
    },
  };
}

/**
 * Loads a file or folder for a command: in a folder a bad file is reported (located) and skipped,
 * so the rest is processed; call {@link throwIfFilesFailed} at the end.
 */
export async function loadForCommand(
  path: string,
  flags: LoadFlags,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<CommandLoad> {
  const failures: InputError[] = [];
  const series = await loadSeries(path, loadOptionsFromFlags(flags, stderr, failures));
  return { series, failures };
}

/** Ends a command that went past bad files with a non-zero exit (2, bad input) and their count. */
export function throwIfFilesFailed(failures: readonly InputError[], done: string): void {
  if (failures.length === 0) return;
  throw new InputError(
    'input.files_failed',
    `${done}; ${failures.length} file${failures.length === 1 ? '' : 's'} could not be loaded (each is listed above with its line); fix or remove ${failures.length === 1 ? 'it' : 'them'}`,
  );
}
