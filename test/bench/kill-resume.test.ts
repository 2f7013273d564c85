import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRowSchema, type ResultRow } from '../../src/bench/result-row.js';
import { startStandin, type Standin } from '../../src/testing/standin-server.js';
import { assertFreshDist } from '../../src/testing/built.js';

// Runs the built CLI (`npm test` builds first), as a user would, so SIGKILL hits a real process.
const cli = join(import.meta.dirname, '../../dist/src/cli/main.js');

const suite = {
  id: 'killtest',
  description: 'kill and resume',
  tracks: [
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 24, seed: 3 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
    {
      name: 'square',
      dataset: {
        generator: 'vta',
        kind: 'multivariate',
        type: 'square',
        count: 12,
        seed: 3,
        dims: 4,
      },
      task: 'variate',
      prompts: ['vta-variate'],
      scoring: 'vta',
      vtaLook: true,
    },
  ],
};

let standin: Standin;
let dir: string;
beforeAll(async () => {
  // runs the built CLI: a missing or stale dist/ would test old code
  assertFreshDist(join(import.meta.dirname, '../..'));
  standin = await startStandin();
  dir = await mkdtemp(join(tmpdir(), 'anomscope-kill-'));
  await writeFile(join(dir, 'suite.json'), JSON.stringify(suite));
  // Answers depend only on the request bytes, so an interrupted run and a clean one must agree.
  standin.setHandler('POST /v1/chat/completions', (request) => {
    const hash = createHash('sha256').update(request.rawBody).digest();
    const variate = request.rawBody.includes('sub-image') || request.rawBody.includes('panel');
    const content = variate
      ? `[${hash[0]! % 4}]`
      : `[[${hash[0]! % 300}, ${(hash[0]! % 300) + (hash[1]! % 20)}]]`;
    return {
      delayMs: 40,
      body: {
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 5 },
      },
    };
  });
});
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

function bench(args: string[]): {
  done: Promise<number | null>;
  kill: () => void;
  stderr: () => string;
} {
  const child = spawn(
    process.execPath,
    [
      cli,
      'bench',
      '--suite',
      join(dir, 'suite.json'),
      '--provider',
      `openai-compatible:det@${standin.url}/v1`,
      '--runs-dir',
      dir,
      '--no-cache',
      '--concurrency',
      '4',
      '--format',
      'json',
      ...args,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, OPENAI_API_KEY: '' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void done.then((code) => {
    if (code !== 0 && code !== null) console.error(stderr);
  });
  return { done, kill: () => child.kill('SIGKILL'), stderr: () => stderr };
}

async function rows(runId: string): Promise<ResultRow[]> {
  const text = await readFile(join(dir, runId, 'results.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => resultRowSchema.parse(JSON.parse(line)));
}

const essence = (row: ResultRow) => ({
  key: row.key,
  status: row.status,
  intervals: row.intervals,
  channels: row.channels,
  rawText: row.rawText,
});

describe('bench survives SIGKILL', () => {
  it('a run killed at a random moment and resumed equals an uninterrupted run, with no duplicated or missing key', async () => {
    const interrupted = bench(['--run-id', 'killed']);
    // Kill at a random moment once the run has started calling the provider.
    const deadline = Date.now() + 30_000;
    while (standin.requests.length < 3) {
      if (Date.now() > deadline)
        throw new Error(
          `the bench child made no calls in 30 s; its stderr:\n${interrupted.stderr()}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
    interrupted.kill();
    expect(await interrupted.done).toBeNull();
    const partial = await rows('killed').catch(() => []);
    expect(partial.length).toBeLessThan(36);

    expect(await bench(['--resume', 'killed']).done).toBe(0);
    expect(await bench(['--run-id', 'clean']).done).toBe(0);

    const resumed = await rows('killed');
    const clean = await rows('clean');
    expect(new Set(resumed.map((row) => row.key)).size).toBe(resumed.length);
    expect(resumed).toHaveLength(36);
    const byKey = (list: ResultRow[]) =>
      [...list].sort((a, b) => a.key.localeCompare(b.key)).map(essence);
    expect(byKey(resumed)).toEqual(byKey(clean));
  });
});
