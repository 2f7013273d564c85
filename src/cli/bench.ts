import type { Command } from 'commander';
import { executeRun } from './bench-execute.js';
import type { BenchFlags } from './bench-flags.js';
import { finishRun } from './bench-finish.js';
import { addBenchOptions } from './bench-options.js';
import { explicitFlags, prepareRun, printDryRun } from './bench-prepare.js';
import { setUpRun } from './bench-setup.js';

export type { BenchFlags } from './bench-flags.js';

/**
 * `anomscope bench`: run a suite, append results as they arrive, print and write the leaderboard.
 */
export function registerBenchCommand(program: Command): void {
  addBenchOptions(
    program
      .command('bench')
      .description(
        'run a benchmark suite and print its leaderboard (results go to runs/<run-id>/)',
      ),
  ).action(async (flags: BenchFlags, command: Command) => {
    const explicit = new Set(
      Object.keys(flags).filter((name) => command.getOptionValueSource(name) === 'cli'),
    );
    await benchCommand(flags, { explicit });
  });
}

/**
 * The bench command's body; `npm start` calls it with the quick suite on the baseline. Steps:
 * prepare (flags, run id, suite), set up (providers, settings, prices), execute, finish (score,
 * leaderboard, error census, exit code).
 */
export async function benchCommand(
  given: BenchFlags,
  options: { explicit?: ReadonlySet<string> } = {},
): Promise<void> {
  const run = await prepareRun(given, options.explicit ?? explicitFlags(given));
  if (given.dryRun === true) {
    await printDryRun(run);
    return;
  }
  const setup = await setUpRun(run);
  const result = await executeRun(run, setup);
  await finishRun(run, setup, result);
}
