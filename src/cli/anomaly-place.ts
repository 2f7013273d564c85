import { toIntervals } from '../detect/parse/index.js';
import { formatIndexRange, formatTime } from '../report/format.js';
import type { Anomaly } from '../schema/answer.js';
import { seriesLength, type Series } from '../series/types.js';

/**
 * Where an anomaly is, for the `detect` text output: time first when the series has timestamps
 * (`2014-11-02 01:00:00 → 2014-11-02 02:30:00 UTC (rows 5830–5833)`), else `rows 5830–5833`.
 * The model's coordinates become rows as the detect pipeline converts them (plain index axis).
 */
export function placeOfAnomaly(series: Series, anomaly: Anomaly, convention: string): string {
  const length = seriesLength(series);
  const [interval] = toIntervals([anomaly], {
    convention: convention === 'exclusive' ? 'exclusive' : 'inclusive',
    length,
    onNegative: 'clip',
  });
  if (interval === undefined) return `x ${anomaly.start}–${anomaly.end} (outside the series)`;
  const rows = `rows ${formatIndexRange(interval)}`;
  const stamps = series.timestamps;
  if (stamps === undefined || stamps.length !== length) return rows;
  const start = formatTime(stamps[interval[0]] ?? Number.NaN);
  const end = formatTime(stamps[interval[1] - 1] ?? Number.NaN);
  const time = start === end ? start : `${start.replace(/ UTC$/, '')} → ${end}`;
  return `${time} (${rows})`;
}
