import { z } from 'zod';
import { readRunJson, updateRunFile } from '../bench/run-files.js';
import { InputError } from '../errors.js';
import { join } from 'node:path';

/** What `bench` records in run.json so `--resume <id>` continues the run exactly as it started. */
export const recordedSettingsSchema = z.object({
  providers: z.array(z.string()).min(1),
  batch: z.boolean(),
  samples: z.number().int().min(1),
  concurrency: z.number().int().min(1),
  timeoutMs: z.number().int().min(1),
  endpointConcurrency: z.number().int().min(1).optional(),
  batchPollMs: z.number().int().min(0).optional(),
  maxCostUsd: z.number().min(0).optional(),
  cache: z.boolean(),
  prices: z
    .record(
      z.string(),
      z.object({
        inputPerMillion: z.number(),
        outputPerMillion: z.number(),
        cachedInputPerMillion: z.number().optional(),
      }),
    )
    .optional(),
});
export type RecordedSettings = z.infer<typeof recordedSettingsSchema>;

const runFileSchema = z.looseObject({
  settings: recordedSettingsSchema.optional(),
  providers: z.array(z.string()).optional(),
  batch: z.boolean().optional(),
  samples: z.number().int().min(1).optional(),
});

/** The settings a run recorded; an older run.json without them gives what it has. */
export async function readRecordedSettings(
  runDir: string,
): Promise<Partial<RecordedSettings> | undefined> {
  const file = await readRunJson(
    join(runDir, 'run.json'),
    runFileSchema,
    'delete run.json and resume with every setting given as flags',
  );
  if (file === undefined) return undefined;
  if (file.settings !== undefined) return file.settings;
  return {
    ...(file.providers === undefined ? {} : { providers: file.providers }),
    ...(file.batch === undefined ? {} : { batch: file.batch }),
    ...(file.samples === undefined ? {} : { samples: file.samples }),
  };
}

/** Writes the run's settings into run.json before any work starts. */
export async function recordSettings(runDir: string, settings: RecordedSettings): Promise<void> {
  await updateRunFile(runDir, { settings });
}

/**
 * Settings that decide what a run's rows mean: on resume a flag may repeat them but not change
 * them. Operational ones (concurrency, timeouts, the cost cap) may change.
 */
export function assertNoContradiction(
  runId: string,
  recorded: Partial<RecordedSettings>,
  given: { providers?: readonly string[]; batch?: boolean; samples?: number; cache?: boolean },
): void {
  const clash = (flag: string, was: string, now: string): InputError =>
    new InputError(
      'cli.resume_conflict',
      `--${flag} ${now} contradicts run ${runId}, which ran with ${was}; drop --${flag} to continue the run as it started, or start a new run with --run-id`,
      { field: flag },
    );
  if (
    given.providers !== undefined &&
    recorded.providers !== undefined &&
    [...given.providers].sort().join(',') !== [...recorded.providers].sort().join(',')
  ) {
    throw clash('provider', recorded.providers.join(', '), given.providers.join(', '));
  }
  if (given.batch !== undefined && recorded.batch !== undefined && given.batch !== recorded.batch)
    throw clash(
      'batch',
      recorded.batch ? '--batch' : 'online calls',
      given.batch ? '(on)' : '(off)',
    );
  if (
    given.samples !== undefined &&
    recorded.samples !== undefined &&
    given.samples !== recorded.samples
  )
    throw clash('samples', `--samples ${recorded.samples}`, String(given.samples));
}
