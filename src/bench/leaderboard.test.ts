import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { benchCommand, type BenchFlags } from '../cli/bench.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { formatLeaderboard } from './format.js';
import { readRunSettings, recordRunVote, scoreRun } from './leaderboard.js';
import type { LeaderboardRow } from './score.js';

// Samples 0 and 1 (no seed, seed 1) answer [[10, 19]]; sample 2 (seed 2) answers [[40, 49]]:
// k = 1 votes for both ranges, k = 2 for [10, 19] (what samples 0 and 1 said), k = 3 for nothing.
let standin: Standin;
let dir: string;
let suiteFile: string;
beforeAll(async () => {
  standin = await startStandin();
  standin.setHandler('POST /v1/chat/completions', (request) => {
    const seed = (request.body as { seed?: number }).seed;
    return {
      body: {
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: seed === 2 ? '[[40, 49]]' : '[[10, 19]]' },
            finish_reason: 'stop',
          },
        ],
      },
    };
  });
  dir = await mkdtemp(join(tmpdir(), 'anomscope-leaderboard-'));
  suiteFile = join(dir, 'sc.json');
  await writeFile(
    suiteFile,
    JSON.stringify({
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
    }),
  );
});
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

function flags(extra: Partial<BenchFlags>): BenchFlags {
  return {
    suite: suiteFile,
    provider: [`openai-compatible:m@${standin.url}/v1`],
    concurrency: 2,
    retryErrors: false,
    format: 'table',
    runsDir: dir,
    cacheDir: join(dir, 'cache'),
    cache: false,
    timeoutMs: 10_000,
    ...extra,
  };
}

/** Runs the bench command and returns what it printed on stdout. */
async function bench(extra: Partial<BenchFlags>): Promise<string> {
  const printed: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await benchCommand(flags(extra));
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return printed.join('');
}

const model = (board: LeaderboardRow[]): LeaderboardRow =>
  board.find((row) => !row.trivial) as LeaderboardRow;
const empty = (board: LeaderboardRow[]): LeaderboardRow =>
  board.find((row) => row.model === 'always-empty') as LeaderboardRow;

describe('scoreRun reads samples and vote from run.json', () => {
  it('scores as `bench --samples 3 --vote 1` printed, and keeps the vote through --resume', async () => {
    const printed = await bench({ runId: 'k1', samples: 3, vote: 1 });
    const runDir = join(dir, 'k1');
    expect(JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'))).toMatchObject({
      suite: 'sc',
      samples: 3,
      vote: 1,
    });
    const board = await scoreRun(runDir);
    expect(model(board).selfConsistency).toMatchObject({ samples: 3, vote: 1 });
    expect(formatLeaderboard(board, 'table')).toBe(printed);

    // Resuming without --samples/--vote keeps 3 and 1: nothing is asked again and the board is
    // unchanged.
    const requests = standin.requests.length;
    expect(await bench({ resume: 'k1' })).toBe(printed);
    expect(standin.requests.length).toBe(requests);
    expect(await readRunSettings(runDir)).toEqual({ samples: 3, vote: 1 });
  });

  it('defaults to a strict majority of the recorded samples; an explicit vote overrides run.json', async () => {
    const printed = await bench({ runId: 'maj', samples: 3 });
    const runDir = join(dir, 'maj');
    expect(await readRunSettings(runDir)).toEqual({ samples: 3 });
    const majority = await scoreRun(runDir);
    expect(formatLeaderboard(majority, 'table')).toBe(printed);
    const consistency = model(majority).selfConsistency;
    // k = 2: the voted answer is samples 0 and 1's, so it scores as they do.
    expect(consistency).toMatchObject({ samples: 3, vote: 2 });
    expect(consistency?.voted).toBe(consistency?.single[0]);
    expect(consistency?.single[0]).toBe(consistency?.single[1]);

    // k = 3: no index has all three votes, so every voted answer is empty and scores as
    // always-empty.
    const unanimous = await scoreRun(runDir, { vote: 3 });
    expect(model(unanimous).selfConsistency?.vote).toBe(3);
    expect(model(unanimous).headline.value).toBe(empty(unanimous).headline.value);

    await recordRunVote(runDir, 3);
    expect(JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'))).toMatchObject({
      suite: 'sc',
      samples: 3,
      vote: 3,
      total: 9,
    });
    expect(await scoreRun(runDir)).toEqual(unanimous);
    await recordRunVote(runDir, undefined);
    expect(await scoreRun(runDir)).toEqual(majority);
  });

  it('counts only the samples run.json asks for', async () => {
    await bench({ runId: 'cut', samples: 3 });
    const runDir = join(dir, 'cut');
    const settings = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    await writeFile(join(runDir, 'run.json'), JSON.stringify({ ...settings, samples: 1 }));
    const board = await scoreRun(runDir);
    // Sample 0 alone: no self-consistency figures, and it scores as sample 0 did in the 3-sample
    // board.
    expect(model(board).selfConsistency).toBeUndefined();
    await writeFile(join(runDir, 'run.json'), JSON.stringify(settings));
    expect(model(board).headline.value).toBe(
      model(await scoreRun(runDir)).selfConsistency?.single[0],
    );
  });

  it.each([
    ['{ "samples": 3', /not valid JSON/],
    ['{ "samples": 0 }', /field "samples"/],
    ['{ "samples": 3, "vote": 1.5 }', /field "vote"/],
  ])('rejects a bad run.json %s naming the file', async (text, message) => {
    const runDir = await mkdtemp(join(dir, 'bad-'));
    await writeFile(join(runDir, 'run.json'), text);
    await expect(readRunSettings(runDir)).rejects.toMatchObject({
      code: 'run.bad_file',
      file: join(runDir, 'run.json'),
      message: expect.stringMatching(message),
    });
  });

  it('treats a folder without run.json as unrecorded', async () => {
    expect(await readRunSettings(await mkdtemp(join(dir, 'none-')))).toBeNull();
  });

  it('refuses a vote above the samples', async () => {
    await expect(bench({ runId: 'over', samples: 2, vote: 3 })).rejects.toMatchObject({
      code: 'cli.bad_flag',
    });
  });
});
