import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { datasetSplitPath, readDatasetSplit, writeDatasetSplit } from './split-file.js';
import { generateVta } from './vta.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'anomscope-split-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dataset split files', () => {
  it('writes <dir>/<dataset>/<type>/<split>.json and reads it back, NaN as null', async () => {
    const split = generateVta({
      kind: 'irregular-univariate',
      type: 'trend',
      count: 3,
      seed: 0,
      dropRatio: 0.05,
    });
    const file = await writeDatasetSplit(dir, split);
    expect(file).toBe(path.join(dir, 'vta-irregular-univariate-ratio5', 'trend', 'eval.json'));
    const text = await readFile(file, 'utf8');
    expect(text).toContain('null');
    expect(text).not.toContain('NaN');
    expect(await readDatasetSplit(file)).toEqual(split);
  });

  it.each([
    [{ dataset: '../up', type: 'trend', split: 'eval' }, 'dataset'],
    [{ dataset: 'vta', type: 'a/b', split: 'eval' }, 'type'],
    [{ dataset: 'vta', type: 'trend', split: '' }, 'split'],
  ])('refuses unsafe path segments %j', (names, field) => {
    expect(() => datasetSplitPath(dir, names)).toThrow(InputError);
    try {
      datasetSplitPath(dir, names);
    } catch (error) {
      expect((error as InputError).field).toBe(field);
    }
  });

  it('names the file and the zod path of an invalid split', async () => {
    const split: DatasetSplit = generateVta({
      kind: 'univariate',
      type: 'global',
      count: 2,
      seed: 0,
    });
    const broken = JSON.parse(JSON.stringify(split)) as {
      items: { label: { intervals: number[][] } }[];
    };
    broken.items[1]!.label.intervals[0] = [5, 5];
    const file = path.join(dir, 'bad', 'eval.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(broken));
    const error = await readDatasetSplit(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'input.invalid_dataset_split',
      file,
      field: 'items.1.label.intervals.0',
    });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('half-open');
  });

  it.each([
    ['not json', '{', 'input.invalid_json'],
    ['missing file', undefined, 'input.unreadable_file'],
  ])('reports a %s with the file name', async (name, content, code) => {
    const file = path.join(dir, `${name.replace(' ', '-')}.json`);
    if (content !== undefined) await writeFile(file, content);
    await expect(readDatasetSplit(file)).rejects.toMatchObject({ code, file });
  });
});
