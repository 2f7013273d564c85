import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider } from '../providers/openai-compatible/index.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { scoreRunWithComparisons } from './leaderboard.js';
import { runBench } from './run.js';
import type { Suite } from './suite.js';

// The leaderboard (every metric, bootstrap intervals, overall rows, paired comparisons) of a
// small run, pinned to what scoring printed before it was made fast (issue #17): any change of
// a number, a rounding or an interval fails here. Regenerate only for an intended change of
// the numbers: ANOMSCOPE_WRITE_GOLDEN=1 npx vitest run src/bench/score-golden.test.ts
const golden = join(import.meta.dirname, '../../fixtures/scoring/leaderboard-golden.json');

let standin: Standin;
let dir: string;
beforeAll(async () => {
  standin = await startStandin();
  standin.setHandler('POST /v1/chat/completions', (request) => {
    // An answer that differs by model and series (the prompt's length), so scores spread.
    const body = request.body as { model: string };
    const spread = (request.rawBody.length * (body.model === 'a' ? 7 : 13)) % 150;
    const content = `[[${spread}, ${spread + 12}], [${spread + 60}, ${spread + 61}]]`;
    return {
      body: {
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      },
    };
  });
  dir = await mkdtemp(join(tmpdir(), 'anomscope-score-golden-'));
});
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

const types = ['global', 'seasonal', 'trend'] as const;
const suite: Suite = {
  id: 'golden',
  description: 'scoring golden',
  models: ['a', 'b'],
  sampling: { temperature: 0 },
  tracks: types.map((type, index) => ({
    name: type,
    dataset: {
      generator: 'vta' as const,
      kind: 'univariate' as const,
      type,
      count: 24,
      seed: index,
    },
    task: 'range' as const,
    prompts: ['vta-range'],
    // vta-range is a picture prompt: with text the model would be sent no series.
    modalities: ['image' as const],
    vtaLook: false,
    scoring: 'vta' as const,
    hints: 'none' as const,
  })),
};

describe('scoring a finished run', () => {
  it('gives the pinned leaderboard, intervals and comparisons', async () => {
    const runDir = join(dir, 'run');
    const providers = ['a', 'b'].map((model) =>
      createOpenAICompatibleProvider({ model, baseUrl: `${standin.url}/v1`, env: {} }),
    );
    await runBench({ suite, providers, runDir, concurrency: 4, initialDelayMs: 0 });
    const scored = await scoreRunWithComparisons(runDir, { bootstrap: 300, seed: 3 });
    // The stand-in's port is part of each provider id, and latencies are measured: pin the rest.
    const pinned = JSON.stringify(
      scored,
      (key, value: unknown) => (key === 'meanLatencyMs' ? 'measured' : value),
      1,
    );
    const text = `${pinned.replaceAll(standin.url, 'STANDIN')}\n`;
    if (process.env['ANOMSCOPE_WRITE_GOLDEN'] === '1') {
      // Rewriting the expectation must not also pass the test: the next run compares against it.
      await writeFile(golden, text);
      throw new Error(`golden leaderboard rewritten at ${golden}; run again without the variable`);
    }
    expect(scored.rows.length).toBeGreaterThan(9);
    expect(scored.comparisons.length).toBe(3);
    expect(text).toBe(await readFile(golden, 'utf8'));
  });
});
