import { inputError, quote } from './fail.js';

/** Formats the loaders read. */
export type SeriesFormat = 'csv' | 'json' | 'ndjson';

const sampleBytes = 65_536;
const notSeriesFix = 'give a CSV, JSON or NDJSON file of numbers';

interface Signature {
  bytes: readonly number[];
  what: string;
  fix: string;
}

const signatures: readonly Signature[] = [
  {
    bytes: [0x89, 0x50, 0x4e, 0x47],
    what: 'a PNG image',
    fix: `${notSeriesFix}, not a picture of a chart`,
  },
  {
    bytes: [0xff, 0xd8, 0xff],
    what: 'a JPEG image',
    fix: `${notSeriesFix}, not a picture of a chart`,
  },
  {
    bytes: [0x47, 0x49, 0x46, 0x38],
    what: 'a GIF image',
    fix: `${notSeriesFix}, not a picture of a chart`,
  },
  {
    bytes: [0x25, 0x50, 0x44, 0x46],
    what: 'a PDF document',
    fix: `${notSeriesFix}; export the table from the PDF as CSV`,
  },
  {
    bytes: [0x1f, 0x8b],
    what: 'gzip-compressed',
    fix: 'decompress it first (gunzip FILE) and load the result',
  },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (an Excel .xlsx workbook is one)',
    fix: 'unpack it, or save the sheet as CSV',
  },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file', fix: 'convert it to CSV first' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Throws `input.not_series` / `input.encoding` when the bytes are an image, archive, binary or
 * UTF-16 file.
 */
export function rejectBinary(bytes: Uint8Array, file: string): void {
  for (const signature of signatures) {
    if (startsWith(bytes, signature.bytes)) {
      throw inputError(
        'input.not_series',
        { file },
        `the file is ${signature.what}, not a series`,
        signature.fix,
      );
    }
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw inputError(
      'input.encoding',
      { file },
      'the file is UTF-16 text',
      'save it as UTF-8 (with or without a BOM)',
    );
  }
  const sample = bytes.subarray(0, sampleBytes);
  if (sample.includes(0)) {
    throw inputError(
      'input.not_series',
      { file },
      'the file holds binary data (NUL bytes), not text',
      notSeriesFix,
    );
  }
}

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    const extra =
      byte < 0x80
        ? 0
        : byte >= 0xc2 && byte <= 0xdf
          ? 1
          : byte >= 0xe0 && byte <= 0xef
            ? 2
            : byte >= 0xf0 && byte <= 0xf4
              ? 3
              : -1;
    if (extra < 0) return index;
    for (let next = 1; next <= extra; next += 1) {
      const continuation = bytes[index + next];
      if (continuation === undefined || (continuation & 0xc0) !== 0x80) return index;
    }
    index += extra + 1;
  }
  return -1;
}

/**
 * Decodes UTF-8 (dropping a BOM), or throws `input.encoding` naming the line, column and byte that
 * is not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < offset; index += 1) {
      if (bytes[index] === 0x0a) {
        line += 1;
        lineStart = index + 1;
      }
    }
    const hex = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw inputError(
      'input.encoding',
      { file, line, column: offset - lineStart + 1 },
      `byte 0x${hex} is not valid UTF-8 (the file may be Latin-1 or Windows-1252)`,
      'save the file as UTF-8',
      cause,
    );
  }
}

/** The text without a leading UTF-8 byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstContentIndex(text: string): number {
  return text.search(/\S/);
}

const emptyFileFixes: Readonly<Record<SeriesFormat, string>> = {
  csv: 'write a header row and at least one row of numbers',
  json: 'write a series such as {"values": [1.5, null, 2]}',
  ndjson: 'write one JSON series per line, such as {"id": "a", "values": [1.5, null, 2]}',
};

/** Throws `input.empty_file` when the text holds nothing but white space. */
export function rejectEmpty(text: string, file: string, format: SeriesFormat): void {
  if (firstContentIndex(text) === -1) {
    throw inputError('input.empty_file', { file }, 'the file is empty', emptyFileFixes[format]);
  }
}

/** Throws `input.not_series` when decoded text is an HTML/XML page or holds NUL characters. */
export function rejectNonSeriesText(text: string, file: string): void {
  const start = firstContentIndex(text);
  if (start !== -1 && text[start] === '<') {
    const head = text.slice(start, start + 200).toLowerCase();
    const what = head.startsWith('<?xml') ? 'an XML document' : 'an HTML page';
    throw inputError(
      'input.not_series',
      { file, line: 1 },
      `the file is ${what} (it starts with ${quote(text.slice(start, start + 15))}), not a series`,
      'download the raw data file (on GitHub, the "Raw" link), not the web page that shows it',
    );
  }
  const nul = text.slice(0, sampleBytes).indexOf('\u0000');
  if (nul !== -1) {
    throw inputError(
      'input.not_series',
      { file },
      'the file holds binary data (NUL characters), not text',
      notSeriesFix,
    );
  }
}

/**
 * Guesses the format of text whose file extension says nothing: NDJSON when the first line is a
 * whole JSON value and more follows, JSON when it starts with `{` or `[` otherwise, else CSV.
 */
export function sniffFormat(text: string): SeriesFormat {
  const start = firstContentIndex(text);
  const first = start === -1 ? '' : text[start];
  if (first !== '{' && first !== '[') return 'csv';
  const lineEnd = text.indexOf('\n', start);
  if (lineEnd === -1 || firstContentIndex(text.slice(lineEnd)) === -1) return 'json';
  try {
    JSON.parse(text.slice(start, lineEnd));
    return 'ndjson';
  } catch {
    return 'json';
  }
}
