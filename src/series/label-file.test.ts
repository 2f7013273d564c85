import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  labelKeyToId,
  matchLabels,
  readLabelFile,
  takeLabelColumn,
  windowsToRows,
} from './label-file.js';
import type { Series } from './types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-label-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const minute = 60_000;
const t0 = Date.UTC(2014, 1, 19, 10, 48);
const series = (id: string): Series => ({
  id,
  channels: ['value'],
  values: [Float64Array.from({ length: 10 }, (_, i) => i)],
  timestamps: Array.from({ length: 10 }, (_, i) => t0 + i * minute),
});

describe('label files', () => {
  it('maps ids from relative paths', () => {
    expect(labelKeyToId('realKnownCause/nyc_taxi.csv')).toBe('realKnownCause/nyc_taxi');
    expect(labelKeyToId('./a\\b.csv')).toBe('a/b');
  });

  it('places time windows on rows, both ends included', () => {
    expect(
      windowsToRows(
        [0, 10, 20, 30, 40],
        [
          [10, 30],
          [35, 36],
          [41, 99],
        ],
      ),
    ).toEqual([[1, 4]]);
  });

  it('reads NAB windows: ISO ends, an empty list is labelled normal, unknown keys are warned about', async () => {
    const file = join(dir, 'windows.json');
    await writeFile(
      file,
      JSON.stringify({
        'cat/a.csv': [['2014-02-19 10:50:00.000000', '2014-02-19 10:52:00']],
        'cat/b.csv': [],
        'cat/gone.csv': [],
      }),
    );
    const warnings: string[] = [];
    const labels = matchLabels(
      await readLabelFile(file),
      [series('cat/a'), series('cat/b'), series('cat/c')],
      { file, onWarning: (m) => warnings.push(m) },
    );
    expect(labels.get('cat/a')).toMatchObject({ anomalous: true, intervals: [[2, 5]] });
    expect(labels.get('cat/b')).toMatchObject({ anomalous: false, intervals: [] });
    expect(warnings).toEqual([
      `${file}: 1 label(s) name no loaded series: cat/gone`,
      `${file}: 1 series have no label: cat/c`,
    ]);
    expect(() => matchLabels(new Map(), [series('x')], { file, strict: true })).toThrow(
      expect.objectContaining({ code: 'labels.unmatched' }),
    );
  });

  it('reads anomscope labels with rows or epoch-ms windows and optional fields', async () => {
    const file = join(dir, 'labels.json');
    await writeFile(
      file,
      JSON.stringify([
        { seriesId: 'a', intervals: [[0, 2]] },
        { seriesId: 'b.csv', windows: [[t0 + 8 * minute, t0 + 20 * minute]], category: 'spike' },
      ]),
    );
    const labels = matchLabels(await readLabelFile(file), [series('a'), series('b')], { file });
    expect(labels.get('a')).toMatchObject({ intervals: [[0, 2]], anomalous: true, category: null });
    expect(labels.get('b')).toMatchObject({ intervals: [[8, 10]], category: 'spike' });
  });

  it('locates a bad label and a bad time', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify([{ seriesId: 'a', intervals: [[0, 'x']] }]));
    await expect(readLabelFile(file)).rejects.toMatchObject({
      code: 'labels.invalid',
      field: '[0].intervals[0][1]',
    });
    await writeFile(file, JSON.stringify({ 'a.csv': [['yesterday', '2014-02-19']] }));
    expect(() =>
      matchLabels(new Map([['a', { seriesId: 'a', windows: [['yesterday', 1]] }]]), [series('a')], {
        file,
      }),
    ).toThrow(expect.objectContaining({ code: 'labels.bad_time' }));
  });

  it('takes a 0/1 label column out of the channels', () => {
    const taken = takeLabelColumn(
      {
        id: 's',
        channels: ['value', 'label'],
        values: [Float64Array.of(1, 2, 3, 4), Float64Array.of(0, 1, 1, 0)],
      },
      'label',
    );
    expect(taken?.intervals).toEqual([[1, 3]]);
    expect(taken?.series.channels).toEqual(['value']);
  });
});
