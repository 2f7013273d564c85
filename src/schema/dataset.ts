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
