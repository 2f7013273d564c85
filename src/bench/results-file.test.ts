import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlAppender, readJsonl } from './results-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-jsonl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('JsonlAppender', () => {
  it('refuses a row after close instead of writing to a descriptor that may be reused', async () => {
    const path = join(dir, 'results.jsonl');
    const appender = new JsonlAppender(path);
    appender.append({ key: 'a' });
    appender.close();
    expect(() => appender.append({ key: 'late' })).toThrow(
      expect.objectContaining({ code: 'bench.results_closed' }),
    );
    appender.close();
    expect(await readFile(path, 'utf8')).toBe('{"key":"a"}\n');
    expect((await readJsonl(path)).rows).toEqual([{ key: 'a' }]);
  });
});
