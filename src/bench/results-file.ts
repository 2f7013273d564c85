import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { AnomscopeError, InputError } from '../errors.js';

/** Longest time a written row may wait for its fsync (machine crash, not process crash). */
const FSYNC_INTERVAL_MS = 200;

/**
 * Append-only JSONL writer: one `write` per row before `append` returns, so a crash or SIGKILL of
 * the process loses at most the calls still in flight (the kernel keeps written data). fsync runs
 * at most every 200 ms and on close, so a machine crash loses at most the last 200 ms of rows
 * (an fsync per row cost ~2 ms each, 15 s of a 6,500-row baseline run). Lines are written with one
 * `write` each, so a torn write can only ever be the last line of the file.
 */
export class JsonlAppender {
  readonly #fd: number;
  #closed = false;
  #lastSync = 0;
  #unsynced = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly path: string) {
    this.#fd = openSync(path, 'a');
  }

  append(row: unknown): void {
    // A closed descriptor number may already belong to another file or socket: never write to it.
    if (this.#closed)
      throw new AnomscopeError(
        'bench.results_closed',
        `results file ${this.path} is closed; a row arrived after the run ended`,
      );
    writeSync(this.#fd, `${JSON.stringify(row)}\n`);
    this.#unsynced = true;
    const now = Date.now();
    if (now - this.#lastSync >= FSYNC_INTERVAL_MS) this.#sync(now);
    else if (this.#timer === undefined) {
      // A quiet spell after a burst still reaches the disk within the interval.
      this.#timer = setTimeout(() => this.#sync(Date.now()), FSYNC_INTERVAL_MS);
      this.#timer.unref();
    }
  }

  #sync(now: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#closed || !this.#unsynced) return;
    fsyncSync(this.#fd);
    this.#unsynced = false;
    this.#lastSync = now;
  }

  close(): void {
    if (this.#closed) return;
    this.#sync(Date.now());
    this.#closed = true;
    closeSync(this.#fd);
  }
}

/**
 * Reads a JSONL file written by `JsonlAppender`. A torn last line (the process died mid-write) is
 * dropped and reported in `tornLines`; a bad line anywhere else is an error naming the line.
 */
export async function readJsonl(path: string): Promise<{
  rows: unknown[];
  tornLines: number;
  /** 1-based line of each row, for located errors. */ lineNumbers: number[];
}> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { rows: [], tornLines: 0, lineNumbers: [] };
    throw error;
  }
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n') || text === '';
  const rows: unknown[] = [];
  const lineNumbers: number[] = [];
  let tornLines = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    try {
      rows.push(JSON.parse(line));
      lineNumbers.push(index + 1);
    } catch (error) {
      const isLast =
        index === lines.length - 1 ||
        (index === lines.length - 2 && lines[lines.length - 1] === '');
      if (isLast && !endsClean) {
        tornLines += 1;
        continue;
      }
      throw new InputError(
        'results.bad_line',
        `${path}:${index + 1}: not a JSON line; the results file was edited or corrupted — remove that line and resume`,
        {
          file: path,
          line: index + 1,
        },
        { cause: error },
      );
    }
  }
  return { rows, tornLines, lineNumbers };
}

/**
 * Cuts a torn last line (no trailing newline) off a JSONL file before appending to it again, so
 * the next row does not glue onto half a row. Returns the number of bytes removed.
 */
export async function truncateTornTail(path: string): Promise<number> {
  let handle;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return 0;
    const chunk = Buffer.alloc(Math.min(size, 1 << 20));
    let end = size;
    // Scan backwards for the last newline; rows are far smaller than the chunk in practice.
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const index = chunk.subarray(0, bytesRead).lastIndexOf(10);
      if (index !== -1) {
        const keep = start + index + 1;
        if (keep !== size) await handle.truncate(keep);
        return size - keep;
      }
      end = start;
    }
    await handle.truncate(0);
    return size;
  } finally {
    await handle.close();
  }
}
