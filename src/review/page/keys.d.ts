// Types of keys.js (the page is plain JS; these let the TypeScript tests import it).
export const DIGIT_WAIT_MS: number;
export function pressDigit(
  pending: number | null,
  digit: number,
  count: number,
): { pick: number | null; pending: number | null; then?: number | null };
