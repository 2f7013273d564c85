import { z } from 'zod';
import type { SeriesJson } from '../schema/dataset.js';
import { labelSchema, type Label } from '../schema/label.js';

/** Where a RATs40K item came from, kept so an export writes the record back in its place. */
export const rats40kMetaSchema = z.object({
  split: z.enum(['TSAD_train', 'TSAD_test']),
  key: z.string(),
  source: z.string().nullable(),
  figurePath: z.string().nullable(),
  actionId: z.number().int().min(0),
  extra: z.record(z.string(), z.unknown()),
});
export type Rats40kMeta = z.infer<typeof rats40kMetaSchema>;

/** What one model said about one item (a `results.jsonl` row, trimmed to what a reviewer reads). */
export const modelAnswerSchema = z.object({
  /**
   * Display name, e.g. `baseline:default` (with prompt/modality appended when one item has
   * several).
   */
  model: z.string(),
  status: z.enum(['ok', 'parse_error', 'error']),
  anomalous: z.boolean().nullable(),
  /** Half-open index intervals `[start, end)`. */
  intervals: z.array(z.tuple([z.number(), z.number()])).nullable(),
  channels: z.array(z.number()).nullable(),
  category: z.string().nullable(),
  summary: z.string().nullable(),
  anomalies: z.array(
    z.object({
      start: z.number(),
      end: z.number(),
      category: z.string(),
      confidence: z.number().nullable(),
      severity: z.string().nullable(),
      explanation: z.string(),
    }),
  ),
  error: z.string().nullable(),
});
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

/** One item to review, as sources produce it before it enters the store. */
export interface ReviewItemInput {
  /** Unique key inside the store (`<track>/<seriesId>` for runs, the series id otherwise). */
  key: string;
  series: SeriesJson;
  /** Where it came from (run id, split file, series file), for the reviewer's eye. */
  source: string;
  track: string | null;
  /** The label that came with the data (generator truth, RATs40K label, `--labels`), or null. */
  label: Label | null;
  answers: ModelAnswer[];
  rats40k: Rats40kMeta | null;
}

/** Review status of a history entry; `unreviewed` only appears after undoing the first entry. */
export const reviewStatuses = ['accepted', 'rejected', 'edited', 'new', 'unreviewed'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** What a write asked for. */
export const reviewActions = ['accept', 'reject', 'edit', 'normal', 'undo', 'import'] as const;
export type ReviewAction = (typeof reviewActions)[number];

/** One append-only history entry: the label of (item, reviewer) as of `version`. */
export interface HistoryEntry {
  itemId: number;
  reviewer: string;
  /** 1 for the first entry of (item, reviewer); every write adds one. */
  version: number;
  status: ReviewStatus;
  action: ReviewAction;
  /** The full label as of this entry; null when `unreviewed`. */
  label: Label | null;
  /** For undo entries: the version whose state this entry brought back (0 = none). */
  restoresVersion: number | null;
  createdAt: string;
}

/** Current state of (item, reviewer): version 0 and no entry when never reviewed. */
export interface CurrentLabel {
  version: number;
  entry: HistoryEntry | null;
}

/** Reviewer names: short, printable, no path or markup characters. */
export const reviewerSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/,
    'reviewer names use letters, digits, ".", "_", "@" and "-" (at most 64)',
  );

/** Body of a label write from the page. */
export const writeBodySchema = z.object({
  /** The version the page was looking at; a different current version is a conflict (409). */
  baseVersion: z.number().int().min(0),
  action: z.enum(['accept', 'reject', 'edit', 'normal', 'undo']),
  /** Required for `edit`; `seriesId` is taken from the item whatever is sent. */
  label: labelSchema
    .omit({ seriesId: true })
    .extend({ explanation: z.string().max(20_000).nullable() })
    .optional(),
  reviewer: reviewerSchema.optional(),
});
export type WriteBody = z.infer<typeof writeBodySchema>;
