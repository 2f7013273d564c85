/**
 * Loads every file of the NAB development folder with the default loading options and prints
 * files, series, points, warnings (by kind), failures and the load time.
 *
 *   npm run bench:load-folder            # ANOMSCOPE_NAB_DEV or ../shared/data/nab-dev
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InputError } from '../src/errors.js';
import { windowRanges } from '../src/detect/windows.js';
import { loadSeries } from '../src/series/load.js';
import { seriesLength } from '../src/series/types.js';
import { nabDevFolder } from './nab-dev.js';

const root = nabDevFolder();
const data = existsSync(join(root, 'data')) ? join(root, 'data') : root;

if (!existsSync(data)) {
  process.stdout.write(`skipped: no NAB folder at ${data} (set ANOMSCOPE_NAB_DEV to its path)\n`);
} else {
  const warnings: string[] = [];
  const failures: InputError[] = [];
  const started = performance.now();
  const series = await loadSeries(data, {
    onWarning: (message) => warnings.push(message),
    onFileError: (error) => failures.push(error),
  });
  const elapsedMs = performance.now() - started;
  const points = series.reduce((sum, one) => sum + seriesLength(one), 0);
  const sorted = warnings.filter((message) => message.includes('out of time order')).length;
  const merged = warnings.filter((message) => /repeats? an earlier timestamp/.test(message)).length;
  process.stdout.write(`folder: ${data}\n`);
  process.stdout.write(
    `series loaded: ${series.length}, points: ${points}, failures: ${failures.length}\n`,
  );
  process.stdout.write(
    `warnings: ${warnings.length} (sorted: ${sorted}, merged repeated times: ${merged})\n`,
  );
  for (const message of warnings) process.stdout.write(`  warning: ${message}\n`);
  for (const error of failures) process.stdout.write(`  error: ${error.message}\n`);
  process.stdout.write(`load time: ${elapsedMs.toFixed(0)} ms\n`);
  for (const window of [1000, 2000]) {
    const count = series.reduce(
      (sum, one) => sum + windowRanges(seriesLength(one), { window }).length,
      0,
    );
    process.stdout.write(`windows with --window ${window} (stride ${window / 2}): ${count}\n`);
  }
}
