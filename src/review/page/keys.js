// Number keys pick a category: `1`…`9` directly; with ten or more categories, a `1` waits a moment
// for a second digit (`1` then `3` is category 13). Pure state machine; the page runs the timer.

/** How long a digit that may start a two-digit number waits for the next one (ms). */
export const DIGIT_WAIT_MS = 700;

/**
 * Next state after `digit` with `pending` (a waiting first digit or null) and `count` categories:
 * `{ pick, pending }` where `pick` is the 1-based number to choose now (or null) and `pending` is
 * a digit to keep waiting on (pick it when the wait runs out).
 */
export function pressDigit(pending, digit, count) {
  if (pending !== null) {
    const both = pending * 10 + digit;
    if (both <= count) return { pick: both, pending: null };
    // Not a number in the list: the first digit stands, and this one starts afresh.
    const next = pressDigit(null, digit, count);
    return { pick: pending, pending: next.pending, then: next.pick };
  }
  if (digit < 1 || digit > count) return { pick: null, pending: null };
  if (digit * 10 <= count) return { pick: null, pending: digit };
  return { pick: digit, pending: null };
}
