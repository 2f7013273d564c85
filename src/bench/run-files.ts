import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z as zod, type z } from 'zod';
import { InputError } from '../errors.js';

/**
 * Writes a file so a reader sees either the old bytes or all of the new ones: a uniquely named
 * temporary file beside it, fsync'd, renamed over it, and the folder fsync'd so the rename lasts.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/** fsyncs a folder so a rename in it lasts; a no-op where the filesystem refuses. */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some filesystems refuse to fsync a folder; the rename itself is still atomic there.
  } finally {
    await handle?.close();
  }
}

/**
 * Reads a JSON file of a run folder through its schema. A damaged file (empty, truncated, edited)
 * is an `InputError` naming the file, the field and `remedy`; a missing one is `undefined`.
 */
export async function readRunJson<T>(
  path: string,
  schema: z.ZodType<T>,
  remedy: string,
): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseRunJson(text, path, schema, remedy);
}

/** `readRunJson` for text already read (or one line of a JSONL file, with `line`). */
export function parseRunJson<T>(
  text: string,
  path: string,
  schema: z.ZodType<T>,
  remedy: string,
  line?: number,
): T {
  const where = line === undefined ? path : `${path}:${line}`;
  const location = { file: path, ...(line === undefined ? {} : { line }) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const what = text.trim() === '' ? 'is empty' : 'is not valid JSON (truncated or edited)';
    throw new InputError('run.damaged', `${where} ${what}; ${remedy}`, location, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new InputError(
      'run.damaged',
      `${where}: field "${field}" ${issue?.message ?? 'is invalid'}; ${remedy}`,
      { ...location, field },
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * Merges `patch` into `<runDir>/run.json` (written atomically), keeping every field other
 * writers put there (the CLI's settings, the vote).
 */
export async function updateRunFile(runDir: string, patch: Record<string, unknown>): Promise<void> {
  const path = join(runDir, 'run.json');
  const current = await readRunJson(
    path,
    runFileObjectSchema,
    'delete run.json and resume with every setting given as flags',
  );
  await writeFileAtomic(path, `${JSON.stringify({ ...current, ...patch }, null, 2)}\n`);
}

const runFileObjectSchema = zod.record(zod.string(), zod.unknown());
