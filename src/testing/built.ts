import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Compiled folders and the sources they come from (see tsconfig.build.json). */
const SOURCE_DIRS = ['src', 'bench'];

function sourcesUnder(dir: string, found: string[]): string[] {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourcesUnder(path, found);
    else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.endsWith('.d.ts')
    ) {
      found.push(path);
    }
  }
  return found;
}

/**
 * Sources whose compiled `dist/` file is missing or older than the source, relative to `root`
 * (empty = dist is fresh).
 */
export function staleDistFiles(root: string): string[] {
  const stale: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const source of sourcesUnder(join(root, dir), [])) {
      const built = join(root, 'dist', relative(root, source).replace(/\.ts$/, '.js'));
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) {
        stale.push(relative(root, source));
      }
    }
  }
  return stale;
}

/**
 * Throws a clear error when a test that runs the built `dist/` would run a missing or stale
 * build (`npm test` builds first; `npx vitest run` alone does not).
 */
export function assertFreshDist(root: string): void {
  const stale = staleDistFiles(root);
  if (stale.length === 0) return;
  const more = stale.length > 1 ? ` and ${stale.length - 1} more` : '';
  throw new Error(
    `dist/ is missing or older than the sources (${stale[0]}${more}); this test runs the build: ` +
      'run `npm run build` first (`npm test` does)',
  );
}
