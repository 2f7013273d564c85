import { InputError } from '../errors.js';
import type { Label } from '../schema/label.js';
import { matchLabels, readLabelFile } from '../series/label-file.js';
import type { Series } from '../series/types.js';
import { loadLabels } from './labels.js';

/** Options of {@link readReportLabels}. */
export interface ReadReportLabelsOptions {
  /**
   * Receives one line for the labels that name no series and one for the series without a label
   * (their reports have no scores), whatever the file's shape: callers print these, not their own.
   */
  onWarning?: (message: string) => void;
}

/**
 * Ground truth for `anomscope report --labels`: full labels or a dataset split file (as before),
 * or a label file of the series loaders (`windows` in time, row `intervals`, NAB's
 * `combined_windows.json`) matched to the loaded series. A NAB key matches a series loaded from a
 * single file too (`realKnownCause/nyc_taxi.csv` labels the series `nyc_taxi`) when exactly one
 * key ends with its id.
 */
export async function readReportLabels(
  file: string,
  series: readonly Series[],
  options: ReadReportLabelsOptions = {},
): Promise<Map<string, Label>> {
  try {
    const labels = await loadLabels(file);
    const unlabelled = series.filter((one) => !labels.has(one.id)).map((one) => one.id);
    // the same line as the label-file reader's (matchLabels) below
    if (unlabelled.length > 0)
      options.onWarning?.(
        `${file}: ${unlabelled.length} series have no label: ${unlabelled.slice(0, 5).join(', ')}${unlabelled.length > 5 ? ', ...' : ''}`,
      );
    return labels;
  } catch (error) {
    const otherShape =
      error instanceof InputError &&
      (error.code === 'labels.unknown_shape' || error.code === 'labels.invalid');
    if (!otherShape) throw error;
  }
  const entries = await readLabelFile(file);
  for (const one of series) {
    if (entries.has(one.id)) continue;
    const keys = [...entries.keys()].filter((key) => key.endsWith(`/${one.id}`));
    const [key] = keys;
    const entry = key === undefined ? undefined : entries.get(key);
    if (keys.length !== 1 || key === undefined || entry === undefined) continue;
    entries.delete(key);
    entries.set(one.id, entry);
  }
  return matchLabels(entries, series, {
    file,
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  });
}
