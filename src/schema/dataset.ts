import { z } from 'zod';
import { labelSchema } from './label.js';

/**
 * A series as stored in dataset and result files: plain JSON, NaN written as null.
 * Loaders in `src/series/` turn it into a `Series`.
 */
export const seriesJsonSchema = z.object({
  id: z.string().min(1),
  channels: z.array(z.string()).min(1),
  values: z.array(z.array(z.number().nullable())).min(1),
  timestamps: z.array(z.number()).optional(),
  context: z
    .object({
      domain: z.string().optional(),
      description: z.string().optional(),
      unit: z.string().optional(),
    })
    .optional(),
});
export type SeriesJson = z.infer<typeof seriesJsonSchema>;

/**
 * One split of a generated or imported dataset, written as `<out>/<dataset>/<type>/<split>.json`.
 * `meta` records how it was made (generator, seed, options) so a run can be reproduced.
 */
export const datasetSplitSchema = z.object({
  dataset: z.string(),
  type: z.string(),
  split: z.string(),
  meta: z.record(z.string(), z.unknown()),
  items: z.array(z.object({ series: seriesJsonSchema, label: labelSchema })),
});
export type DatasetSplit = z.infer<typeof datasetSplitSchema>;

/**
 * Channel values of a stored series, checked as strictly as `seriesJsonSchema` (at least one
 * channel, each an array of finite numbers or null) by one plain loop: zod's per-element checks
 * and copies were most of the time of re-reading a large run's datasets.
 */
const storedValuesSchema = z.custom<(number | null)[][]>(
  (input) => {
    if (!Array.isArray(input) || input.length === 0) return false;
    for (const channel of input as unknown[]) {
      if (!Array.isArray(channel)) return false;
      for (const value of channel as unknown[])
        if (value !== null && !(typeof value === 'number' && Number.isFinite(value))) return false;
    }
    return true;
  },
  { message: 'must be a non-empty array of channels, each an array of numbers or null' },
);

/**
 * {@link datasetSplitSchema} with the same checks, faster on long series: for re-reading the
 * datasets a run wrote (scoring, resume).
 */
export const storedDatasetSplitSchema = datasetSplitSchema.extend({
  items: z.array(
    z.object({
      series: seriesJsonSchema.extend({ values: storedValuesSchema }),
      label: labelSchema,
    }),
  ),
});

/** One item of {@link storedDatasetSplitSchema}, for reading a run's dataset item by item. */
export const storedDatasetItemSchema = storedDatasetSplitSchema.shape.items.element;
