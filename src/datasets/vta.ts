import { InputError } from '../errors.js';
import type { DatasetSplit } from '../schema/dataset.js';
import type { Label } from '../schema/label.js';
import { SeededRandom } from './random.js';
import { collectSplit, type DatasetItem, type StreamedSplit } from './streamed.js';
import {
  dropPoints,
  generatedSeriesId,
  intervalsFromVector,
  pointsFromVector,
  toJsonValues,
} from './vectors.js';
import {
  generateMultivariateDraw,
  vtaMultivariateTypes,
  type VtaMultivariateType,
} from './vta-multivariate.js';
import {
  generateUnivariateDraw,
  isVtaPointType,
  newUnivariateState,
  vtaUnivariateTypes,
  type UnivariateState,
  type VtaUnivariateType,
} from './vta-univariate.js';

/** The four VisualTimeAnomaly synthetic scenarios. */
export const vtaKinds = [
  'univariate',
  'multivariate',
  'irregular-univariate',
  'irregular-multivariate',
] as const;
export type VtaKind = (typeof vtaKinds)[number];
export type VtaType = VtaUnivariateType | VtaMultivariateType;

/** Options of `generateVta`. */
export interface VtaOptions {
  kind: VtaKind;
  /**
   * Univariate kinds: global | contextual | seasonal | trend | shapelet; multivariate kinds:
   * triangle | square | sawtooth | random_walk.
   */
  type: VtaType;
  /** Series in the split. @default 100 */
  count?: number;
  /** Seed; train and eval use independent streams of it. @default 0 */
  seed?: number;
  /** @default 'eval' */
  split?: 'train' | 'eval';
  /** Variates of multivariate kinds (≥ 4; published: 4, 9, 16, 25, 36). @default 9 */
  dims?: number;
  /**
   * Share of points dropped to NaN for irregular kinds, in [0, 1) (published: 0.05…0.25). @default
   * 0.1
   */
  dropRatio?: number;
  /**
   * Reproduce the published seasonal bug: the base frequency compounds ×3 per series of a split
   * (series k uses 0.04·3^k, its windows 0.04·3^(k+1)). Off: every series uses 0.04 and 0.12.
   * @default false
   */
  vtaSeasonalQuirk?: boolean;
}

const GENERATOR_VERSION = 1;

function ratioTag(ratio: number): string {
  return `ratio${Math.round(ratio * 100)}`;
}

/**
 * Dataset name used in split files, e.g. `vta-univariate`, `vta-multivariate-dim9`,
 * `vta-irregular-univariate-ratio10`.
 */
export function vtaDatasetName(options: Pick<VtaOptions, 'kind' | 'dims' | 'dropRatio'>): string {
  const dims = options.dims ?? 9;
  const ratio = options.dropRatio ?? 0.1;
  switch (options.kind) {
    case 'univariate':
      return 'vta-univariate';
    case 'multivariate':
      return `vta-multivariate-dim${dims}`;
    case 'irregular-univariate':
      return `vta-irregular-univariate-${ratioTag(ratio)}`;
    case 'irregular-multivariate':
      return `vta-irregular-multivariate-dim${dims}-${ratioTag(ratio)}`;
  }
}

function invalid(field: string, message: string): InputError {
  return new InputError('input.invalid_generator_option', message, { field });
}

function validate(options: VtaOptions): void {
  if (!vtaKinds.includes(options.kind))
    throw invalid(
      'kind',
      `unknown VTA kind "${String(options.kind)}"; use one of ${vtaKinds.join(', ')}.`,
    );
  const multivariate = options.kind.endsWith('multivariate');
  const allowed: readonly string[] = multivariate ? vtaMultivariateTypes : vtaUnivariateTypes;
  if (!allowed.includes(options.type)) {
    throw invalid(
      'type',
      `type "${String(options.type)}" does not fit kind ${options.kind}; use one of ${allowed.join(', ')}.`,
    );
  }
  const count = options.count ?? 100;
  if (!Number.isSafeInteger(count) || count < 0)
    throw invalid('count', `count must be a whole number >= 0, got ${String(count)}.`);
  const dims = options.dims ?? 9;
  if (multivariate && (!Number.isSafeInteger(dims) || dims < 4)) {
    throw invalid(
      'dims',
      `dims must be a whole number >= 4 (at least one anomalous variate needs floor(sqrt(d)) - 1 >= 1), got ${String(dims)}.`,
    );
  }
  const ratio = options.dropRatio ?? 0.1;
  if (!(ratio >= 0 && ratio < 1))
    throw invalid('dropRatio', `dropRatio must be in [0, 1), got ${String(ratio)}.`);
}

interface GeneratedItem {
  item: DatasetSplit['items'][number];
  dropIndices: number[] | number[][] | undefined;
}

function univariateItem(
  options: VtaOptions,
  id: string,
  state: UnivariateState,
  random: SeededRandom,
): GeneratedItem {
  const type = options.type as VtaUnivariateType;
  const draw = generateUnivariateDraw(type, state, random);
  const dropIndices =
    options.kind === 'irregular-univariate'
      ? dropPoints(draw.values, draw.labelVector, options.dropRatio ?? 0.1, random)
      : undefined;
  const intervals: [number, number][] = isVtaPointType(type)
    ? pointsFromVector(draw.labelVector).map((point) => [point, point + 1])
    : intervalsFromVector(draw.labelVector);
  const label: Label = {
    seriesId: id,
    anomalous: intervals.length > 0,
    intervals,
    channels: null,
    category: null,
    explanation: null,
    type,
  };
  return {
    item: { series: { id, channels: ['value'], values: [toJsonValues(draw.values)] }, label },
    dropIndices,
  };
}

function multivariateItem(options: VtaOptions, id: string, random: SeededRandom): GeneratedItem {
  const type = options.type as VtaMultivariateType;
  const dims = options.dims ?? 9;
  const draw = generateMultivariateDraw(type, dims, random);
  let dropIndices: number[][] | undefined;
  if (options.kind === 'irregular-multivariate') {
    // Per-variate drops; a whole-variate label stays "all non-NaN entries are 1", so ids are
    // unchanged.
    dropIndices = draw.channels.map((values) =>
      dropPoints(values, undefined, options.dropRatio ?? 0.1, random),
    );
  }
  const label: Label = {
    seriesId: id,
    anomalous: draw.anomalousChannels.length > 0,
    intervals: null,
    channels: draw.anomalousChannels,
    category: null,
    explanation: null,
    type,
  };
  const series = {
    id,
    channels: draw.channels.map((_, index) => String(index)),
    values: draw.channels.map(toJsonValues),
  };
  return { item: { series, label }, dropIndices };
}

/**
 * Generates one split of a VisualTimeAnomaly-style synthetic dataset, reproducing the published
 * generator's distributions (not numpy's stream). Point types label each anomalous index as its
 * own `[i, i+1)` interval; range types label merged windows; multivariate types label
 * `channels` (anomalous variate ids, from 0) with `intervals: null`. Irregular kinds record the
 * dropped indices in `meta.dropIndices[seriesId]` (the VTA scorer deletes them before scoring).
 * @example generateVta({ kind: 'univariate', type: 'trend', count: 100, seed: 0 })
 */
export function generateVta(options: VtaOptions): DatasetSplit {
  return collectSplit(streamVta(options));
}

/**
 * {@link generateVta} one series at a time (the same series, labels and meta): options are
 * checked at once, series are drawn as `items` is iterated.
 */
export function streamVta(options: VtaOptions): StreamedSplit {
  validate(options);
  const count = options.count ?? 100;
  const seed = options.seed ?? 0;
  const split = options.split ?? 'eval';
  const multivariate = options.kind.endsWith('multivariate');
  const dataset = vtaDatasetName(options);
  const dropIndices: Record<string, number[] | number[][]> = {};
  function* items(): Generator<DatasetItem> {
    // Train and eval come from independent streams of the same seed (the published script runs
    // train then eval from one numpy stream; we cannot reproduce that stream, only its
    // distributions).
    const random = new SeededRandom(seed, split === 'eval' ? 0 : 1);
    const state = newUnivariateState(options.vtaSeasonalQuirk ?? false);
    for (let index = 0; index < count; index += 1) {
      const id = generatedSeriesId(dataset, options.type, split, index);
      const generated = multivariate
        ? multivariateItem(options, id, random)
        : univariateItem(options, id, state, random);
      if (generated.dropIndices !== undefined) dropIndices[id] = generated.dropIndices;
      yield generated.item;
    }
  }
  const meta = (): Record<string, unknown> => {
    const made: Record<string, unknown> = {
      generator: 'vta',
      generatorVersion: GENERATOR_VERSION,
      kind: options.kind,
      type: options.type,
      seed,
      count,
      labels: multivariate
        ? 'channels = anomalous variate ids; intervals null'
        : 'half-open index intervals; point types one [i, i+1) per point',
    };
    if (multivariate) made.dims = options.dims ?? 9;
    else made.vtaSeasonalQuirk = options.vtaSeasonalQuirk ?? false;
    if (options.kind.startsWith('irregular')) {
      made.dropRatio = options.dropRatio ?? 0.1;
      made.dropIndices = dropIndices;
    }
    return made;
  };
  return { dataset, type: options.type, split, count, items: items(), meta };
}
