import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { benchCommand, type BenchFlags } from '../../src/cli/bench.js';
import { InputError } from '../../src/errors.js';

// Two trimmed NAB files (MIT licence, fixtures/nab/LICENSE.txt) and their NAB windows.
const nab = join(import.meta.dirname, '../../fixtures/nab');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-suite-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface BoardRow {
  track: string;
  model: string;
  series: number;
  headline: { metric: string };
}

function flags(extra: Partial<BenchFlags>): BenchFlags {
  return {
    suite: 'quick',
    provider: ['baseline'],
    runsDir: join(dir, 'runs'),
    concurrency: 2,
    retryErrors: false,
    format: 'csv',
    cacheDir: join(dir, 'cache'),
    cache: false,
    timeoutMs: 60_000,
    ...extra,
  };
}

/** Runs the bench; returns what went to stderr (warnings). */
async function bench(extra: Partial<BenchFlags>): Promise<string> {
  const errors: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    errors.push(String(chunk));
    return true;
  });
  try {
    await benchCommand(flags(extra));
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return errors.join('');
}

async function board(runId: string): Promise<BoardRow[]> {
  const json = JSON.parse(
    await readFile(join(dir, 'runs', runId, 'leaderboard.json'), 'utf8'),
  ) as unknown;
  return (Array.isArray(json) ? json : (json as { rows: unknown[] }).rows) as BoardRow[];
}

describe('a suite file naming a files dataset', () => {
  it('reads {"kind": "files"} with paths relative to the suite file, label file kept in the data folder', async () => {
    const team = join(dir, 'team');
    await cp(join(nab, 'data'), join(team, 'data'), { recursive: true });
    // The label file sits inside the data folder: it is labels, not a series file.
    await cp(join(nab, 'combined_windows.json'), join(team, 'data', 'labels.json'));
    const suite = {
      id: 'team',
      description: 'our own series',
      tracks: [
        {
          name: 'known-cause',
          dataset: {
            kind: 'files',
            path: 'data',
            labels: 'data/labels.json',
            include: 'realKnownCause',
          },
          task: 'range',
          prompts: ['structured-range'],
          scoring: 'timeRa',
          window: 2000,
        },
      ],
    };
    await writeFile(join(team, 'suite.json'), JSON.stringify(suite));
    await bench({ suite: join(team, 'suite.json'), runId: 'team' });
    const rows = await board('team');
    const baseline = rows.find((row) => row.track === 'known-cause' && row.model === 'baseline');
    expect(baseline?.series).toBe(1);
    const results = await readFile(join(dir, 'runs', 'team', 'results.jsonl'), 'utf8');
    expect(results).toContain('"seriesId":"realKnownCause/ec2_request_latency_system_failure"');
  });

  it('names the bad field of a files dataset', async () => {
    const file = join(dir, 'bad-suite.json');
    await writeFile(
      file,
      JSON.stringify({
        id: 'bad',
        description: 'x',
        tracks: [
          {
            name: 'x',
            dataset: { kind: 'files' },
            task: 'range',
            prompts: ['structured-range'],
            scoring: 'timeRa',
          },
        ],
      }),
    );
    const error = await benchCommand(flags({ suite: file })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('field "tracks.0.dataset.path"');
  });
});

describe('bench --data', () => {
  it('diagnoses a labelled folder: binary F1 headline and the majority-category baseline', async () => {
    await bench({
      data: join(nab, 'data'),
      labels: join(nab, 'combined_windows.json'),
      task: 'diagnose',
      runId: 'diagnose',
    });
    const rows = await board('diagnose');
    const mean = rows.find((row) => row.track === 'all' && row.model === 'baseline');
    expect(mean?.series).toBe(2);
    expect(mean?.headline.metric).toBe('binary.f1');
    expect(rows.some((row) => row.model === 'majority-category')).toBe(true);
  });

  it('leaves out a folder the label file does not cover, with a warning naming it', async () => {
    const labels = join(dir, 'one-folder.json');
    await writeFile(
      labels,
      JSON.stringify({
        'realKnownCause/ec2_request_latency_system_failure.csv': [
          ['2014-03-14 03:31:00', '2014-03-14 09:36:00'],
        ],
      }),
    );
    const stderr = await bench({ data: join(nab, 'data'), labels, runId: 'partial' });
    expect(stderr).toContain('folder artificialWithAnomaly: no series has a label');
    expect(stderr).toContain('1 series have no label: artificialWithAnomaly/art_daily_jumpsup');
    const tracks = new Set((await board('partial')).map((row) => row.track));
    expect(tracks.has('realknowncause')).toBe(true);
    expect(tracks.has('artificialwithanomaly')).toBe(false);
  });

  it('scores a single file against a label file keyed by path relative to its folder', async () => {
    const stderr = await bench({
      data: join(nab, 'data', 'realKnownCause', 'ec2_request_latency_system_failure.csv'),
      labels: join(nab, 'combined_windows.json'),
      runId: 'single',
    });
    expect(stderr).toContain('1 label(s) name no loaded series: artificialWithAnomaly/');
    const mean = (await board('single')).find(
      (row) => row.track === 'data' && row.model === 'baseline',
    );
    expect(mean?.series).toBe(1);
  });

  it.each([
    [{ labels: 'labels.json' }, '--labels works with --data'],
    [{ trackBy: 'none' as const }, '--track-by works with --data'],
    [{ data: 'x', stride: 10 }, '--stride needs --window'],
  ])('refuses %o with a flag error', async (extra, message) => {
    const error = await benchCommand(flags(extra)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('cli.bad_flag');
    expect((error as InputError).message).toContain(message);
  });
});
