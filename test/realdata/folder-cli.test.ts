import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRenderCommand } from '../../src/cli/render.js';
import { InputError } from '../../src/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-folder-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('commands over a folder with a bad file', () => {
  it('render draws every good file of every sub-folder, then fails with the count of bad files', async () => {
    const data = join(dir, 'data');
    await mkdir(join(data, 'cat'), { recursive: true });
    await writeFile(
      join(data, 'cat', 'good.csv'),
      'timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:05:00,2\n',
    );
    await writeFile(join(data, 'cat', 'bad.csv'), 'timestamp,value\n2024-01-01 00:00:00,abc\n');
    await writeFile(join(data, 'top.csv'), 'value\n1\n2\n3\n');
    const out = join(dir, 'out');
    const root = new Command('anomscope').exitOverride();
    registerRenderCommand(root);
    const error = await root
      .parseAsync(['render', data, '--out', out], { from: 'user' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'input.files_failed',
      message: expect.stringContaining('1 file could not be loaded'),
    });
    expect((await readdir(out)).sort()).toEqual(['cat_good.png', 'top.png']);
  });
});
