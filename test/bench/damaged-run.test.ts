import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/bench/run-files.js';
import { runBench } from '../../src/bench/run.js';
import { suiteSchema } from '../../src/bench/suite.js';
import { benchCommand, type BenchFlags } from '../../src/cli/bench.js';
import { InputError } from '../../src/errors.js';
import { createProvider } from '../../src/providers/registry.js';

const suite = suiteSchema.parse({
  id: 'damage',
  description: 'damaged run folders',
  tracks: [
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 3, seed: 0 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
  ],
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-damage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function finishedRun(name: string): Promise<string> {
  const runDir = join(dir, name);
  await runBench({ suite, providers: [createProvider('baseline')], runDir });
  return runDir;
}

async function failureOf(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('a damaged run folder on resume', () => {
  it.each([
    ['empty', '', /trend\.json is empty; delete it and resume/],
    ['truncated', '{"items": [', /trend\.json is not valid JSON \(truncated or edited\)/],
    ['not a dataset', '{"items": 3}', /trend\.json: field "[a-z.]*" .*; delete it and resume/],
  ])('names a %s dataset file and what to do', async (name, text, message) => {
    const runDir = await finishedRun(`dataset-${name.replace(/ /g, '-')}`);
    await writeFile(join(runDir, 'datasets', 'trend.json'), text);
    const error = await failureOf(
      runBench({ suite, providers: [createProvider('baseline')], runDir }),
    );
    expect(error).toMatchObject({
      code: 'run.damaged',
      file: join(runDir, 'datasets', 'trend.json'),
    });
    expect(error.message).toMatch(message);
  });

  it('names the line of a row that is JSON but not a row', async () => {
    const runDir = await finishedRun('bad-row');
    const path = join(runDir, 'results.jsonl');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    lines[1] = JSON.stringify({ ...(JSON.parse(lines[1] ?? '{}') as object), status: 'maybe' });
    await writeFile(path, `${lines.join('\n')}\n`);
    const error = await failureOf(
      runBench({ suite, providers: [createProvider('baseline')], runDir }),
    );
    expect(error).toMatchObject({ code: 'run.damaged', file: path, line: 2, field: 'status' });
    expect(error.message).toMatch(/results\.jsonl:2: field "status" .*remove line 2/);
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"id": "damage", "tracks": ['],
    ['not a suite', '{"id": 5}'],
  ])('names a %s suite.json when the CLI resumes', async (name, text) => {
    const runDir = await finishedRun(`suite-${name.replace(/ /g, '-')}`);
    await writeFile(join(runDir, 'suite.json'), text);
    const flags = {
      suite: 'quick',
      resume: `suite-${name.replace(/ /g, '-')}`,
      runsDir: dir,
      concurrency: 1,
      retryErrors: false,
      format: 'table',
      cacheDir: join(dir, 'cache'),
      cache: false,
      timeoutMs: 1000,
    } satisfies BenchFlags;
    const error = await failureOf(benchCommand(flags));
    expect(error).toMatchObject({ code: 'run.damaged', file: join(runDir, 'suite.json') });
    expect(error.message).toMatch(/suite\.json.*copy the suite file the run started with/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file whole and leaves no temporary file, even with writes racing', async () => {
    const folder = join(dir, 'atomic');
    await mkdir(folder);
    const path = join(folder, 'run.json');
    const texts = Array.from(
      { length: 20 },
      (_, index) => `${JSON.stringify({ index, pad: 'x'.repeat(10_000) })}\n`,
    );
    await Promise.all(texts.map((text) => writeFileAtomic(path, text)));
    expect(texts).toContain(await readFile(path, 'utf8'));
    expect(await readdir(folder)).toEqual(['run.json']);
  });
});
