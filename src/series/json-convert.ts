import { seriesJsonSchema, type SeriesJson } from '../schema/dataset.js';
import { inputError } from './fail.js';
import type { Series } from './types.js';
import { validateSeries } from './validate.js';

/**
 * The stored JSON form of a series (`seriesJsonSchema`): one plain array per channel, NaN written
 * as null.
 */
export function seriesToJson(series: Series): SeriesJson {
  const json: SeriesJson = {
    id: series.id,
    channels: [...series.channels],
    values: series.values.map((channel) =>
      Array.from(channel, (value) => (Number.isNaN(value) ? null : value)),
    ),
  };
  if (series.timestamps !== undefined) json.timestamps = [...series.timestamps];
  if (series.context !== undefined) json.context = { ...series.context };
  return json;
}

/**
 * A validated series from its stored JSON form (checked with `seriesJsonSchema`; null becomes NaN);
 * throws `input.json_shape` naming the first wrong field.
 */
export function seriesFromJson(json: unknown, options: { file: string; line?: number }): Series {
  const { file, line } = options;
  const parsed = seriesJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue === undefined || issue.path.length === 0
        ? undefined
        : issue.path
            .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
            .join('')
            .replace(/^\./, '');
    throw inputError(
      'input.json_shape',
      { file, ...(line === undefined ? {} : { line }), ...(field === undefined ? {} : { field }) },
      `the stored series does not match its schema (${issue?.message ?? 'invalid'})`,
      'write {"id": "...", "channels": ["name", ...], "values": [[numbers or null, ...], ...]} with optional "timestamps" (epoch ms) and "context"',
    );
  }
  const data = parsed.data;
  const series: Series = {
    id: data.id,
    channels: [...data.channels],
    values: data.values.map((channel) =>
      Float64Array.from(channel, (value) => (value === null ? Number.NaN : value)),
    ),
  };
  if (data.timestamps !== undefined) series.timestamps = [...data.timestamps];
  if (data.context !== undefined) {
    series.context = {};
    for (const key of ['domain', 'description', 'unit'] as const) {
      const value = data.context[key];
      if (value !== undefined) series.context[key] = value;
    }
  }
  validateSeries(series, {
    file,
    locate: ({ row, channel, timestamp }) => {
      const base =
        timestamp === true
          ? 'timestamps'
          : channel === undefined
            ? undefined
            : `values[${channel}]`;
      return {
        ...(line === undefined ? {} : { line }),
        ...(base === undefined ? {} : { field: row === undefined ? base : `${base}[${row}]` }),
      };
    },
  });
  return series;
}
