import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../providers/registry.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { formatLeaderboard } from './format.js';
import { scoreRun } from './leaderboard.js';
import { resultRowSchema } from './result-row.js';
import { runBench } from './run.js';
import { suiteSchema, type Suite } from './suite.js';

const tinySuite: Suite = suiteSchema.parse({
  id: 'tiny',
  description: 'test',
  tracks: [
    {
      name: 'vta-global',
      dataset: { generator: 'vta', kind: 'univariate', type: 'global', count: 4, seed: 0 },
      task: 'point',
      prompts: ['vta-point'],
      scoring: 'vta',
    },
    {
      name: 'vta-trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 4, seed: 0 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
    {
      name: 'anomllm-range',
      dataset: { generator: 'anomllm', type: 'range', count: 4, seed: 42 },
      task: 'range',
      prompts: ['anomllm-range'],
      scoring: 'anomllm',
    },
    {
      name: 'vta-multi',
      dataset: {
        generator: 'vta',
        kind: 'multivariate',
        type: 'square',
        count: 3,
        seed: 0,
        dims: 4,
      },
      task: 'variate',
      prompts: ['vta-variate'],
      scoring: 'vta',
      vtaLook: true,
    },
  ],
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-bench-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rowsOf(runDir: string) {
  const text = await readFile(join(runDir, 'results.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => resultRowSchema.parse(JSON.parse(line)));
}

describe('runBench on the baseline', () => {
  it('writes one row per item, scores them with trivial baselines beside, and resumes without redoing anything', async () => {
    const runDir = join(dir, 'baseline');
    const first = await runBench({
      suite: tinySuite,
      providers: [createProvider('baseline')],
      runDir,
    });
    expect(first.progress.total).toBe(15);
    expect(first.stoppedBy).toBe('done');
    const rows = await rowsOf(runDir);
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((row) => row.key)).size).toBe(15);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);

    const board = await scoreRun(runDir);
    const model = board.filter(
      (row) => !row.trivial && row.track !== 'overall' && row.published === undefined,
    );
    expect(model.map((row) => row.track).sort()).toEqual([
      'anomllm-range',
      'vta-global',
      'vta-multi',
      'vta-trend',
    ]);
    // One overall row per model and trivial baseline: the macro mean of its tracks, with an
    // interval.
    const overall = board.find((row) => row.track === 'overall' && !row.trivial);
    expect(overall?.covers).toEqual(['vta-global', 'vta-trend', 'anomllm-range', 'vta-multi']);
    const mean = model.reduce((sum, row) => sum + (row.headline.value ?? 0), 0) / model.length;
    expect(overall?.headline.value).toBeCloseTo(mean, 12);
    for (const row of model) {
      const [low, high] = row.headline.ci ?? [Number.NaN, Number.NaN];
      expect(low).toBeLessThanOrEqual(row.headline.value ?? Number.NaN);
      expect(high).toBeGreaterThanOrEqual(row.headline.value ?? Number.NaN);
    }
    for (const track of ['vta-global', 'vta-trend', 'anomllm-range', 'vta-multi']) {
      expect(
        board.filter((row) => row.trivial && row.track === track).map((row) => row.model),
      ).toEqual(['always-empty', 'always-anomalous']);
    }
    // VTA: an empty prediction scores 0 on every metric; always-empty is therefore exactly 0.
    expect(
      board.find((row) => row.track === 'vta-trend' && row.model === 'always-empty')?.headline
        .value,
    ).toBe(0);
    expect(model.find((row) => row.track === 'vta-multi')?.headline.metric).toBe('variate.f1');
    const table = formatLeaderboard(board, 'table');
    expect(table).toContain('(always-empty)');
    expect(formatLeaderboard(board, 'csv').split('\n')[0]).toContain('track,model,prompt');
    expect(formatLeaderboard(board, 'latex')).toContain('\\begin{tabular}');

    const again = await runBench({
      suite: tinySuite,
      providers: [createProvider('baseline')],
      runDir,
    });
    expect(again.progress.resumed).toBe(15);
    expect(await rowsOf(runDir)).toHaveLength(15);
  });
});

describe('runBench against a flaky provider', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(async () => {
    await standin.close();
  });

  it('ends every item with an answer or a recorded error when 20 % of calls fail in various ways', async () => {
    let call = 0;
    standin.setHandler('POST /v1/chat/completions', (request) => {
      call += 1;
      const hash = createHash('sha256').update(request.rawBody).digest();
      const failure = call % 5 === 0 ? (call / 5) % 4 : -1;
      if (failure === 0)
        return {
          status: 429,
          headers: { 'retry-after': '0' },
          body: {
            error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
          },
        };
      if (failure === 1)
        return {
          status: 500,
          body: { error: { message: 'The server had an error', type: 'server_error', code: null } },
        };
      if (failure === 2) return { status: 200, delayMs: 2_000, body: {} };
      if (failure === 3)
        return {
          status: 200,
          body: {
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: '<html>502 Bad Gateway</html>' },
                finish_reason: 'stop',
              },
            ],
          },
        };
      const start = hash[0]! % 150;
      return {
        status: 200,
        body: {
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: `[[${start}, ${start + 9}]]` },
              finish_reason: 'stop',
            },
          ],
        },
      };
    });
    const suite = suiteSchema.parse({
      ...tinySuite,
      tracks: [
        {
          ...tinySuite.tracks[1],
          dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 12, seed: 0 },
        },
      ],
    });
    const runDir = join(dir, 'flaky');
    const provider = createProvider(`openai-compatible:flaky@${standin.url}/v1`, { env: {} });
    const result = await runBench({
      suite,
      providers: [provider],
      runDir,
      timeoutMs: 300,
      initialDelayMs: 0,
      concurrency: 4,
    });
    const rows = await rowsOf(runDir);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((row) => row.key)).size).toBe(12);
    expect(result.progress.total).toBe(12);
    for (const row of rows) {
      if (row.status === 'ok') expect(row.intervals?.length).toBe(1);
      else expect(row.error?.code).toMatch(/^(content|provider)\./);
    }
    // Failures were met and retried or repaired: more calls than items.
    expect(call).toBeGreaterThan(12);
    expect(rows.filter((row) => row.attempts > 1 || row.repaired).length).toBeGreaterThan(0);
  });
});
