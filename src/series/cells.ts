/**
 * Cell-level parsing shared by the CSV loader: numbers, missing-value markers, infinities.
 * Hand-rolled over char codes because it runs once per cell (millions of times per file).
 */

/**
 * Result of reading one cell: a finite number, NaN for a missing marker, ±Infinity, or undefined
 * for text.
 */
export type CellNumber = number | undefined;

const missingMarkers = new Set(['nan', 'null', 'na', 'n/a', 'none']);
const infinityMarkers = new Map<string, number>([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** The cell without surrounding spaces or tabs; allocates only when there are some. */
export function trimCell(cell: string): string {
  const last = cell.length - 1;
  if (last < 0 || (!isSpace(cell.charCodeAt(0)) && !isSpace(cell.charCodeAt(last)))) return cell;
  return cell.trim();
}

/**
 * True when the text is a plain decimal number: optional sign, digits with an optional point,
 * optional exponent.
 */
export function isDecimalNumber(text: string): boolean {
  const length = text.length;
  let index = 0;
  let code = text.charCodeAt(0);
  if (code === 43 || code === 45) index += 1; // + -
  let digits = 0;
  while (index < length && (code = text.charCodeAt(index)) >= 48 && code <= 57) {
    index += 1;
    digits += 1;
  }
  if (index < length && text.charCodeAt(index) === 46) {
    index += 1;
    while (index < length && (code = text.charCodeAt(index)) >= 48 && code <= 57) {
      index += 1;
      digits += 1;
    }
  }
  if (digits === 0) return false;
  if (index < length && (text.charCodeAt(index) | 32) === 101) {
    index += 1;
    code = text.charCodeAt(index);
    if (code === 43 || code === 45) index += 1;
    let exponentDigits = 0;
    while (index < length && (code = text.charCodeAt(index)) >= 48 && code <= 57) {
      index += 1;
      exponentDigits += 1;
    }
    if (exponentDigits === 0) return false;
  }
  return index === length;
}

const powersOfTen = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);

/**
 * The value of a plain decimal number, or undefined when the text is not one (same grammar as
 * `isDecimalNumber`). Up to 15 digits without exponent take an exact fast path (integer mantissa
 * divided by an exact power of ten is correctly rounded); anything else goes through `Number`.
 */
export function parseDecimal(text: string): number | undefined {
  const length = text.length;
  let index = 0;
  let code = text.charCodeAt(0);
  const negative = code === 45;
  if (negative || code === 43) index = 1;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  while (index < length && (code = text.charCodeAt(index)) >= 48 && code <= 57) {
    mantissa = mantissa * 10 + (code - 48);
    digits += 1;
    index += 1;
  }
  if (index < length && code === 46) {
    index += 1;
    while (index < length && (code = text.charCodeAt(index)) >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits += 1;
      fractionDigits += 1;
      index += 1;
    }
  }
  if (digits === 0) return undefined;
  if (index === length && digits <= 15) {
    const value = fractionDigits === 0 ? mantissa : mantissa / (powersOfTen[fractionDigits] ?? 1);
    return negative ? -value : value;
  }
  return isDecimalNumber(text) ? Number(text) : undefined;
}

/**
 * True for an empty cell or a missing-value marker (`NaN`, `null`, `NA`, `N/A`, `None`, any case).
 */
export function isMissingCell(trimmed: string): boolean {
  return trimmed.length === 0 || (trimmed.length <= 4 && missingMarkers.has(trimmed.toLowerCase()));
}

/**
 * Reads a trimmed cell as a number: NaN for missing, ±Infinity for `inf`/`Infinity` or an
 * overflowing
 * literal such as `1e400`, undefined when the cell is not a number at all.
 */
export function parseNumberCell(trimmed: string): CellNumber {
  if (trimmed.length === 0) return Number.NaN;
  const value = parseDecimal(trimmed);
  if (value !== undefined) return value;
  if (isMissingCell(trimmed)) return Number.NaN;
  return infinityMarkers.get(trimmed.toLowerCase());
}

/** True when a cell looks like a number written with a decimal comma, e.g. `12,5`. */
export function looksLikeDecimalComma(trimmed: string): boolean {
  const comma = trimmed.indexOf(',');
  return (
    comma > 0 &&
    trimmed.indexOf(',', comma + 1) === -1 &&
    isDecimalNumber(trimmed.replace(',', '.'))
  );
}
