import { readFile, writeFile } from 'node:fs/promises';
import { writeFileAtomic } from './run-files.js';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseLocated } from '../schema/parse-located.js';
import { leaderboardChart } from './chart.js';
import { formatLeaderboard, type LeaderboardFormat } from './format.js';
import { readLatestResultRows } from './results-stream.js';
import { readDatasetIndex, type DatasetIndex } from './dataset-index.js';
import { datasetRemedy } from './run-datasets.js';
import { buildLeaderboardWithSamples, type LeaderboardRow } from './score.js';
import { summarizeLeaderboard, type PairedComparison } from './summary.js';
import { publishedRows, readPublished } from './published.js';
import { suiteSchema, type Suite } from './suite.js';
import { majorityVote } from './vote.js';

/** Options of {@link scoreRun}. */
export interface ScoreRunOptions {
  /**
   * Self-consistency vote k; overrides the vote recorded in `run.json`. @default the recorded vote,
   * else a strict majority of the run's samples
   */
  vote?: number;
  /**
   * Bootstrap resamples of the 95 % intervals and paired comparisons; 0 leaves them out. @default
   * 1000
   */
  bootstrap?: number;
  /** Seed of the bootstrap. @default 0 */
  seed?: number;
}

/** The self-consistency settings a run recorded in its `run.json`. */
export interface RunSettings {
  /** Answers per series the run asked for; rows with a higher sample number do not count. */
  samples: number;
  /** Votes an index needs; undefined means a strict majority of `samples`. */
  vote?: number;
}

// Lenient: only the fields scoring reads; everything else runBench writes passes through untouched.
const runFileSchema = z.looseObject({
  samples: z.number().int().min(1).optional(),
  vote: z.number().int().min(1).optional(),
});

/**
 * Reads `samples` and `vote` from `<runDir>/run.json`; `null` when the run has no run.json yet
 * (a run that never finished a pass). Throws `InputError` for a run.json that is not valid.
 */
export async function readRunSettings(runDir: string): Promise<RunSettings | null> {
  const file = await readRunFile(runDir);
  if (file === null) return null;
  return { samples: file.samples ?? 1, ...(file.vote === undefined ? {} : { vote: file.vote }) };
}

/**
 * Records the self-consistency vote in `<runDir>/run.json` (undefined = a strict majority, the
 * default), so every later `scoreRun` of the run, e.g. `anomscope report --run`, applies it too.
 */
export async function recordRunVote(runDir: string, vote: number | undefined): Promise<void> {
  const path = join(runDir, 'run.json');
  const file: Record<string, unknown> = { ...(await readRunFile(runDir)) };
  delete file['vote'];
  await writeFileAtomic(
    path,
    `${JSON.stringify({ ...file, ...(vote === undefined ? {} : { vote }) }, null, 2)}\n`,
  );
}

async function readRunFile(runDir: string): Promise<z.infer<typeof runFileSchema> | null> {
  const path = join(runDir, 'run.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'run.bad_file',
      `${path} is not valid JSON; delete it and rerun with --resume to rewrite it`,
      { file: path },
      { cause: error },
    );
  }
  const parsed = runFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      'run.bad_file',
      `${path}: field "${issue?.path.join('.') ?? ''}" ${issue?.message ?? 'is invalid'}; samples and vote must be whole numbers ≥ 1`,
      { file: path, field: issue?.path.join('.') ?? '' },
    );
  }
  return parsed.data;
}

/**
 * Scores a run folder from what is on disk (suite, datasets, results, run.json), never from
 * memory: only samples 0..n−1 of the run's `samples` count, voted with the recorded (or given) k.
 */
export async function scoreRun(
  runDir: string,
  options: ScoreRunOptions = {},
): Promise<LeaderboardRow[]> {
  return (await scoreRunWithComparisons(runDir, options)).rows;
}

/**
 * {@link scoreRun} plus the paired bootstrap comparisons of every two models of a track; rows
 * carry 95 % intervals and, with several tracks, an `overall` row per model.
 */
export async function scoreRunWithComparisons(
  runDir: string,
  options: ScoreRunOptions = {},
): Promise<{ rows: LeaderboardRow[]; comparisons: PairedComparison[] }> {
  const suitePath = join(runDir, 'suite.json');
  let suiteJson: unknown;
  try {
    suiteJson = JSON.parse(await readFile(suitePath, 'utf8'));
  } catch (error) {
    throw new InputError(
      'run.not_found',
      `${runDir} is not a run folder (no readable suite.json); pass runs/<run-id>`,
      { file: suitePath },
      { cause: error },
    );
  }
  const suite = parseLocated(suiteSchema, suiteJson, { file: suitePath, what: 'the suite' });
  const settings = await readRunSettings(runDir);
  const splits = await readRunIndexes(runDir, suite);
  const latest = await readLatestResultRows(join(runDir, 'results.jsonl'));
  // In key order, not file order: rows land in completion order (network, worker threads), and
  // the seeded bootstrap must give the same intervals for the same answers.
  const counted = [...latest.values()]
    .filter((row) => settings === null || row.sample < settings.samples)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const vote =
    options.vote ??
    settings?.vote ??
    (settings === null || settings.samples < 2 ? undefined : majorityVote(settings.samples));
  const board = buildLeaderboardWithSamples(
    suite,
    splits,
    counted,
    vote === undefined ? {} : { vote },
  );
  const resamples = options.bootstrap ?? 1000;
  const summary =
    resamples === 0
      ? { rows: board.rows, comparisons: [] }
      : summarizeLeaderboard(board.rows, board.samples, { resamples, seed: options.seed ?? 0 });
  return {
    rows: withPublished(summary.rows, publishedRows(suite, await readPublished())),
    comparisons: summary.comparisons,
  };
}

/**
 * The index of each track's dataset (built from the dataset once, for a run older than indexes):
 * scoring needs every series' label, length, channels and content hash, never its values.
 */
async function readRunIndexes(runDir: string, suite: Suite): Promise<Map<string, DatasetIndex>> {
  const indexes = new Map<string, DatasetIndex>();
  for (const track of suite.tracks) {
    const path = join(runDir, 'datasets', `${track.name}.json`);
    indexes.set(track.name, await readDatasetIndex(path, { remedy: datasetRemedy(track) }));
  }
  return indexes;
}

/** Each published row right after the last row of its track. */
function withPublished(
  rows: readonly LeaderboardRow[],
  published: readonly LeaderboardRow[],
): LeaderboardRow[] {
  const out = [...rows];
  for (const row of published) {
    const last = out.findLastIndex((other) => other.track === row.track);
    if (last >= 0) out.splice(last + 1, 0, row);
  }
  return out;
}

const fileFormats: Record<Exclude<LeaderboardFormat, 'table'>, string> = {
  markdown: 'leaderboard.md',
  csv: 'leaderboard.csv',
  latex: 'leaderboard.tex',
  json: 'leaderboard.json',
};

/** Writes every leaderboard format and the chart into the run folder; returns the paths written. */
export async function writeLeaderboard(
  runDir: string,
  rows: readonly LeaderboardRow[],
  options: { comparisons?: readonly PairedComparison[] } = {},
): Promise<string[]> {
  const written: string[] = [];
  await writeFile(join(runDir, 'leaderboard.txt'), formatLeaderboard(rows, 'table', options));
  written.push(join(runDir, 'leaderboard.txt'));
  for (const [format, name] of Object.entries(fileFormats) as [
    Exclude<LeaderboardFormat, 'table'>,
    string,
  ][]) {
    await writeFile(join(runDir, name), formatLeaderboard(rows, format, options));
    written.push(join(runDir, name));
  }
  const chart = await leaderboardChart(rows);
  await writeFile(join(runDir, 'leaderboard.svg'), chart.svg);
  await writeFile(join(runDir, 'leaderboard.png'), chart.png);
  written.push(join(runDir, 'leaderboard.svg'), join(runDir, 'leaderboard.png'));
  return written;
}
