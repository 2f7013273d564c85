import { z } from 'zod';
import { answerSchema } from '../schema/answer.js';

/**
 * One line of `runs/<id>/results.jsonl`: everything one work item produced, paid-for text
 * included, so scores can be recomputed and nothing has to be asked again.
 */
export const resultRowSchema = z.object({
  /** Stable, human-readable identity of the work item; resume skips completed keys. */
  key: z.string(),
  track: z.string(),
  seriesId: z.string(),
  provider: z.string(),
  model: z.string(),
  task: z.enum(['point', 'range', 'variate', 'diagnose']),
  modality: z.enum(['image', 'text', 'both']),
  /**
   * What the model read when it was not the track's modality: the in-process `baseline` reads the
   * numbers whatever the track would show a model. Absent for every other provider.
   */
  reads: z.enum(['numbers']).optional(),
  hints: z.enum(['none', 'baseline']),
  /** Self-consistency sample number, 0 for single-sample runs. */
  sample: z.number().int().min(0),
  prompt: z.object({ id: z.string(), version: z.string() }),
  status: z.enum(['ok', 'parse_error', 'error']),
  answer: answerSchema.nullable(),
  /** Half-open index intervals `[start, end)` of the answer. */
  intervals: z.array(z.tuple([z.number(), z.number()])).nullable(),
  /** With timestamps: each interval's first and last row as ISO time, to join back to raw files. */
  times: z.array(z.tuple([z.string(), z.string()])).optional(),
  channels: z.array(z.number()).nullable(),
  category: z.string().nullable(),
  /** The model's final text, kept even when it did not parse. */
  rawText: z.string().nullable(),
  error: z
    .object({ code: z.string(), message: z.string(), status: z.number().optional() })
    .nullable(),
  usage: z
    .object({
      inputTokens: z.number(),
      outputTokens: z.number(),
      cachedInputTokens: z.number().optional(),
      reasoningTokens: z.number().optional(),
    })
    .nullable(),
  costUsd: z.number().nullable(),
  latencyMs: z.number().nullable(),
  attempts: z.number().int(),
  cached: z.boolean(),
  repaired: z.boolean(),
  requestKey: z.string().nullable(),
  finishedAt: z.string(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

/** The key of a work item: readable, and the same across resumes of one run. */
export function workKey(parts: {
  track: string;
  seriesId: string;
  provider: string;
  prompt: string;
  modality: string;
  hints: string;
  sample: number;
}): string {
  return [
    parts.track,
    parts.seriesId,
    parts.provider,
    parts.prompt,
    parts.modality,
    parts.hints,
    `s${parts.sample}`,
  ].join('|');
}

/**
 * The row in force for each key: the last one written (a `--retry-errors` resume appends a new
 * row for a key that had failed).
 */
export function latestRows(rows: readonly ResultRow[]): Map<string, ResultRow> {
  const latest = new Map<string, ResultRow>();
  for (const row of rows) latest.set(row.key, row);
  return latest;
}
