import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchCommand } from '../../src/cli/bench.js';
import { intervalScores } from '../../src/grade/interval-scores.js';
import { parseIsoTimestamp } from '../../src/series/time.js';

const nab = join(import.meta.dirname, '../../fixtures/nab');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-bench-data-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Truth rows of a raw NAB file worked out here, apart from the loader: unique times, NAB windows.
 */
async function rawTruth(
  file: string,
  key: string,
): Promise<{ truth: [number, number][]; length: number }> {
  const lines = (await readFile(join(nab, 'data', file), 'utf8')).trim().split('\n').slice(1);
  const times = [
    ...new Set(lines.map((line) => parseIsoTimestamp(line.split(',')[0] ?? '') ?? Number.NaN)),
  ].sort((a, b) => a - b);
  const windows =
    (
      JSON.parse(await readFile(join(nab, 'combined_windows.json'), 'utf8')) as Record<
        string,
        [string, string][]
      >
    )[key] ?? [];
  const truth: [number, number][] = [];
  for (const [start, end] of windows) {
    const inside = times.flatMap((time, row) =>
      (parseIsoTimestamp(start) ?? 0) <= time && time <= (parseIsoTimestamp(end) ?? 0) ? [row] : [],
    );
    if (inside.length > 0) truth.push([inside[0] ?? 0, (inside[inside.length - 1] ?? 0) + 1]);
  }
  return { truth, length: times.length };
}

/** Equal to 1e-10, or both null (a metric undefined on an empty answer). */
function expectSameScore(actual: number | null | undefined, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 10);
}

describe('bench --data on two trimmed NAB files', () => {
  it('scores each series as intervalScores does over the raw rows, with a track per folder and a mean row', async () => {
    await benchCommand({
      suite: 'quick',
      data: join(nab, 'data'),
      labels: join(nab, 'combined_windows.json'),
      provider: ['baseline'],
      runsDir: dir,
      runId: 'nab',
      concurrency: 2,
      retryErrors: false,
      format: 'csv',
      cacheDir: join(dir, 'cache'),
      cache: false,
      timeoutMs: 60_000,
    });
    const board = JSON.parse(
      await readFile(join(dir, 'nab', 'leaderboard.json'), 'utf8'),
    ) as unknown;
    const rows = (Array.isArray(board) ? board : (board as { rows: unknown[] }).rows) as {
      track: string;
      model: string;
      series: number;
      metrics: Record<string, number | null>;
    }[];
    expect([...new Set(rows.map((row) => row.track))]).toEqual([
      'artificialwithanomaly',
      'realknowncause',
      'all',
      'overall',
    ]);
    // The macro mean over folders leaves out the pooled track, which already spans them.
    const overall = rows.find(
      (row) => row.track === 'overall' && row.model === 'always-anomalous',
    ) as { covers?: string[] } | undefined;
    expect(overall?.covers).toEqual(['artificialwithanomaly', 'realknowncause']);
    const results = (await readFile(join(dir, 'nab', 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seriesId: string; intervals: [number, number][] });
    const cases = [
      ['artificialwithanomaly', 'artificialWithAnomaly/art_daily_jumpsup'],
      ['realknowncause', 'realKnownCause/ec2_request_latency_system_failure'],
    ] as const;
    const f1s: number[] = [];
    for (const [track, id] of cases) {
      const { truth, length } = await rawTruth(`${id}.csv`, `${id}.csv`);
      expect(truth.length).toBeGreaterThan(0);
      const predicted = results.find((row) => row.seriesId === id)?.intervals ?? [];
      const expected = intervalScores({ truth, predicted, length });
      const row = rows.find((one) => one.track === track && one.model === 'baseline');
      expect(row?.series).toBe(1);
      expectSameScore(row?.metrics['affiliation.f1'], expected.affiliation.f1);
      expectSameScore(row?.metrics['event.f1'], expected.event.f1);
      expect(row?.metrics['pointwise.f1']).toBeCloseTo(expected.pointwise.f1, 10);
      f1s.push(expected.pointwise.f1);
      const anomalous = rows.find((one) => one.track === track && one.model === 'always-anomalous');
      expect(anomalous?.metrics['pointwise.f1']).toBeCloseTo(
        intervalScores({ truth, predicted: [[0, length]], length }).pointwise.f1,
        10,
      );
    }
    const found = results.find(
      (row) => cases.some(([, id]) => id === row.seriesId) && row.intervals.length > 0,
    ) as { intervals: [number, number][]; times?: [string, string][] };
    // The row carries its intervals as real times too, first and last row of each.
    expect(found.times?.length).toBe(found.intervals.length);
    expect(found.times?.[0]?.[0]).toMatch(/^2014-0[34]-\d\dT\d\d:\d\d:00\.000Z$/);
    const mean = rows.find((one) => one.track === 'all' && one.model === 'baseline');
    expect(mean?.series).toBe(2);
    expect(mean?.metrics['pointwise.f1']).toBeCloseTo(((f1s[0] ?? 0) + (f1s[1] ?? 0)) / 2, 10);
  });
});
