import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleItems } from '../../test/review/helpers.js';
import { applyWrite, disagreement, proposalFor } from './actions.js';
import { ReviewStore, type StoredItem } from './store.js';

let dir: string;
let store: ReviewStore;
const item = (id: number): StoredItem => store.getItem(id) as StoredItem;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'review-store-'));
  store = ReviewStore.open(join(dir, 'review.sqlite'), { now: () => Date.UTC(2025, 0, 2) });
  store.addItems(sampleItems());
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ReviewStore', () => {
  it('adds items once and keeps answers', () => {
    expect(store.addItems(sampleItems())).toEqual({ added: 0, existing: 3 });
    const items = store.listItems();
    expect(items.map((i) => [i.seriesId, i.length, i.channels.length, i.answers.length])).toEqual([
      ['s1', 100, 1, 2],
      ['s2', 80, 2, 1],
      ['s3', 60, 1, 0],
    ]);
    expect(store.series(2)?.values.length).toBe(2);
  });

  it('uses WAL and refuses to update or delete history', () => {
    applyWrite(store, item(1), 'alice', { baseVersion: 0, action: 'accept' });
    const db = new Database(join(dir, 'review.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(() => db.prepare("UPDATE label_history SET status = 'rejected'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM label_history').run()).toThrow(/append-only/);
    db.close();
  });

  it('versions every write and refuses a stale base version', () => {
    const first = applyWrite(store, item(1), 'alice', { baseVersion: 0, action: 'accept' });
    expect(first.ok).toBe(true);
    expect(first.current.version).toBe(1);
    expect(first.current.entry?.label).toEqual(proposalFor(item(1)));
    const stale = applyWrite(store, item(1), 'alice', { baseVersion: 0, action: 'reject' });
    expect(stale.ok).toBe(false);
    expect(stale.current.version).toBe(1);
    expect(stale.current.entry?.status).toBe('accepted');
    // Another reviewer has a version line of their own.
    expect(
      applyWrite(store, item(1), 'bob', { baseVersion: 0, action: 'normal' }).current.version,
    ).toBe(1);
    expect(store.history(1).map((e) => [e.reviewer, e.version, e.status, e.action])).toEqual([
      ['alice', 1, 'accepted', 'accept'],
      ['bob', 1, 'edited', 'normal'],
    ]);
  });

  it('undo walks back through the history and appends instead of deleting', () => {
    const label = {
      anomalous: true,
      intervals: [[5, 9]] as [number, number][],
      channels: null,
      category: 'Point Anomaly',
      explanation: 'x',
    };
    applyWrite(store, item(3), 'alice', { baseVersion: 0, action: 'edit', label });
    applyWrite(store, item(3), 'alice', { baseVersion: 1, action: 'normal' });
    const back1 = applyWrite(store, item(3), 'alice', { baseVersion: 2, action: 'undo' });
    expect(back1.current.entry).toMatchObject({
      version: 3,
      status: 'new',
      action: 'undo',
      restoresVersion: 1,
    });
    expect(back1.current.entry?.label?.intervals).toEqual([[5, 9]]);
    const back2 = applyWrite(store, item(3), 'alice', { baseVersion: 3, action: 'undo' });
    expect(back2.current.entry).toMatchObject({
      version: 4,
      status: 'unreviewed',
      label: null,
      restoresVersion: 0,
    });
    expect(() => applyWrite(store, item(3), 'alice', { baseVersion: 4, action: 'undo' })).toThrow(
      /nothing left to undo/,
    );
    expect(store.history(3, 'alice')).toHaveLength(4);
  });

  it('checks edited labels against the item', () => {
    const bad = {
      anomalous: true,
      intervals: [[50, 70]] as [number, number][],
      channels: null,
      category: 'Point Anomaly',
      explanation: null,
    };
    expect(() =>
      applyWrite(store, item(3), 'alice', { baseVersion: 0, action: 'edit', label: bad }),
    ).toThrow(/ends past the series \(length 60\)/);
    expect(() =>
      applyWrite(store, item(3), 'alice', {
        baseVersion: 0,
        action: 'edit',
        label: { ...bad, intervals: [[1, 2]], category: 'Made Up' },
      }),
    ).toThrow(/not in the taxonomy/);
    expect(store.history(3)).toHaveLength(0);
  });

  it.each([
    // model [38,52) vs label [40,50): same category, close intervals; model [10,20): far and other
    // category.
    ['s1', 1, (d: number) => d > 0.5 && d < 1],
    ['s3 (no answers)', 3, (d: number) => d === 0],
  ])('disagreement of %s', (_name, id, check) => {
    expect(check(disagreement(item(id), proposalFor(item(id))))).toBe(true);
  });
});

describe('ReviewStore: a damaged store', () => {
  it.each([
    [
      'items',
      'initial_label_json',
      '{"anomalous": "yes"}',
      /row 1, column initial_label_json is not valid at \w+: /,
    ],
    ['items', 'channels_json', '{not json', /column channels_json is not valid JSON/],
    ['answers', 'answer_json', '[]', /table answers, row \d+, column answer_json is not valid/],
  ])(
    'a bad %s.%s cell is review.store_damaged naming the file, row and column',
    (table, column, value, message) => {
      const path = join(dir, 'review.sqlite');
      const db = new Database(path);
      db.prepare(
        `UPDATE ${table} SET ${column} = ? WHERE rowid = (SELECT MIN(rowid) FROM ${table})`,
      ).run(value);
      db.close();
      const error = (() => {
        try {
          store.listItems();
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toMatchObject({ code: 'review.store_damaged', file: path });
      expect(String((error as Error).message)).toMatch(message);
      expect(String((error as Error).message)).toContain(path);
    },
  );

  it('a bad history label is located too', () => {
    applyWrite(store, item(1), 'alice', { baseVersion: 0, action: 'accept' });
    const db = new Database(join(dir, 'review.sqlite'));
    // History is append-only: damage is simulated with the triggers dropped.
    db.exec('DROP TRIGGER label_history_no_update');
    db.prepare('UPDATE label_history SET label_json = \'{"anomalous": 3}\'').run();
    db.close();
    expect(() => store.history(1)).toThrow(/table label_history, row 1, column label_json/);
  });
});
