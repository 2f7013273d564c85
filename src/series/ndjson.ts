import { inputError } from './fail.js';
import { seriesIdFromFile } from './id.js';
import type { JsonOptions } from './json.js';
import { seriesFromJsonValue } from './json-shape.js';
import { parseJsonText } from './json-syntax.js';
import { rejectEmpty, rejectNonSeriesText, stripBom } from './sniff.js';
import type { Series } from './types.js';

/**
 * Parses NDJSON / JSON Lines: one JSON series per line (any shape `parseJson` takes), blank lines
 * ignored; a series without `id` is called `<basename>#<line>`. Errors name the line.
 */
export function parseNdjson(text: string, options: JsonOptions): Series[] {
  const { file } = options;
  const body = stripBom(text);
  rejectEmpty(body, file, 'ndjson');
  rejectNonSeriesText(body, file);
  const baseId = seriesIdFromFile(file);
  const series: Series[] = [];
  const seen = new Map<string, number>();
  let start = 0;
  for (let line = 1; start <= body.length; line += 1) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    const lineText = body.slice(start, end);
    start = end + 1;
    if (lineText.trim().length === 0) continue;
    const value = parseJsonText(lineText, { file, line });
    const item = seriesFromJsonValue(value, { file, line, defaultId: `${baseId}#${line}` });
    const first = seen.get(item.id);
    if (first !== undefined) {
      throw inputError(
        'input.duplicate_id',
        { file, line, field: 'id' },
        `${JSON.stringify(item.id)} was already the id of the series on line ${first}`,
        'give every series a unique id',
      );
    }
    seen.set(item.id, line);
    series.push(item);
  }
  return series;
}
