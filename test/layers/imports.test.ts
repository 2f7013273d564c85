import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative static imports and re-exports (type-only ones too: they still tie modules together). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(
    /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gms,
  )) {
    targets.push(resolve(dirname(file), (match[1] ?? '').replace(/\.js$/, '.ts')));
  }
  return targets;
}

/** Every cycle's files, found by depth-first search over the import graph. */
export function findCycles(files: readonly string[]): string[][] {
  const graph = new Map(
    files.map((file) => [file, importsOf(file).filter((target) => target !== file)]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open')
        cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (state.get(target) === undefined && graph.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (state.get(file) === undefined) visit(file);
  return cycles;
}

describe('src/ layering', () => {
  const files = tsFiles(src);
  const shipped = files.filter(
    (file) => !file.endsWith('.test.ts') && !relative(src, file).startsWith('testing'),
  );

  it('has no import cycle', () => {
    const cycles = findCycles(files).map((cycle) =>
      cycle.map((file) => relative(root, file)).join(' → '),
    );
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const here = fileURLToPath(import.meta.url);
    const fixture = join(dirname(here), 'cycle-fixture');
    expect(
      findCycles(tsFiles(fixture)).map((cycle) => cycle.map((file) => relative(fixture, file))),
    ).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });

  it('keeps test doubles out of shipped code, and providers below detect', () => {
    const offenders = shipped.flatMap((file) =>
      importsOf(file)
        .filter(
          (target) =>
            relative(src, target).startsWith('testing') ||
            (relative(src, file).startsWith('providers') &&
              relative(src, target).startsWith('detect')),
        )
        .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
    );
    expect(offenders).toEqual([]);
  });
});
