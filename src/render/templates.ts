import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnomscopeError } from '../errors.js';

/** A parsed JSON object (a Vega-Lite spec or a part of one). */
export type JsonObject = Record<string, unknown>;

/** Template file names in `renderers/`, one per view. */
export type TemplateName = 'line' | 'irregular' | 'grid' | 'grid-vta' | 'overlay';

/**
 * The package's `renderers/` folder: the first ancestor of this module holding
 * `renderers/line.vl.json` (works from `src/render/` and from `dist/src/render/`).
 */
export function findRenderersDir(
  startDir: string = dirname(fileURLToPath(import.meta.url)),
): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'renderers');
    if (existsSync(join(candidate, 'line.vl.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new AnomscopeError(
        'render.templates_missing',
        `No renderers/line.vl.json found above ${startDir}; reinstall anomscope or pass renderersDir.`,
      );
    }
    dir = parent;
  }
}

/** Reads and parses one template; a fresh object every call, so callers may mutate it. */
export function readTemplate(renderersDir: string, name: TemplateName): JsonObject {
  const file = join(renderersDir, `${name}.vl.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AnomscopeError(
      'render.template_invalid',
      `Cannot read chart template ${file}; check that it is valid JSON.`,
      {
        cause: error,
      },
    );
  }
  if (!isObject(parsed)) {
    throw new AnomscopeError(
      'render.template_invalid',
      `Chart template ${file} must be a JSON object.`,
    );
  }
  return parsed;
}

/** True for plain JSON objects (not arrays, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path` inside a template; throws a template error naming the path when absent. */
export function at(root: JsonObject, ...path: Array<string | number>): JsonObject {
  let node: unknown = root;
  for (const key of path) {
    node =
      Array.isArray(node) && typeof key === 'number'
        ? node[key]
        : isObject(node)
          ? node[String(key)]
          : undefined;
  }
  if (!isObject(node)) {
    throw new AnomscopeError(
      'render.template_invalid',
      `Chart template has no object at ${path.join('.')}; compare it with the shipped template.`,
    );
  }
  return node;
}

/** The array at `path` inside a template (see `at`). */
export function arrayAt(root: JsonObject, ...path: Array<string | number>): unknown[] {
  const key = path[path.length - 1];
  const parent = path.length > 1 ? at(root, ...path.slice(0, -1)) : root;
  const node = key === undefined ? undefined : parent[String(key)];
  if (!Array.isArray(node)) {
    throw new AnomscopeError(
      'render.template_invalid',
      `Chart template has no array at ${path.join('.')}; compare it with the shipped template.`,
    );
  }
  return node;
}
