import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSchema } from '../../src/schema/answer.js';
import { datasetSplitSchema } from '../../src/schema/dataset.js';
import { assertFreshDist } from '../../src/testing/built.js';

// The built CLI, as a user runs it (`npm test` builds first).
const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/src/cli/main.js');

function anomscope(
  args: string[],
  cwd: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, OPENAI_API_KEY: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeAll(async () => {
  // runs the built CLI: a missing or stale dist/ would test old code
  assertFreshDist(root);
  dir = await mkdtemp(join(tmpdir(), 'anomscope-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('anomscope CLI', () => {
  it.each([
    ['non-numeric-cell.csv', /non-numeric-cell\.csv:\d+:\d+: /],
    ['ragged-row-short.csv', /ragged-row-short\.csv:\d+/],
    ['json-truncated.json', /json-truncated\.json/],
    ['png-image.csv', /png-image\.csv/],
  ])(
    'rejects fixtures/bad-series/%s with one located sentence, exit 2 and no stack trace',
    (name, located) => {
      const result = anomscope(['detect', join(root, 'fixtures/bad-series', name)], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(located);
      expect(result.stderr).toMatch(/^anomscope: /m);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
  );

  it('detects offline on the baseline by default and writes the full record', async () => {
    const out = join(dir, 'answer.json');
    const result = anomscope(
      ['detect', join(root, 'fixtures/series/example.csv'), '--out', out],
      dir,
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('using the offline baseline detector');
    expect(result.stdout).toContain('example (400 points, 1 channel) — baseline');
    const record = JSON.parse(await readFile(out, 'utf8')) as {
      answer: unknown;
      intervals: [number, number][];
      seriesId: string;
    };
    expect(answerSchema.safeParse(record.answer).success).toBe(true);
    expect(record.seriesId).toBe('example');
    // The bundled example has a spike at index 120.
    expect(record.intervals.some(([start, end]) => start <= 120 && end > 120)).toBe(true);
  });

  it('generates seeded split files and their PNGs', async () => {
    const out = join(dir, 'data');
    const result = anomscope(
      [
        'generate',
        '--suite',
        'vta',
        '--types',
        'global,trend',
        '--count',
        '3',
        '--seed',
        '7',
        '--out',
        out,
      ],
      dir,
    );
    expect(result.status).toBe(0);
    for (const type of ['global', 'trend']) {
      const split = datasetSplitSchema.parse(
        JSON.parse(await readFile(join(out, 'vta-univariate', type, 'eval.json'), 'utf8')),
      );
      expect(split.items).toHaveLength(3);
      expect(split.meta['seed']).toBe(7);
      const pngs = await readdir(join(out, 'vta-univariate', type, 'eval-fig'));
      expect(pngs.filter((name) => name.endsWith('.png'))).toHaveLength(3);
    }
  });

  it('names a missing suite and how to fix it', () => {
    const result = anomscope(
      ['bench', '--suite', 'no-such-suite', '--runs-dir', join(dir, 'runs')],
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/suite "no-such-suite" not found .*; pass a shipped id/);
  });

  it('rejects a bad flag value naming the flag', () => {
    const result = anomscope(
      ['detect', join(root, 'fixtures/series/example.csv'), '--modality', 'smell'],
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--modality "smell" is not one of image, text, both');
  });
});
