/**
 * Loads the NAB development folder (`../shared/data/nab-dev`, or env ANOMSCOPE_NAB_DEV) for the
 * real-data benches through the product's own loaders, so the benches measure what users get:
 * `loadSeries` on `data/` with its defaults (rows sorted by time, repeated timestamps merged into
 * their mean) and `readLabelFile` + `matchLabels` on NAB's `combined_windows.json` (a window
 * covers every row with start ≤ t ≤ end).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Interval } from '../src/schema/interval.js';
import { matchLabels, readLabelFile } from '../src/series/label-file.js';
import { loadSeries } from '../src/series/load.js';

/** One NAB file ready to score. */
export interface NabFile {
  /** `<category>/<name>.csv`, the key of `combined_windows.json`. */
  key: string;
  values: Float64Array;
  /** Epoch milliseconds per row (the detector reads calendar periods from them). */
  timestamps?: number[];
  /** Label windows as half-open row intervals (empty on anomaly-free files). */
  truth: Interval[];
  /** Rows dropped by sorting/merging (repeated timestamps). */
  merged: number;
}

// Compiled to dist/bench/, so the repository is two levels up, wherever the bench is started from.
const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The folder the benches read: env ANOMSCOPE_NAB_DEV, else `../shared/data/nab-dev` beside the
 * repository (or one level further up, for a git worktree inside a subfolder). Resolved from the
 * repository, not the working directory, so a bench started from anywhere finds it.
 */
export function nabDevFolder(): string {
  const fromEnv = process.env['ANOMSCOPE_NAB_DEV'];
  if (fromEnv !== undefined) return resolve(fromEnv);
  const candidates = ['../shared/data/nab-dev', '../../shared/data/nab-dev'].map((path) =>
    resolve(repo, path),
  );
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

/** "file: 3 rows repeat a timestamp ..." → 3 (the loader's repair warnings count merged rows). */
function mergedRows(warnings: readonly string[], id: string): number {
  let merged = 0;
  for (const line of warnings) {
    if (!line.includes(`${id}.csv:`) || !line.includes('repeat')) continue;
    const count = /(\d+) rows?/.exec(line);
    if (count !== null) merged += Number(count[1]);
  }
  return merged;
}

/**
 * Every labelled file of the folder, sorted by key; null (after saying so on stderr) when the
 * folder is absent. Series without a label are skipped with the loader's warning.
 */
export async function loadNabDev(folder = nabDevFolder()): Promise<NabFile[] | null> {
  const windowsFile = join(folder, 'combined_windows.json');
  if (!existsSync(windowsFile)) {
    console.error(`SKIPPED: no NAB dev folder at ${folder} (set ANOMSCOPE_NAB_DEV to its path).`);
    return null;
  }
  const warnings: string[] = [];
  const series = await loadSeries(join(folder, 'data'), {
    onWarning: (message) => warnings.push(message),
  });
  const labels = matchLabels(await readLabelFile(windowsFile), series, {
    file: windowsFile,
    onWarning: (message) => console.error(`nab-dev: ${message}`),
  });
  const files: NabFile[] = [];
  for (const one of series) {
    const label = labels.get(one.id);
    const values = one.values[0];
    if (label === undefined || values === undefined) continue;
    files.push({
      key: `${one.id}.csv`,
      values,
      timestamps: one.timestamps,
      truth: (label.intervals ?? []).map(([start, end]) => [start, end] as Interval),
      merged: mergedRows(warnings, one.id),
    });
  }
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
