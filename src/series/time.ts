/**
 * ISO-8601 timestamps without `Date.parse`: a date or date-time without an offset is read as UTC,
 * so the result never depends on the machine's time zone.
 */

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const code = text.charCodeAt(index) - 48;
    if (!(code >= 0 && code <= 9)) return -1;
    value = value * 10 + code;
  }
  return value;
}

function offsetMinutes(text: string, start: number): number | undefined {
  const rest = text.length - start;
  if (rest === 1 && (text[start] === 'Z' || text[start] === 'z')) return 0;
  const sign = text[start] === '+' ? 1 : text[start] === '-' ? -1 : 0;
  if (sign === 0) return undefined;
  const hours = digitsAt(text, start + 1, 2);
  let minutes: number;
  if (rest === 3) minutes = 0;
  else if (rest === 6 && text[start + 3] === ':') minutes = digitsAt(text, start + 4, 2);
  else if (rest === 5) minutes = digitsAt(text, start + 3, 2);
  else return undefined;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

/**
 * Epoch milliseconds of an ISO-8601 date (`2024-01-31`) or date-time (`2024-01-31T12:00`,
 * `2024-01-31 12:00:00.250+02:00`, `...Z`), or undefined when the text is not one.
 */
export function parseIsoTimestamp(text: string): number | undefined {
  if (text.length < 10 || text[4] !== '-' || text[7] !== '-') return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let index = 10;
  if (text.length > 10) {
    const separator = text[10];
    if (separator !== 'T' && separator !== 't' && separator !== ' ') return undefined;
    if (text[13] !== ':') return undefined;
    hour = digitsAt(text, 11, 2);
    minute = digitsAt(text, 14, 2);
    index = 16;
    if (text[16] === ':') {
      second = digitsAt(text, 17, 2);
      index = 19;
      if (text[19] === '.') {
        let fractionDigits = 0;
        let fraction = 0;
        index = 20;
        while (
          index < text.length &&
          text.charCodeAt(index) >= 48 &&
          text.charCodeAt(index) <= 57
        ) {
          if (fractionDigits < 3) fraction = fraction * 10 + (text.charCodeAt(index) - 48);
          fractionDigits += 1;
          index += 1;
        }
        if (fractionDigits === 0) return undefined;
        for (let padded = fractionDigits; padded < 3; padded += 1) fraction *= 10;
        millisecond = fraction;
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
      return undefined;
  }
  let offset = 0;
  if (index < text.length) {
    const parsed = offsetMinutes(text, index);
    if (parsed === undefined) return undefined;
    offset = parsed;
  }
  // Date.UTC maps years 0..99 to 1900..1999, so set the full year explicitly.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond));
  date.setUTCFullYear(year);
  // An impossible date such as 2023-02-30 rolls over into March; a real calendar date round-trips.
  if (date.getUTCDate() !== day) return undefined;
  return date.getTime() - offset * 60_000;
}

/** ISO-8601 UTC text of epoch milliseconds, for error messages. */
export function formatTimestamp(epochMs: number): string {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= 8.64e15
    ? new Date(epochMs).toISOString()
    : String(epochMs);
}
