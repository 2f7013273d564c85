/**
 * The review store's SQLite schema. Items and model answers are written once per ingest; labels
 * live only in `label_history`, which triggers keep append-only: the current label of (item,
 * reviewer) is its highest version.
 */
export const SCHEMA_VERSION = 1;

export const schemaSql = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  series_id TEXT NOT NULL,
  source TEXT NOT NULL,
  track TEXT,
  length INTEGER NOT NULL,
  channels_json TEXT NOT NULL,
  series_json TEXT NOT NULL,
  initial_label_json TEXT,
  rats40k_json TEXT,
  added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_series_id ON items(series_id);
CREATE TABLE IF NOT EXISTS answers (
  item_id INTEGER NOT NULL REFERENCES items(id),
  model TEXT NOT NULL,
  answer_json TEXT NOT NULL,
  PRIMARY KEY (item_id, model)
);
CREATE TABLE IF NOT EXISTS label_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id INTEGER NOT NULL REFERENCES items(id),
  reviewer TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'edited', 'new', 'unreviewed')),
  action TEXT NOT NULL,
  anomalous INTEGER,
  category TEXT,
  label_json TEXT,
  restores_version INTEGER,
  created_at TEXT NOT NULL,
  UNIQUE (item_id, reviewer, version)
);
CREATE TRIGGER IF NOT EXISTS label_history_no_update BEFORE UPDATE ON label_history
BEGIN SELECT RAISE(ABORT, 'label_history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS label_history_no_delete BEFORE DELETE ON label_history
BEGIN SELECT RAISE(ABORT, 'label_history is append-only'); END;
CREATE VIEW IF NOT EXISTS current_labels AS
  SELECT h.* FROM label_history h
  WHERE h.version = (SELECT MAX(version) FROM label_history x WHERE x.item_id = h.item_id AND x.reviewer = h.reviewer);
`;

/** A row of `items` as read back. */
export interface ItemRow {
  id: number;
  key: string;
  series_id: string;
  source: string;
  track: string | null;
  length: number;
  channels_json: string;
  series_json: string;
  initial_label_json: string | null;
  rats40k_json: string | null;
  added_at: string;
}

/** A row of `label_history` as read back. */
export interface HistoryRow {
  id: number;
  item_id: number;
  reviewer: string;
  version: number;
  status: string;
  action: string;
  anomalous: number | null;
  category: string | null;
  label_json: string | null;
  restores_version: number | null;
  created_at: string;
}
