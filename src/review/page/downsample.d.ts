// Types of downsample.js (the page is plain JS; these let the TypeScript tests import it).
export type Point = [row: number, value: number];
export function minMaxPoints(
  values: readonly (number | null)[],
  options: { start: number; end: number; columns: number },
): (Point | null)[];
export function pointsRange(points: readonly (Point | null)[]): { lo: number; hi: number } | null;
