import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';

/** One batch of a run: its input file, ids once known, and whether its results were written. */
export const batchEntrySchema = z.object({
  /** Running number within the run folder; names the files. */
  index: z.number().int().min(0),
  /** Provider id whose requests it holds. */
  provider: z.string(),
  /** Input file, relative to the run folder. */
  file: z.string(),
  /** Our result keys (`custom_id`s), in file order. */
  keys: z.array(z.string()),
  /** Request keys (cache keys) by result key, for the rows. */
  requestKeys: z.record(z.string(), z.string()),
  inputFileId: z.string().nullable(),
  batchId: z.string().nullable(),
  /** Last polled state. */
  state: z.string().nullable(),
  /** Every key's row has been appended to results.jsonl. */
  collected: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BatchEntry = z.infer<typeof batchEntrySchema>;

export const batchesFileSchema = z.object({
  version: z.literal(1),
  batches: z.array(batchEntrySchema),
});
export type BatchesFile = z.infer<typeof batchesFileSchema>;

/** `runs/<id>/batches.json`. */
export function batchesPath(runDir: string): string {
  return join(runDir, 'batches.json');
}

/** Reads the run's batch ledger; an empty one when there is none yet. */
export async function readBatches(runDir: string): Promise<BatchesFile> {
  const path = batchesPath(runDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, batches: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'batch.bad_ledger',
      `${path} is not valid JSON; restore it from a backup or delete it to submit the unfinished items again (paying twice)`,
      { file: path },
      { cause: error },
    );
  }
  const parsed = batchesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new InputError(
      'batch.bad_ledger',
      `${path}: field "${field}": ${issue?.message ?? 'invalid'}; the batch ledger was edited or corrupted`,
      { file: path, field },
    );
  }
  return parsed.data;
}

/** Writes the ledger atomically (temp file + rename), so a crash leaves the old or the new one. */
export async function writeBatches(runDir: string, ledger: BatchesFile): Promise<void> {
  const path = batchesPath(runDir);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(ledger, null, 1)}\n`);
  await rename(temp, path);
}
