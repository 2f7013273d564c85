import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { datasetSplitSchema } from '../schema/dataset.js';
import { labelSchema, type Label } from '../schema/label.js';

/** Where a zod issue points, as `items[3].label.intervals[0]`. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * Reads ground truth for reports: a JSON array of labels, a single label object, or a dataset
 * split file (`items[].label`). Labels are keyed by `seriesId`; a second label for the same series
 * is an error naming both positions.
 */
export async function loadLabels(file: string): Promise<Map<string, Label>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'labels.not_found',
      `label file ${file} cannot be read; pass a JSON file of labels or a dataset split file`,
      { file },
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'labels.invalid_json',
      `label file ${file} is not valid JSON: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
  return labelsFromJson(json, file);
}

/** {@link loadLabels} on already-parsed JSON; `file` is only used in error messages. */
export function labelsFromJson(json: unknown, file: string): Map<string, Label> {
  let labels: Label[];
  let prefix: (index: number) => string;
  if (Array.isArray(json)) {
    labels = parseWith(z.array(labelSchema), json, file);
    prefix = (index) => `[${index}]`;
  } else if (json !== null && typeof json === 'object' && 'items' in json) {
    labels = parseWith(datasetSplitSchema, json, file).items.map((item) => item.label);
    prefix = (index) => `items[${index}].label`;
  } else if (json !== null && typeof json === 'object' && 'seriesId' in json) {
    labels = [parseWith(labelSchema, json, file)];
    prefix = () => '(the label)';
  } else {
    throw new InputError(
      'labels.unknown_shape',
      `label file ${file} is neither an array of labels, a label object with "seriesId", nor a dataset split file with "items"`,
      { file },
    );
  }
  const byId = new Map<string, { label: Label; index: number }>();
  labels.forEach((label, index) => {
    const earlier = byId.get(label.seriesId);
    if (earlier !== undefined) {
      throw new InputError(
        'labels.duplicate',
        `label file ${file}: ${prefix(index)} labels series "${label.seriesId}" again (first at ${prefix(earlier.index)}); keep one label per series`,
        { file, field: `${prefix(index)}.seriesId` },
      );
    }
    byId.set(label.seriesId, { label, index });
  });
  return new Map([...byId].map(([id, entry]) => [id, entry.label]));
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined ? '' : fieldOf(issue.path);
  throw new InputError(
    'labels.invalid',
    `label file ${file}: field "${field || '(root)'}": ${issue?.message ?? 'invalid'}; labels need seriesId, anomalous, intervals ([start, end) or null), channels, category, explanation`,
    { file, field },
  );
}
