import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertFreshDist, staleDistFiles } from './built.js';

const root = mkdtempSync(join(tmpdir(), 'anomscope-built-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, mtimeS: number): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), mtimeS, mtimeS);
}

describe('staleDistFiles', () => {
  it('lists sources with no build or an older build, and ignores tests', () => {
    file('src/a.ts', 100);
    file('src/a.test.ts', 300);
    file('src/deep/b.ts', 200);
    file('bench/c.ts', 100);
    file('dist/src/a.js', 150);
    file('dist/src/deep/b.js', 150);
    expect(staleDistFiles(root).sort()).toEqual(['bench/c.ts', 'src/deep/b.ts']);
    expect(() => assertFreshDist(root)).toThrow(
      /older than the sources \(.+ and 1 more\).*npm run build/,
    );
    file('dist/src/deep/b.js', 250);
    file('dist/bench/c.js', 250);
    expect(staleDistFiles(root)).toEqual([]);
    expect(() => assertFreshDist(root)).not.toThrow();
  });
});
