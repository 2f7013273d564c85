import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRowSchema, type ResultRow } from '../../src/bench/result-row.js';
import { startStandin, type Standin } from '../../src/testing/standin-server.js';
import { assertFreshDist } from '../../src/testing/built.js';

// Runs the built CLI (`npm run build` first): what matters is which flags the user typed.
const cli = join(import.meta.dirname, '../../dist/src/cli/main.js');

const suite = {
  id: 'resumeset',
  description: 'resume takes the run settings',
  models: ['baseline'],
  tracks: [
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 4, seed: 5 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
  ],
};

let standin: Standin;
let dir: string;
let failing = true;
beforeAll(async () => {
  // runs the built CLI: a missing or stale dist/ would test old code
  assertFreshDist(join(import.meta.dirname, '../..'));
  standin = await startStandin();
  dir = await mkdtemp(join(tmpdir(), 'anomscope-resumeset-'));
  await writeFile(join(dir, 'suite.json'), JSON.stringify(suite));
  let call = 0;
  standin.setHandler('POST /v1/chat/completions', () => {
    call += 1;
    if (failing && call % 2 === 0)
      return {
        status: 400,
        body: { error: { message: 'Invalid image.', type: 'invalid_request_error', code: null } },
      };
    return {
      body: {
        choices: [
          { index: 0, message: { role: 'assistant', content: '[[3, 9]]' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 5 },
      },
    };
  });
});
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

function bench(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [cli, 'bench', '--runs-dir', dir, '--no-cache', '--format', 'json', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OPENAI_API_KEY: '' } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

async function rows(runId: string): Promise<ResultRow[]> {
  const text = await readFile(join(dir, runId, 'results.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => resultRowSchema.parse(JSON.parse(line)));
}

describe('bench --resume', () => {
  it("continues with the run's provider and samples when no flag names them, and refuses flags that contradict them", async () => {
    const provider = `openai-compatible:m@${standin.url}/v1`;
    const first = await bench([
      '--suite',
      join(dir, 'suite.json'),
      '--provider',
      provider,
      '--samples',
      '2',
      '--concurrency',
      '2',
      '--run-id',
      'r1',
    ]);
    expect(first.code).toBe(0);
    const before = await rows('r1');
    expect(before.filter((row) => row.status === 'error').length).toBeGreaterThan(0);

    for (const [flags, named] of [
      [['--provider', 'baseline'], '--provider'],
      [['--samples', '3'], '--samples'],
      [['--suite', 'quick'], '--suite'],
    ] as const) {
      const refused = await bench(['--resume', 'r1', ...flags]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${named} `);
      expect(refused.stderr).toContain('contradicts run r1');
    }

    failing = false;
    const calls = standin.requestsFor('POST /v1/chat/completions').length;
    const resumed = await bench(['--resume', 'r1', '--retry-errors']);
    expect(resumed.code).toBe(0);
    const after = await rows('r1');
    expect(standin.requestsFor('POST /v1/chat/completions').length).toBeGreaterThan(calls);
    expect(new Set(after.map((row) => row.provider))).toEqual(new Set([before[0]?.provider]));
    expect(new Set(after.map((row) => row.sample))).toEqual(new Set([0, 1]));
    const latest = new Map(after.map((row) => [row.key, row]));
    expect(latest.size).toBe(8);
    expect([...latest.values()].every((row) => row.status === 'ok')).toBe(true);
  });
});
