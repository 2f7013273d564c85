import { describe, expect, it } from 'vitest';
import { calendarPeriods, choosePeriod } from './calendar-period.js';
import { detectAnomalies } from './detector.js';
import { defaultBaselineOptions } from './options.js';
import { standardNormals } from '../../testing/seeded-noise.js';

const options = defaultBaselineOptions;
const HOUR = 3_600_000;
/** Monday 2024-01-01 00:00 UTC. */
const MONDAY = Date.UTC(2024, 0, 1);

const hourly = (rows: number): number[] =>
  Array.from({ length: rows }, (_, t) => MONDAY + t * HOUR);

/** Office load: a daily bump on weekdays, flat weekends, in rows of one hour. */
function officeLoad(rows: number): Float64Array {
  return Float64Array.from({ length: rows }, (_, t) => {
    const day = Math.floor(t / 24) % 7;
    const hour = t % 24;
    return day >= 5 ? 10 : 10 + 50 * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 12));
  });
}

describe('calendarPeriods', () => {
  it('gives the week in rows when the series holds 2.5 of them, else the day', () => {
    expect(calendarPeriods(hourly(6 * 168), 6 * 168, options)).toEqual([168]);
    expect(calendarPeriods(hourly(10 * 24), 10 * 24, options)).toEqual([24]);
    // Five-minute rows over 20 days: a week is 2016 rows.
    const fiveMinutes = Array.from({ length: 5760 }, (_, t) => MONDAY + t * 300_000);
    expect(calendarPeriods(fiveMinutes, 5760, options)).toEqual([2016]);
  });

  it('gives nothing without timestamps, on irregular sampling or for too short a series', () => {
    expect(calendarPeriods(undefined, 1000, options)).toEqual([]);
    const jittered = hourly(1000).map((t, k) => t + (k % 3) * 60_000);
    expect(calendarPeriods(jittered, 1000, options)).toEqual([]);
    expect(calendarPeriods(hourly(50), 50, options)).toEqual([]);
  });
});

describe('choosePeriod', () => {
  it('takes the exact week of a noise-free weekday/weekend series over a wrong period', () => {
    const values = officeLoad(6 * 168);
    expect(choosePeriod(values, 24, hourly(values.length), options).period).toBe(168);
    expect(choosePeriod(values, null, hourly(values.length), options).period).toBe(168);
    // Without timestamps nothing changes.
    expect(choosePeriod(values, 24, undefined, options).period).toBe(24);
  });

  it('keeps no period on white noise with timestamps', () => {
    const values = standardNormals(5, 6 * 168);
    expect(choosePeriod(values, null, hourly(values.length), options).period).toBeNull();
  });
});

describe('detector with timestamps', () => {
  it('passes them to the period choice: a weak weekly cycle under heavy-tailed noise', () => {
    // The autocorrelation finds no period here; the week of the timestamps lowers the noise scale.
    const rows = 8 * 168;
    const values = officeLoad(rows).map((x) => 10 + (x - 10) / 25);
    const noise = standardNormals(9, rows);
    for (let t = 0; t < rows; t++)
      values[t] = (values[t] as number) + (noise[t] as number) ** 3 / 3;
    const series = { id: 'office', channels: ['load'], values: [values] };
    const without = detectAnomalies(series).anomalies;
    const withTimes = detectAnomalies({ ...series, timestamps: hourly(rows) }).anomalies;
    expect(without[0]?.explanation).toContain('the local level');
    expect(withTimes[0]?.explanation).toContain('period 168.0');
  });
});
