import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRender } from '../cli/render.js';
import type { Series } from '../series/types.js';
import { renderSvg } from './index.js';
import { breakTimeGaps, yearTickFormat } from './time-axis.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** x tick labels of an SVG line chart (the y labels are numbers). */
function tickLabels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)</g)]
    .map((match) => match[1] ?? '')
    .filter((text) => !/^[−-]?[\d.,]+$/.test(text));
}

describe('time axis', () => {
  it('inserts a missing value inside each gap in time and moves the shaded intervals', () => {
    // Five-minute steps with one six-hour gap after row 3.
    const timestamps = [0, 5, 10, 15, 375, 380, 385].map((minutes) => minutes * MINUTE);
    const series: Series = {
      id: 'gappy',
      channels: ['v'],
      values: [Float64Array.of(1, 2, 3, 4, 5, 6, 7)],
      timestamps,
    };
    const { series: drawn, options } = breakTimeGaps(series, {
      preset: 'overlay',
      axis: 'time',
      intervals: { truth: [[2, 5]], predicted: [[5, 7]] },
    });
    expect(drawn.timestamps).toEqual([0, 5, 10, 15, 195, 375, 380, 385].map((m) => m * MINUTE));
    expect(Array.from(drawn.values[0] ?? [])).toEqual([1, 2, 3, 4, NaN, 5, 6, 7]);
    expect(options.intervals).toEqual({ truth: [[2, 6]], predicted: [[6, 8]] });
  });

  it.each([
    ['an index axis', { preset: 'line', axis: 'index' } as const, [0, 5, 10, 500]],
    ['a regular series', { preset: 'line', axis: 'time' } as const, [0, 5, 10, 15]],
    [
      'irregular steps under ten times the median',
      { preset: 'line', axis: 'time' } as const,
      [0, 5, 10, 55],
    ],
  ])('leaves %s unchanged', (_name, options, minutes) => {
    const series: Series = {
      id: 's',
      channels: ['v'],
      values: [Float64Array.of(1, 2, 3, 4)],
      timestamps: minutes.map((m) => m * MINUTE),
    };
    expect(breakTimeGaps(series, options).series).toBe(series);
  });

  it.each([
    [Date.UTC(2014, 1, 1), Date.UTC(2014, 11, 1), undefined],
    [Date.UTC(2013, 6, 1), Date.UTC(2014, 4, 28), '%b %Y'],
    [Date.UTC(2013, 11, 20), Date.UTC(2014, 0, 10), '%d %b %Y'],
    [Date.UTC(2013, 11, 31, 20), Date.UTC(2014, 0, 1, 4), '%d %b %Y %H:%M'],
    [Date.UTC(2000, 0, 1), Date.UTC(2020, 0, 1), '%Y'],
  ])('tick format from %i to %i: %s', (first, last, format) => {
    expect(yearTickFormat([first, last])).toBe(format);
  });

  it('shows the year on every tick of a chart that spans two years', async () => {
    const timestamps = Array.from({ length: 300 }, (_, i) => Date.UTC(2013, 6, 1) + i * DAY);
    const series: Series = {
      id: 'years',
      channels: ['v'],
      values: [Float64Array.from(timestamps, (_, i) => Math.sin(i / 5))],
      timestamps,
    };
    const labels = tickLabels(await renderSvg(series, { preset: 'line', axis: 'time' }));
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.every((label) => /^[A-Z][a-z]{2} 201[34]$/.test(label))).toBe(true);
    const within = timestamps.map((_, i) => Date.UTC(2013, 0, 5) + i * DAY);
    const sameYear = tickLabels(
      await renderSvg({ ...series, timestamps: within }, { preset: 'line', axis: 'time' }),
    );
    expect(sameYear.some((label) => /^[A-Z][a-z]{2} \d{4}$/.test(label))).toBe(false);
  });

  it('render draws a series with timestamps on a time axis unless --axis index', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'anomscope-time-axis-'));
    try {
      const rows = Array.from(
        { length: 50 },
        (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString()},${i % 7}`,
      );
      const file = join(dir, 'hourly.csv');
      await writeFile(file, `timestamp,value\n${rows.join('\n')}\n`);
      const drawn = async (axis: 'time' | 'index' | undefined): Promise<Buffer> => {
        const out = join(dir, axis ?? 'default');
        await runRender(file, {
          preset: 'line',
          out,
          vta: false,
          ...(axis === undefined ? {} : { axis }),
        });
        return readFile(join(out, 'hourly.png'));
      };
      const byDefault = await drawn(undefined);
      expect(byDefault.equals(await drawn('time'))).toBe(true);
      expect(byDefault.equals(await drawn('index'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
