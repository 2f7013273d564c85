/**
 * First step of `anomscope bench`: check the flags, name the run, choose its suite and the flags
 * it runs with (a resumed run's recorded ones), and print the bill of a dry run.
 */
import { join } from 'node:path';
import { loadSuite, type Suite } from '../bench/suite.js';
import { InputError } from '../errors.js';
import { createProvider } from '../providers/registry.js';
import { dataSuite } from './bench-data.js';
import type { BenchFlags } from './bench-flags.js';
import { priceTable, resumedFlags } from './bench-resume.js';
import { readRecordedSettings, type RecordedSettings } from './bench-settings.js';
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
import { dryRunBill } from './dry-run.js';

/** A run whose flags are checked and whose suite is chosen; nothing is written yet. */
export interface PreparedRun {
  /** The flags as typed. */
  given: BenchFlags;
  /** Names of the flags the user typed. */
  explicit: ReadonlySet<string>;
  runId: string;
  runDir: string;
  suite: Suite;
  /** The flags the run goes with: `given`, filled in from the recorded settings on --resume. */
  flags: BenchFlags;
  /** What a resumed run recorded in run.json; undefined for a new run. */
  recordedSettings: Partial<RecordedSettings> | undefined;
}

/** Flags the user typed; called from code, every defined field counts as typed. */
export function explicitFlags(given: BenchFlags): ReadonlySet<string> {
  return new Set(
    Object.entries(given)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name),
  );
}

/** Checks the flags against each other, names the run and chooses its suite and flags. */
export async function prepareRun(
  given: BenchFlags,
  explicit: ReadonlySet<string>,
): Promise<PreparedRun> {
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
  return { given, explicit, runId, runDir, suite, flags, recordedSettings };
}

/** `--dry-run`: builds every request without sending any and prints the bill on stdout. */
export async function printDryRun(run: PreparedRun): Promise<void> {
  const { flags, suite } = run;
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
}
