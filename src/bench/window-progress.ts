import { windowRanges } from '../detect/windows.js';
import type { DatasetItem } from '../datasets/streamed.js';
import type { DatasetSplit } from '../schema/dataset.js';
import type { Track } from './suite.js';

/** Calls (windows) done and to do when tracks send long series as rolling windows. */
export interface WindowCount {
  done: number;
  total: number;
  /** Windows of items an earlier run of this run id completed. */
  resumed: number;
}

/** Calls one series of a track takes: its number of windows, or 1 when sent whole. */
export function windowsOfItem(track: Track, split: DatasetSplit, itemIndex: number): number {
  return windowsOfSeries(track, split.items[itemIndex]);
}

/** {@link windowsOfItem} of one dataset item. */
export function windowsOfSeries(track: Track, entry: DatasetItem | undefined): number {
  if (track.window === undefined) return 1;
  const length = entry?.series.values[0]?.length ?? 0;
  return windowRanges(length, {
    window: track.window,
    ...(track.stride === undefined ? {} : { stride: track.stride }),
  }).length;
}

/**
 * Counts windows as they are answered, so a progress bar moves per call: a window answered adds
 * one to its item; the item's row settles it at its full count (an error mid-series included).
 */
export function createWindowTally(count: WindowCount): {
  /** An item of `windows` windows is part of the run (`done` when an earlier run finished it). */
  add(key: string, windows: number, options: { done: boolean }): void;
  /** One window of the item was answered. */
  window(key: string): void;
  /** The item's row arrived. */
  row(key: string): void;
} {
  const windowsByKey = new Map<string, number>();
  const partial = new Map<string, number>();
  return {
    add(key, windows, options) {
      windowsByKey.set(key, windows);
      count.total += windows;
      if (options.done) {
        count.done += windows;
        count.resumed += windows;
      }
    },
    window(key) {
      partial.set(key, (partial.get(key) ?? 0) + 1);
      count.done += 1;
    },
    row(key) {
      count.done += (windowsByKey.get(key) ?? 1) - (partial.get(key) ?? 0);
      partial.delete(key);
    },
  };
}
