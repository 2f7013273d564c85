import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { formatLeaderboard } from '../bench/format.js';
import {
  readRunSettings,
  recordRunVote,
  scoreRunWithComparisons,
  writeLeaderboard,
} from '../bench/leaderboard.js';
import { runBench } from '../bench/run.js';
import { loadSuite } from '../bench/suite.js';
import { createBatchBackend, createBatchExecutor } from '../batch/index.js';
import { createOnlineExecutor } from '../bench/online.js';
import { errorCensus, formatErrorCensus } from '../bench/error-census.js';
import { createDiskCache } from '../detect/cache.js';
import { InputError } from '../errors.js';
import { createProvider } from '../providers/registry.js';
import { dataSuite } from './bench-data.js';
import { choiceFlag, numberFlag } from './options.js';
import { assertNoContradiction, readRecordedSettings, recordSettings } from './bench-settings.js';
import { createProgressReporter } from './progress.js';
import { dryRunBill } from './dry-run.js';
import type { BenchFlags } from './bench-flags.js';
import { priceTable, resumedFlags } from './bench-resume.js';
import {
  checkDataFlags,
  dataSuiteFlags,
  suiteIdFor,
  suiteOfRun,
  timestamp,
  trialSubset,
  withRats40kPath,
  withWindow,
} from './bench-suite.js';

export type { BenchFlags } from './bench-flags.js';

/**
 * `anomscope bench`: run a suite, append results as they arrive, print and write the leaderboard.
 */
export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('run a benchmark suite and print its leaderboard (results go to runs/<run-id>/)')
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
    )
    .action(async (flags: BenchFlags, command: Command) => {
      const explicit = new Set(
        Object.keys(flags).filter((name) => command.getOptionValueSource(name) === 'cli'),
      );
      await benchCommand(flags, { explicit });
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The bench command's body; `npm start` calls it with the quick suite on the baseline. */
export async function benchCommand(
  given: BenchFlags,
  options: { explicit?: ReadonlySet<string> } = {},
): Promise<void> {
  // Flags the user typed; called from code, every defined field counts as typed.
  const explicit =
    options.explicit ??
    new Set(
      Object.entries(given)
        .filter(([, value]) => value !== undefined)
        .map(([name]) => name),
    );
  const runId =
    given.resume ??
    given.runId ??
    `${given.data === undefined ? suiteIdFor(given.suite) : 'data'}-${timestamp()}`;
  if (!/^[A-Za-z0-9._-]+$/.test(runId))
    throw new InputError(
      'cli.bad_flag',
      `run id "${runId}" may hold only letters, digits, ".", "_" and "-"`,
      { field: given.resume === undefined ? 'run-id' : 'resume' },
    );
  const runDir = join(given.runsDir, runId);
  if (given.batch === true && given.window !== undefined) {
    throw new InputError(
      'cli.bad_flag',
      '--window does not work with --batch yet; run windows online (drop --batch)',
      { field: 'window' },
    );
  }
  checkDataFlags(given, explicit);
  if (
    given.resume !== undefined &&
    (given.limit !== undefined || given.sample !== undefined || given.tracks !== undefined)
  ) {
    throw new InputError(
      'cli.resume_conflict',
      `--limit, --sample and --tracks choose a new run's series; run ${runId} keeps the ones it started with, so drop them`,
      { field: 'limit' },
    );
  }
  const suite =
    given.resume !== undefined
      ? await suiteOfRun(runDir)
      : trialSubset(
          given.data !== undefined
            ? await dataSuite(dataSuiteFlags(given.data, given))
            : withWindow(
                withRats40kPath((await loadSuite(given.suite)).suite, given.rats40k),
                given,
              ),
          given,
        );
  // A resumed run continues with the settings it recorded; flags may repeat but not change what the
  // rows mean.
  const recordedSettings =
    given.resume === undefined ? undefined : await readRecordedSettings(runDir);
  const flags =
    given.resume === undefined
      ? given
      : await resumedFlags(given, { explicit, runId, suite, recorded: recordedSettings ?? {} });
  if (given.dryRun === true) {
    const dryProviders = (flags.provider ?? suite.models).map((spec) =>
      createProvider(spec, { env: process.env, timeoutMs: flags.timeoutMs }),
    );
    const dryPrices = await priceTable(
      flags,
      dryProviders.map((provider) => `${provider.name}:${provider.model}`),
      undefined,
    );
    process.stdout.write(
      await dryRunBill({
        suite,
        providers: dryProviders,
        concurrency: flags.concurrency,
        ...(flags.samples === undefined ? {} : { samples: flags.samples }),
        ...(dryPrices === undefined ? {} : { prices: dryPrices }),
      }),
    );
    return;
  }
  await mkdir(runDir, { recursive: true });
  const specs = flags.provider ?? recordedSettings?.providers ?? suite.models;
  const providers = specs.map((spec) =>
    createProvider(spec, {
      env: process.env,
      timeoutMs: flags.timeoutMs,
      ...(flags.endpointConcurrency === undefined
        ? {}
        : { endpointConcurrency: flags.endpointConcurrency }),
    }),
  );
  if (given.resume !== undefined && explicit.has('provider'))
    assertNoContradiction(runId, recordedSettings ?? {}, {
      providers: providers.map((provider) => provider.id),
    });
  // A resumed run keeps its self-consistency settings unless the flags change them.
  const recorded = given.resume === undefined ? null : await readRunSettings(runDir);
  const samples = flags.samples ?? recorded?.samples ?? 1;
  const vote = flags.vote ?? (samples === recorded?.samples ? recorded.vote : undefined);
  if (vote !== undefined && vote > samples)
    throw new InputError(
      'cli.bad_flag',
      `--vote ${vote} is more than --samples ${samples}; no index could ever win`,
      { field: 'vote' },
    );
  if (samples > 1 && (suite.sampling.temperature ?? 0) === 0) {
    process.stderr.write(
      `warning: --samples ${samples} with temperature ${suite.sampling.temperature ?? 'unset'}: samples differ only by seed; set sampling.temperature > 0 in the suite\n`,
    );
  }
  const prices = await priceTable(
    flags,
    providers.map((provider) => `${provider.name}:${provider.model}`),
    recordedSettings?.prices,
  );
  await recordSettings(runDir, {
    ...(prices === undefined ? {} : { prices }),
    providers: providers.map((provider) => provider.id),
    batch: flags.batch === true,
    samples,
    concurrency: flags.concurrency,
    timeoutMs: flags.timeoutMs,
    cache: flags.cache,
    ...(flags.endpointConcurrency === undefined
      ? {}
      : { endpointConcurrency: flags.endpointConcurrency }),
    ...(flags.batchPollMs === undefined ? {} : { batchPollMs: flags.batchPollMs }),
    ...(flags.maxCostUsd === undefined ? {} : { maxCostUsd: flags.maxCostUsd }),
  });
  // Batch backends read their keys here, at the edge, by the model id the user wrote.
  const batchBackends =
    flags.batch === true
      ? new Map(
          providers.map((provider, index) => [
            provider,
            createBatchBackend(specs[index] ?? provider.id, { env: process.env }),
          ]),
        )
      : undefined;

  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write(
      `\nstopping: calls in flight are dropped; continue with --resume ${runId}\n`,
    );
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const progress = createProgressReporter();
  process.stderr.write(
    `run ${runId}: suite ${suite.id}, ${providers.map((p) => p.id).join(', ')}\n`,
  );
  let result;
  try {
    result = await runBench({
      suite,
      providers,
      runDir,
      retryErrors: flags.retryErrors,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      onPreparing: (step) =>
        process.stderr.write(`preparing dataset ${step.index + 1}/${step.total}: ${step.track}\n`),
      samples,
      executor:
        batchBackends === undefined
          ? createOnlineExecutor({ concurrency: flags.concurrency, timeoutMs: flags.timeoutMs })
          : createBatchExecutor({
              backendFor: (provider) =>
                batchBackends.get(provider) ??
                createBatchBackend(provider.id, { env: process.env }),
              pollIntervalMs: flags.batchPollMs ?? 15_000,
              onEvent: (event) => {
                if (event.type === 'created')
                  process.stderr.write(
                    `${event.provider}: batch ${event.batchId} created (#${event.index}); safe to stop and --resume ${runId}\n`,
                  );
                if (event.type === 'collected')
                  process.stderr.write(
                    `${event.provider}: batch ${event.batchId} done: ${event.ok} answers, ${event.failed} failed\n`,
                  );
              },
            }),
      ...(flags.maxCostUsd === undefined ? {} : { maxCostUsd: flags.maxCostUsd }),
      ...(prices === undefined ? {} : { prices }),
      ...(flags.cache ? { cache: createDiskCache({ dir: flags.cacheDir }) } : {}),
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }
  if (result.preparedOnly === true) {
    process.stderr.write(
      `interrupted while preparing datasets; nothing was sent. Continue with --resume ${runId}\n`,
    );
    process.exitCode = 130;
    return;
  }
  // Recorded in run.json, so `scoreRun(runDir)` (and `anomscope report --run`) scores as printed
  // here.
  await recordRunVote(runDir, vote);
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
