import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, mkdir, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { loadSeries } from './load.js';
import { seriesLength } from './types.js';

const examples = join(import.meta.dirname, '../../fixtures/series');
let temp = '';

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'anomscope-series-'));
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('loadSeries on the bundled examples', () => {
  it('example.csv: 400 points, one channel, spike at 120 and a level shift over [260, 330)', async () => {
    const [series] = await loadSeries(join(examples, 'example.csv'));
    expect(series?.id).toBe('example');
    expect(series?.channels).toEqual(['value']);
    const values = Array.from(series?.values[0] ?? []);
    expect(values).toHaveLength(400);
    const max = Math.max(...values);
    expect(values.indexOf(max)).toBe(120);
    const mean = (from: number, to: number): number =>
      values.slice(from, to).reduce((sum, value) => sum + value, 0) / (to - from);
    // Whole sine periods (50 points) average about 0; the shifted stretch about +1.6.
    expect(Math.abs(mean(0, 100))).toBeLessThan(0.1);
    expect(mean(270, 320)).toBeGreaterThan(1.3);
  });

  it('multivariate.csv: 4 channels x 200 with minute timestamps', async () => {
    const [series] = await loadSeries(join(examples, 'multivariate.csv'));
    expect(series?.channels).toEqual(['cpu', 'memory', 'disk', 'network']);
    expect(series && seriesLength(series)).toBe(200);
    expect(series?.timestamps?.[1]).toBe(Date.UTC(2024, 2, 1, 0, 1));
  });

  it('irregular.csv keeps gaps and missing cells as they are', async () => {
    const [series] = await loadSeries(join(examples, 'irregular.csv'));
    const timestamps = series?.timestamps ?? [];
    const steps = new Set(
      timestamps.slice(1).map((time, index) => time - (timestamps[index] ?? 0)),
    );
    expect(steps.has(600_000)).toBe(true);
    expect(steps.size).toBeGreaterThan(1);
    expect(Number.isNaN(series?.values[1]?.[0])).toBe(true);
  });

  it('loads the whole folder sorted by name, NDJSON giving several series', async () => {
    const loaded = await loadSeries(examples);
    expect(loaded.map((series) => series.id)).toEqual([
      'example',
      'irregular',
      'multivariate',
      'pump-7',
      'ndjson-a',
      'series#2',
      'ndjson-c',
    ]);
  });
});

describe('loadSeries on files and folders', () => {
  it('sniffs the format when the extension is unknown', async () => {
    await writeFile(join(temp, 'a.txt'), 'x\n1\n2\n');
    await writeFile(join(temp, 'b.data'), '{"values": [1, 2]}');
    await writeFile(join(temp, 'c.log'), '[1]\n{"values": [2]}\n');
    expect((await loadSeries(join(temp, 'a.txt')))[0]?.channels).toEqual(['x']);
    expect((await loadSeries(join(temp, 'b.data')))[0]?.id).toBe('b');
    expect((await loadSeries(join(temp, 'c.log'))).map((series) => series.id)).toEqual([
      'c#1',
      'c#2',
    ]);
  });

  it('loads supported files only, recursively with relative-path ids, and refuses a duplicate id', async () => {
    const folder = join(temp, 'mixed');
    await mkdir(join(folder, 'nested'), { recursive: true });
    await writeFile(join(folder, 'b.json'), '[1, 2]');
    await writeFile(join(folder, 'a.csv'), 'v\n1\n');
    await writeFile(join(folder, 'notes.md'), '# not data');
    await writeFile(join(folder, 'nested', 'c.csv'), 'v\n1\n');
    expect((await loadSeries(folder)).map((series) => series.id)).toEqual(['a', 'b', 'nested/c']);
    await writeFile(join(folder, 'b.csv'), 'v\n1\n');
    await expect(loadSeries(folder)).rejects.toMatchObject({
      code: 'input.duplicate_id',
      file: join(folder, 'b.json'),
    });
  });

  it('refuses an empty folder, and one without series files', async () => {
    const empty = join(temp, 'empty');
    await mkdir(empty);
    await expect(loadSeries(empty)).rejects.toThrow(InputError);
    await expect(loadSeries(empty)).rejects.toMatchObject({
      code: 'input.empty_folder',
      file: empty,
    });
    await writeFile(join(empty, 'readme.txt'), 'hello');
    await expect(loadSeries(empty)).rejects.toMatchObject({ code: 'input.empty_folder' });
  });

  it('names a path that does not exist', async () => {
    await expect(loadSeries(join(temp, 'nope.csv'))).rejects.toMatchObject({
      code: 'input.not_found',
      message: expect.stringContaining('no such file or folder'),
    });
  });

  it('refuses a 2 GiB file before reading it, naming the limit', async () => {
    const big = join(temp, 'big.csv');
    const handle = await open(big, 'w');
    await handle.truncate(2 * 1024 ** 3); // sparse: takes no disk space
    await handle.close();
    const error = await loadSeries(big).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'input.too_large',
      file: big,
      message: `${big}: the file is 2.0 GiB, above the 512.0 MiB limit (maxFileBytes); split it into smaller files (for example by time range) or raise maxFileBytes`,
    });
    await rm(big);
  });

  it('applies a lower maxFileBytes', async () => {
    await writeFile(join(temp, 'small.csv'), 'v\n1\n2\n');
    await expect(loadSeries(join(temp, 'small.csv'), { maxFileBytes: 4 })).rejects.toMatchObject({
      code: 'input.too_large',
      message: expect.stringContaining('the file is 6 bytes, above the 4 bytes limit'),
    });
  });

  it('passes timeColumn through and honours a forced format', async () => {
    await writeFile(join(temp, 'forced.txt'), 'at,v\n2024-01-01,1\n');
    const [series] = await loadSeries(join(temp, 'forced.txt'), {
      timeColumn: 'at',
      format: 'csv',
    });
    expect(series?.timestamps).toEqual([Date.UTC(2024, 0, 1)]);
  });
});

describe('loadSeries on special files and bad files in a folder', () => {
  it('refuses a FIFO at once instead of waiting on it', async () => {
    const fifo = join(temp, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(loadSeries(fifo)).rejects.toMatchObject({
      code: 'input.not_a_file',
      message: expect.stringContaining('a named pipe (FIFO)'),
    });
    await rm(fifo);
  });

  it('refuses /dev/zero behind a symlink instead of reading it for ever', async () => {
    const link = join(temp, 'zero.csv');
    await symlink('/dev/zero', link);
    await expect(loadSeries(link)).rejects.toMatchObject({
      code: 'input.not_a_file',
      file: link,
      message: expect.stringContaining('character device'),
    });
    await rm(link);
  });

  it.skipIf(process.getuid?.() === 0)(
    'gives a located error for a file it may not read',
    async () => {
      const locked = join(temp, 'locked.csv');
      await writeFile(locked, 'v\n1\n');
      await chmod(locked, 0o000);
      await expect(loadSeries(locked)).rejects.toMatchObject({
        code: 'input.unreadable_file',
        file: locked,
      });
      await rm(locked);
    },
  );

  it('goes on past bad files when onFileError is given, and fails only when none loaded', async () => {
    const folder = join(temp, 'partly-bad');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await writeFile(join(folder, 'good.csv'), 'v\n1\n');
    await writeFile(join(folder, 'sub', 'bad.csv'), 'v\nabc\n');
    await symlink('/dev/zero', join(folder, 'sub', 'zero.csv'));
    const errors: InputError[] = [];
    const loaded = await loadSeries(folder, { onFileError: (error) => errors.push(error) });
    expect(loaded.map((series) => series.id)).toEqual(['good']);
    expect(errors.map((error) => [error.code, error.file])).toEqual([
      ['input.non_numeric', join(folder, 'sub', 'bad.csv')],
      ['input.not_a_file', join(folder, 'sub', 'zero.csv')],
    ]);
    await expect(loadSeries(folder)).rejects.toMatchObject({ code: 'input.non_numeric' });
    await rm(join(folder, 'good.csv'));
    await expect(loadSeries(folder, { onFileError: () => undefined })).rejects.toMatchObject({
      code: 'input.empty_folder',
      message: expect.stringContaining('none of the 2 series files in the folder loaded'),
    });
  });
});
