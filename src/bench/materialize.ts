import {
  collectSplit,
  streamAnomllm,
  streamOfSplit,
  streamVta,
  type StreamedSplit,
  rats40kToDatasetSplit,
  readRats40k,
  type AnomllmType,
  type VtaType,
} from '../datasets/index.js';
import { InputError } from '../errors.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { filesDataset } from './files-dataset.js';
import type { DatasetSpec } from './suite.js';

/** Builds a track's data whole: runs the seeded generator, or reads the RATs40K file it names. */
export async function materializeDataset(spec: DatasetSpec): Promise<DatasetSplit> {
  return collectSplit(await streamDataset(spec));
}

/**
 * A track's data one series at a time: seeded generators draw each series as it is asked for;
 * RATs40K and series files are read whole (they are on disk already, and sized by hand).
 */
export async function streamDataset(spec: DatasetSpec): Promise<StreamedSplit> {
  switch (spec.generator) {
    case 'vta':
      return streamVta({
        kind: spec.kind,
        type: spec.type as VtaType,
        count: spec.count,
        seed: spec.seed,
        split: 'eval',
        ...(spec.dims === undefined ? {} : { dims: spec.dims }),
        ...(spec.dropRatio === undefined ? {} : { dropRatio: spec.dropRatio }),
        ...(spec.vtaSeasonalQuirk === undefined ? {} : { vtaSeasonalQuirk: spec.vtaSeasonalQuirk }),
      });
    case 'anomllm':
      return streamAnomllm({
        type: spec.type as AnomllmType,
        count: spec.count,
        seed: spec.seed,
        split: 'eval',
      });
    case 'rats40k': {
      const { items, problems } = await readRats40k(spec.path, { split: spec.split });
      if (items.length === 0) {
        throw new InputError(
          'suite.empty_dataset',
          `${spec.path}: no usable RATs40K record in ${spec.split} (${problems.length} bad records)`,
          { file: spec.path },
        );
      }
      const kept = spec.limit === undefined ? items : items.slice(0, spec.limit);
      const split = rats40kToDatasetSplit(kept, { split: spec.split, type: 'rats40k' });
      return streamOfSplit({ ...split, meta: { ...split.meta, problems } });
    }
    case 'files':
      return streamOfSplit(await filesDataset(spec));
  }
}

/**
 * Indices dropped from an irregular series, as the generator recorded them (VTA irregular
 * univariate).
 */
export function droppedIndicesOf(
  split: Pick<DatasetSplit, 'meta'>,
  seriesId: string,
): number[] | undefined {
  const table = split.meta['dropIndices'];
  if (table === null || typeof table !== 'object') return undefined;
  const entry = (table as Record<string, unknown>)[seriesId];
  return Array.isArray(entry) && entry.every((value) => typeof value === 'number')
    ? (entry as number[])
    : undefined;
}
