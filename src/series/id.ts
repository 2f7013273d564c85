import { basename, extname } from 'node:path';

/**
 * The series id a file gives: its base name without the last extension (`data/temp.csv` → `temp`).
 */
export function seriesIdFromFile(file: string): string {
  const base = basename(file);
  const id = base.slice(0, base.length - extname(base).length);
  return id.length > 0 ? id : base;
}
