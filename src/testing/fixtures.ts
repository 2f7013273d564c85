import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('could not find the repository root (package.json) above src/testing');
    dir = parent;
  }
  return dir;
}

/** A trimmed real response body from `fixtures/responses/<provider>/<name>.json`. */
export function responseFixture(provider: string, name: string): unknown {
  return JSON.parse(
    readFileSync(join(repoRoot(), 'fixtures', 'responses', provider, `${name}.json`), 'utf8'),
  ) as unknown;
}

/** Deterministic bytes that start like a PNG, for asserting image parts byte for byte. */
export function fakePng(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].slice(0, length));
  let state = seed >>> 0;
  for (let i = 8; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** A response body kept byte for byte (not parsed): `fixtures/responses/<folder>/<file>`. */
export function rawResponseFixture(folder: string, file: string): string {
  return readFileSync(join(repoRoot(), 'fixtures', 'responses', folder, file), 'utf8');
}
