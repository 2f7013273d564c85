import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { fileNameForId, runRender } from '../cli/render.js';
import { InputError } from '../errors.js';

const dir = mkdtempSync(join(tmpdir(), 'anomscope-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('anomscope render', () => {
  it('writes <out>/<id>.png of the requested size and the text form', async () => {
    const file = join(dir, 'cpu.json');
    writeFileSync(file, JSON.stringify({ values: [1, 2.5, null, 4] }));
    const written = await runRender(file, {
      preset: 'line',
      width: 300,
      height: 100,
      out: join(dir, 'out'),
      text: 'csv',
      axis: 'index',
      vta: false,
    });
    expect(written).toHaveLength(2);
    const png = written.find((path) => path.endsWith('.png'))!;
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([300, 100]);
    const txt = written.find((path) => path.endsWith('.txt'))!;
    expect(readFileSync(txt, 'utf8')).toBe('idx,value\n0,1\n1,2.5\n2,NaN\n3,4\n');
  });

  it('lets loader errors through as InputError', async () => {
    const file = join(dir, 'empty.csv');
    writeFileSync(file, '');
    await expect(
      runRender(file, { preset: 'line', out: join(dir, 'out2'), axis: 'index', vta: false }),
    ).rejects.toBeInstanceOf(InputError);
  });

  it.each([
    ['cpu', 'cpu'],
    ['a/b c', 'a_b_c'],
    ['../x', '__x'],
    ['', 'series'],
  ])('file name for id %j is %j', (id, name) => {
    expect(fileNameForId(id)).toBe(name);
  });
});
