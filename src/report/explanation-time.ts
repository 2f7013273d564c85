import { formatTime } from './format.js';

/** `x=12` or `x=12–15` (en dash or hyphen), as the baseline detector writes row indices. */
const INDEX_REF = /(\()?\bx=(\d+)(?:[–-](\d+))?(\))?/g;

/** `2014-03-14 09:06:00 UTC` → `2014-03-14 09:06` (no zone, no `:00` seconds). */
function shortTime(epochMs: number): string {
  return formatTime(epochMs)
    .replace(/ UTC$/, '')
    .replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d):00$/, '$1');
}

/**
 * An explanation whose row references (`x=1532`, `x=1532–1533`) are put in time first, rows
 * second, as the rest of a report with timestamps: `2014-03-14 09:06 → 09:11 UTC (rows
 * 1532–1533)`, and `(x=1533)` becomes `(2014-03-14 09:11 UTC, row 1533)`. Indices outside the
 * series stay as they are. For answers whose x is the row index (the baseline's, or a model's on
 * the plain index axis); the answer itself is left unchanged, only the report's text.
 * @example explanationInTime('peak at x=1', [0, 60_000]) // 'peak at 1970-01-01 00:01 UTC (row 1)'
 */
export function explanationInTime(text: string, timestamps: readonly number[]): string {
  const at = (index: number): string | undefined => {
    const stamp = timestamps[index];
    return stamp === undefined || !Number.isFinite(stamp) ? undefined : shortTime(stamp);
  };
  return text.replace(
    INDEX_REF,
    (
      match: string,
      open: string | undefined,
      first: string,
      last: string | undefined,
      close: string | undefined,
    ) => {
      const start = at(Number(first));
      const end = last === undefined ? start : at(Number(last));
      if (start === undefined || end === undefined) return match;
      const [startDay] = start.split(' ');
      const endText = end.startsWith(`${startDay} `) ? end.slice(startDay!.length + 1) : end;
      const time = last === undefined || start === end ? start : `${start} → ${endText}`;
      const rows = last === undefined ? `row ${first}` : `rows ${first}–${last}`;
      // inside brackets of its own: one pair, not two
      if (open !== undefined && close !== undefined) return `(${time} UTC, ${rows})`;
      return `${open ?? ''}${time} UTC (${rows})${close ?? ''}`;
    },
  );
}
