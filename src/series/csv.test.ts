import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseCsv } from './csv.js';

const values = (channel: Float64Array | undefined): number[] => Array.from(channel ?? []);

describe('parseCsv', () => {
  it('reads an ISO time column and one channel, id from the file name', () => {
    const series = parseCsv(
      'time,temp\n2024-01-01T00:00:00Z,1.5\n2024-01-01T00:10:00Z,-2\n2024-01-01T01:00:00Z,3e2\n',
      { file: 'data/room.csv' },
    );
    expect(series.id).toBe('room');
    expect(series.channels).toEqual(['temp']);
    expect(values(series.values[0])).toEqual([1.5, -2, 300]);
    // Irregular steps (10 min, then 50 min) are kept as they are.
    expect(series.timestamps).toEqual([1704067200000, 1704067800000, 1704070800000]);
  });

  it('reads an epoch-ms time column named ts, and epoch seconds scaled to ms', () => {
    const ms = parseCsv('ts,v\n1704067200000,1\n1704067260000,2\n', { file: 'a.csv' });
    expect(ms.timestamps).toEqual([1704067200000, 1704067260000]);
    const seconds = parseCsv('time,v\n1704067200,1\n1704067260,2\n', { file: 'a.csv' });
    expect(seconds.timestamps).toEqual([1704067200000, 1704067260000]);
  });

  it('detects an unnamed epoch-ms first column by content', () => {
    const series = parseCsv('when,v\n1704067200000,1\n1704067260000,2\n1704067320000,3\n', {
      file: 'a.csv',
    });
    expect(series.channels).toEqual(['v']);
    expect(series.timestamps).toEqual([1704067200000, 1704067260000, 1704067320000]);
  });

  it('detects an ISO column by content whatever its name and position', () => {
    const series = parseCsv('v,observed\n1,2024-01-01\n2,2024-01-02\n', { file: 'a.csv' });
    expect(series.channels).toEqual(['v']);
    expect(series.timestamps).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
  });

  it('keeps a measurement of large increasing numbers as a channel unless it is an epoch time', () => {
    // 5,6,7 is no epoch time, and `count` is not a time name: a channel.
    const series = parseCsv('count,v\n5,1\n6,2\n7,3\n', { file: 'a.csv' });
    expect(series.channels).toEqual(['count', 'v']);
    expect(series.timestamps).toBeUndefined();
  });

  it('uses the timeColumn option over detection', () => {
    const series = parseCsv('time,at,v\n1,2024-01-01,5\n2,2024-01-02,6\n', {
      file: 'a.csv',
      timeColumn: 'at',
    });
    expect(series.channels).toEqual(['time', 'v']);
    expect(series.timestamps).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
  });

  it('reads a file without a time column as index-only', () => {
    const series = parseCsv('value\n0.5\n0.25\n', { file: 'a.csv', id: 'custom' });
    expect(series).toEqual({
      id: 'custom',
      channels: ['value'],
      values: [new Float64Array([0.5, 0.25])],
    });
  });

  it('drops an index column named idx or index, but keeps one that is not increasing integers', () => {
    expect(parseCsv('index,v\n0,1\n1,2\n2,3\n', { file: 'a.csv' }).channels).toEqual(['v']);
    expect(parseCsv('idx,v\n10,1\n11,2\n', { file: 'a.csv' }).channels).toEqual(['v']);
    expect(parseCsv('index,v\n0.5,1\n1.5,2\n', { file: 'a.csv' }).channels).toEqual(['index', 'v']);
  });

  it('reads a multivariate file in column order', () => {
    const series = parseCsv('time,a,b,c\n2024-01-01,1,2,3\n2024-01-02,4,5,6\n', { file: 'm.csv' });
    expect(series.channels).toEqual(['a', 'b', 'c']);
    expect(series.values.map(values)).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  it.each([
    ['', Number.NaN],
    ['NaN', Number.NaN],
    ['nan', Number.NaN],
    ['null', Number.NaN],
    ['NA', Number.NaN],
    ['N/A', Number.NaN],
    ['  ', Number.NaN],
    ['-0.5', -0.5],
    ['+2', 2],
    ['.5', 0.5],
    ['1E-3', 0.001],
  ])('reads the cell %j as %d', (cell, expected) => {
    const series = parseCsv(`a,b\n1,${cell}\n2,3\n`, { file: 'a.csv' });
    expect(series.values[1]?.[0]).toBe(expected);
  });

  it('keeps missing cells as NaN without interpolating', () => {
    const series = parseCsv('a\n1\n\n3\nNA\n5\n', { file: 'a.csv' });
    expect(values(series.values[0])).toEqual([1, Number.NaN, 3, Number.NaN, 5]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, and counts lines across them', () => {
    const text =
      '"time","a, b","say ""hi"""\n2024-01-01,"1.5",2\n2024-01-02,3,"4"\n2024-01-03,x,5\n';
    const series = parseCsv(text.replace('\n2024-01-03,x,5\n', '\n'), { file: 'q.csv' });
    expect(series.channels).toEqual(['a, b', 'say "hi"']);
    expect(series.values.map(values)).toEqual([
      [1.5, 3],
      [2, 4],
    ]);
    const multiline = 'time,"two\nlines"\n2024-01-01,1\n2024-01-02,x\n';
    expect(() => parseCsv(multiline, { file: 'q.csv' })).toThrow(
      expect.objectContaining({ code: 'input.non_numeric', line: 4, column: 2 }),
    );
  });

  it('accepts a header with spaces before quoted names', () => {
    expect(parseCsv('time, "v"\n2024-01-01, 1\n', { file: 'a.csv' }).channels).toEqual(['v']);
  });

  it('throws InputError with the location of a non-numeric cell', () => {
    expect(() => parseCsv('a,b\n1,2\n3,x\n', { file: 'f.csv' })).toThrow(InputError);
    expect(() => parseCsv('a,b\n1,2\n3,x\n', { file: 'f.csv' })).toThrow(
      'f.csv:3:2: "x" in column "b" is not a number',
    );
  });

  it('rejects JSON-ish and HTML text handed to it', () => {
    expect(() => parseCsv('<html><body></body></html>', { file: 'p.csv' })).toThrow(
      expect.objectContaining({ code: 'input.not_series' }),
    );
  });
});

describe('parseCsv column clean-up', () => {
  it('drops an unnamed all-empty column left by a trailing delimiter', () => {
    const series = parseCsv('a,b,\n1,2,\n3,4,\n', { file: 't.csv' });
    expect(series.channels).toEqual(['a', 'b']);
  });

  it('names an unnamed column with values column_<n>', () => {
    expect(parseCsv('a,\n1,2\n', { file: 't.csv' }).channels).toEqual(['a', 'column_2']);
  });
});
