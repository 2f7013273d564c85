/** The options of `anomscope bench`, with their help text, parsers and defaults. */
import type { Command } from 'commander';
import { choiceFlag, numberFlag } from './options.js';

/** Adds every `bench` option to `command` and returns it, for chaining. */
export function addBenchOptions(command: Command): Command {
  return command
    .option(
      '--suite <id|file>',
      'shipped suite id (quick, vta, anomllm, rats40k) or a suite .json file',
      'quick',
    )
    .option(
      '--provider <spec>',
      "provider:model to run; repeat for several (default: the suite's models)",
      collect,
      undefined,
    )
    .option(
      '--concurrency <n>',
      'work items in flight',
      numberFlag('concurrency', { integer: true, min: 1, max: 1024 }),
      8,
    )
    .option(
      '--max-cost-usd <usd>',
      'stop scheduling new calls once this much is spent',
      numberFlag('max-cost-usd', { min: 0 }),
    )
    .option(
      '--price-per-mtok <in,out>',
      "USD per million input,output tokens for the run's models (needed by --max-cost-usd for models outside the price table)",
    )
    .option(
      '--prices <file>',
      'JSON prices file, {"provider:model": {"inputPerMillion": n, "outputPerMillion": n}}, extending the built-in table',
    )
    .option('--resume <run-id>', 'continue a run, skipping every completed item')
    .option('--run-id <id>', 'name a new run (default: <suite>-<date>-<time>)')
    .option(
      '--rats40k <file>',
      "RATs40K JSON file for the suite's rats40k tracks (e.g. RATs-Uni-TSImage_Reason.json)",
    )
    .option('--retry-errors', 'with --resume: redo items that ended in a provider error', false)
    .option(
      '--format <format>',
      'table | markdown | csv | latex | json',
      choiceFlag('format', ['table', 'markdown', 'csv', 'latex', 'json'] as const),
      'table',
    )
    .option('--runs-dir <dir>', 'where run folders go', 'runs')
    .option('--cache-dir <dir>', 'response cache folder', '.cache/anomscope')
    .option('--no-cache', 'do not read or write the response cache')
    .option(
      '--timeout-ms <ms>',
      'time allowed per attempt',
      numberFlag('timeout-ms', { integer: true, min: 1 }),
      120_000,
    )
    .option(
      '--batch',
      "use the providers' batch APIs (openai, gemini): half price, results within 24 h; --resume picks up submitted batches",
    )
    .option(
      '--batch-poll-ms <ms>',
      'first wait between batch status polls (grows to 5 min)',
      numberFlag('batch-poll-ms', { integer: true, min: 0 }),
      15_000,
    )
    .option(
      '--samples <n>',
      "self-consistency: answers per series (use with sampling.temperature > 0; default 1, or the resumed run's)",
      numberFlag('samples', { integer: true, min: 1, max: 64 }),
    )
    .option(
      '--vote <k>',
      "self-consistency: an index is anomalous when at least k samples mark it (default: the resumed run's, else majority)",
      numberFlag('vote', { integer: true, min: 1 }),
    )
    .option(
      '--endpoint-concurrency <n>',
      'calls in flight per server of a pool (provider@url1,url2,...)',
      numberFlag('endpoint-concurrency', { integer: true, min: 1, max: 1024 }),
      4,
    )
    .option(
      '--bootstrap <n>',
      'bootstrap resamples for the 95% intervals and paired model comparisons (0 = none; seeded)',
      numberFlag('bootstrap', { integer: true, min: 0, max: 1_000_000 }),
      1000,
    )
    .option(
      '--limit <n>',
      'run only the first n series of each track (recorded in the run)',
      numberFlag('limit', { integer: true, min: 1 }),
    )
    .option(
      '--sample <n>',
      'run a seeded random n series of each track (recorded in the run)',
      numberFlag('sample', { integer: true, min: 1 }),
    )
    .option('--tracks <names>', 'comma-separated track names to run (default: all of the suite)')
    .option(
      '--dry-run',
      'build every request (rendering included) without sending any; print calls, tokens, cost and time per model',
    )
    .option(
      '--data <folder|file>',
      'benchmark your own labelled series (a folder is read recursively) instead of a suite',
    )
    .option(
      '--labels <file>',
      'with --data: labels (anomscope label file or NAB combined_windows.json), keyed by path relative to the folder',
    )
    .option(
      '--label-column <name>',
      'with --data: a 0/1 column of the CSVs that holds the labels (never read as data)',
    )
    .option(
      '--task <task>',
      'with --data: range | point | diagnose',
      choiceFlag('task', ['range', 'point', 'diagnose'] as const),
      'range',
    )
    .option(
      '--track-by <how>',
      'with --data: folder (a track per top-level folder) | none',
      choiceFlag('track-by', ['folder', 'none'] as const),
      'folder',
    )
    .option(
      '--strict',
      'with --data: a label naming no series, or a series without a label, is an error',
      false,
    )
    .option(
      '--on-unsorted <action>',
      'with --data: rows out of time order: sort | error',
      choiceFlag('on-unsorted', ['sort', 'error'] as const),
    )
    .option(
      '--on-duplicate-time <action>',
      'with --data: rows repeating a timestamp: mean | first | last | error',
      choiceFlag('on-duplicate-time', ['error', 'first', 'last', 'mean'] as const),
    )
    .option('--columns <names>', 'with --data: comma-separated columns to read as channels')
    .option(
      '--ignore-columns <names>',
      'with --data: comma-separated columns never read as channels (labels, flags, ids)',
    )
    .option(
      '--window <n>',
      'send series longer than n points as rolling windows (every track)',
      numberFlag('window', { integer: true, min: 2 }),
    )
    .option(
      '--stride <n>',
      'with --window: points between window starts (default: n/2)',
      numberFlag('stride', { integer: true, min: 1 }),
    );
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
