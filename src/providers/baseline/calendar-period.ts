import type { BaselineOptions } from './options.js';
import { residualModel, type ResidualModel } from './residual.js';

const DAY_MS = 86_400_000;
/** Share of steps that must equal the median step for rows to stand for clock time. */
const REGULAR_SHARE = 0.9;
/** Shortest calendar period worth trying, in rows (a day of 12-hourly rows is no cycle). */
const MIN_CALENDAR_ROWS = 4;

/**
 * Rows per day and per week of a regularly sampled series (at least `REGULAR_SHARE` of its
 * steps equal the median step): operations data repeats with the clock, whatever the sampling
 * step, and the timestamps say how many rows that is. Empty without timestamps, on irregular
 * sampling (a row count is then no fixed time), and for cycles the series cannot hold at least
 * `periodMinCycles` times.
 */
export function calendarPeriods(
  timestamps: readonly number[] | undefined,
  n: number,
  options: Pick<BaselineOptions, 'periodMinCycles' | 'periodMaxLag'>,
): number[] {
  if (timestamps === undefined || timestamps.length !== n || n < 3) return [];
  const steps: number[] = [];
  for (let i = 1; i < n; i++) steps.push((timestamps[i] as number) - (timestamps[i - 1] as number));
  const sorted = [...steps].sort((a, b) => a - b);
  const step = sorted[Math.floor(sorted.length / 2)] as number;
  if (!(step > 0)) return [];
  let regular = 0;
  for (const value of steps) if (value === step) regular++;
  if (regular < REGULAR_SHARE * steps.length) return [];
  const longest = Math.min(n / options.periodMinCycles, options.periodMaxLag);
  // The week when the series holds enough of them: a lag of one week matches the daily cycle
  // too (and the weekend), so it is the calendar period of daily + weekly data; else the day.
  const fitting = [(7 * DAY_MS) / step, DAY_MS / step].filter(
    (rows) => rows >= MIN_CALENDAR_ROWS && rows <= longest,
  );
  return fitting.slice(0, 1);
}

/**
 * The period the residual model uses: the autocorrelation's (`found`, null when nothing repeats)
 * unless a calendar period of the timestamps fits the series better, judged by what it is for:
 * its seasonal expectation must lower the robust noise scale of the residual by at least
 * `periodCalendarGain` (a share). Tweet counts whose bursts hide the daily cycle from the
 * autocorrelation, or hourly series whose smoothness makes lag 2 look like a cycle, get their day
 * or week back; a series without a calendar cycle keeps what it had. Returns the model too, so it
 * is not built twice.
 */
export function choosePeriod(
  values: Float64Array,
  found: number | null,
  timestamps: readonly number[] | undefined,
  options: BaselineOptions,
): { period: number | null; model: ResidualModel } {
  let best = { period: found, model: residualModel(values, found, options) };
  const bar = 1 - options.periodCalendarGain;
  for (const candidate of calendarPeriods(timestamps, values.length, options)) {
    if (found !== null && Math.abs(candidate - found) < 0.5) continue;
    const model = residualModel(values, candidate, options);
    if (model.noiseScale < bar * best.model.noiseScale) best = { period: candidate, model };
  }
  return best;
}
