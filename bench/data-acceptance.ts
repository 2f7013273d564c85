/**
 * Issue #11's acceptance on the NAB development folder, through the built CLI as a user runs it:
 * every file loads with the defaults (warnings counted), then `anomscope bench --data <folder>
 * --labels combined_windows.json --provider baseline` runs end to end, whole series and with
 * `--window 2000`. Prints exit code, wall time, warnings, the baseline's leaderboard rows per
 * folder and the mean row, and checks the per-folder scores against an independent computation:
 * bench/raw-nab.ts reads the raw files on its own (sort, merge repeated times, NAB windows) and
 * `intervalScores` scores each result row's intervals.
 *
 *   npm run build && npm run bench:data-acceptance    # ANOMSCOPE_NAB_DEV or ../shared/data/nab-dev
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { intervalScores } from '../src/grade/interval-scores.js';
import { loadSeries } from '../src/series/load.js';
import { nabDevFolder } from './nab-dev.js';
import { readRawNab } from './raw-nab.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const root = nabDevFolder();
const data = join(root, 'data');
const labels = join(root, 'combined_windows.json');

interface BoardRow {
  track: string;
  model: string;
  series: number;
  metrics: Record<string, number | null>;
}
interface ResultLine {
  track: string;
  seriesId: string;
  intervals: [number, number][];
}

const checked = ['affiliation.f1', 'event.f1', 'pointwise.f1', 'rangeBased.f1'] as const;

/** Mean of the defined values, as the leaderboard averages a metric over series. */
function mean(values: (number | null)[]): number | null {
  const defined = values.filter((value): value is number => value !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

function runBench(runsDir: string, runId: string, extra: string[]): void {
  const cli = join(repo, 'dist/src/cli/main.js');
  const args = [cli, 'bench', '--data', data, '--labels', labels, '--provider', 'baseline'];
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [...args, ...extra, '--runs-dir', runsDir, '--run-id', runId, '--no-cache'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (performance.now() - started) / 1000;
  const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning:')).length;
  process.stdout.write(
    `\n$ anomscope bench --data ${data} --labels ${labels} --provider baseline ${extra.join(' ')}\n`,
  );
  process.stdout.write(
    `exit ${run.status ?? 'signal'}, ${seconds.toFixed(1)} s wall, ${warnings} warnings, stack traces: ${(run.stderr.match(/\n\s+at /g) ?? []).length}\n`,
  );
  const progress = run.stderr
    .split('\n')
    .filter((line) => line.startsWith('progress'))
    .pop();
  if (progress !== undefined) process.stdout.write(`${progress}\n`);
  const lines = run.stdout.split('\n');
  const header = lines.find((line) => line.startsWith('track'));
  if (header !== undefined) process.stdout.write(`${header}\n`);
  for (const line of lines)
    if (/^\S+\s+baseline\s/.test(line) || line.includes(' items ('))
      process.stdout.write(`${line}\n`);
  if (run.status !== 0) {
    process.stdout.write(run.stderr.split('\n').slice(-5).join('\n'));
    return;
  }
  compare(join(runsDir, runId));
}

/** Largest difference between the leaderboard's per-folder means and the independent ones. */
function compare(runDir: string): void {
  const files = readRawNab(root) ?? [];
  const board = JSON.parse(readFileSync(join(runDir, 'leaderboard.json'), 'utf8')) as BoardRow[];
  const results = readFileSync(join(runDir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ResultLine)
    .filter((row) => row.track !== 'all');
  let worst = 0;
  let compared = 0;
  for (const row of board.filter((one) => one.model === 'baseline' && one.track !== 'overall')) {
    const scores = results
      .filter((result) => row.track === 'all' || result.track === row.track)
      .map((result) => {
        const file = files.find((one) => one.key === `${result.seriesId}.csv`);
        if (file === undefined) throw new Error(`no raw file for ${result.seriesId}`);
        return intervalScores({
          truth: file.truth,
          predicted: result.intervals,
          length: file.values.length,
        });
      });
    for (const metric of checked) {
      const [group, name] = metric.split('.') as [keyof (typeof scores)[number], string];
      const expected = mean(
        scores.map(
          (score) => (score[group] as unknown as Record<string, number | null>)[name] ?? null,
        ),
      );
      const actual = row.metrics[metric] ?? null;
      compared += 1;
      if ((expected === null) !== (actual === null)) worst = Infinity;
      else if (expected !== null && actual !== null)
        worst = Math.max(worst, Math.abs(expected - actual));
    }
  }
  process.stdout.write(
    `independent check (bench/raw-nab.ts reader + intervalScores, ${checked.join(', ')}): ${compared} track means compared, largest difference ${worst}\n`,
  );
}

if (!existsSync(data)) {
  process.stdout.write(`skipped: no NAB folder at ${data} (set ANOMSCOPE_NAB_DEV to its path)\n`);
} else {
  const warnings: string[] = [];
  const failures: string[] = [];
  const series = await loadSeries(data, {
    onWarning: (message) => warnings.push(message),
    onFileError: (error) => failures.push(error.message),
  });
  process.stdout.write(
    `load with defaults: ${series.length} series, ${failures.length} failures, ${warnings.length} warnings\n`,
  );
  const runsDir = mkdtempSync(join(tmpdir(), 'anomscope-data-acceptance-'));
  try {
    runBench(runsDir, 'whole', []);
    runBench(runsDir, 'window-2000', ['--window', '2000']);
  } finally {
    rmSync(runsDir, { recursive: true, force: true });
  }
}
