import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { leaderboardChart } from './chart.js';
import { formatLeaderboard, type LeaderboardFormat } from './format.js';
import { latestRows, resultRowSchema } from './result-row.js';
import { readJsonl } from './results-file.js';
import { readRunDatasets } from './run.js';
import { buildLeaderboard, type LeaderboardRow } from './score.js';
import { suiteSchema } from './suite.js';

/** Scores a run folder from what is on disk (suite, datasets, results), never from memory. */
export async function scoreRun(runDir: string): Promise<LeaderboardRow[]> {
  const suitePath = join(runDir, 'suite.json');
  let suiteJson: unknown;
  try {
    suiteJson = JSON.parse(await readFile(suitePath, 'utf8'));
  } catch (error) {
    throw new InputError('run.not_found', `${runDir} is not a run folder (no readable suite.json); pass runs/<run-id>`, { file: suitePath }, { cause: error });
  }
  const suite = suiteSchema.parse(suiteJson);
  const splits = await readRunDatasets(runDir, suite);
  const { rows } = await readJsonl(join(runDir, 'results.jsonl'));
  const latest = latestRows(rows.map((row, index) => {
    const parsed = resultRowSchema.safeParse(row);
    if (!parsed.success) throw new InputError('results.bad_row', `${join(runDir, 'results.jsonl')}:${index + 1}: not a result row (${parsed.error.issues[0]?.message ?? 'invalid'})`, { file: join(runDir, 'results.jsonl'), line: index + 1 });
    return parsed.data;
  }));
  return buildLeaderboard(suite, splits, latest.values());
}

const fileFormats: Record<Exclude<LeaderboardFormat, 'table'>, string> = { markdown: 'leaderboard.md', csv: 'leaderboard.csv', latex: 'leaderboard.tex', json: 'leaderboard.json' };

/** Writes every leaderboard format and the chart into the run folder; returns the paths written. */
export async function writeLeaderboard(runDir: string, rows: readonly LeaderboardRow[]): Promise<string[]> {
  const written: string[] = [];
  await writeFile(join(runDir, 'leaderboard.txt'), formatLeaderboard(rows, 'table'));
  written.push(join(runDir, 'leaderboard.txt'));
  for (const [format, name] of Object.entries(fileFormats) as [Exclude<LeaderboardFormat, 'table'>, string][]) {
    await writeFile(join(runDir, name), formatLeaderboard(rows, format));
    written.push(join(runDir, name));
  }
  const chart = await leaderboardChart(rows);
  await writeFile(join(runDir, 'leaderboard.svg'), chart.svg);
  await writeFile(join(runDir, 'leaderboard.png'), chart.png);
  written.push(join(runDir, 'leaderboard.svg'), join(runDir, 'leaderboard.png'));
  return written;
}
