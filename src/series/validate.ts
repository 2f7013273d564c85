import type { InputLocation } from '../errors.js';
import { inputError, quote } from './fail.js';
import { formatTimestamp } from './time.js';
import type { Series } from './types.js';

/**
 * What a problem in a series refers to: an observation (row), a channel, the timestamps, or a mix.
 */
export interface SeriesReference {
  row?: number;
  channel?: number;
  timestamp?: boolean;
}

/** Options of `validateSeries`. */
export interface ValidateOptions {
  /** File name used in messages. */
  file: string;
  /**
   * Maps a reference to a place in the source file (line, column, JSON path); without it only the
   * file is named.
   */
  locate?: (reference: SeriesReference) => InputLocation;
}

function describeChannel(series: Series, channel: number): string {
  return `channel ${quote(series.channels[channel] ?? String(channel))}`;
}

function checkShape(series: Series, at: (reference: SeriesReference) => InputLocation): number {
  if (series.channels.length === 0) {
    throw inputError(
      'input.no_channels',
      at({}),
      'the series has no value channels',
      'add at least one column (or array) of numbers besides the time',
    );
  }
  if (series.values.length !== series.channels.length) {
    throw inputError(
      'input.length_mismatch',
      at({}),
      `there are ${series.channels.length} channel names but ${series.values.length} value arrays`,
      'give exactly one array of values per channel name',
    );
  }
  const seen = new Map<string, number>();
  series.channels.forEach((name, channel) => {
    if (name.length === 0) {
      throw inputError(
        'input.channel_name',
        at({ channel }),
        `channel ${channel + 1} has an empty name`,
        'give every channel a name',
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw inputError(
        'input.duplicate_channel',
        at({ channel }),
        `the channel name ${quote(name)} appears twice (channels ${first + 1} and ${channel + 1})`,
        'give every channel a unique name',
      );
    }
    seen.set(name, channel);
  });
  const length = series.values[0]?.length ?? 0;
  if (length === 0) {
    throw inputError(
      'input.no_observations',
      at({}),
      'the series has no observations',
      'give at least one value',
    );
  }
  series.values.forEach((values, channel) => {
    if (values.length !== length) {
      throw inputError(
        'input.length_mismatch',
        at({ channel }),
        `${describeChannel(series, channel)} has ${values.length} values but ${describeChannel(series, 0)} has ${length}`,
        'give every channel the same number of values, writing null for a missing one',
      );
    }
  });
  if (series.timestamps !== undefined && series.timestamps.length !== length) {
    throw inputError(
      'input.length_mismatch',
      at({ timestamp: true }),
      `there are ${series.timestamps.length} timestamps but ${length} values per channel`,
      'give exactly one timestamp per observation',
    );
  }
  return length;
}

function checkTimestamps(
  timestamps: readonly number[],
  at: (reference: SeriesReference) => InputLocation,
): void {
  let previous = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < timestamps.length; row += 1) {
    const value = timestamps[row] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      throw inputError(
        'input.timestamp_unparseable',
        at({ row, timestamp: true }),
        `the timestamp at index ${row} is ${String(value)}, not a time`,
        'write timestamps as epoch milliseconds or ISO-8601 text',
      );
    }
    if (value <= previous) {
      const repeated = value === previous;
      throw inputError(
        'input.timestamp_order',
        at({ row, timestamp: true }),
        repeated
          ? `timestamp ${formatTimestamp(value)} repeats the one before it`
          : `timestamp ${formatTimestamp(value)} is earlier than the one before it (${formatTimestamp(previous)})`,
        repeated ? 'remove or merge the duplicate observation' : 'sort the observations by time',
      );
    }
    previous = value;
  }
}

function checkValues(series: Series, at: (reference: SeriesReference) => InputLocation): void {
  series.values.forEach((values, channel) => {
    let present = 0;
    for (let row = 0; row < values.length; row += 1) {
      const value = values[row] ?? Number.NaN;
      if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) {
        throw inputError(
          'input.infinite_value',
          at({ row, channel }),
          `the value at index ${row} of ${describeChannel(series, channel)} is ${value > 0 ? 'Infinity' : '-Infinity'}`,
          'write a finite number, or a missing value (empty cell / null) instead',
        );
      }
      if (value === value) present += 1;
    }
    if (present === 0) {
      throw inputError(
        'input.channel_all_missing',
        at({ channel }),
        `${describeChannel(series, channel)} has no values, every one is missing`,
        'remove the channel or fill in its values',
      );
    }
  });
}

/**
 * Checks a series and throws an `InputError` on the first problem: no channels, no observations,
 * unequal lengths, duplicate channel names, non-finite or non-increasing timestamps, infinite
 * values,
 * a channel with every value missing. Missing values and irregular timestamps are fine.
 */
export function validateSeries(series: Series, options: ValidateOptions): void {
  const locate = options.locate;
  const at = (reference: SeriesReference): InputLocation => ({
    file: options.file,
    ...(locate === undefined ? {} : locate(reference)),
  });
  checkShape(series, at);
  if (series.timestamps !== undefined) checkTimestamps(series.timestamps, at);
  checkValues(series, at);
}
