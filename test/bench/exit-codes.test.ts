import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../src/testing/standin-server.js';
import { assertFreshDist } from '../../src/testing/built.js';

// Runs the built CLI (`npm run build` first), so exit codes and messages are what a user sees.
const cli = join(import.meta.dirname, '../../dist/src/cli/main.js');

const suite = {
  id: 'exits',
  description: 'exit codes',
  tracks: [
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 12, seed: 3 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
  ],
};

let standin: Standin;
let dir: string;
beforeAll(async () => {
  // runs the built CLI: a missing or stale dist/ would test old code
  assertFreshDist(join(import.meta.dirname, '../..'));
  dir = await mkdtemp(join(tmpdir(), 'anomscope-exits-'));
  await writeFile(join(dir, 'suite.json'), JSON.stringify(suite));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await standin.close();
});

function bench(
  runId: string,
  options: { key?: string | undefined } = { key: 'sk-test-exit' },
): Promise<{ code: number | null; stderr: string }> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    OPENAI_API_KEY: options.key,
    OPENAI_BASE_URL: `${standin.url}/v1`,
  };
  if (options.key === undefined) delete env['OPENAI_API_KEY'];
  const child = spawn(
    process.execPath,
    [
      cli,
      'bench',
      '--suite',
      join(dir, 'suite.json'),
      '--provider',
      'openai:gpt-4o',
      '--runs-dir',
      dir,
      '--run-id',
      runId,
      '--no-cache',
      '--concurrency',
      '4',
      '--format',
      'json',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const answer = {
  body: {
    choices: [
      { index: 0, message: { role: 'assistant', content: '[[3, 9]]' }, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 5 },
  },
};

describe('bench exit codes', () => {
  it('stops after the first calls all fail to authenticate, with the provider message and exit 1', async () => {
    standin = await startStandin();
    standin.setHandler('POST /v1/chat/completions', () => ({
      status: 401,
      body: {
        error: {
          message: 'Incorrect API key provided: sk-te***exit.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
    }));
    const { code, stderr } = await bench('auth');
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /stopped: the first 4 calls to openai:gpt-4o all failed with provider\.auth: .*Incorrect API key/,
    );
    expect(stderr).toContain('--resume auth --retry-errors');
    expect(standin.requestsFor('POST /v1/chat/completions')).toHaveLength(4);
  });

  it('stops after the first wave when no API key is set, naming the variable', async () => {
    standin = await startStandin();
    const { code, stderr } = await bench('no-key', { key: undefined });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /stopped: the first 4 calls to openai:gpt-4o all failed with input\.missing_api_key: .*set OPENAI_API_KEY/,
    );
    const results = await readFile(join(dir, 'no-key', 'results.jsonl'), 'utf8');
    expect(results.trim().split('\n')).toHaveLength(4);
    expect(standin.requests).toHaveLength(0);
  });

  it('never exits 0 when every item failed', async () => {
    standin = await startStandin();
    standin.setHandler('POST /v1/chat/completions', () => ({
      status: 400,
      body: { error: { message: 'Invalid image.', type: 'invalid_request_error', code: null } },
    }));
    const { code, stderr } = await bench('all-failed');
    expect(code).toBe(1);
    expect(stderr).toContain('every item ended in an error');
    // The cause is named, not only the count.
    expect(stderr).toMatch(/provider\.bad_request × 12: .*Invalid image\./);
    expect(standin.requestsFor('POST /v1/chat/completions')).toHaveLength(12);
  });

  it('exits 0 when some items failed, and says how many and how to redo them', async () => {
    standin = await startStandin();
    let call = 0;
    standin.setHandler('POST /v1/chat/completions', () => {
      call += 1;
      return call % 4 === 0
        ? {
            status: 400,
            body: {
              error: { message: 'Invalid image.', type: 'invalid_request_error', code: null },
            },
          }
        : answer;
    });
    const { code, stderr } = await bench('some-failed');
    expect(code).toBe(0);
    expect(stderr).toContain(
      '3 of 12 items ended in an error; rerun just those with: anomscope bench --resume some-failed --retry-errors',
    );
    expect(stderr).toMatch(/provider\.bad_request × 3: .*Invalid image\./);
  });
});
