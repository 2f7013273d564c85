/**
 * A small local reader for the nab-dev folder (NAB's `timestamp,value` CSVs and
 * `combined_windows.json`) for `npm run bench:report`. The real loaders with options for messy
 * timestamps live on another branch; this fallback only sorts rows by time (stable) and merges
 * rows with the same timestamp (mean value), which is what NAB's unclean files need.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Label } from '../src/schema/label.js';
import type { Series } from '../src/series/types.js';

/** A nab-dev series with its label (no windows = a label saying "not anomalous"). */
export interface NabSeries {
  series: Series;
  label: Label;
}

/** NAB time text (`YYYY-MM-DD HH:MM:SS[.ffffff]`, no zone) as UTC milliseconds. */
export function nabTime(text: string): number {
  const ms = Date.parse(`${text.trim().replace(' ', 'T')}Z`);
  if (!Number.isFinite(ms)) throw new Error(`not a NAB timestamp: "${text}"`);
  return ms;
}

/** Parses one NAB CSV: rows sorted by time, rows at the same time merged into their mean. */
export function parseNabCsv(id: string, text: string): Series {
  const rows: Array<{ t: number; v: number; order: number }> = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (index === 0 || line.trim() === '') return;
    const comma = line.indexOf(',');
    rows.push({ t: nabTime(line.slice(0, comma)), v: Number(line.slice(comma + 1)), order: index });
  });
  rows.sort((a, b) => a.t - b.t || a.order - b.order);
  const timestamps: number[] = [];
  const values: number[] = [];
  let count = 0;
  for (const row of rows) {
    const last = timestamps.length - 1;
    if (last >= 0 && timestamps[last] === row.t) {
      count += 1;
      values[last] = values[last]! + (row.v - values[last]!) / count;
    } else {
      timestamps.push(row.t);
      values.push(row.v);
      count = 1;
    }
  }
  return { id, channels: ['value'], values: [Float64Array.from(values)], timestamps };
}

/** NAB windows (both ends included) as half-open row intervals over sorted timestamps. */
export function windowsToIntervals(
  timestamps: readonly number[],
  windows: ReadonlyArray<readonly [string, string]>,
): Array<[number, number]> {
  const intervals: Array<[number, number]> = [];
  for (const [startText, endText] of windows) {
    const start = nabTime(startText);
    const end = nabTime(endText);
    let first = -1;
    let last = -1;
    timestamps.forEach((t, i) => {
      if (t >= start && t <= end) {
        if (first < 0) first = i;
        last = i;
      }
    });
    if (first >= 0) intervals.push([first, last + 1]);
  }
  return intervals;
}

/** Reads every `data/<category>/<name>.csv` under `root` with its label, sorted by id. */
export async function readNabDev(root: string): Promise<NabSeries[]> {
  const windows = JSON.parse(await readFile(join(root, 'combined_windows.json'), 'utf8')) as Record<
    string,
    Array<[string, string]>
  >;
  const out: NabSeries[] = [];
  for (const category of (await readdir(join(root, 'data'))).sort()) {
    for (const name of (await readdir(join(root, 'data', category))).sort()) {
      if (!name.endsWith('.csv')) continue;
      const id = `${category}/${name}`;
      const series = parseNabCsv(id, await readFile(join(root, 'data', category, name), 'utf8'));
      const intervals = windowsToIntervals(series.timestamps ?? [], windows[id] ?? []);
      out.push({
        series,
        label: {
          seriesId: id,
          anomalous: intervals.length > 0,
          intervals,
          channels: null,
          category: null,
          explanation: null,
        },
      });
    }
  }
  return out;
}
