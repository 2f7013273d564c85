import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertFreshDist } from '../../src/testing/built.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the npm package', () => {
  it('holds no test code, and every source map points at a file it ships', () => {
    assertFreshDist(root);
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const [packed] = JSON.parse(output) as { files: { path: string }[] }[];
    const paths = new Set((packed?.files ?? []).map((file) => file.path));
    expect(paths.has('dist/src/cli/main.js')).toBe(true);
    expect([...paths].filter((path) => /\.test\.|(^|\/)testing\/|standin/.test(path))).toEqual([]);
    const dangling = [...paths]
      .filter((path) => path.endsWith('.js.map'))
      .map(
        (path) =>
          [
            path,
            join(
              dirname(path),
              (JSON.parse(readFileSync(join(root, path), 'utf8')) as { sources: string[] })
                .sources[0] ?? '',
            ),
          ] as const,
      )
      .filter(([, source]) => !paths.has(source.replace(/\\/g, '/')))
      .map(([path, source]) => `${path} → ${source}`);
    expect(dangling).toEqual([]);
  });
});
