import type { InputLocation } from '../errors.js';
import { inputError, quote } from './fail.js';
import { parseIsoTimestamp } from './time.js';
import type { Series, SeriesContext } from './types.js';
import { validateSeries } from './validate.js';

/** Where a JSON value came from: the file, and the line for one line of an NDJSON file. */
export interface JsonSource {
  file: string;
  line?: number;
  /** Id when the value carries none. */
  defaultId: string;
}

const shapeFix =
  'write a bare array of numbers, {"values": [1.5, null, 2]}, or {"channels": {"temp": [1.5, null, 2]}}, with optional "timestamps", "id" and "context"';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(source: JsonSource, field?: string): InputLocation {
  return {
    file: source.file,
    ...(source.line === undefined ? {} : { line: source.line }),
    ...(field === undefined ? {} : { field }),
  };
}

function shapeError(source: JsonSource, field: string | undefined, found: string): Error {
  return inputError('input.json_shape', at(source, field), found, shapeFix);
}

function toValues(value: unknown, path: string, source: JsonSource): Float64Array {
  if (!Array.isArray(value))
    throw shapeError(source, path, `expected an array of numbers but found ${describe(value)}`);
  const values = new Float64Array(value.length);
  value.forEach((item: unknown, index) => {
    if (typeof item === 'number') values[index] = item;
    else if (item === null) values[index] = Number.NaN;
    else if (Array.isArray(item) || isRecord(item)) {
      throw shapeError(
        source,
        `${path}[${index}]`,
        `expected a number or null but found ${describe(item)}`,
      );
    } else {
      throw inputError(
        'input.non_numeric',
        at(source, `${path}[${index}]`),
        `${describe(item)} is not a number`,
        'write numbers without quotes, and null for a missing value',
      );
    }
  });
  return values;
}

function toTimestamps(value: unknown, source: JsonSource): number[] {
  if (!Array.isArray(value))
    throw shapeError(
      source,
      'timestamps',
      `expected an array of timestamps but found ${describe(value)}`,
    );
  return value.map((item: unknown, index) => {
    const epochMs =
      typeof item === 'number'
        ? item
        : typeof item === 'string'
          ? parseIsoTimestamp(item.trim())
          : undefined;
    if (epochMs === undefined) {
      throw inputError(
        'input.timestamp_unparseable',
        at(source, `timestamps[${index}]`),
        `${describe(item)} is not a timestamp`,
        'write timestamps as epoch milliseconds (numbers) or ISO-8601 strings such as "2024-01-31T12:00:00Z"',
      );
    }
    return epochMs;
  });
}

function toContext(value: unknown, source: JsonSource): SeriesContext {
  if (!isRecord(value))
    throw shapeError(
      source,
      'context',
      `expected an object {domain, description, unit} but found ${describe(value)}`,
    );
  const context: SeriesContext = {};
  for (const key of ['domain', 'description', 'unit'] as const) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'string')
      throw shapeError(source, `context.${key}`, `expected a string but found ${describe(field)}`);
    context[key] = field;
  }
  return context;
}

function channelPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `channels.${name}` : `channels[${JSON.stringify(name)}]`;
}

interface Body {
  channels: string[];
  values: Float64Array[];
  /** JSON path of a channel's array. */
  pathOf: (channel: number) => string;
}

function readBody(object: Record<string, unknown>, source: JsonSource): Body {
  const { channels, values } = object;
  if (Array.isArray(channels)) {
    // Our stored form: {"channels": ["a", "b"], "values": [[...], [...]]}.
    channels.forEach((name: unknown, index) => {
      if (typeof name !== 'string')
        throw shapeError(
          source,
          `channels[${index}]`,
          `expected a channel name (string) but found ${describe(name)}`,
        );
    });
    if (!Array.isArray(values))
      throw shapeError(
        source,
        'values',
        `"channels" is a list of names, so "values" must be an array of arrays, but it is ${values === undefined ? 'missing' : describe(values)}`,
      );
    if (values.length !== channels.length) {
      throw inputError(
        'input.length_mismatch',
        at(source, 'values'),
        `there are ${channels.length} channel names but ${values.length} value arrays`,
        'give exactly one array of values per channel name, in the same order',
      );
    }
    return {
      channels: channels as string[],
      values: values.map((item: unknown, index) => toValues(item, `values[${index}]`, source)),
      pathOf: (channel) => `values[${channel}]`,
    };
  }
  if (isRecord(channels)) {
    const names = Object.keys(channels);
    return {
      channels: names,
      values: names.map((name) => toValues(channels[name], channelPath(name), source)),
      pathOf: (channel) => channelPath(names[channel] ?? ''),
    };
  }
  if (channels !== undefined)
    throw shapeError(
      source,
      'channels',
      `expected an object {name: [values]} or a list of names but found ${describe(channels)}`,
    );
  if (values === undefined) {
    const keys = Object.keys(object)
      .slice(0, 6)
      .map((key) => quote(key))
      .join(', ');
    throw shapeError(
      source,
      undefined,
      `the object has no "values" or "channels"${keys.length > 0 ? ` (its keys are ${keys})` : ''}`,
    );
  }
  if (Array.isArray(values) && values.some((item: unknown) => Array.isArray(item))) {
    throw shapeError(
      source,
      'values',
      'expected an array of numbers but found nested arrays without channel names (add "channels": ["a", "b", ...])',
    );
  }
  return {
    channels: ['value'],
    values: [toValues(values, 'values', source)],
    pathOf: () => 'values',
  };
}

/**
 * Turns parsed JSON (`[numbers]`, `{values}`, `{channels: {name: [...]}}` or the stored
 * `{channels: [names], values: [[...]]}`, each with optional `id`, `timestamps`, `context`) into a
 * validated series; `null` is a missing value.
 */
export function seriesFromJsonValue(json: unknown, source: JsonSource): Series {
  let series: Series;
  let pathOf: (channel: number) => string;
  if (Array.isArray(json)) {
    if (json.length > 0 && json.every((item: unknown) => isRecord(item))) {
      throw shapeError(source, undefined, 'the top level is an array of objects (rows)');
    }
    series = { id: source.defaultId, channels: ['value'], values: [toValues(json, '', source)] };
    pathOf = () => '';
  } else if (isRecord(json)) {
    const body = readBody(json, source);
    pathOf = body.pathOf;
    const { id } = json;
    if (id !== undefined && (typeof id !== 'string' || id.length === 0) && typeof id !== 'number') {
      throw shapeError(source, 'id', `expected a non-empty string id but found ${describe(id)}`);
    }
    series = {
      id: id === undefined ? source.defaultId : String(id),
      channels: body.channels,
      values: body.values,
    };
    if (json.timestamps !== undefined) series.timestamps = toTimestamps(json.timestamps, source);
    if (json.context !== undefined) series.context = toContext(json.context, source);
  } else {
    throw shapeError(source, undefined, `the JSON is ${describe(json)}, not a series`);
  }
  validateSeries(series, {
    file: source.file,
    locate: ({ row, channel, timestamp }) => {
      const base =
        timestamp === true ? 'timestamps' : channel === undefined ? undefined : pathOf(channel);
      const field = base === undefined ? undefined : row === undefined ? base : `${base}[${row}]`;
      return {
        ...(source.line === undefined ? {} : { line: source.line }),
        ...(field === undefined || field === '' ? {} : { field }),
      };
    },
  });
  return series;
}
