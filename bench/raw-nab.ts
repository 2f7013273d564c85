/**
 * An independent reader of the NAB folder, for checking the product against it
 * (`bench:data-acceptance`): every `data/<category>/<name>.csv` with its label windows as half-open
 * row intervals, written without the product's loader on purpose. Rows are sorted by time and
 * repeated timestamps merged (mean of their values), then a window covers every row with
 * start ≤ t ≤ end — NAB's own reading of its files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interval } from '../src/schema/interval.js';

/** One NAB file ready to score. */
export interface RawNabFile {
  /** `<category>/<name>.csv`, the key of `combined_windows.json`. */
  key: string;
  values: Float64Array;
  /** Label windows as half-open row intervals (empty on anomaly-free files). */
  truth: Interval[];
  /** Rows dropped by sorting/merging (repeated timestamps). */
  merged: number;
}

/** NAB timestamps `YYYY-MM-DD HH:MM:SS[.ffffff]` (no zone) read as UTC milliseconds. */
function parseTime(text: string): number {
  const time = Date.parse(`${text.trim().replace(' ', 'T')}Z`);
  if (!Number.isFinite(time))
    throw new Error(`nab-dev: unreadable timestamp ${JSON.stringify(text)}`);
  return time;
}

function readRows(file: string): { times: number[]; values: Float64Array; merged: number } {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
  const rows: [number, number][] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const comma = line.indexOf(',');
    rows.push([parseTime(line.slice(0, comma)), Number(line.slice(comma + 1))]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const times: number[] = [];
  const sums: number[] = [];
  const counts: number[] = [];
  for (const [time, value] of rows) {
    const last = times.length - 1;
    if (last >= 0 && times[last] === time) {
      sums[last] = (sums[last] as number) + value;
      counts[last] = (counts[last] as number) + 1;
    } else {
      times.push(time);
      sums.push(value);
      counts.push(1);
    }
  }
  const values = Float64Array.from(sums, (sum, i) => sum / (counts[i] as number));
  return { times, values, merged: rows.length - times.length };
}

/** First index whose time is ≥ `time` (times sorted ascending). */
function lowerBound(times: readonly number[], time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every file of the folder, sorted by key; null (after saying so on stderr) when it is absent. */
export function readRawNab(folder: string): RawNabFile[] | null {
  const windowsFile = join(folder, 'combined_windows.json');
  if (!existsSync(windowsFile)) {
    console.error(`SKIPPED: no NAB dev folder at ${folder} (set ANOMSCOPE_NAB_DEV to its path).`);
    return null;
  }
  const windows = JSON.parse(readFileSync(windowsFile, 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const files: RawNabFile[] = [];
  for (const key of Object.keys(windows).sort()) {
    const path = join(folder, 'data', key);
    if (!existsSync(path)) continue;
    const { times, values, merged } = readRows(path);
    const truth: Interval[] = [];
    for (const [start, end] of windows[key] ?? []) {
      const from = lowerBound(times, parseTime(start));
      const to = lowerBound(times, parseTime(end) + 1);
      if (to > from) truth.push([from, to]);
    }
    files.push({ key, values, truth, merged });
  }
  const listed = new Set(Object.keys(windows));
  for (const category of readdirSync(join(folder, 'data'))) {
    for (const name of readdirSync(join(folder, 'data', category))) {
      if (!listed.has(`${category}/${name}`))
        console.error(
          `nab-dev: ${category}/${name} has no entry in combined_windows.json; skipped.`,
        );
    }
  }
  return files;
}
