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
import { suiteSchema } from './suite.js';
import { majorityVote, sampleAgreement, voteSamples, type VoteSample } from './vote.js';

const sample = (
  intervals: [number, number][],
  channels: number[],
  category: string,
): VoteSample => ({ anomalous: intervals.length > 0, intervals, channels, category });

// Three samples over a series of length 10, worked by hand:
//   S1 marks 2,3,4 (channels 0,1, Trend); S2 marks 3,4,5 (channel 1, Trend); S3 marks 4,5,6,7
// (channels 1,2, Level shift).
//   Votes per index: 2→1, 3→2, 4→3, 5→2, 6→1, 7→1.
const three = [
  sample([[2, 5]], [0, 1], 'Trend'),
  sample([[3, 6]], [1], 'Trend'),
  sample([[4, 8]], [1, 2], 'Level shift'),
];

describe('voteSamples', () => {
  it.each([
    // k = 1: indices 2..7, mean share (1+2+3+2+1+1)/3/6 = 5/9; every channel.
    [1, [[2, 8]], [5 / 9], [0, 1, 2]],
    // k = 2: indices 3..5, mean share (2+3+2)/3/3 = 7/9; channel 1 only.
    [2, [[3, 6]], [7 / 9], [1]],
    // k = 3: index 4 alone, all three agree.
    [3, [[4, 5]], [1], [1]],
    // k = 4 > n: nothing can win.
    [4, [], [], []],
  ])('k = %i', (k, intervals, confidences, channels) => {
    const voted = voteSamples(three, { k, length: 10 });
    expect(voted.intervals).toEqual(intervals);
    voted.confidences.forEach((value, index) => expect(value).toBeCloseTo(confidences[index]!, 12));
    expect(voted.confidences).toHaveLength(confidences.length);
    expect(voted.channels).toEqual(channels);
    expect(voted).toMatchObject({ samples: 3, category: 'Trend', anomalous: k <= 3 });
    expect(voted.categoryShare).toBeCloseTo(2 / 3, 12);
  });

  it('counts one vote per sample even when its own intervals overlap, and clips to the series', () => {
    const voted = voteSamples(
      [
        sample(
          [
            [0, 3],
            [2, 4],
          ],
          [],
          'A',
        ),
        sample([[3, 12]], [], 'B'),
      ],
      { k: 2, length: 10 },
    );
    expect(voted.intervals).toEqual([[3, 4]]);
    expect(voted.category).toBe('A');
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
  ])('majority of %i is %i', (n, k) => expect(majorityVote(n)).toBe(k));

  it('measures agreement as mean pairwise Jaccard: (2/4 + 1/6 + 2/5) / 3 = 16/45', () => {
    expect(sampleAgreement(three, 10)).toBeCloseTo(16 / 45, 12);
    expect(sampleAgreement([sample([], [], 'N'), sample([], [], 'N')], 10)).toBe(1);
    expect(sampleAgreement([three[0]!], 10)).toBeNull();
  });
});

describe('runBench --samples 3', () => {
  let standin: Standin;
  let dir: string;
  beforeAll(async () => {
    standin = await startStandin();
    dir = await mkdtemp(join(tmpdir(), 'anomscope-vote-'));
  });
  afterAll(async () => {
    await standin.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes samples 0..2 per item with distinct seeds, and the leaderboard puts voted and single-sample scores and the spread side by side', async () => {
    // Samples 0 and 1 answer [[10, 19]]; sample 2 (seed 2) answers [[40, 49]].
    standin.setHandler('POST /v1/chat/completions', (request) => {
      const seed = (request.body as { seed?: number }).seed;
      const content = seed === 2 ? '[[40, 49]]' : '[[10, 19]]';
      return {
        body: {
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        },
      };
    });
    const suite = suiteSchema.parse({
      id: 'sc',
      description: 'self-consistency',
      sampling: { temperature: 0.8 },
      tracks: [
        {
          name: 'trend',
          dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 3, seed: 1 },
          task: 'range',
          prompts: ['vta-range'],
          scoring: 'vta',
        },
      ],
    });
    const runDir = join(dir, 'sc');
    const result = await runBench({
      suite,
      providers: [createProvider(`openai-compatible:m@${standin.url}/v1`, { env: {} })],
      runDir,
      samples: 3,
      initialDelayMs: 0,
    });
    expect(result.progress.total).toBe(9);
    const rows = (await readFile(join(runDir, 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => resultRowSchema.parse(JSON.parse(line)));
    expect(rows).toHaveLength(9);
    expect(new Set(rows.map((row) => row.key)).size).toBe(9);
    for (const seriesId of new Set(rows.map((row) => row.seriesId))) {
      expect(
        rows
          .filter((row) => row.seriesId === seriesId)
          .map((row) => row.sample)
          .sort(),
      ).toEqual([0, 1, 2]);
    }
    expect(
      standin.requests.map((request) => (request.body as { seed?: number }).seed).sort(),
    ).toEqual([1, 1, 1, 2, 2, 2, undefined, undefined, undefined]);

    const board = await scoreRun(runDir);
    const model = board.find((row) => !row.trivial)!;
    expect(model.series).toBe(3);
    const consistency = model.selfConsistency!;
    expect(consistency).toMatchObject({ samples: 3, vote: 2 });
    // Two of three samples agree, so the voted answer is theirs and scores as they do.
    expect(consistency.single[0]).toBe(consistency.single[1]);
    expect(consistency.voted).toBe(consistency.single[0]);
    expect(model.headline.value).toBe(consistency.voted);
    expect(consistency.singleMean).toBeCloseTo(
      (2 * consistency.single[0]! + consistency.single[2]!) / 3,
      12,
    );
    expect(consistency.singleSd).toBeCloseTo(
      (Math.SQRT2 / 3) * Math.abs(consistency.single[0]! - consistency.single[2]!),
      12,
    );
    // Pairs: identical (1), disjoint (0), disjoint (0).
    expect(consistency.agreement).toBeCloseTo(1 / 3, 12);
    expect(
      board.filter((row) => row.trivial).every((row) => row.selfConsistency === undefined),
    ).toBe(true);

    const table = formatLeaderboard(board, 'table');
    const [header, , line] = table.split('\n');
    expect(header).toMatch(/score\s+95% CI\s+n\/k\s+1-sample\s+± sd\s+agree/);
    expect(line).toContain('3/2');
    expect(line).toContain('33.33');
  });
});
