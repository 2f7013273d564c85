import type { z } from 'zod';
import { InputError } from '../errors.js';

/** Where the data being checked came from, for the message. */
export interface DataSource {
  /** The file (or database) the data was read from. */
  file: string;
  /** What the data is, e.g. `the suite` or `a stored label`. */
  what: string;
}

/**
 * Validates user-provided or on-disk data with `schema`; a mismatch is a located
 * `input.schema` InputError naming the file, the path inside the object and what was expected,
 * instead of a raw ZodError reaching the user as "unexpected error".
 */
export function parseLocated<T extends z.ZodType>(
  schema: T,
  value: unknown,
  source: DataSource,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path =
    issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  const expected = issue?.message ?? 'a different shape';
  const more =
    result.error.issues.length > 1
      ? ` (and ${result.error.issues.length - 1} more problem(s))`
      : '';
  return failWith(
    new InputError(
      'input.schema',
      `${source.file}: ${source.what} is not valid at ${path}: ${expected}${more}; ` +
        'fix or restore the file',
      { file: source.file, field: path },
      { cause: result.error },
    ),
  );
}

function failWith(error: InputError): never {
  throw error;
}
