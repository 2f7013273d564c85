/** A parsed RATs40K `Observation`: channel names and values (NaN = missing). */
export interface ParsedObservation {
  modality: 'univariate' | 'multivariate';
  channels: string[];
  values: number[][];
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MISSING = new Set(['nan', 'NaN', 'None', 'null', '']);

function parseNumberToken(token: string): number | string {
  const trimmed = token.trim();
  if (MISSING.has(trimmed)) return Number.NaN;
  if (NUMBER.test(trimmed)) return Number(trimmed);
  return `"${trimmed}" is not a number`;
}

function parseListBody(body: string, where: string): number[] | string {
  if (body.trim() === '') return `${where} is an empty list`;
  const values: number[] = [];
  for (const token of body.split(',')) {
    const value = parseNumberToken(token);
    if (typeof value === 'string') return `${where}: ${value}`;
    values.push(value);
  }
  return values;
}

function fromArray(items: readonly unknown[], where: string): number[] | string {
  if (items.length === 0) return `${where} is an empty list`;
  const values: number[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null) values.push(Number.NaN);
    else if (typeof item === 'number' && Number.isFinite(item)) values.push(item);
    else return `${where}[${index}] is ${JSON.stringify(item) ?? String(item)}, not a number`;
  }
  return values;
}

// `'name': [v, v, ...]` segments joined by `; ` (single or double quotes around the name).
const SEGMENT = /\s*(['"])((?:(?!\1).)*)\1\s*:\s*\[([^\]]*)\]\s*(;|$)/y;

function parseMultivariateString(text: string): ParsedObservation | string {
  const channels: string[] = [];
  const values: number[][] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < text.length) {
    const start = SEGMENT.lastIndex;
    const match = SEGMENT.exec(text);
    if (match === null)
      return `cannot parse the channel list at character ${start} ("${text.slice(start, start + 30)}…"); expected 'name': [numbers] segments joined by "; "`;
    const name = match[2] ?? '';
    const parsed = parseListBody(match[3] ?? '', `channel '${name}'`);
    if (typeof parsed === 'string') return parsed;
    if (channels.includes(name)) return `channel '${name}' appears twice`;
    channels.push(name);
    values.push(parsed);
    if (match[4] === '' && SEGMENT.lastIndex < text.length)
      return `unexpected text after channel '${name}'`;
    if (match[0].length === 0) break;
  }
  if (channels.length === 0) return 'no channels found';
  return { modality: 'multivariate', channels, values };
}

/**
 * Parses an `Observation` field: a list of numbers (univariate) or a string of
 * `'name': [..]` segments joined by `; ` (multivariate). Returns a problem message on failure.
 */
export function parseObservation(observation: unknown): ParsedObservation | string {
  if (Array.isArray(observation)) {
    const values = fromArray(observation, 'Observation');
    return typeof values === 'string'
      ? values
      : { modality: 'univariate', channels: ['value'], values: [values] };
  }
  if (typeof observation === 'string') {
    const text = observation.trim();
    if (text.startsWith('[')) {
      if (!text.endsWith(']')) return 'Observation list is not closed with "]"';
      const values = parseListBody(text.slice(1, -1), 'Observation');
      return typeof values === 'string'
        ? values
        : { modality: 'univariate', channels: ['value'], values: [values] };
    }
    const parsed = parseMultivariateString(text);
    if (typeof parsed === 'string') return `Observation: ${parsed}`;
    const lengths = new Set(parsed.values.map((channel) => channel.length));
    if (lengths.size > 1)
      return `Observation channels have different lengths (${[...lengths].join(', ')})`;
    return parsed;
  }
  if (observation === undefined) return 'Observation is missing';
  return `Observation is ${observation === null ? 'null' : typeof observation}, expected a list of numbers or a 'name': [..] string`;
}

function formatNumber(value: number): string {
  return Number.isNaN(value) ? 'nan' : String(value);
}

/**
 * Writes an observation back in the published shape (list for univariate, segment string for
 * multivariate).
 */
export function formatObservation(
  modality: 'univariate' | 'multivariate',
  channels: readonly string[],
  values: readonly ArrayLike<number>[],
): (number | null)[] | string {
  if (modality === 'univariate')
    return Array.from(values[0] ?? [], (value) => (Number.isNaN(value) ? null : value));
  return channels
    .map(
      (name, index) => `'${name}': [${Array.from(values[index] ?? [], formatNumber).join(', ')}]`,
    )
    .join('; ');
}

/**
 * JSON.parse that also accepts Python's bare `NaN`, `Infinity` and `-Infinity` tokens (which
 * `json.dump` writes by default) by reading them as null outside strings.
 */
export function parseJsonAllowingNaN(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    let out = '';
    let inString = false;
    let last = 0;
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index];
      if (inString) {
        if (char === '\\') index += 1;
        else if (char === '"') inString = false;
        continue;
      }
      if (char === '"') inString = true;
      else if (
        text.startsWith('NaN', index) ||
        text.startsWith('Infinity', index) ||
        text.startsWith('-Infinity', index)
      ) {
        const token = text.startsWith('NaN', index)
          ? 'NaN'
          : text.startsWith('Infinity', index)
            ? 'Infinity'
            : '-Infinity';
        out += `${text.slice(last, index)}null`;
        index += token.length - 1;
        last = index + 1;
      }
    }
    return JSON.parse(out + text.slice(last));
  }
}
