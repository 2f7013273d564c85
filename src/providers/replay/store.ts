import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { GenerateResponse } from '../types.js';
import { replayLineSchema } from './wire.js';

/** A loaded replay file: responses by key and the provider ids they were recorded from. */
export interface ReplayStore {
  responses: Map<string, GenerateResponse>;
  providerIds: string[];
}

/** Reads and validates a replay JSONL file; a bad line is an InputError naming file and line. */
export async function loadReplayFile(file: string): Promise<ReplayStore> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'input.replay_unreadable',
      `cannot read replay file ${file}; check the path after replay:`,
      { file },
      { cause: error },
    );
  }
  const responses = new Map<string, GenerateResponse>();
  const providerIds = new Set<string>();
  text.split('\n').forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(lineText) as unknown;
    } catch (error) {
      throw new InputError(
        'input.replay_line',
        `${file}:${index + 1} is not valid JSON; each line must be { key, providerId?, response }`,
        { file, line: index + 1 },
        { cause: error },
      );
    }
    const parsed = replayLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      throw new InputError(
        'input.replay_line',
        `${file}:${index + 1} field "${field}": ${issue?.message ?? 'invalid'}; each line must be { key, providerId?, response }`,
        {
          file,
          line: index + 1,
          field,
        },
      );
    }
    const { key, providerId, response } = parsed.data;
    responses.set(key, response);
    if (providerId !== undefined) providerIds.add(providerId);
  });
  return { responses, providerIds: [...providerIds] };
}
