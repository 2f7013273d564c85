import { inputError, quote } from './fail.js';

/** Field separators the CSV loader recognises, chosen from the header row. */
export type CsvDelimiter = ',' | ';' | '\t';

/**
 * Called once per record with its fields (an array reused for the next record: copy what you keep)
 * and the 1-based line it starts on.
 */
export type CsvRecordHandler = (fields: string[], line: number) => void;

/**
 * The separator of a header line: the most frequent of `,` `;` tab outside quotes, comma on a tie.
 * A one-column file has none of them and gets the comma.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const char of headerLine) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

// Scans only within the line: `indexOf(delimiter)` would run on to the end of the text for every
// line of a one-column file and make the whole scan quadratic.
function splitPlain(
  text: string,
  start: number,
  end: number,
  delimiterCode: number,
  fields: string[],
): string[] {
  fields.length = 0;
  let fieldStart = start;
  for (let index = start; index < end; index += 1) {
    if (text.charCodeAt(index) === delimiterCode) {
      fields.push(text.slice(fieldStart, index));
      fieldStart = index + 1;
    }
  }
  fields.push(text.slice(fieldStart, end));
  return fields;
}

/**
 * Reads one RFC 4180 record that contains quotes, starting at `start`; quoted fields may hold the
 * delimiter, doubled quotes and line breaks. Returns the fields, where the next record starts, and
 * how many line breaks the record spanned.
 */
function splitQuoted(
  text: string,
  start: number,
  delimiter: string,
  file: string,
  line: number,
): { fields: string[]; next: number; lineBreaks: number } {
  const fields: string[] = [];
  let field = '';
  let index = start;
  let lineBreaks = 0;
  let lineStart = start;
  for (;;) {
    // Spaces before an opening quote (`a, "b"`) are tolerated and dropped.
    let quoteAt = index;
    while (text[quoteAt] === ' ') quoteAt += 1;
    if (text[quoteAt] === '"') index = quoteAt;
    if (text[index] === '"') {
      const openColumn = index - lineStart + 1;
      const openLine = line + lineBreaks;
      index += 1;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close === -1) {
          throw inputError(
            'input.unterminated_quote',
            { file, line: openLine, column: openColumn },
            'a quoted field opens here and is never closed',
            'close the field with a double quote, and write a quote inside a quoted field as two quotes ("")',
          );
        }
        const chunk = text.slice(index, close);
        for (
          let breakAt = chunk.indexOf('\n');
          breakAt !== -1;
          breakAt = chunk.indexOf('\n', breakAt + 1)
        ) {
          lineBreaks += 1;
          lineStart = index + breakAt + 1;
        }
        field += chunk;
        if (text[close + 1] === '"') {
          field += '"';
          index = close + 2;
        } else {
          index = close + 1;
          break;
        }
      }
    }
    // Text after a closing quote up to the delimiter or the end of line is kept as written.
    let end = index;
    while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '"')
      end += 1;
    if (text[end] === '"') {
      throw inputError(
        'input.stray_quote',
        { file, line: line + lineBreaks, column: end - lineStart + 1 },
        `a double quote appears inside the unquoted field ${quote(field + text.slice(index, end + 1))}`,
        'quote the whole field ("...") and double any quote inside it, or remove the quote',
      );
    }
    field += text.slice(index, end);
    if (text[end] === delimiter) {
      fields.push(field);
      field = '';
      index = end + 1;
      continue;
    }
    fields.push(field.endsWith('\r') && text[end] === '\n' ? field.slice(0, -1) : field);
    return { fields, next: end === text.length ? end : end + 1, lineBreaks };
  }
}

/**
 * Splits CSV text into records, calling `onRecord` for each, blank lines included (as `['']`).
 * Lines without a quote take a fast path (indexOf, no regex); records with quotes follow RFC 4180.
 * Accepts LF and CRLF line ends; the text must already be free of a BOM.
 */
export function scanCsv(
  text: string,
  delimiter: CsvDelimiter,
  file: string,
  onRecord: CsvRecordHandler,
): void {
  const length = text.length;
  let position = 0;
  let line = 1;
  let nextQuote = text.indexOf('"');
  const delimiterCode = delimiter.charCodeAt(0);
  const reused: string[] = [];
  while (position < length) {
    let newline = text.indexOf('\n', position);
    if (newline === -1) newline = length;
    if (nextQuote !== -1 && nextQuote < position) nextQuote = text.indexOf('"', position);
    if (nextQuote === -1 || nextQuote > newline) {
      const end = newline > position && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      onRecord(splitPlain(text, position, end, delimiterCode, reused), line);
      position = newline + 1;
      line += 1;
    } else {
      const record = splitQuoted(text, position, delimiter, file, line);
      onRecord(record.fields, line);
      position = record.next;
      line += record.lineBreaks + 1;
    }
  }
}
