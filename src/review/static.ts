import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnomscopeError } from '../errors.js';

/** A page file held in memory, served only by its exact name. */
export interface PageAsset {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The page folder: `page/` beside this module under vitest (src/review/), and the source folder
 * from the compiled module (dist/src/review → ../../../src/review/page), as tsc does not copy it.
 */
export function pageDir(): string {
  const candidates = [
    new URL('./page/', import.meta.url),
    new URL('../../../src/review/page/', import.meta.url),
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (found === undefined)
    throw new AnomscopeError(
      'review.page_missing',
      `review page files not found (looked in ${candidates.join(', ')}); reinstall anomscope`,
    );
  return found;
}

/**
 * Reads every page file once, at start: the server answers from this map by exact name, so no
 * request path ever reaches the file system.
 */
export function loadPageAssets(dir: string = pageDir()): Map<string, PageAsset> {
  const assets = new Map<string, PageAsset>();
  for (const name of readdirSync(dir)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType === undefined || !/^[a-z0-9-]+\.[a-z]+$/.test(name)) continue;
    assets.set(name, { body: readFileSync(join(dir, name)), contentType });
  }
  return assets;
}

/**
 * True for request paths that try to leave a folder or name one absolutely: `..` or `.` segments
 * (raw or percent-encoded), encoded slashes or backslashes, backslashes, NUL, empty segments.
 */
export function isSuspiciousPath(rawPath: string): boolean {
  if (/%2e|%2f|%5c|%00/i.test(rawPath)) return true;
  if (rawPath.includes('\\') || rawPath.includes('\0') || rawPath.includes('//')) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return decoded.split('/').some((segment) => segment === '..' || segment === '.');
}
