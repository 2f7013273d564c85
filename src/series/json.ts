import { seriesIdFromFile } from './id.js';
import { seriesFromJsonValue } from './json-shape.js';
import { parseJsonText } from './json-syntax.js';
import { rejectEmpty, rejectNonSeriesText, stripBom } from './sniff.js';
import type { Series } from './types.js';

/** Options of `parseJson` and `parseNdjson`. */
export interface JsonOptions {
  /** File name, used in messages and (without extension) as the default series id. */
  file: string;
}

/**
 * Parses a JSON series file: `[numbers]`, `{"values": [...]}`, `{"channels": {name: [...]}}` or the
 * stored form `{"id", "channels": [names], "values": [[...]]}`, with optional `timestamps` (epoch
 * ms
 * or ISO strings), `id` and `context`; `null` is a missing value.
 * @example parseJson('{"values": [1, null, 3]}', { file: 'a.json' })
 */
export function parseJson(text: string, options: JsonOptions): Series {
  const { file } = options;
  const body = stripBom(text);
  rejectEmpty(body, file, 'json');
  rejectNonSeriesText(body, file);
  return seriesFromJsonValue(parseJsonText(body, { file }), {
    file,
    defaultId: seriesIdFromFile(file),
  });
}
