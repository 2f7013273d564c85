/** What a `bench` run takes from an earlier run and from price flags: resumed flags, prices. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadSuite, type Suite } from '../bench/suite.js';
import type { ModelPrice } from '../detect/prices.js';
import { InputError } from '../errors.js';
import type { BenchFlags } from './bench-flags.js';
import { assertNoContradiction, type RecordedSettings } from './bench-settings.js';

/**
 * The flags of a resumed run: recorded settings fill in what the user did not type; typed ones may
 * not contradict them.
 */
export async function resumedFlags(
  flags: BenchFlags,
  context: {
    explicit: ReadonlySet<string>;
    runId: string;
    suite: Suite;
    recorded: Partial<RecordedSettings>;
  },
): Promise<BenchFlags> {
  const { explicit, recorded, runId } = context;
  if (explicit.has('suite')) {
    const named = (await loadSuite(flags.suite)).suite;
    if (named.id !== context.suite.id) {
      throw new InputError(
        'cli.resume_conflict',
        `--suite ${flags.suite} (suite "${named.id}") contradicts run ${runId}, which runs suite "${context.suite.id}"; drop --suite to continue the run`,
        { field: 'suite' },
      );
    }
  }
  if (explicit.has('rats40k'))
    throw new InputError(
      'cli.resume_conflict',
      `--rats40k is not needed with --resume: run ${runId} keeps its dataset in its folder; drop --rats40k`,
      { field: 'rats40k' },
    );
  assertNoContradiction(runId, recorded, {
    ...(explicit.has('batch') && flags.batch !== undefined ? { batch: flags.batch } : {}),
    ...(explicit.has('samples') && flags.samples !== undefined ? { samples: flags.samples } : {}),
  });
  const pick = <K extends keyof BenchFlags & keyof RecordedSettings>(
    name: K,
  ): Partial<BenchFlags> =>
    explicit.has(name) || recorded[name] === undefined
      ? {}
      : ({ [name]: recorded[name] } as Partial<BenchFlags>);
  return {
    ...flags,
    ...pick('batch'),
    ...pick('samples'),
    ...pick('concurrency'),
    ...pick('timeoutMs'),
    ...pick('endpointConcurrency'),
    ...pick('batchPollMs'),
    ...pick('maxCostUsd'),
    ...pick('cache'),
  };
}

const pricesFileSchema = z.record(
  z.string(),
  z.object({
    inputPerMillion: z.number().min(0),
    outputPerMillion: z.number().min(0),
    cachedInputPerMillion: z.number().min(0).optional(),
  }),
);

/**
 * Prices from `--prices` and `--price-per-mtok` (which wins, for this run's models), else those the
 * run recorded.
 */
export async function priceTable(
  flags: BenchFlags,
  models: readonly string[],
  recorded: Record<string, ModelPrice> | undefined,
): Promise<Record<string, ModelPrice> | undefined> {
  if (flags.prices === undefined && flags.pricePerMtok === undefined) return recorded;
  let table: Record<string, ModelPrice> = {};
  if (flags.prices !== undefined) {
    let text: string;
    try {
      text = await readFile(flags.prices, 'utf8');
    } catch (error) {
      throw new InputError(
        'cli.bad_flag',
        `--prices ${flags.prices}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        { file: flags.prices, field: 'prices' },
        { cause: error },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputError(
        'cli.bad_flag',
        `--prices ${flags.prices} is not valid JSON; expected {"provider:model": {"inputPerMillion": 2.5, "outputPerMillion": 10}}`,
        { file: flags.prices },
        { cause: error },
      );
    }
    const parsed = pricesFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      throw new InputError(
        'cli.bad_flag',
        `--prices ${flags.prices}: field "${field}" ${issue?.message ?? 'is invalid'}; each entry needs inputPerMillion and outputPerMillion (USD per million tokens)`,
        { file: flags.prices, field },
      );
    }
    table = parsed.data;
  }
  if (flags.pricePerMtok !== undefined) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(flags.pricePerMtok);
    if (match === null)
      throw new InputError(
        'cli.bad_flag',
        `--price-per-mtok "${flags.pricePerMtok}" must be two numbers, input,output USD per million tokens, e.g. 2.5,10`,
        { field: 'price-per-mtok' },
      );
    for (const model of models)
      table[model] = { inputPerMillion: Number(match[1]), outputPerMillion: Number(match[2]) };
  }
  return table;
}
