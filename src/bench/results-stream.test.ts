import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl } from './results-file.js';
import { forEachJsonlRow, readLatestResultRows } from './results-stream.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-results-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function streamed(path: string) {
  const rows: unknown[] = [];
  const lineNumbers: number[] = [];
  const tornLines = await forEachJsonlRow(path, (row, { index, line }) => {
    expect(index).toBe(rows.length);
    rows.push(row);
    lineNumbers.push(line);
  });
  return { rows, tornLines, lineNumbers };
}

// Rows long enough that some cross the 4 MiB chunks, with text that is more than one byte a char.
const long = Array.from({ length: 90 }, (_, i) => ({ i, text: `é€😀${'x'.repeat(100_000 + i)}` }));
const lines = (rows: unknown[]): string => rows.map((row) => JSON.stringify(row)).join('\n');

describe('forEachJsonlRow', () => {
  it.each([
    ['clean rows', `${lines([{ a: 1 }, { b: [2] }])}\n`],
    ['blank and space-only lines', `\n${lines([{ a: 1 }])}\n  \n\n${lines([{ c: 'é' }])}\n`],
    ['no newline at the end', lines([{ a: 1 }, { a: 2 }])],
    ['a torn last line', `${lines([{ a: 1 }])}\n{"a": 2, "b"`],
    ['a torn line after blank ones', `${lines([{ a: 1 }])}\n\n{"a`],
    ['an empty file', ''],
    ['rows across chunks', `${lines(long)}\n`],
    ['rows across chunks, torn at the end', `${lines(long)}\n{"torn": "é`],
  ])('reads %s as readJsonl does', async (_, text) => {
    const path = join(dir, 'rows.jsonl');
    await writeFile(path, text);
    expect(await streamed(path)).toEqual(await readJsonl(path));
  });

  it.each([
    ['a bad middle line', `${lines([{ a: 1 }])}\nnot json\n${lines([{ a: 2 }])}\n`],
    ['a bad last line ending in a newline', `${lines([{ a: 1 }])}\n{"a": \n`],
    ['a bad line after rows across chunks', `${lines(long)}\n{oops}\n{}\n`],
  ])('refuses %s with readJsonl’s error', async (_, text) => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, text);
    const expected = await readJsonl(path).catch((error: unknown) => error);
    expect(expected).toMatchObject({ code: 'results.bad_line' });
    await expect(streamed(path)).rejects.toMatchObject({
      code: 'results.bad_line',
      message: (expected as Error).message,
      line: (expected as { line: number }).line,
    });
  });

  it('has no rows for a missing file', async () => {
    expect(await streamed(join(dir, 'missing.jsonl'))).toEqual({
      rows: [],
      tornLines: 0,
      lineNumbers: [],
    });
  });
});

const row = (key: string, status: string) => ({
  key,
  track: 't',
  seriesId: 's',
  provider: 'p',
  model: 'm',
  task: 'range',
  modality: 'text',
  hints: 'none',
  sample: 0,
  prompt: { id: 'q', version: '1' },
  status,
  answer: null,
  intervals: null,
  channels: null,
  category: null,
  rawText: null,
  error: null,
  usage: null,
  costUsd: null,
  latencyMs: null,
  attempts: 1,
  cached: false,
  repaired: false,
  requestKey: null,
  finishedAt: '',
});

describe('readLatestResultRows', () => {
  it('keeps the last row of each key, in first-seen key order', async () => {
    const path = join(dir, 'latest.jsonl');
    await writeFile(path, `${lines([row('a', 'error'), row('b', 'ok'), row('a', 'ok')])}\n`);
    const latest = await readLatestResultRows(path);
    expect([...latest].map(([key, value]) => [key, value.status])).toEqual([
      ['a', 'ok'],
      ['b', 'ok'],
    ]);
  });

  it('names the first row that is not a result row, by its position among the rows', async () => {
    const path = join(dir, 'not-a-row.jsonl');
    await writeFile(
      path,
      `${lines([row('a', 'ok'), { ...row('b', 'ok'), status: 'fine' }, {}])}\n`,
    );
    await expect(readLatestResultRows(path)).rejects.toMatchObject({
      code: 'results.bad_row',
      line: 2,
      message: expect.stringMatching(
        /not-a-row\.jsonl:2: not a result row \(Invalid option/,
      ) as unknown,
    });
  });

  it('reports a line that is not JSON before a bad row above it', async () => {
    const path = join(dir, 'both.jsonl');
    await writeFile(path, `${lines([{ ...row('a', 'ok'), sample: -1 }, row('b', 'ok')])}\n{oops\n`);
    await expect(readLatestResultRows(path)).rejects.toMatchObject({
      code: 'results.bad_line',
      line: 3,
    });
  });
});
