import { describe, expect, it } from 'vitest';
import { nabTime, parseNabCsv, windowsToIntervals } from '../../bench/nab-series.js';

describe('nab-dev fallback reader', () => {
  it('sorts rows by time and merges repeated timestamps into their mean', () => {
    const series = parseNabCsv(
      'x',
      'timestamp,value\n2014-01-01 00:10:00,3\n2014-01-01 00:00:00,1\n2014-01-01 00:10:00,5\n2014-01-01 00:05:00,2\n',
    );
    expect(series.timestamps).toEqual(
      [0, 5, 10].map((m) => nabTime('2014-01-01 00:00:00') + m * 60_000),
    );
    expect(Array.from(series.values[0]!)).toEqual([1, 2, 4]);
  });

  it('turns inclusive time windows into half-open row intervals', () => {
    const t = [0, 1, 2, 3, 4].map((m) => nabTime('2014-01-01 00:00:00') + m * 60_000);
    expect(
      windowsToIntervals(t, [['2014-01-01 00:01:00.000000', '2014-01-01 00:03:00.000000']]),
    ).toEqual([[1, 4]]);
    expect(windowsToIntervals(t, [['2015-01-01 00:00:00', '2015-01-02 00:00:00']])).toEqual([]);
  });
});
