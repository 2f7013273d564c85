import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleItems } from '../../test/review/helpers.js';
import { applyWrite } from './actions.js';
import { cohenKappa, formatAgreement, intervalAgreement, reviewerAgreement } from './agreement.js';
import { ReviewStore, type StoredItem } from './store.js';

/** Pairs from a 2×2 table: [yes,yes] × a, [yes,no] × b, [no,yes] × c, [no,no] × d. */
function table(a: number, b: number, c: number, d: number): [string, string][] {
  return [
    ...Array<[string, string]>(a).fill(['yes', 'yes']),
    ...Array<[string, string]>(b).fill(['yes', 'no']),
    ...Array<[string, string]>(c).fill(['no', 'yes']),
    ...Array<[string, string]>(d).fill(['no', 'no']),
  ];
}

describe('cohenKappa', () => {
  it.each([
    // po = 3/4; A: x .5, y .5; B: x .25, y .75; pe = .125 + .375 = .5; κ = (.75 − .5)/.5
    [
      'two classes, 4 items',
      [
        ['x', 'x'],
        ['x', 'y'],
        ['y', 'y'],
        ['y', 'y'],
      ] as [string, string][],
      0.5,
    ],
    // Wikipedia's example: po = 35/50 = .7; pe = .5·.6 + .5·.4 = .5; κ = .2/.5
    ['2×2 table 20/5/10/15', table(20, 5, 10, 15), 0.4],
    // po = 0; A always x, B always y: pe = 0 → κ = 0
    [
      'total disagreement, disjoint classes',
      [
        ['x', 'y'],
        ['x', 'y'],
      ] as [string, string][],
      0,
    ],
    // po = 0; A: x .5 y .5; B: y .5 x .5; pe = .5 → κ = −1
    [
      'perfect swap',
      [
        ['x', 'y'],
        ['y', 'x'],
      ] as [string, string][],
      -1,
    ],
    // 3 classes: po = 4/6; A: a 2/6, b 2/6, c 2/6; B: a 3/6, b 2/6, c 1/6; pe = (6 + 4 + 2)/36 =
    // 1/3; κ = (2/3 − 1/3)/(2/3) = .5
    [
      'three classes',
      [
        ['a', 'a'],
        ['a', 'a'],
        ['b', 'b'],
        ['b', 'a'],
        ['c', 'c'],
        ['c', 'b'],
      ] as [string, string][],
      0.5,
    ],
    [
      'perfect agreement',
      [
        ['x', 'x'],
        ['y', 'y'],
      ] as [string, string][],
      1,
    ],
  ])('%s', (_name, pairs, expected) => {
    expect(cohenKappa(pairs)).toBeCloseTo(expected, 12);
  });

  it('is undefined without pairs or when both raters used one class only', () => {
    expect(cohenKappa([])).toBeNull();
    expect(
      cohenKappa([
        ['x', 'x'],
        ['x', 'x'],
      ]),
    ).toBeNull();
  });
});

describe('intervalAgreement', () => {
  const label = (intervals: [number, number][] | null) => ({
    seriesId: 's',
    anomalous: intervals !== null && intervals.length > 0,
    intervals,
    channels: null,
    category: null,
    explanation: null,
  });
  it.each([
    ['same intervals', [[100, 200]], [[100, 200]], 1],
    // intervalScores' documented case: truth [100,200), predicted [0,100), length 400 → P .5, R
    // .75, F1 .6
    ['adjacent intervals', [[100, 200]], [[0, 100]], 0.6],
    ['both empty', [], [], 1],
    ['only one marks something', [[1, 5]], [], 0],
    ['not labelled by position', null, [[1, 5]], null],
  ] as const)('%s', (_name, a, b, expected) => {
    const value = intervalAgreement(
      label(a === null ? null : a.map(([s, e]) => [s, e])),
      label(b.map(([s, e]) => [s, e])),
      400,
    );
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 10);
  });
});

describe('reviewerAgreement', () => {
  it('compares two reviewers item by item and overall', () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-agree-'));
    const store = ReviewStore.open(join(dir, 'r.sqlite'));
    try {
      store.addItems(sampleItems());
      const item = (id: number): StoredItem => store.getItem(id) as StoredItem;
      const edit = (
        reviewer: string,
        id: number,
        intervals: [number, number][],
        category: string,
      ) =>
        applyWrite(store, item(id), reviewer, {
          baseVersion: store.current(id, reviewer).version,
          action: 'edit',
          label: { anomalous: true, intervals, channels: null, category, explanation: null },
        });
      // Item 1: same interval and category. Item 2: same interval, other category. Item 3: alice
      // only.
      edit('alice', 1, [[40, 50]], 'Sudden Spike Anomaly');
      edit('bob', 1, [[40, 50]], 'Sudden Spike Anomaly');
      edit('alice', 2, [[40, 50]], 'Local Structural Jump Anomaly');
      edit('bob', 2, [[40, 50]], 'Joint Space Anomaly');
      applyWrite(store, item(3), 'alice', { baseVersion: 0, action: 'normal' });
      const stats = reviewerAgreement(store);
      expect(stats.reviewers).toEqual(['alice', 'bob']);
      expect(stats.items.map((i) => [i.itemId, i.intervalF1, i.categoryAgree])).toEqual([
        [1, 1, true],
        [2, 1, false],
      ]);
      expect(stats.onlyA).toBe(1);
      expect(stats.meanIntervalF1).toBe(1);
      expect(stats.categoryAgreement).toBe(0.5);
      // A: spike, jump; B: spike, joint → po = .5, pe = (1/2·1/2) + 0 + 0 = .25 → κ = (.5 −
      // .25)/.75 = 1/3
      expect(stats.categoryKappa).toBeCloseTo(1 / 3, 12);
      expect(stats.anomalousKappa).toBeNull();
      expect(formatAgreement(stats)).toContain("category agreement: 0.500, Cohen's kappa: 0.333");
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
