import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileLines, type FileLine } from './file-lines.js';

const folder = await mkdtemp(join(tmpdir(), 'anomscope-file-lines-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

async function collect(path: string): Promise<FileLine[]> {
  const lines: FileLine[] = [];
  for await (const line of fileLines(path)) lines.push(line);
  return lines;
}

describe('fileLines', () => {
  it('numbers every line from 1, blank ones included, CRLF or LF', async () => {
    const path = join(folder, 'mixed.txt');
    await writeFile(path, 'a\r\n\nb\nc');
    expect(await collect(path)).toEqual([
      { text: 'a', number: 1 },
      { text: '', number: 2 },
      { text: 'b', number: 3 },
      { text: 'c', number: 4 },
    ]);
  });

  it('gives nothing for a missing file and throws for a folder', async () => {
    expect(await collect(join(folder, 'absent.txt'))).toEqual([]);
    await expect(collect(folder)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('stops at a break and can read the file again', async () => {
    const path = join(folder, 'long.txt');
    await writeFile(path, Array.from({ length: 1000 }, (_, index) => `row ${index}`).join('\n'));
    let seen = 0;
    for await (const line of fileLines(path)) {
      seen = line.number;
      if (line.number === 3) break;
    }
    expect(seen).toBe(3);
    expect((await collect(path)).at(-1)).toEqual({ text: 'row 999', number: 1000 });
  });
});
