import type { DatasetSplit } from '../schema/dataset.js';

/** Summary numbers of a labelled split, comparable with the published measurements. */
export interface DatasetStats {
  series: number;
  /** Share of series whose label has no anomaly. */
  emptyShare: number;
  /**
   * Mean over series of (labelled indices / series length), intervals merged first; null without
   * interval labels.
   */
  meanLabelRatio: number | null;
  /** Mean number of label intervals per series; null without interval labels. */
  meanIntervals: number | null;
  /** Mean number of anomalous channels per series; null without channel labels. */
  meanChannels: number | null;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Computes label statistics of a split (label ratio, intervals and channels per series, empty
 * share).
 */
export function datasetStats(split: DatasetSplit): DatasetStats {
  const ratios: number[] = [];
  const intervalCounts: number[] = [];
  const channelCounts: number[] = [];
  let empty = 0;
  for (const { series, label } of split.items) {
    if (!label.anomalous) empty += 1;
    const length = series.values[0]?.length ?? 0;
    if (label.intervals !== null) {
      const covered = new Set<number>();
      for (const [start, end] of label.intervals)
        for (let index = start; index < end; index += 1) covered.add(index);
      ratios.push(length === 0 ? 0 : covered.size / length);
      intervalCounts.push(label.intervals.length);
    }
    if (label.channels !== null) channelCounts.push(label.channels.length);
  }
  const count = split.items.length;
  return {
    series: count,
    emptyShare: count === 0 ? 0 : empty / count,
    meanLabelRatio: mean(ratios),
    meanIntervals: mean(intervalCounts),
    meanChannels: mean(channelCounts),
  };
}
