import { InputError } from '../errors.js';
import { affiliationScores } from '../grade/affiliation.js';
import { normalizeIntervals } from '../grade/intervals.js';
import type { Label } from '../schema/label.js';
import { findCategory, NORMAL_CATEGORY } from '../schema/taxonomy.js';
import type { StoredItem, ReviewStore, WriteOutcome, NewEntry } from './store.js';
import type { CurrentLabel, HistoryEntry, ModelAnswer, WriteBody } from './types.js';

/** A model answer as a label proposal (null when the model gave no usable answer). */
export function answerToLabel(seriesId: string, answer: ModelAnswer): Label | null {
  if (answer.status !== 'ok' || answer.anomalous === null) return null;
  const first = answer.anomalies[0];
  return {
    seriesId,
    anomalous: answer.anomalous,
    intervals: (answer.intervals ?? [])
      .map(([start, end]) => [Math.round(start), Math.round(end)] as [number, number])
      .filter(([s, e]) => e > s && s >= 0),
    channels: answer.channels,
    category: answer.anomalous ? (answer.category ?? first?.category ?? null) : NORMAL_CATEGORY,
    explanation: answer.summary ?? first?.explanation ?? null,
  };
}

/**
 * What a reviewer is shown before reviewing: the label that came with the data, else the first
 * usable model answer, else null.
 */
export function proposalFor(item: StoredItem): Label | null {
  if (item.initialLabel !== null) return item.initialLabel;
  for (const answer of item.answers) {
    const label = answerToLabel(item.seriesId, answer);
    if (label !== null) return label;
  }
  return null;
}

/** True when an entry is a review decision (not an undo back to nothing). */
export function isReviewed(entry: HistoryEntry | null): boolean {
  return entry !== null && entry.status !== 'unreviewed';
}

/** The label on screen: the reviewer's current label, else the proposal. */
export function displayedLabel(item: StoredItem, current: CurrentLabel): Label | null {
  return current.entry !== null && current.entry.label !== null
    ? current.entry.label
    : proposalFor(item);
}

/** The label "normal, nothing anomalous" of a series. */
export function normalLabel(seriesId: string): Label {
  return {
    seriesId,
    anomalous: false,
    intervals: [],
    channels: null,
    category: NORMAL_CATEGORY,
    explanation: null,
  };
}

/**
 * How much the models disagree with a label, 0 (agree) to 1: per model, 1 when anomalous differs,
 * else 1 − affiliation F1 of the intervals (when both have some) plus 0.5 when the categories
 * differ (capped at 1); averaged over models with an answer. 0 with no label or no answer.
 */
export function disagreement(item: StoredItem, label: Label | null): number {
  if (label === null) return 0;
  const scores: number[] = [];
  for (const answer of item.answers) {
    if (answer.status !== 'ok' || answer.anomalous === null) continue;
    if (answer.anomalous !== label.anomalous) {
      scores.push(1);
      continue;
    }
    let score = 0;
    const truth = label.intervals ?? [];
    const predicted = (answer.intervals ?? [])
      .map(([s, e]) => [Math.round(s), Math.round(e)] as const)
      .filter(([s, e]) => s <= e);
    if (label.anomalous && truth.length > 0 && predicted.length > 0 && item.length > 0) {
      // Only affiliation F1 is needed: the other metrics would triple the cost of listing a long
      // queue (bench:review-queue).
      const n = item.length;
      const f1 = affiliationScores(
        normalizeIntervals(truth, n, 'truth'),
        normalizeIntervals(predicted, n, 'predicted'),
        n,
      ).f1;
      score = 1 - (f1 ?? 0);
    } else if (
      label.anomalous &&
      truth.length > 0 !== predicted.length > 0 &&
      label.intervals !== null
    ) {
      score = 1;
    }
    if (label.category !== null && answer.category !== null && label.category !== answer.category)
      score += 0.5;
    scores.push(Math.min(1, score));
  }
  return scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
}

/**
 * Checks an edited label against its item (intervals inside the series, known channels and
 * category).
 */
export function checkLabel(item: StoredItem, label: Label): Label {
  for (const [index, [start, end]] of (label.intervals ?? []).entries()) {
    if (end > item.length) {
      throw new InputError(
        'review.bad_label',
        `interval ${index} [${start}, ${end}) ends past the series (length ${item.length}); keep intervals inside [0, ${item.length})`,
        { field: `label.intervals[${index}]` },
      );
    }
  }
  for (const channel of label.channels ?? []) {
    if (channel >= item.channels.length) {
      throw new InputError(
        'review.bad_label',
        `channel ${channel} does not exist (the series has ${item.channels.length}); use indices 0..${item.channels.length - 1}`,
        { field: 'label.channels' },
      );
    }
  }
  const perInterval = label.intervalChannels ?? null;
  if (perInterval !== null && perInterval.length !== (label.intervals ?? []).length) {
    throw new InputError(
      'review.bad_label',
      `intervalChannels has ${perInterval.length} entries for ${(label.intervals ?? []).length} intervals; give one (or null for all channels) per interval`,
      { field: 'label.intervalChannels' },
    );
  }
  for (const [index, channels] of (perInterval ?? []).entries()) {
    const bad = (channels ?? []).find((channel) => channel >= item.channels.length);
    if (bad !== undefined)
      throw new InputError(
        'review.bad_label',
        `interval ${index} names channel ${bad}, but the series has ${item.channels.length}; use indices 0..${item.channels.length - 1}`,
        { field: `label.intervalChannels[${index}]` },
      );
  }
  if (label.category !== null && findCategory(label.category) === undefined) {
    throw new InputError(
      'review.bad_label',
      `category "${label.category}" is not in the taxonomy; pick one from /api/taxonomy`,
      { field: 'label.category' },
    );
  }
  return label;
}

/**
 * Applies one page action as a versioned append: accept/reject keep the label on screen with that
 * status, normal writes the normal label, edit writes the sent label, undo brings back the state
 * before the latest decision (repeatable, down to unreviewed).
 */
export function applyWrite(
  store: ReviewStore,
  item: StoredItem,
  reviewer: string,
  body: WriteBody,
): WriteOutcome {
  if (body.action === 'edit' && body.label === undefined) {
    throw new InputError('review.bad_request', 'an edit needs a "label" object', {
      field: 'label',
    });
  }
  const edited =
    body.label === undefined ? null : checkLabel(item, { ...body.label, seriesId: item.seriesId });
  return store.append(item.id, reviewer, body.baseVersion, (current): NewEntry => {
    const shown = displayedLabel(item, current);
    switch (body.action) {
      case 'accept':
        return { status: 'accepted', action: 'accept', label: shown ?? normalLabel(item.seriesId) };
      case 'reject':
        return { status: 'rejected', action: 'reject', label: shown };
      case 'normal':
        return { status: 'edited', action: 'normal', label: normalLabel(item.seriesId) };
      case 'edit':
        return { status: shown === null ? 'new' : 'edited', action: 'edit', label: edited };
      case 'undo':
        return undoEntry(store, item, reviewer, current);
    }
  });
}

function undoEntry(
  store: ReviewStore,
  item: StoredItem,
  reviewer: string,
  current: CurrentLabel,
): NewEntry {
  const latest = current.entry;
  if (latest === null)
    throw new InputError(
      'review.nothing_to_undo',
      `item ${item.id} has no decision by ${reviewer} to undo`,
    );
  // Undoing an undo that restored version r goes one step further back, to the state before r.
  const target =
    latest.action === 'undo' && latest.restoresVersion !== null
      ? latest.restoresVersion - 1
      : latest.version - 1;
  if (target <= 0 && latest.status === 'unreviewed')
    throw new InputError(
      'review.nothing_to_undo',
      `item ${item.id} has nothing left to undo for ${reviewer}`,
    );
  if (target <= 0) return { status: 'unreviewed', action: 'undo', label: null, restoresVersion: 0 };
  const restored = store.entry(item.id, reviewer, target);
  if (restored === undefined)
    throw new InputError(
      'review.nothing_to_undo',
      `item ${item.id} has no version ${target} to go back to`,
    );
  return {
    status: restored.status,
    action: 'undo',
    label: restored.label,
    restoresVersion: target,
  };
}
