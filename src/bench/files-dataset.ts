import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { DatasetSplit } from '../schema/dataset.js';
import type { Label } from '../schema/label.js';
import { matchLabels, readLabelFile, takeLabelColumn } from '../series/label-file.js';
import { loadSeries } from '../series/load.js';
import { seriesToJson } from '../series/index.js';
import type { Series } from '../series/types.js';
import type { DatasetSpec } from './suite.js';

/** The `files` dataset of a suite: a user's own labelled series file or folder. */
export type FilesDatasetSpec = Extract<DatasetSpec, { generator: 'files' }>;

/** Series ids under a sub-folder (`include`), or all of them. */
function included(series: readonly Series[], include: string | undefined): Series[] {
  if (include === undefined || include === '') return [...series];
  if (include === '.') return series.filter((one) => !one.id.includes('/'));
  const prefix = `${include.replace(/\/+$/, '')}/`;
  return series.filter((one) => one.id.startsWith(prefix));
}

/**
 * A single file's series id is its bare name (`nyc_taxi`); a label file written for its folder
 * keys it by relative path (`realKnownCause/nyc_taxi.csv`). The one key ending in `/<id>` names it.
 */
export function keyedAs(series: Series, entries: ReadonlyMap<string, unknown>): Series {
  if (entries.has(series.id)) return series;
  const keys = [...entries.keys()].filter((key) => key.endsWith(`/${series.id}`));
  return keys.length === 1 ? { ...series, id: keys[0] as string } : series;
}

/**
 * Loads a labelled folder as a dataset split: series (defaults for time order; bad files and
 * label mismatches recorded in `meta.warnings`), labels from the label file and/or a label column,
 * mapped to rows. Series without any label are left out (they cannot be scored).
 */
export async function filesDataset(spec: FilesDatasetSpec): Promise<DatasetSplit> {
  const warnings: string[] = [];
  // A track of one sub-folder reads only that folder (ids keep the folder as prefix), so a
  // folder of N categories is read once per track, not N times over.
  const subFolder =
    spec.include === undefined || spec.include === '' || spec.include === '.'
      ? undefined
      : spec.include.replace(/\/+$/, '');
  const loaded = await loadSeries(
    subFolder === undefined ? spec.path : join(spec.path, subFolder),
    {
      ...(spec.onUnsorted === undefined ? {} : { onUnsorted: spec.onUnsorted }),
      ...(spec.onDuplicateTime === undefined ? {} : { onDuplicateTime: spec.onDuplicateTime }),
      ...(spec.labels === undefined ? {} : { exclude: [spec.labels] }),
      ...(spec.columns === undefined ? {} : { columns: spec.columns }),
      ...(spec.ignoreColumns === undefined ? {} : { ignoreColumns: spec.ignoreColumns }),
      ...(spec.labelColumn === undefined ? {} : { keepColumns: [spec.labelColumn] }),
      onWarning: (message) => warnings.push(message),
      onFileError: (error) => warnings.push(error.message),
    },
  );
  let series =
    subFolder === undefined
      ? included(loaded, spec.include)
      : loaded.map((one) => ({ ...one, id: `${subFolder}/${one.id}` }));
  const labels = new Map<string, Label>();
  if (spec.labelColumn !== undefined) {
    const column = spec.labelColumn;
    series = series.map((one) => {
      const taken = takeLabelColumn(one, column);
      if (taken === undefined) return one;
      labels.set(one.id, {
        seriesId: one.id,
        anomalous: taken.intervals.length > 0,
        intervals: taken.intervals,
        channels: null,
        category: null,
        explanation: null,
        type: null,
      });
      return taken.series;
    });
  }
  if (spec.labels !== undefined) {
    const entries = await readLabelFile(spec.labels);
    if ((await stat(spec.path)).isFile()) series = series.map((one) => keyedAs(one, entries));
    // Only this track's part of the label file is matched against this track's series.
    const own = new Map(
      [...entries].filter(
        ([id]) => included([{ id, channels: [], values: [] }], spec.include).length > 0,
      ),
    );
    for (const [id, label] of matchLabels(own, series, {
      file: spec.labels,
      strict: spec.strict,
      onWarning: (message) => warnings.push(message),
    }))
      labels.set(id, label);
  }
  if (spec.labels === undefined && spec.labelColumn === undefined) {
    throw new InputError(
      'bench.no_labels',
      `${spec.path}: a files dataset needs --labels <file> or --label-column <name> to be scored`,
      { file: spec.path },
    );
  }
  const items = series
    .filter((one) => labels.has(one.id))
    .map((one) => ({ series: seriesToJson(one), label: labels.get(one.id) as Label }));
  if (items.length === 0) {
    throw new InputError(
      'bench.no_labelled_series',
      `${spec.path}${spec.include === undefined ? '' : `/${spec.include}`}: no series has a label; label series by their path relative to the folder, without extension`,
      { file: spec.path },
    );
  }
  return {
    dataset: 'files',
    type: spec.include ?? 'all',
    split: 'eval',
    meta: { path: spec.path, warnings },
    items,
  };
}
