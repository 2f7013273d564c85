import { z } from 'zod';

const indexInterval = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([start, end]) => end > start, {
    message: 'interval end must be greater than start ([start, end) is half-open)',
  });

/**
 * Ground truth for one series. Intervals are half-open index intervals `[start, end)`.
 * `intervals: null` means the label says nothing about where (RATs40K labels only the series).
 */
export const labelSchema = z.object({
  seriesId: z.string().min(1),
  anomalous: z.boolean(),
  intervals: z.array(indexInterval).nullable(),
  /** Anomalous channel indices (variate-wise tasks), or null when not labelled per channel. */
  channels: z.array(z.number().int().min(0)).nullable(),
  /**
   * Per interval (same order and length as `intervals`), the channels it covers; null for an
   * interval over every channel. Absent when intervals are not labelled per channel.
   */
  intervalChannels: z
    .array(z.array(z.number().int().min(0)).nullable())
    .nullable()
    .optional(),
  /** RATs40K category name, or null when the source has none. */
  category: z.string().nullable(),
  explanation: z.string().nullable(),
  /** Generator anomaly type (`global`, `trend`, `triangle`, ...), when generated. */
  type: z.string().nullable().optional(),
});

export type Label = z.infer<typeof labelSchema>;
