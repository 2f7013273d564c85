import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { parsePromptFile, type PromptTemplate } from './template.js';

/** Options of `loadPrompt` and `listPrompts`. */
export interface PromptDirOptions {
  /** Folder holding `<id>.md` templates. @default the package's `prompts/` folder */
  dir?: string;
}

/**
 * Reads and parses `prompts/<id>.md`; the front matter `id` must equal the file name.
 * @example await loadPrompt('structured-range')
 */
export async function loadPrompt(
  id: string,
  options: PromptDirOptions = {},
): Promise<PromptTemplate> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw new InputError(
      'input.bad_prompt_id',
      `Prompt id ${JSON.stringify(id)} must be lowercase letters, digits and dashes, like "structured-range".`,
      { field: 'prompt' },
    );
  const dir = options.dir ?? (await defaultPromptsDir());
  const file = join(dir, `${id}.md`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const known = await listPrompts({ dir }).catch(() => []);
    throw new InputError(
      'input.prompt_not_found',
      `No prompt "${id}" in ${dir}; known prompts: ${known.join(', ') || 'none'}.`,
      { file, field: 'prompt' },
      { cause: error },
    );
  }
  const template = parsePromptFile(text, file);
  if (template.id !== id)
    throw new InputError(
      'input.prompt_template',
      `${file}:1: the front matter id "${template.id}" differs from the file name "${id}".`,
      { file, line: 1, field: 'id' },
    );
  return template;
}

/** Ids of every template in the prompts folder, sorted. */
export async function listPrompts(options: PromptDirOptions = {}): Promise<string[]> {
  const dir = options.dir ?? (await defaultPromptsDir());
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith('.md') && !name.startsWith('_') && name !== 'README.md')
    .map((name) => name.slice(0, -3))
    .sort();
}

/**
 * The package's `prompts/` folder: the nearest ancestor of this module holding `package.json`
 * (works from `src/prompt/` under vitest and from `dist/src/prompt/` after a build).
 */
export async function defaultPromptsDir(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (await exists(join(dir, 'package.json'))) return join(dir, 'prompts');
    const parent = dirname(dir);
    if (parent === dir)
      throw new InputError(
        'input.prompt_not_found',
        `Cannot find the anomscope package root above ${fileURLToPath(import.meta.url)}; pass { dir } to loadPrompt.`,
      );
    dir = parent;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
