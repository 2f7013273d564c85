import { InputError } from '../errors.js';
import { intervalScores } from '../grade/interval-scores.js';
import type { Label } from '../schema/label.js';
import type { ReviewStore } from './store.js';
import type { ReviewStatus } from './types.js';

/**
 * Cohen's kappa of two raters over the same items: (p_o − p_e) / (1 − p_e), with p_e from each
 * rater's own marginals. `null` when there are no pairs or p_e = 1 (both raters always gave the
 * same single class: kappa is undefined).
 * @example cohenKappa([['x', 'x'], ['x', 'y'], ['y', 'y'], ['y', 'y']]) // 0.5
 */
export function cohenKappa(
  pairs: readonly (readonly [string | number | boolean, string | number | boolean])[],
): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const countsA = new Map<string | number | boolean, number>();
  const countsB = new Map<string | number | boolean, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    countsA.set(a, (countsA.get(a) ?? 0) + 1);
    countsB.set(b, (countsB.get(b) ?? 0) + 1);
    if (a === b) agree += 1;
  }
  const observed = agree / n;
  let expected = 0;
  for (const [category, countA] of countsA)
    expected += (countA / n) * ((countsB.get(category) ?? 0) / n);
  if (expected === 1) return null;
  return (observed - expected) / (1 - expected);
}

/**
 * Affiliation F1 between two reviewers' intervals, reviewer A's as truth: 1 when neither marks an
 * interval, 0 when only one does. `null` when either label says nothing about where (intervals
 * null).
 */
export function intervalAgreement(a: Label, b: Label, length: number): number | null {
  if (a.intervals === null || b.intervals === null) return null;
  const emptyA = a.intervals.length === 0;
  const emptyB = b.intervals.length === 0;
  if (emptyA && emptyB) return 1;
  if (emptyA !== emptyB) return 0;
  return intervalScores({ truth: a.intervals, predicted: b.intervals, length }).affiliation.f1 ?? 0;
}

/** Agreement on one item both reviewers labelled. */
export interface ItemAgreement {
  itemId: number;
  seriesId: string;
  statusA: ReviewStatus;
  statusB: ReviewStatus;
  anomalousA: boolean;
  anomalousB: boolean;
  categoryA: string | null;
  categoryB: string | null;
  intervalF1: number | null;
  categoryAgree: boolean;
}

/** Per-item and overall agreement between two reviewers. */
export interface AgreementStats {
  reviewers: [string, string];
  items: ItemAgreement[];
  /** Items only one of them labelled (not compared). */
  onlyA: number;
  onlyB: number;
  /** Mean interval F1 over items where it is defined; null when none. */
  meanIntervalF1: number | null;
  /** Share of items with the same category (null compared as a category of its own). */
  categoryAgreement: number | null;
  categoryKappa: number | null;
  anomalousAgreement: number | null;
  anomalousKappa: number | null;
}

/**
 * Compares the current labels of two reviewers over the items both reviewed (rejected and
 * unreviewed entries carry no label of their own and are left out). With no names given, the
 * store must hold exactly two reviewers.
 */
export function reviewerAgreement(
  store: ReviewStore,
  options: { reviewers?: readonly [string, string] } = {},
): AgreementStats {
  let pair = options.reviewers;
  if (pair === undefined) {
    const all = store.reviewers();
    if (all.length !== 2) {
      throw new InputError(
        'review.which_reviewers',
        `agreement needs two reviewers; the store has ${all.length === 0 ? 'none' : all.join(', ')}${all.length > 2 ? ' — choose two with --reviewers a,b' : ''}`,
        { field: 'reviewers' },
      );
    }
    pair = [all[0] as string, all[1] as string];
  }
  const [nameA, nameB] = pair;
  const labelsA = store.currentAll(nameA);
  const labelsB = store.currentAll(nameB);
  const usable = (status: ReviewStatus): boolean =>
    status !== 'rejected' && status !== 'unreviewed';
  const items: ItemAgreement[] = [];
  let onlyA = 0;
  let onlyB = 0;
  for (const item of store.listItems()) {
    const a = labelsA.get(item.id);
    const b = labelsB.get(item.id);
    const hasA = a !== undefined && usable(a.status) && a.label !== null;
    const hasB = b !== undefined && usable(b.status) && b.label !== null;
    if (hasA && !hasB) onlyA += 1;
    if (hasB && !hasA) onlyB += 1;
    if (!hasA || !hasB || a.label === null || b.label === null) continue;
    items.push({
      itemId: item.id,
      seriesId: item.seriesId,
      statusA: a.status,
      statusB: b.status,
      anomalousA: a.label.anomalous,
      anomalousB: b.label.anomalous,
      categoryA: a.label.category,
      categoryB: b.label.category,
      intervalF1: intervalAgreement(a.label, b.label, item.length),
      categoryAgree: a.label.category === b.label.category,
    });
  }
  const f1s = items
    .map((item) => item.intervalF1)
    .filter((value): value is number => value !== null);
  const share = (count: number): number | null =>
    items.length === 0 ? null : count / items.length;
  return {
    reviewers: [nameA, nameB],
    items,
    onlyA,
    onlyB,
    meanIntervalF1: f1s.length === 0 ? null : f1s.reduce((x, y) => x + y, 0) / f1s.length,
    categoryAgreement: share(items.filter((item) => item.categoryAgree).length),
    categoryKappa: cohenKappa(
      items.map((item) => [item.categoryA ?? '(none)', item.categoryB ?? '(none)'] as const),
    ),
    anomalousAgreement: share(items.filter((item) => item.anomalousA === item.anomalousB).length),
    anomalousKappa: cohenKappa(items.map((item) => [item.anomalousA, item.anomalousB] as const)),
  };
}

const fmt = (value: number | null): string => (value === null ? '—' : value.toFixed(3));

/** A plain-text table of per-item agreement followed by the overall numbers. */
export function formatAgreement(stats: AgreementStats): string {
  const [a, b] = stats.reviewers;
  const header = ['item', 'series', `${a} category`, `${b} category`, 'same', 'interval F1'];
  const rows = stats.items.map((item) => [
    String(item.itemId),
    item.seriesId,
    item.categoryA ?? '—',
    item.categoryB ?? '—',
    item.categoryAgree ? 'yes' : 'no',
    fmt(item.intervalF1),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
  lines.push(
    '',
    `reviewers: ${a} vs ${b}; items labelled by both: ${stats.items.length} (only ${a}: ${stats.onlyA}, only ${b}: ${stats.onlyB})`,
    `interval affiliation F1 (${a} as truth), mean: ${fmt(stats.meanIntervalF1)}`,
    `category agreement: ${fmt(stats.categoryAgreement)}, Cohen's kappa: ${fmt(stats.categoryKappa)}`,
    `anomalous/normal agreement: ${fmt(stats.anomalousAgreement)}, Cohen's kappa: ${fmt(stats.anomalousKappa)}`,
  );
  return `${lines.join('\n')}\n`;
}
