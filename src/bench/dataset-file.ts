import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DatasetItem, StreamedSplit } from '../datasets/streamed.js';
import { InputError } from '../errors.js';
import { storedDatasetSplitSchema, storedDatasetItemSchema } from '../schema/dataset.js';
import { indexedSeriesOf, writeDatasetIndex, type IndexedSeries } from './dataset-index.js';
import { fileLines } from './file-lines.js';
import { parseRunJson, readRunJson, syncFolder } from './run-files.js';

/**
 * A run's dataset file is one JSON document (any JSON reader takes it whole) laid out a line per
 * item, so it can be written and read one series at a time:
 *
 *     {"dataset":"…","type":"…","split":"…","meta":{…},"items":[
 *     {"series":…,"label":…},
 *     {"series":…,"label":…}
 *     ]}
 *
 * Keys come in the order `JSON.stringify` of a whole split gives them, so a parsed file equals the
 * split the generator returns whole. Files written before (one line) are still read.
 */
const ITEMS_OPEN = '"items":[';
const ITEMS_CLOSE = ']}';
/** Bytes gathered before one write: ~1 MiB keeps writes few without holding a dataset. */
const CHUNK_CHARS = 1 << 20;

/** What writing a dataset file counted. */
export interface WrittenDataset {
  path: string;
  /** Items written. */
  count: number;
}

/**
 * Writes a streamed split to `path`, one item at a time, so that readers see the old file or all
 * of the new one. This is the one place a run's dataset file is finalised (write, fsync, rename):
 * whatever must be written beside a dataset belongs here. Items go to a temporary file first,
 * because the split's meta (written before them) is complete only once every item was drawn.
 */
export async function writeDatasetFile(
  path: string,
  streamed: StreamedSplit,
): Promise<WrittenDataset> {
  const stem = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}`);
  const itemsPath = `${stem}.items.tmp`;
  const finalPath = `${stem}.tmp`;
  try {
    let count = 0;
    // The index scoring reads instead of the values (see dataset-index.ts): a few numbers a series.
    const indexed: IndexedSeries[] = [];
    await withFile(itemsPath, async (items) => {
      let chunk = '';
      for (const item of streamed.items) {
        indexed.push(indexedSeriesOf(item));
        chunk += `${count === 0 ? '' : ',\n'}${JSON.stringify(item)}`;
        count += 1;
        if (chunk.length >= CHUNK_CHARS) {
          await items.write(chunk);
          chunk = '';
        }
      }
      await items.write(chunk);
    });
    const meta = streamed.meta();
    const head = JSON.stringify({
      dataset: streamed.dataset,
      type: streamed.type,
      split: streamed.split,
      meta,
    });
    await withFile(finalPath, async (out) => {
      await out.write(`${head.slice(0, -1)},${ITEMS_OPEN}\n`);
      for await (const part of createReadStream(itemsPath)) await out.write(part as Buffer);
      await out.write(`${count === 0 ? '' : '\n'}${ITEMS_CLOSE}\n`);
      await out.sync();
    });
    await rename(finalPath, path);
    await syncFolder(dirname(path));
    const { dataset, type, split } = streamed;
    await writeDatasetIndex(path, { dataset, type, split, meta, items: indexed });
    return { path, count };
  } finally {
    await rm(itemsPath, { force: true });
    await rm(finalPath, { force: true });
  }
}

async function withFile(path: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await write(handle);
  } finally {
    await handle.close();
  }
}

/** How to read a dataset file: what to tell the user when it is damaged. */
export interface ReadDatasetOptions {
  /** Appended to a damaged-file message: how to get a good file back. */
  remedy: string;
}

/**
 * The items of a run's dataset file, one at a time and each checked like the whole-file schema;
 * a damaged line is a `run.damaged` error naming file and line. A file in the older one-line
 * layout is read whole and its items handed out the same way. Nothing when the file is missing.
 */
export async function* readDatasetItems(
  path: string,
  options: ReadDatasetOptions,
): AsyncGenerator<DatasetItem> {
  let lineNumber = 0;
  let layout: 'lines' | 'whole' = 'whole';
  let closed = false;
  for await (const { text: line, number } of fileLines(path)) {
    lineNumber = number;
    if (lineNumber === 1) {
      if (!line.endsWith(ITEMS_OPEN)) break;
      // The head must parse too: a file cut short in its meta is damaged, not empty.
      parseRunJson(`${line}${ITEMS_CLOSE}`, path, storedDatasetSplitSchema, options.remedy, 1);
      layout = 'lines';
    } else if (closed) {
      if (line.trim() !== '')
        throw damaged(path, lineNumber, 'follows the end of the items', options);
    } else if (line === ITEMS_CLOSE) closed = true;
    else {
      const text = line.endsWith(',') ? line.slice(0, -1) : line;
      yield parseRunJson(text, path, storedDatasetItemSchema, options.remedy, lineNumber);
    }
  }
  if (layout === 'lines') {
    if (!closed) throw damaged(path, lineNumber, 'ends before the items do (truncated)', options);
    return;
  }
  // The one-line layout of earlier runs (or an empty, damaged file): read whole.
  const whole = await readRunJson(path, storedDatasetSplitSchema, options.remedy);
  if (whole !== undefined) yield* whole.items;
}

function damaged(path: string, line: number, what: string, options: ReadDatasetOptions): Error {
  return new InputError('run.damaged', `${path}:${line} ${what}; ${options.remedy}`, {
    file: path,
    line,
  });
}
