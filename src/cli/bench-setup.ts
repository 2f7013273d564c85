/**
 * Second step of `anomscope bench`: create the run folder, the providers, the self-consistency
 * settings and the price table, record them in run.json, and make the batch backends.
 */
import { mkdir } from 'node:fs/promises';
import { readRunSettings } from '../bench/leaderboard.js';
import { createBatchBackend, type BatchBackend } from '../batch/index.js';
import type { ModelPrice } from '../detect/prices.js';
import { InputError } from '../errors.js';
import { createProvider } from '../providers/registry.js';
import type { Provider } from '../providers/types.js';
import type { PreparedRun } from './bench-prepare.js';
import { priceTable } from './bench-resume.js';
import { assertNoContradiction, recordSettings } from './bench-settings.js';

/** What a prepared run sends with: its providers, samples, vote, prices and batch backends. */
export interface RunSetup {
  providers: Provider[];
  /** Answers per series (self-consistency). */
  samples: number;
  /** Samples that must mark an index; undefined means a majority. */
  vote: number | undefined;
  prices: Record<string, ModelPrice> | undefined;
  /** With --batch: the batch backend of each provider. */
  batchBackends: Map<Provider, BatchBackend> | undefined;
}

/** Creates the run folder and the providers, checks and records the run's settings. */
export async function setUpRun(run: PreparedRun): Promise<RunSetup> {
  const { given, explicit, runId, runDir, suite, flags, recordedSettings } = run;
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
  return { providers, samples, vote, prices, batchBackends };
}
