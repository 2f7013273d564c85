import { readFile } from 'node:fs/promises';
import {
  parseJsonAllowingNaN,
  parseRats40k,
  writeRats40k,
  type Rats40kItem,
} from '../datasets/index.js';
import { InputError } from '../errors.js';
import { labelSchema, type Label } from '../schema/label.js';
import { findCategory } from '../schema/taxonomy.js';
import { seriesFromJson } from '../series/index.js';
import { isReviewed } from './actions.js';
import { rats40kItems } from './sources.js';
import type { ReviewStore, StoredItem } from './store.js';
import type { HistoryEntry } from './types.js';

/** Export formats: RATs40K JSON or a JSON array of our `Label`. */
export const exportFormats = ['rats40k', 'anomscope'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Options of `exportLabels`. */
export interface ExportOptions {
  format: ExportFormat;
  /** Whose labels. @default the only reviewer in the store (an error when there are several) */
  reviewer?: string;
}

/** What an export wrote and what it left out. */
export interface ExportResult {
  text: string;
  written: number;
  /** Items whose current label is `rejected` (no trusted label) or that nobody reviewed. */
  skippedRejected: number;
  skippedUnreviewed: number;
  /** RATs40K only: labels with no category (the format needs an Action). */
  skippedNoCategory: number;
}

/** Picks the reviewer an export or import is about. */
export function chooseReviewer(store: ReviewStore, reviewer: string | undefined): string {
  if (reviewer !== undefined) return reviewer;
  const all = store.reviewers();
  if (all.length === 1 && all[0] !== undefined) return all[0];
  if (all.length === 0)
    throw new InputError(
      'review.no_labels',
      'the review store holds no reviewed labels yet; review some items first',
    );
  throw new InputError(
    'review.which_reviewer',
    `the store has labels by several reviewers (${all.join(', ')}); choose one with --reviewer`,
    { field: 'reviewer' },
  );
}

/**
 * Writes the reviewed labels (accepted, edited, new; not rejected) of one reviewer. RATs40K: one
 * record per item, with `Intervals` / `Channels` fields added when the label has them, so an
 * import gets them back; items that did not come from RATs40K go to `TSAD_test` keyed by series id.
 */
export function exportLabels(store: ReviewStore, options: ExportOptions): ExportResult {
  const reviewer = chooseReviewer(store, options.reviewer);
  const current = store.currentAll(reviewer);
  const result: ExportResult = {
    text: '',
    written: 0,
    skippedRejected: 0,
    skippedUnreviewed: 0,
    skippedNoCategory: 0,
  };
  const labels: (Label & { reviewer: string; reviewedAt: string })[] = [];
  const records: Rats40kItem[] = [];
  for (const item of store.listItems()) {
    const entry = current.get(item.id) ?? null;
    if (!isReviewed(entry) || entry === null || entry.label === null) {
      result.skippedUnreviewed += 1;
      continue;
    }
    if (entry.status === 'rejected') {
      result.skippedRejected += 1;
      continue;
    }
    // Who labelled it and when travel with the label (our import ignores these two fields).
    if (options.format === 'anomscope')
      labels.push({ ...entry.label, reviewer: entry.reviewer, reviewedAt: entry.createdAt });
    else {
      const record = toRats40k(store, item, entry);
      if (record === null) result.skippedNoCategory += 1;
      else records.push(record);
    }
  }
  result.written = options.format === 'anomscope' ? labels.length : records.length;
  result.text = `${JSON.stringify(options.format === 'anomscope' ? labels : writeRats40k(records), null, 2)}\n`;
  return result;
}

function toRats40k(store: ReviewStore, item: StoredItem, entry: HistoryEntry): Rats40kItem | null {
  const label = entry.label as Label;
  if (label.category === null) return null;
  const json = store.series(item.id);
  if (json === undefined) return null;
  const series = seriesFromJson(json, { file: `review item ${item.id}` });
  const modality = modalityOf(item);
  const meta = item.rats40k;
  const extra: Record<string, unknown> = { ...(meta?.extra ?? {}) };
  if (label.intervals !== null) extra.Intervals = label.intervals;
  if (label.channels !== null) extra.Channels = label.channels;
  if (label.intervalChannels != null) extra.IntervalChannels = label.intervalChannels;
  extra.Reviewer = entry.reviewer;
  extra.ReviewedAt = entry.createdAt;
  return {
    key: meta?.key ?? item.seriesId,
    split: meta?.split ?? 'TSAD_test',
    modality,
    series,
    label,
    source: meta?.source ?? series.context?.domain ?? null,
    figurePath: meta?.figurePath ?? null,
    actionId:
      findCategory(label.category, modality)?.id ??
      findCategory(label.category)?.id ??
      meta?.actionId ??
      0,
    extra,
  };
}

function modalityOf(item: StoredItem): 'univariate' | 'multivariate' {
  // RATs40K items keep theirs in the track name (a one-channel record may still be multivariate).
  if (item.track === 'rats40k/multivariate') return 'multivariate';
  if (item.track === 'rats40k/univariate') return 'univariate';
  return item.channels.length > 1 ? 'multivariate' : 'univariate';
}

/** Options of `importLabels`. */
export interface ImportOptions {
  format: ExportFormat;
  /** Reviewer the imported labels are written as. @default 'import' */
  reviewer?: string;
  /** Name of the source in error messages. */
  file?: string;
}

/**
 * Reads labels exported by `exportLabels` (or any file of that shape) into the store as new history
 * entries (status `accepted`, action `import`). RATs40K records become items when the store has
 * none for them; our label format needs the items to exist (matched by series id).
 */
export function importLabels(
  store: ReviewStore,
  text: string,
  options: ImportOptions,
): { imported: number; itemsAdded: number } {
  const where = options.file ?? 'import';
  const reviewer = options.reviewer ?? 'import';
  const json = parseJson(text, where);
  const pairs: { itemId: number; label: Label }[] = [];
  let itemsAdded = 0;
  if (options.format === 'anomscope') {
    if (!Array.isArray(json))
      throw new InputError('review.bad_import', `${where} is not a JSON array of labels`, {
        file: options.file,
      });
    json.forEach((raw, index) => {
      const parsed = labelSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(
          'review.bad_import',
          `${where}[${index}].${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
          { file: options.file, field: `[${index}]` },
        );
      }
      const ids = store.itemIdsBySeriesId(parsed.data.seriesId);
      if (ids.length !== 1 || ids[0] === undefined) {
        throw new InputError(
          'review.bad_import',
          `${where}[${index}]: ${ids.length === 0 ? 'no item' : `${ids.length} items`} with series id "${parsed.data.seriesId}" in the store; create the store from the same data first`,
          { file: options.file, field: `[${index}].seriesId` },
        );
      }
      pairs.push({ itemId: ids[0], label: parsed.data });
    });
  } else {
    const { items, problems } = parseRats40k(json, {
      ...(options.file === undefined ? {} : { file: options.file }),
      allowUnknownCategories: true,
    });
    const first = problems[0];
    if (first !== undefined)
      throw new InputError(
        'review.bad_import',
        `${where}: ${first.split} record "${first.key}", field ${first.field}: ${first.message}`,
        { file: options.file, field: first.field },
      );
    for (const record of items) {
      const { intervals, channels, intervalChannels, rest } = splitExtra(
        record.extra,
        where,
        record.key,
      );
      const clean = { ...record, extra: rest };
      let itemId = findRats40kItem(store, clean);
      if (itemId === undefined) {
        const [input] = rats40kItems([clean], where);
        if (input === undefined) continue;
        itemsAdded += store.addItems([input]).added;
        itemId = store.itemIdByKey(input.key) as number;
      }
      const seriesId = (store.getItem(itemId) as StoredItem).seriesId;
      pairs.push({
        itemId,
        label: {
          ...record.label,
          seriesId,
          intervals,
          channels,
          ...(intervalChannels == null ? {} : { intervalChannels }),
        },
      });
    }
  }
  for (const { itemId, label } of pairs)
    store.append(itemId, reviewer, null, () => ({ status: 'accepted', action: 'import', label }));
  return { imported: pairs.length, itemsAdded };
}

function findRats40kItem(store: ReviewStore, record: Rats40kItem): number | undefined {
  const all = store.listItems();
  const byMeta = all.find(
    (item) =>
      item.rats40k !== null &&
      item.rats40k.split === record.split &&
      item.rats40k.key === record.key,
  );
  if (byMeta !== undefined) return byMeta.id;
  // Items that did not come from RATs40K are exported under their series id as key.
  const byKey = all.filter((item) => item.rats40k === null && item.seriesId === record.key);
  if (byKey.length === 1) return byKey[0]?.id;
  return store.itemIdByKey(record.series.id);
}

function splitExtra(
  extra: Record<string, unknown>,
  where: string,
  key: string,
): Pick<Label, 'intervals' | 'channels' | 'intervalChannels'> & { rest: Record<string, unknown> } {
  const {
    Intervals: rawIntervals,
    Channels: rawChannels,
    IntervalChannels: rawPerInterval,
    ...rest
  } = extra;
  const parsed = labelSchema
    .pick({ intervals: true, channels: true, intervalChannels: true })
    .safeParse({
      intervals: rawIntervals ?? null,
      channels: rawChannels ?? null,
      intervalChannels: rawPerInterval ?? null,
    });
  if (!parsed.success)
    throw new InputError(
      'review.bad_import',
      `${where}: record "${key}" has bad Intervals/Channels (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      { field: 'Intervals' },
    );
  return { ...parsed.data, rest };
}

function parseJson(text: string, where: string): unknown {
  try {
    return parseJsonAllowingNaN(text);
  } catch (error) {
    throw new InputError(
      'review.bad_import',
      `${where} is not valid JSON (${(error as Error).message})`,
      {},
      { cause: error },
    );
  }
}

/** Reads an export file and imports it (see `importLabels`). */
export async function importLabelsFile(
  store: ReviewStore,
  file: string,
  options: Omit<ImportOptions, 'file'>,
): Promise<{ imported: number; itemsAdded: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'input.unreadable_file',
      `cannot read ${file}; check the path`,
      { file },
      { cause: error },
    );
  }
  return importLabels(store, text, { ...options, file });
}
