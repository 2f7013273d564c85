import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsFromJson, loadLabels } from './labels.js';

const label = {
  seriesId: 'a',
  anomalous: true,
  intervals: [[3, 5]],
  channels: null,
  category: null,
  explanation: 'spike',
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-labels-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('labels', () => {
  it('reads the shipped example label file (a JSON array)', async () => {
    const labels = await loadLabels('fixtures/labels/examples.json');
    expect(labels.get('example')?.intervals).toEqual([
      [120, 121],
      [260, 330],
    ]);
  });

  it('accepts an array, a single label and a dataset split file', () => {
    expect([...labelsFromJson([label], 'l.json').keys()]).toEqual(['a']);
    expect(labelsFromJson(label, 'l.json').get('a')?.explanation).toBe('spike');
    const split = {
      dataset: 'd',
      type: 't',
      split: 's',
      meta: {},
      items: [{ series: { id: 'a', channels: ['v'], values: [[1, 2]] }, label }],
    };
    expect(labelsFromJson(split, 'split.json').get('a')?.intervals).toEqual([[3, 5]]);
  });

  it.each([
    [
      [{ ...label, intervals: [[5, 3]] }],
      'labels.invalid',
      '"[0].intervals[0]": interval end must be greater',
    ],
    [[{ ...label, seriesId: '' }], 'labels.invalid', '"[0].seriesId"'],
    [[label, label], 'labels.duplicate', '[1] labels series "a" again (first at [0])'],
    [{ something: 1 }, 'labels.unknown_shape', 'neither an array'],
  ])('rejects bad label files with the field named (%#)', (json, code, text) => {
    expect(() => labelsFromJson(json, 'l.json')).toThrow(
      expect.objectContaining({ code, file: 'l.json', message: expect.stringContaining(text) }),
    );
  });

  it('names the file when it is not JSON', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '[{"seriesId": ');
    await expect(loadLabels(file)).rejects.toMatchObject({ code: 'labels.invalid_json', file });
    await expect(loadLabels(join(dir, 'missing.json'))).rejects.toMatchObject({
      code: 'labels.not_found',
    });
  });
});
