import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { datasetSplitSchema, type DatasetSplit } from '../schema/dataset.js';

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkSegment(field: 'dataset' | 'type' | 'split', value: string): void {
  if (!SAFE_SEGMENT.test(value) || value.includes('..')) {
    throw new InputError(
      'input.invalid_path_segment',
      `dataset split ${field} "${value}" cannot be used as a folder or file name; use letters, digits, ".", "_" and "-" only.`,
      { field },
    );
  }
}

/** Path `<dir>/<dataset>/<type>/<split>.json` of a split file. */
export function datasetSplitPath(
  dir: string,
  split: Pick<DatasetSplit, 'dataset' | 'type' | 'split'>,
): string {
  checkSegment('dataset', split.dataset);
  checkSegment('type', split.type);
  checkSegment('split', split.split);
  return path.join(dir, split.dataset, split.type, `${split.split}.json`);
}

/**
 * Writes a split as `<dir>/<dataset>/<type>/<split>.json` (via a temporary file and rename, so a
 * crash never leaves half a file) and returns the path written.
 */
export async function writeDatasetSplit(dir: string, split: DatasetSplit): Promise<string> {
  const file = datasetSplitPath(dir, split);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(split)}\n`, 'utf8');
  await rename(temporary, file);
  return file;
}

/** Reads and validates a split file; errors name the file and the zod path of the first problem. */
export async function readDatasetSplit(file: string): Promise<DatasetSplit> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'input.unreadable_file',
      `cannot read dataset split ${file}; check the path.`,
      { file },
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(
      'input.invalid_json',
      `dataset split ${file} is not valid JSON (${detail}); regenerate it with \`anomscope generate\`.`,
      { file },
      { cause: error },
    );
  }
  const parsed = datasetSplitSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    const more =
      parsed.error.issues.length > 1
        ? ` (and ${parsed.error.issues.length - 1} more problems)`
        : '';
    throw new InputError(
      'input.invalid_dataset_split',
      `dataset split ${file} is invalid at ${field}: ${issue?.message ?? 'unknown problem'}${more}; fix that field or regenerate the file.`,
      { file, field },
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
