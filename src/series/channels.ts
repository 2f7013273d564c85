import { inputError } from './fail.js';
import type { Series } from './types.js';

/** Which columns of a file are channels (measurements); the rest is left out. */
export interface ChannelOptions {
  /** Only these columns are channels (in this order); a missing one is an error. */
  columns?: readonly string[];
  /** Columns that are never channels (absent ones are fine: a folder's files differ). */
  ignoreColumns?: readonly string[];
  /**
   * Columns kept even when they look like labels (the label column that `bench --data
   * --label-column` takes out itself).
   */
  keepColumns?: readonly string[];
  onWarning?: (message: string) => void;
}

/** Column names that label datasets use for their answers (TSB-AD, Yahoo, SKAB, SWaT...). */
const labelLikeName =
  /^(labels?|anomal(y|ies)|is_?anomal(y|ous)|outliers?|is_?outlier|change_?points?|attack)$/i;

/** Holds only 0 and 1 (missing cells aside). */
function zeroOne(values: Float64Array): boolean {
  for (const value of values) if (!Number.isNaN(value) && value !== 0 && value !== 1) return false;
  return true;
}

/**
 * Applies `columns` / `ignoreColumns`, and leaves out (with a warning) any column whose name
 * looks like a label and that holds only 0/1: a detector or a model must never be handed the
 * answer as data. A file left with no channel is an error that says how to keep one.
 */
export function selectChannels(series: Series, file: string, options: ChannelOptions): Series {
  const { columns, ignoreColumns = [], keepColumns = [] } = options;
  let picked: number[];
  if (columns !== undefined) {
    const missing = columns.filter((name) => !series.channels.includes(name));
    if (missing.length > 0)
      throw inputError(
        'input.unknown_column',
        { file, field: missing[0] ?? '' },
        `--columns names ${missing.map((name) => `"${name}"`).join(', ')}, which the file does not have (its columns: ${series.channels.slice(0, 10).join(', ')}${series.channels.length > 10 ? ', ...' : ''})`,
        'name columns exactly as in the header',
      );
    picked = columns.map((name) => series.channels.indexOf(name));
  } else {
    picked = series.channels.flatMap((name, index) =>
      ignoreColumns.includes(name) ? [] : [index],
    );
    const labelLike = picked.filter((index) => {
      const name = series.channels[index] ?? '';
      return (
        labelLikeName.test(name) &&
        !keepColumns.includes(name) &&
        zeroOne(series.values[index] ?? new Float64Array())
      );
    });
    if (labelLike.length > 0) {
      const names = labelLike.map((index) => `"${series.channels[index] ?? ''}"`).join(', ');
      picked = picked.filter((index) => !labelLike.includes(index));
      if (picked.length === 0)
        throw inputError(
          'input.only_label_columns',
          { file, field: series.channels[labelLike[0] ?? 0] ?? '' },
          `every column (${names}) looks like 0/1 labels, not measurements`,
          'name the column to read as data with --columns, or use the file as labels (--label-column)',
        );
      options.onWarning?.(
        `${file}: column${labelLike.length === 1 ? '' : 's'} ${names} look${labelLike.length === 1 ? 's' : ''} like 0/1 labels and ${labelLike.length === 1 ? 'is' : 'are'} not read as data (name ${labelLike.length === 1 ? 'it' : 'them'} with --columns to read ${labelLike.length === 1 ? 'it' : 'them'}, or with --label-column to score against ${labelLike.length === 1 ? 'it' : 'them'})`,
      );
    }
    if (picked.length === 0)
      throw inputError(
        'input.unknown_column',
        { file, field: ignoreColumns[0] ?? '' },
        '--ignore-columns leaves no column to read as data',
        'ignore fewer columns',
      );
  }
  if (picked.length === series.channels.length && picked.every((index, at) => index === at))
    return series;
  return {
    ...series,
    channels: picked.map((index) => series.channels[index] ?? ''),
    values: picked.map((index) => series.values[index] ?? new Float64Array()),
  };
}
