import type { z } from 'zod';
import { InputError } from '../errors.js';

/** Where a JSON cell of the review store sits, for the message. */
export interface StoredCell {
  /** The store file. */
  file: string;
  table: string;
  /** The row's id (its primary key). */
  rowId: number;
  column: string;
}

/**
 * Reads one JSON cell of the review store with `schema`. A cell that is not JSON or not of the
 * expected shape (the file was edited by hand, or damaged) is a located `review.store_damaged`
 * InputError naming the file, table, row, column and field, instead of a SyntaxError or ZodError
 * stack.
 */
export function readStoredJson<T extends z.ZodType>(
  schema: T,
  text: string,
  cell: StoredCell,
): z.infer<T> {
  const where = `${cell.file}: table ${cell.table}, row ${cell.rowId}, column ${cell.column}`;
  const advice = 'the store was edited or damaged; restore it from a backup or fix that cell';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'review.store_damaged',
      `${where} is not valid JSON (${(error as Error).message}); ${advice}`,
      { file: cell.file, field: `${cell.table}.${cell.column}` },
      { cause: error },
    );
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path =
    issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  throw new InputError(
    'review.store_damaged',
    `${where} is not valid at ${path}: ${issue?.message ?? 'a different shape'}; ${advice}`,
    { file: cell.file, field: `${cell.table}.${cell.column}.${path}` },
    { cause: result.error },
  );
}
