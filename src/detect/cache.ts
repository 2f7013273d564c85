import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GenerateResponse } from '../providers/types.js';

/** Where provider responses are kept by request key. Only successful responses are stored. */
export interface ResponseCache {
  get(key: string): Promise<GenerateResponse | undefined>;
  set(key: string, response: GenerateResponse): Promise<void>;
  /**
   * Calls in flight by request key. When present, `callProvider` sends identical concurrent
   * requests once and shares the answer; both built-in caches have one per cache instance.
   */
  inFlight?: Map<string, Promise<GenerateResponse>>;
}

/**
 * Content-addressed cache on disk: `<dir>/<key[0..2]>/<key>.json`, written atomically (temp file
 * + rename) so a crash never leaves a half-written entry that later reads as a hit. Temporary
 * names are unique per write, and losing a rename race to an identical write counts as written.
 */
export function createDiskCache(options: { dir: string }): ResponseCache {
  const pathOf = (key: string): string => join(options.dir, key.slice(0, 2), `${key}.json`);
  return {
    inFlight: new Map(),
    async get(key) {
      let text: string;
      try {
        text = await readFile(pathOf(key), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as GenerateResponse;
      } catch {
        // A corrupt entry is a miss, not a failure: the call is simply made again.
        return undefined;
      }
    },
    async set(key, response) {
      const path = pathOf(key);
      await mkdir(join(options.dir, key.slice(0, 2)), { recursive: true });
      const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(temporary, JSON.stringify(response));
      try {
        await rename(temporary, path);
      } catch (error) {
        // Another writer put the same entry in place first (Windows refuses to replace it): a hit.
        const written = await access(path).then(
          () => true,
          () => false,
        );
        await unlink(temporary).catch(() => undefined);
        if (!written) throw error;
      }
    },
  };
}

/** In-memory cache, for tests and one-shot library use. */
export function createMemoryCache(): ResponseCache & { size(): number } {
  const entries = new Map<string, string>();
  return {
    inFlight: new Map(),
    get: async (key) => {
      const text = entries.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as GenerateResponse);
    },
    set: async (key, response) => {
      entries.set(key, JSON.stringify(response));
    },
    size: () => entries.size,
  };
}
