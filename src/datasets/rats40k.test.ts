import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { datasetSplitSchema } from '../schema/dataset.js';
import { labelSchema } from '../schema/label.js';
import { parseJsonAllowingNaN, parseObservation } from './rats40k-observation.js';
import {
  parseRats40k,
  rats40kToDatasetSplit,
  readRats40k,
  resolveRats40kFigure,
  saveRats40k,
  writeRats40k,
} from './rats40k.js';

const fixture = fileURLToPath(new URL('../../fixtures/rats40k/sample.json', import.meta.url));
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'anomscope-rats40k-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readRats40k on the fixture', () => {
  it('reads good records and reports each bad one by split and key', async () => {
    const { items, problems } = await readRats40k(fixture);
    expect(items.map((item) => `${item.split}/${item.key}`)).toEqual([
      'TSAD_train/0',
      'TSAD_train/1',
      'TSAD_train/2',
      'TSAD_train/3',
      'TSAD_test/0',
      'TSAD_test/1',
      'TSAD_test/2',
    ]);
    expect(problems.map(({ split, key, field }) => [split, key, field])).toEqual([
      ['TSAD_train', '4', 'Action'],
      ['TSAD_train', '5', 'Observation'],
      ['TSAD_train', '6', 'Label'],
      ['TSAD_test', '3', 'Label'],
      ['TSAD_test', '4', 'Observation'],
    ]);
    expect(problems[0]!.message).toContain('Sudden Dip Anomaly');
    expect(problems[1]!.message).toContain('"x" is not a number');
    expect(problems[2]!.message).toBe('Label is missing');
    expect(problems[4]!.message).toContain('different lengths');
  });

  it('maps a record onto series and label from the data', async () => {
    const { items } = await readRats40k(fixture, { split: 'TSAD_train' });
    expect(items).toHaveLength(4);
    const point = items[1]!;
    expect(point.modality).toBe('univariate');
    expect(point.series.id).toBe('rats40k-TSAD_train-1');
    expect(point.series.channels).toEqual(['value']);
    expect(Array.from(point.series.values[0]!)).toEqual([
      1.0, 1.1, 0.9, 1.0, 7.8, 1.05, 0.95, 1.0, 1.1, 0.98,
    ]);
    expect(point.series.context).toEqual({ domain: 'Healthcare-ECG' });
    expect(point.label).toEqual({
      seriesId: 'rats40k-TSAD_train-1',
      anomalous: true,
      intervals: null,
      channels: null,
      category: 'Point Anomaly',
      explanation: expect.stringContaining('7.8'),
    });
    expect(labelSchema.parse(point.label)).toEqual(point.label);
    expect(point.actionId).toBe(1);
    expect(point.figurePath).toBe('figures/TSAD_train/1.pdf');
    expect(point.extra).toEqual({ Rank: ['gpt-4o', 'gemini', 'deepseek-r1', 'llama-70b'] });
    expect(items[0]!.label.anomalous).toBe(false);
    expect(items[2]!.series.values[0]![3]).toBeNaN();
    const multi = items[3]!;
    expect(multi.modality).toBe('multivariate');
    expect(multi.series.channels).toEqual(['cpu', 'memory']);
    expect(Array.from(multi.series.values[1]!)).toEqual([0.62, 0.66, 0.7, 0.41, 0.39, 0.37]);
    expect(multi.label.category).toBe('Covariance Structure Anomaly');
  });

  it('round-trips through writeRats40k', async () => {
    const { items } = await readRats40k(fixture);
    const file = path.join(dir, 'round-trip.json');
    await saveRats40k(file, items);
    const again = await readRats40k(file);
    expect(again.problems).toEqual([]);
    expect(again.items).toEqual(items);
    const document = writeRats40k(items);
    expect(document.TSAD_test['1']).toMatchObject({
      Observation:
        "'temperature': [21, 21.2, 21.1, 21.3]; 'humidity': [40, 40.5, 40.2, 40.6]; 'pressure': [1012, 1012.1, 1011.9, 1012]",
      Label: 'Normal',
      Action: 'Normal Sequence',
      ActionID: 0,
      Source: 'Environment-Sensor',
    });
    expect(document.TSAD_train['2']!.Observation).toEqual([
      10.0,
      10.2,
      10.4,
      null,
      10.8,
      12.5,
      14.1,
      15.9,
      17.6,
      19.4,
    ]);
    expect(document.TSAD_test['2']!.Time_series).toHaveLength(5);
  });

  it('wraps items as a valid DatasetSplit', async () => {
    const { items } = await readRats40k(fixture, { split: 'TSAD_test' });
    const split = rats40kToDatasetSplit(items, { split: 'test', type: 'mixed' });
    expect(datasetSplitSchema.parse(split)).toEqual(split);
    expect(split.items[0]!.series.context).toEqual({ domain: 'IoT-Utilization' });
  });
});

describe('parseRats40k', () => {
  const record = {
    Observation: [1, 2, 3],
    Label: 'Anomaly',
    Action: 'Drift Anomaly',
    ActionID: 11,
    Thought: 'drifts',
  };

  it('keeps unknown categories only when asked', () => {
    const json = { TSAD_test: { '0': { ...record, Action: 'Wobble Anomaly' } } };
    expect(parseRats40k(json).problems).toHaveLength(1);
    expect(parseRats40k(json, { allowUnknownCategories: true }).items[0]!.label.category).toBe(
      'Wobble Anomaly',
    );
  });

  it.each([
    [{ ...record, ActionID: 'x' }, 'ActionID'],
    [{ ...record, ActionID: 0 }, 'Label'],
    [{ ...record, Label: 'anomaly' }, 'Label'],
    [{ ...record, Action: 42 }, 'Action'],
    [{ ...record, Thought: 5 }, 'Thought'],
    [{ ...record, Observation: [1, 'two'] }, 'Observation'],
    [{ ...record, Observation: [] }, 'Observation'],
    [{ ...record, Observation: 3 }, 'Observation'],
    ['not a record', '(record)'],
  ])('reports %j as a problem in %s', (bad, field) => {
    const { items, problems } = parseRats40k({ TSAD_train: { '7': bad } });
    expect(items).toEqual([]);
    expect(problems).toEqual([
      { split: 'TSAD_train', key: '7', field, message: expect.any(String) },
    ]);
  });

  it.each([[[1, 2]], [{}], [{ TSAD_train: 'x' }]])(
    'throws on a file of the wrong shape %j',
    (json) => {
      expect(() => parseRats40k(json, { file: 'x.json' })).toThrow(InputError);
    },
  );

  it('throws when the requested split is absent', () => {
    expect(() => parseRats40k({ TSAD_train: {} }, { split: 'TSAD_test' })).toThrow(InputError);
  });

  it('reads files with Python NaN tokens', async () => {
    const file = path.join(dir, 'nan.json');
    await writeFile(
      file,
      '{"TSAD_test": {"0": {"Observation": [1.5, NaN, -Infinity], "Label": "Normal", "Action": "Normal Sequence", "ActionID": 0, "Thought": "NaN in text stays"}}}',
    );
    const { items } = await readRats40k(file);
    expect(Array.from(items[0]!.series.values[0]!)).toEqual([1.5, Number.NaN, Number.NaN]);
    expect(items[0]!.label.explanation).toBe('NaN in text stays');
  });

  it('names the file when it is not JSON', async () => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{"TSAD_test": ');
    await expect(readRats40k(file)).rejects.toMatchObject({ code: 'input.invalid_json', file });
  });
});

describe('parseObservation', () => {
  it.each([
    [
      "'a': [1, 2.5]; 'b': [3e-1, nan]",
      ['a', 'b'],
      [
        [1, 2.5],
        [0.3, Number.NaN],
      ],
    ],
    ['"x y": [ -1 ,2 ]', ['x y'], [[-1, 2]]],
    ["'a': [1];", ['a'], [[1]]],
    ['[1, 2, None]', ['value'], [[1, 2, Number.NaN]]],
  ])('parses %j', (text, channels, values) => {
    expect(parseObservation(text)).toEqual({
      modality: channels[0] === 'value' ? 'univariate' : 'multivariate',
      channels,
      values,
    });
  });

  it.each(["'a': [1, 2] 'b': [3, 4]", "'a' [1]", "'a': [1]; 'a': [2]", "'a': []", '[1, 2', ''])(
    'rejects %j with a message',
    (text) => {
      expect(typeof parseObservation(text)).toBe('string');
    },
  );

  it('leaves NaN inside strings alone', () => {
    expect(parseJsonAllowingNaN('{"a": "NaN \\" NaN", "b": NaN}')).toEqual({
      a: 'NaN " NaN',
      b: null,
    });
  });
});

describe('resolveRats40kFigure', () => {
  it('swaps .pdf for .jpg under the figures folder and refuses escapes', () => {
    expect(resolveRats40kFigure('figures/TSAD_test/0.pdf', '/data/rats')).toBe(
      path.resolve('/data/rats/figures/TSAD_test/0.jpg'),
    );
    expect(resolveRats40kFigure('a/1.pdf', '/data/rats', { extension: '.png' })).toBe(
      path.resolve('/data/rats/a/1.png'),
    );
    expect(() => resolveRats40kFigure('../../etc/passwd', '/data/rats')).toThrow(InputError);
  });
});
