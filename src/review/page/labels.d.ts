// Types of labels.js (the page is plain JS; these let the TypeScript tests import it).
export type Interval = [number, number];
export function mergeLabelled(
  intervals: readonly Interval[],
  perInterval?: readonly (number[] | null)[] | null,
): { intervals: Interval[]; intervalChannels: (number[] | null)[] | null };
export function normalizeChannels<
  T extends { intervals: Interval[] | null; intervalChannels?: (number[] | null)[] | null },
>(label: T, channelCount: number): T;
