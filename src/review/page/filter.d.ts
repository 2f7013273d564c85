// Types of filter.js (the page is plain JS; these let the TypeScript tests and bench import it).
export interface QueueRow {
  id: number;
  track: string | null;
  status: string;
  category: string | null;
  modelCategories: string[];
  models: string[];
  disagreement: number;
}
export interface QueueFilters {
  unreviewed: boolean;
  disagreementsFirst: boolean;
  category: string;
  model: string;
  track?: string;
}
export function filterItems<T extends QueueRow>(
  items: readonly T[],
  filters: QueueFilters,
  selectedId?: number | null,
): T[];
export function progressByTrack(
  items: readonly Pick<QueueRow, 'track' | 'status'>[],
): { track: string; reviewed: number; total: number }[];
