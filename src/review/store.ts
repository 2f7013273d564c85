import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AnomscopeError, InputError } from '../errors.js';
import { seriesJsonSchema, type SeriesJson } from '../schema/dataset.js';
import { labelSchema, type Label } from '../schema/label.js';
import { z } from 'zod';
import { schemaSql, SCHEMA_VERSION, type HistoryRow, type ItemRow } from './store-schema.js';
import { keepAlive, statementCache } from './sqlite-keepalive.js';
import { readStoredJson, type StoredCell } from './stored-json.js';
import {
  modelAnswerSchema,
  rats40kMetaSchema,
  type CurrentLabel,
  type HistoryEntry,
  type ModelAnswer,
  type Rats40kMeta,
  type ReviewAction,
  type ReviewItemInput,
  type ReviewStatus,
} from './types.js';

const channelsSchema = z.array(z.string());

/** An item as stored, without its series values (see `ReviewStore.series`). */
export interface StoredItem {
  id: number;
  key: string;
  seriesId: string;
  source: string;
  track: string | null;
  length: number;
  channels: string[];
  initialLabel: Label | null;
  rats40k: Rats40kMeta | null;
  answers: ModelAnswer[];
}

/** Options of `ReviewStore.open`. */
export interface OpenStoreOptions {
  /** Clock for history timestamps (tests pass a fixed one). @default Date.now */
  now?: () => number;
  /**
   * Create the file when it does not exist. Read-only commands (export, stats) pass `false` so a
   * mistyped path is an error instead of a new empty store.
   * @default true
   */
  create?: boolean;
}

/** A new history entry as a caller asks for it; version and time are the store's. */
export interface NewEntry {
  status: ReviewStatus;
  action: ReviewAction;
  label: Label | null;
  restoresVersion?: number | null;
}

/**
 * Outcome of a versioned write: `ok: false` means the base version was stale and nothing was
 * written.
 */
export type WriteOutcome =
  { ok: true; current: CurrentLabel } | { ok: false; current: CurrentLabel };

/**
 * The review store: SQLite (WAL, synchronous=FULL) holding items, model answers and an
 * append-only label history. Every write is one transaction, committed before it returns.
 */
export class ReviewStore {
  readonly #db: Database.Database;
  /** Prepared once per SQL text and never freed (see sqlite-keepalive.ts). */
  readonly #prepare: ReturnType<typeof statementCache>;
  readonly #now: () => number;
  /** The store file, named in located errors about damaged cells. */
  readonly #path: string;

  private constructor(db: Database.Database, now: () => number, path: string) {
    this.#db = db;
    this.#prepare = statementCache(db);
    this.#now = now;
    this.#path = path;
  }

  /** Opens (creating when missing) a store file and brings its schema up to date. */
  static open(path: string, options: OpenStoreOptions = {}): ReviewStore {
    if (options.create === false && !existsSync(path)) {
      throw new InputError(
        'review.store_missing',
        `review store ${path} does not exist; check the --db path (review without a subcommand creates one)`,
        { file: path, field: 'db' },
      );
    }
    let db: Database.Database;
    try {
      db = keepAlive(new Database(path, { fileMustExist: options.create === false }));
      // exec, not pragma(): pragma() prepares a statement that would be garbage collected.
      db.exec(
        'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; ' +
          'PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
      );
      db.exec(schemaSql);
    } catch (error) {
      throw new AnomscopeError(
        'review.store_open',
        `cannot open the review store ${path} (${(error as Error).message}); is it a review .sqlite file and is its folder writable?`,
        { cause: error },
      );
    }
    const store = new ReviewStore(db, options.now ?? Date.now, path);
    const version = store
      .#prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")
      .get();
    if (version === undefined)
      store
        .#prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)")
        .run(String(SCHEMA_VERSION));
    else if (Number(version.value) > SCHEMA_VERSION) {
      db.close();
      throw new AnomscopeError(
        'review.store_version',
        `review store ${path} has schema version ${version.value}, newer than this anomscope understands (${SCHEMA_VERSION}); upgrade anomscope`,
      );
    }
    return store;
  }

  close(): void {
    this.#db.close();
  }

  /**
   * Adds items whose key is new and (re)writes their model answers; existing items and labels are
   * kept. Returns how many items were new.
   */
  addItems(items: readonly ReviewItemInput[]): { added: number; existing: number } {
    const insertItem = this.#prepare(
      'INSERT OR IGNORE INTO items (key, series_id, source, track, length, channels_json, series_json, initial_label_json, rats40k_json, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const findId = this.#prepare<[string], { id: number }>('SELECT id FROM items WHERE key = ?');
    const upsertAnswer = this.#prepare(
      'INSERT OR REPLACE INTO answers (item_id, model, answer_json) VALUES (?, ?, ?)',
    );
    let added = 0;
    const now = new Date(this.#now()).toISOString();
    this.#db.transaction(() => {
      for (const item of items) {
        const length = item.series.values[0]?.length ?? 0;
        const info = insertItem.run(
          item.key,
          item.series.id,
          item.source,
          item.track,
          length,
          JSON.stringify(item.series.channels),
          JSON.stringify(item.series),
          item.label === null ? null : JSON.stringify(item.label),
          item.rats40k === null ? null : JSON.stringify(item.rats40k),
          now,
        );
        added += info.changes;
        const id = (findId.get(item.key) as { id: number }).id;
        for (const answer of item.answers)
          upsertAnswer.run(id, answer.model, JSON.stringify(answer));
      }
    })();
    return { added, existing: items.length - added };
  }

  /** Every item in insertion order, with model answers, without series values. */
  listItems(): StoredItem[] {
    const answers = new Map<number, ModelAnswer[]>();
    for (const row of this.#prepare<[], { rowid: number; item_id: number; answer_json: string }>(
      'SELECT rowid, item_id, answer_json FROM answers ORDER BY item_id, model',
    ).all()) {
      const list = answers.get(row.item_id) ?? [];
      list.push(this.#answer(row));
      answers.set(row.item_id, list);
    }
    const rows = this.#prepare<[], Omit<ItemRow, 'series_json'>>(
      'SELECT id, key, series_id, source, track, length, channels_json, initial_label_json, rats40k_json, added_at FROM items ORDER BY id',
    ).all();
    return rows.map((row) => toStoredItem(row, answers.get(row.id) ?? [], this.#path));
  }

  /** One item by id (the only way the server reaches series data), or undefined. */
  getItem(id: number): StoredItem | undefined {
    const row = this.#prepare<[number], ItemRow>('SELECT * FROM items WHERE id = ?').get(id);
    if (row === undefined) return undefined;
    const answers = this.#prepare<[number], { rowid: number; answer_json: string }>(
      'SELECT rowid, answer_json FROM answers WHERE item_id = ? ORDER BY model',
    )
      .all(id)
      .map((a) => this.#answer(a));
    return toStoredItem(row, answers, this.#path);
  }

  /** The series of an item, as JSON (NaN as null). */
  series(id: number): SeriesJson | undefined {
    const row = this.#prepare<[number], { series_json: string }>(
      'SELECT series_json FROM items WHERE id = ?',
    ).get(id);
    return row === undefined
      ? undefined
      : readStoredJson(seriesJsonSchema, row.series_json, {
          file: this.#path,
          table: 'items',
          rowId: id,
          column: 'series_json',
        });
  }

  #answer(row: { rowid: number; answer_json: string }): ModelAnswer {
    return readStoredJson(modelAnswerSchema, row.answer_json, {
      file: this.#path,
      table: 'answers',
      rowId: row.rowid,
      column: 'answer_json',
    });
  }

  /** Ids of the items holding a series id (more than one when a run has it in several tracks). */
  itemIdsBySeriesId(seriesId: string): number[] {
    return this.#prepare<[string], { id: number }>(
      'SELECT id FROM items WHERE series_id = ? ORDER BY id',
    )
      .all(seriesId)
      .map((row) => row.id);
  }

  /** The id of the item with a key, or undefined. */
  itemIdByKey(key: string): number | undefined {
    return this.#prepare<[string], { id: number }>('SELECT id FROM items WHERE key = ?').get(key)
      ?.id;
  }

  /** The current label of (item, reviewer): the latest history entry. */
  current(itemId: number, reviewer: string): CurrentLabel {
    const row = this.#prepare<[number, string], HistoryRow>(
      'SELECT * FROM label_history WHERE item_id = ? AND reviewer = ? ORDER BY version DESC LIMIT 1',
    ).get(itemId, reviewer);
    return row === undefined
      ? { version: 0, entry: null }
      : { version: row.version, entry: toEntry(row, this.#path) };
  }

  /** Current entries of every item for one reviewer, by item id. */
  currentAll(reviewer: string): Map<number, HistoryEntry> {
    const rows = this.#prepare<[string], HistoryRow>(
      'SELECT * FROM current_labels WHERE reviewer = ?',
    ).all(reviewer);
    return new Map(rows.map((row) => [row.item_id, toEntry(row, this.#path)]));
  }

  /** The history of an item (all reviewers, or one), oldest first. */
  history(itemId: number, reviewer?: string): HistoryEntry[] {
    const rows =
      reviewer === undefined
        ? this.#prepare<[number], HistoryRow>(
            'SELECT * FROM label_history WHERE item_id = ? ORDER BY id',
          ).all(itemId)
        : this.#prepare<[number, string], HistoryRow>(
            'SELECT * FROM label_history WHERE item_id = ? AND reviewer = ? ORDER BY version',
          ).all(itemId, reviewer);
    return rows.map((row) => toEntry(row, this.#path));
  }

  /** One history entry by version, or undefined. */
  entry(itemId: number, reviewer: string, version: number): HistoryEntry | undefined {
    const row = this.#prepare<[number, string, number], HistoryRow>(
      'SELECT * FROM label_history WHERE item_id = ? AND reviewer = ? AND version = ?',
    ).get(itemId, reviewer, version);
    return row === undefined ? undefined : toEntry(row, this.#path);
  }

  /** Reviewers with at least one history entry, sorted. */
  reviewers(): string[] {
    return this.#prepare<[], { reviewer: string }>(
      'SELECT DISTINCT reviewer FROM label_history ORDER BY reviewer',
    )
      .all()
      .map((row) => row.reviewer);
  }

  /**
   * Appends an entry if (item, reviewer) is still at `baseVersion`; otherwise writes nothing and
   * returns the current state. `baseVersion: null` appends whatever the current version is
   * (imports).
   * `make` sees the current state inside the transaction, so what it derives cannot go stale.
   */
  append(
    itemId: number,
    reviewer: string,
    baseVersion: number | null,
    make: (current: CurrentLabel) => NewEntry,
  ): WriteOutcome {
    const insert = this.#prepare(
      'INSERT INTO label_history (item_id, reviewer, version, status, action, anomalous, category, label_json, restores_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return this.#db
      .transaction((): WriteOutcome => {
        const current = this.current(itemId, reviewer);
        if (baseVersion !== null && baseVersion !== current.version) return { ok: false, current };
        const next = make(current);
        const label = next.label === null ? null : labelSchema.parse(next.label);
        const version = current.version + 1;
        insert.run(
          itemId,
          reviewer,
          version,
          next.status,
          next.action,
          label === null ? null : label.anomalous ? 1 : 0,
          label?.category ?? null,
          label === null ? null : JSON.stringify(label),
          next.restoresVersion ?? null,
          new Date(this.#now()).toISOString(),
        );
        return { ok: true, current: this.current(itemId, reviewer) };
      })
      .immediate();
  }
}

function toStoredItem(
  row: Omit<ItemRow, 'series_json'>,
  answers: ModelAnswer[],
  file: string,
): StoredItem {
  const cell = (column: string): StoredCell => ({ file, table: 'items', rowId: row.id, column });
  return {
    id: row.id,
    key: row.key,
    seriesId: row.series_id,
    source: row.source,
    track: row.track,
    length: row.length,
    channels: readStoredJson(channelsSchema, row.channels_json, cell('channels_json')),
    initialLabel:
      row.initial_label_json === null
        ? null
        : readStoredJson(labelSchema, row.initial_label_json, cell('initial_label_json')),
    rats40k:
      row.rats40k_json === null
        ? null
        : readStoredJson(rats40kMetaSchema, row.rats40k_json, cell('rats40k_json')),
    answers,
  };
}

function toEntry(row: HistoryRow, file: string): HistoryEntry {
  return {
    itemId: row.item_id,
    reviewer: row.reviewer,
    version: row.version,
    status: row.status as ReviewStatus,
    action: row.action as ReviewAction,
    label:
      row.label_json === null
        ? null
        : readStoredJson(labelSchema, row.label_json, {
            file,
            table: 'label_history',
            rowId: row.id,
            column: 'label_json',
          }),
    restoresVersion: row.restores_version,
    createdAt: row.created_at,
  };
}
