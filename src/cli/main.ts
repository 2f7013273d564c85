#!/usr/bin/env node
import { Command } from 'commander';
import sharp from 'sharp';
import { registerBenchCommand, benchCommand } from './bench.js';
import { registerDetectCommand } from './detect.js';
import { reportCliError } from './errors.js';
import { registerGenerateCommand } from './generate.js';
import { registerRenderCommand } from './render.js';
import { registerReportCommand } from './report.js';
import { registerReviewCommand } from './review.js';

// Commands keep several PNG conversions in flight; one libvips thread each costs less CPU than
// sharp's default of one thread per core for each.
sharp.concurrency(1);

// `anomscope render data/ | head` closes stdout early: that is the reader's choice, not an error
// to print a stack for.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('anomscope')
  .description(
    'Ask multimodal LLMs to find, classify and explain anomalies in time series, and grade them.',
  )
  .version('0.1.0')
  .showSuggestionAfterError();

registerRenderCommand(program);
registerDetectCommand(program);
registerGenerateCommand(program);
registerBenchCommand(program);
registerReportCommand(program);
registerReviewCommand(program);

program
  .command('start')
  .description(
    'the main job offline: run the quick suite on the built-in baseline detector and print the leaderboard',
  )
  .action(async () => {
    await benchCommand({
      suite: 'quick',
      provider: ['baseline'],
      concurrency: 4,
      retryErrors: false,
      format: 'table',
      runsDir: 'runs',
      cacheDir: '.cache/anomscope',
      cache: false,
      timeoutMs: 120_000,
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportCliError(error);
}
