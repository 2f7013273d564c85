/**
 * Last step of `anomscope bench`: score the answers, print and write the leaderboard, name the
 * errors, and set the exit code.
 */
import { join } from 'node:path';
import { formatLeaderboard } from '../bench/format.js';
import { errorCensus, formatErrorCensus } from '../bench/error-census.js';
import { recordRunVote, scoreRunWithComparisons, writeLeaderboard } from '../bench/leaderboard.js';
import type { RunBenchResult } from '../bench/run.js';
import type { PreparedRun } from './bench-prepare.js';
import type { RunSetup } from './bench-setup.js';

/**
 * Scores a finished (or stopped) run and reports it: exit code 1 when every item failed, 130 when
 * interrupted.
 */
export async function finishRun(
  run: PreparedRun,
  setup: RunSetup,
  result: RunBenchResult,
): Promise<void> {
  const { given, runId, runDir, flags } = run;
  if (result.preparedOnly === true) {
    process.stderr.write(
      `interrupted while preparing datasets; nothing was sent. Continue with --resume ${runId}\n`,
    );
    process.exitCode = 130;
    return;
  }
  // Recorded in run.json, so `scoreRun(runDir)` (and `anomscope report --run`) scores as printed
  // here.
  await recordRunVote(runDir, setup.vote);
  // Scoring a big run (bootstrap intervals) takes a while; a second Ctrl-C ends it at once.
  process.stderr.write(
    result.stoppedBy === 'aborted'
      ? 'scoring the answers so far (Ctrl-C again to skip)\n'
      : 'scoring the answers …\n',
  );
  const { rows, comparisons } = await scoreRunWithComparisons(runDir, {
    bootstrap: given.bootstrap ?? 1000,
  });
  process.stdout.write(formatLeaderboard(rows, flags.format, { comparisons }));
  const written = await writeLeaderboard(runDir, rows, { comparisons });
  const p = result.progress;
  process.stderr.write(
    `${p.done}/${p.total} items (${p.resumed} from earlier), ${p.errors} errors, ${p.parseFailures} parse failures, $${p.costUsd.toFixed(4)}, ${(p.elapsedMs / 1000).toFixed(1)} s\n`,
  );
  if (result.stoppedBy === 'cost-cap')
    process.stderr.write(
      `cost cap reached: ${result.notRun} items not run; raise --max-cost-usd and --resume ${runId}\n`,
    );
  // Name the causes, not only the count: a wrong key or a dead server shows its own message.
  if (p.errors > 0) process.stderr.write(formatErrorCensus(await errorCensus(runDir)));
  if (p.done > 0 && p.errors >= p.done) {
    process.stderr.write(
      `every item ended in an error (see the error field in results.jsonl); fix the cause, then --resume ${runId} --retry-errors\n`,
    );
    process.exitCode = 1;
  } else if (p.errors > 0) {
    process.stderr.write(
      `${p.errors} of ${p.done} items ended in an error; rerun just those with: anomscope bench --resume ${runId} --retry-errors\n`,
    );
  }
  if (result.stoppedBy === 'aborted') {
    process.stderr.write(
      `interrupted: ${result.notRun} items not run; continue with --resume ${runId}\n`,
    );
    process.exitCode = 130;
  }
  process.stderr.write(
    `results: ${join(runDir, 'results.jsonl')}\nleaderboard: ${written.join(', ')}\n`,
  );
}
