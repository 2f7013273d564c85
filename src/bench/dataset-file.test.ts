import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAnomllm, streamAnomllm } from '../datasets/anomllm.js';
import { generateVta, streamVta, type VtaOptions } from '../datasets/vta.js';
import { InputError } from '../errors.js';
import { readDatasetItems, writeDatasetFile } from './dataset-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-dataset-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const remedy = 'delete it and resume';

async function itemsOf(path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of readDatasetItems(path, { remedy })) items.push(item);
  return items;
}

describe('run dataset files, a line per item', () => {
  it.each<VtaOptions>([
    { kind: 'irregular-univariate', type: 'seasonal', count: 7, seed: 3 },
    { kind: 'multivariate', type: 'square', count: 3, seed: 1, dims: 4 },
  ])(
    'hold the split the generator returns whole, same keys in the same order ($kind)',
    async (options) => {
      const path = join(dir, `${options.kind}.json`);
      const written = await writeDatasetFile(path, streamVta(options));
      const whole = generateVta(options);
      expect(written.count).toBe(whole.items.length);
      const text = await readFile(path, 'utf8');
      // Only whitespace differs from JSON.stringify of the whole split: the same document.
      expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(whole));
      expect(text.split('\n')).toHaveLength(whole.items.length + 3);
      expect(await itemsOf(path)).toEqual(whole.items);
    },
  );

  it('reads the one-line layout earlier runs wrote, and an empty split', async () => {
    const old = join(dir, 'old.json');
    const split = generateAnomllm({ type: 'range', count: 3, seed: 42 });
    await writeFile(old, JSON.stringify(split));
    expect(await itemsOf(old)).toEqual(split.items);

    const empty = join(dir, 'empty.json');
    await writeDatasetFile(empty, streamAnomllm({ type: 'range', count: 0, seed: 42 }));
    expect(JSON.parse(await readFile(empty, 'utf8'))).toEqual(
      generateAnomllm({ type: 'range', count: 0, seed: 42 }),
    );
    expect(await itemsOf(empty)).toEqual([]);
  });

  it('names the file and line of a damaged item and of a file cut short', async () => {
    const path = join(dir, 'damaged.json');
    await writeDatasetFile(path, streamAnomllm({ type: 'point', count: 4, seed: 1 }));
    const lines = (await readFile(path, 'utf8')).split('\n');
    await writeFile(path, [...lines.slice(0, 2), '{"series":', ...lines.slice(3)].join('\n'));
    const error = await itemsOf(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'run.damaged', file: path, line: 3 });
    expect((error as Error).message).toContain(remedy);

    await writeFile(path, lines.slice(0, 4).join('\n'));
    await expect(itemsOf(path)).rejects.toMatchObject({ code: 'run.damaged', file: path });
  });
});
