import { describe, expect, it } from 'vitest';
import { minMaxPoints, pointsRange } from './page/downsample.js';
import { filterItems, progressByTrack, type QueueRow } from './page/filter.js';
import {
  boundaryAt,
  cellsBetween,
  clampView,
  formatTime,
  formatValue,
  fullView,
  niceTicks,
  panView,
  pinchView,
  pxAt,
  rowAt,
  rowTicks,
  zoomView,
} from './page/view.js';
import { listWindow, scrollToShow } from './page/vlist.js';
import { pressDigit } from './page/keys.js';
import { mergeLabelled, normalizeChannels } from './page/labels.js';

const area = { left: 100, width: 1000 };

describe('plot view maths', () => {
  it('zooms about the anchor, keeping it at the same screen x', () => {
    const length = 200_000;
    const view = fullView(length);
    const anchorPx = 350;
    const anchor = rowAt(anchorPx, view, area);
    const zoomed = zoomView(view, { anchor, factor: 0.001, length });
    expect(zoomed.end - zoomed.start).toBeCloseTo(200, 6);
    expect(pxAt(anchor, zoomed, area)).toBeCloseTo(anchorPx, 6);
  });

  it('never zooms past the minimum span or outside the series', () => {
    const z = zoomView({ start: 0, end: 100 }, { anchor: 0, factor: 1e-6, length: 100 });
    expect(z).toEqual({ start: 0, end: 8 });
    expect(zoomView(z, { anchor: 4, factor: 1e6, length: 100 })).toEqual({ start: 0, end: 100 });
    expect(clampView({ start: 95, end: 120 }, 100)).toEqual({ start: 75, end: 100 });
    expect(clampView({ start: 0, end: 3 }, 2)).toEqual({ start: 0, end: 2 });
  });

  it('pinches about the fingers: the row under their midpoint follows it, the span scales', () => {
    const start = { start: 1000, end: 2000 };
    const pinched = pinchView(start, { from: [500, 700], to: [400, 800], area, length: 10_000 });
    expect(pinched.end - pinched.start).toBeCloseTo(500, 6);
    expect(rowAt(600, pinched, area)).toBeCloseTo(rowAt(600, start, area), 6);
    // Moving both fingers right by 100 px drags the series with them.
    const moved = pinchView(start, { from: [500, 700], to: [600, 800], area, length: 10_000 });
    expect(rowAt(700, moved, area)).toBeCloseTo(rowAt(600, start, area), 6);
  });

  it('pans and stops at either end', () => {
    expect(panView({ start: 10, end: 30 }, 5, 100)).toEqual({ start: 15, end: 35 });
    expect(panView({ start: 10, end: 30 }, -50, 100)).toEqual({ start: 0, end: 20 });
    expect(panView({ start: 10, end: 30 }, 500, 100)).toEqual({ start: 80, end: 100 });
  });

  it('maps a drag at high zoom to the rows under the pointer, both ends included', () => {
    // 20 rows over 1000 px: each row is 50 px wide.
    const view = { start: 10_000, end: 10_020 };
    const mid = (row: number) => pxAt(row + 0.5, view, area);
    expect(cellsBetween(mid(10_003), mid(10_007), view, area, 20_000)).toEqual([10_003, 10_008]);
    expect(cellsBetween(mid(10_007), mid(10_003), view, area, 20_000)).toEqual([10_003, 10_008]);
    // A press just inside a row's left edge is that row, not the one before.
    expect(cellsBetween(pxAt(10_004, view, area) + 1, mid(10_004), view, area, 20_000)).toEqual([
      10_004, 10_005,
    ]);
    expect(boundaryAt(pxAt(10_012, view, area) + 10, view, area, 20_000)).toBe(10_012);
    expect(cellsBetween(0, 5000, { start: 0, end: 20 }, area, 20)).toEqual([0, 20]);
  });

  it('gives round ticks and short labels', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3.3, 7.1, 5)).toEqual([-2, 0, 2, 4, 6]);
    expect(rowTicks({ start: 10_000.5, end: 10_020 }, 4)).toEqual([10_005, 10_010, 10_015, 10_020]);
    expect(rowTicks({ start: 0, end: 3 }, 8).every((t) => Number.isInteger(t))).toBe(true);
    expect(formatValue(0.30000000000000004)).toBe('0.3');
    expect(formatValue(123456789)).toBe('1.23e+8');
    expect(formatValue(null)).toBe('—');
    expect(formatTime(Date.UTC(2014, 6, 1, 12, 30))).toBe('2014-07-01 12:30');
    expect(formatTime(Date.UTC(2014, 6, 1, 12, 30, 5))).toBe('2014-07-01 12:30:05');
  });
});

describe('min/max downsampling of the visible rows', () => {
  const values = Array.from({ length: 200_000 }, (_, i) => Math.sin(i / 50));
  values[123_457] = 50;
  values[10] = -50;

  it('keeps every spike whatever the zoom, and at most two points per column', () => {
    const all = minMaxPoints(values, { start: 0, end: values.length, columns: 800 });
    expect(all.length).toBeLessThanOrEqual(1600);
    expect(all).toContainEqual([123_457, 50]);
    expect(all).toContainEqual([10, -50]);
    expect(pointsRange(all)).toEqual({ lo: -50, hi: 50 });
  });

  it('keeps every row when zoomed in, plus one row beyond each end', () => {
    const points = minMaxPoints(values, { start: 123_450, end: 123_460, columns: 800 });
    expect(points.map((p) => p?.[0])).toEqual(Array.from({ length: 12 }, (_, i) => 123_449 + i));
    // The range of a zoomed view is that of the rows shown, not of the whole series.
    const quiet = pointsRange(minMaxPoints(values, { start: 1000, end: 1100, columns: 800 }));
    expect(quiet?.hi).toBeLessThanOrEqual(1);
  });

  it('breaks the line at missing values', () => {
    const gappy = [1, 2, null, Number.NaN, 5, 6];
    expect(minMaxPoints(gappy, { start: 0, end: 6, columns: 100 })).toEqual([
      [0, 1],
      [1, 2],
      null,
      [4, 5],
      [5, 6],
    ]);
    const long = Array.from({ length: 1000 }, (_, i) => (i >= 400 && i < 600 ? null : i));
    const points = minMaxPoints(long, { start: 0, end: 1000, columns: 10 });
    expect(points).toContain(null);
    expect(points.filter((p) => p !== null).every((p) => p[0] < 400 || p[0] >= 600)).toBe(true);
  });
});

describe('virtual list window', () => {
  it('renders only the rows in view plus the overscan, with spacers for the rest', () => {
    const w = listWindow({ count: 10_000, rowHeight: 40, scrollTop: 200_000, viewport: 600 });
    expect(w).toEqual({ first: 4990, last: 5025, top: 4990 * 40, bottom: (10_000 - 5025) * 40 });
    expect(listWindow({ count: 3, rowHeight: 40, scrollTop: 0, viewport: 600 })).toEqual({
      first: 0,
      last: 3,
      top: 0,
      bottom: 0,
    });
    // Scrolled past the end (the list shrank under a filter): the last rows show.
    const end = listWindow({
      count: 100,
      rowHeight: 40,
      scrollTop: 1e9,
      viewport: 400,
      overscan: 0,
    });
    expect(end).toEqual({ first: 90, last: 100, top: 3600, bottom: 0 });
    expect(listWindow({ count: 0, rowHeight: 40, scrollTop: 0, viewport: 400 }).last).toBe(0);
  });

  it('scrolls a row into view only when it is out of view', () => {
    const at = { rowHeight: 40, viewport: 400 };
    expect(scrollToShow({ ...at, index: 5, scrollTop: 0 })).toBe(0);
    expect(scrollToShow({ ...at, index: 50, scrollTop: 0 })).toBe(50 * 40 + 40 - 400);
    expect(scrollToShow({ ...at, index: 2, scrollTop: 1000 })).toBe(80);
  });
});

describe('queue filters and progress', () => {
  const rows: QueueRow[] = Array.from({ length: 10 }, (_, i) => ({
    id: i + 1,
    track: i < 6 ? 'a' : 'b',
    status: i % 3 === 0 ? 'accepted' : 'unreviewed',
    category: i % 2 === 0 ? 'Point Anomaly' : null,
    modelCategories: i === 1 ? ['Point Anomaly'] : [],
    models: i < 5 ? ['m1'] : ['m2'],
    disagreement: i / 10,
  }));
  const none = { unreviewed: false, disagreementsFirst: false, category: '', model: '' };

  it('filters by status, track, category (label or model) and model, and sorts by disagreement', () => {
    expect(filterItems(rows, { ...none, unreviewed: true }).map((r) => r.id)).toEqual([
      2, 3, 5, 6, 8, 9,
    ]);
    expect(filterItems(rows, { ...none, unreviewed: true }, 1).map((r) => r.id)[0]).toBe(1);
    expect(filterItems(rows, { ...none, track: 'b' }).map((r) => r.id)).toEqual([7, 8, 9, 10]);
    expect(filterItems(rows, { ...none, category: 'Point Anomaly' }).map((r) => r.id)).toEqual([
      1, 2, 3, 5, 7, 9,
    ]);
    expect(filterItems(rows, { ...none, model: 'm2', disagreementsFirst: true })[0]?.id).toBe(10);
  });

  it('counts progress per track', () => {
    expect(progressByTrack(rows)).toEqual([
      { track: 'a', reviewed: 2, total: 6 },
      { track: 'b', reviewed: 2, total: 4 },
    ]);
  });
});

describe('number keys for categories', () => {
  it('picks 1–9 at once and waits after a digit that may start a two-digit number', () => {
    expect(pressDigit(null, 3, 14)).toEqual({ pick: 3, pending: null });
    expect(pressDigit(null, 1, 14)).toEqual({ pick: null, pending: 1 });
    expect(pressDigit(1, 3, 14)).toEqual({ pick: 13, pending: null });
    expect(pressDigit(1, 7, 14)).toEqual({ pick: 1, pending: null, then: 7 });
    expect(pressDigit(null, 1, 8)).toEqual({ pick: 1, pending: null });
    expect(pressDigit(null, 9, 8)).toEqual({ pick: null, pending: null });
  });
});

describe('intervals with channels', () => {
  it('merges overlapping intervals only when they cover the same channels', () => {
    expect(
      mergeLabelled([
        [10, 20],
        [15, 30],
        [5, 8],
      ]),
    ).toEqual({
      intervals: [
        [5, 8],
        [10, 30],
      ],
      intervalChannels: null,
    });
    expect(
      mergeLabelled(
        [
          [10, 20],
          [15, 30],
          [18, 25],
        ],
        [[1], null, [1]],
      ),
    ).toEqual({
      intervals: [
        [10, 25],
        [15, 30],
      ],
      intervalChannels: [[1], null],
    });
  });

  it('tidies per-interval channels and keeps the label channels as their union', () => {
    const label = {
      intervals: [
        [10, 20],
        [40, 50],
      ] as [number, number][],
      intervalChannels: [
        [2, 0, 2],
        [0, 1, 2],
      ],
      channels: null,
    };
    expect(normalizeChannels(label, 3)).toEqual({
      intervals: [
        [10, 20],
        [40, 50],
      ],
      intervalChannels: [[0, 2], null],
      channels: [0, 1, 2],
    });
    expect(normalizeChannels({ ...label, intervalChannels: [[2], [2]] }, 3)).toMatchObject({
      intervalChannels: [[2], [2]],
      channels: [2],
    });
    // All intervals over every channel: no per-interval channels, label channels left alone.
    expect(normalizeChannels({ ...label, intervalChannels: [null, []] }, 3)).toEqual({
      intervals: label.intervals,
      channels: null,
    });
    expect(normalizeChannels(label, 1)).toEqual({ intervals: label.intervals, channels: null });
  });
});
