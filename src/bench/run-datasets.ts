import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { storedDatasetSplitSchema, type DatasetSplit } from '../schema/dataset.js';
import { writeDatasetFile } from './dataset-file.js';
import { streamDataset } from './materialize.js';
import { readRunJson } from './run-files.js';
import { applySubsetStreamed } from './subset.js';
import type { Suite, Track } from './suite.js';

/** A track's dataset as a run keeps it: a file of the run folder and its number of series. */
export interface RunDataset {
  path: string;
  /** Series in the file, when known without reading it (just written). */
  count?: number;
  /** What to tell the user when the file turns out damaged. */
  remedy: string;
}

/** Where a run keeps a track's dataset. */
export function runDatasetPath(runDir: string, trackName: string): string {
  return join(runDir, 'datasets', `${trackName}.json`);
}

/**
 * A track's dataset, generated once and kept in the run folder: a resumed run reads it back, so
 * the series are byte-for-byte those the earlier answers were about. Generated series are written
 * one at a time (`writeDatasetFile`), never all held; a kept file is read (and checked) item by
 * item when the run plans its work.
 */
export async function datasetFor(track: Track, runDir: string): Promise<RunDataset> {
  const path = runDatasetPath(runDir, track.name);
  const remedy = datasetRemedy(track);
  if (await exists(path)) return { path, remedy };
  const streamed = applySubsetStreamed(await streamDataset(track.dataset), track.subset);
  const { count } = await writeDatasetFile(path, streamed);
  return { path, count, remedy };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** How to get a good dataset file back. */
export function datasetRemedy(track: Track): string {
  return track.dataset.generator === 'rats40k'
    ? 'delete it to read the RATs40K file again (the answers in results.jsonl are kept), or start a new run'
    : "delete it and resume: it is regenerated from the suite's seed, the same series as before";
}

/** Reads a run folder's datasets back whole, by track name. */
export async function readRunDatasets(
  runDir: string,
  suite: Suite,
): Promise<Map<string, DatasetSplit>> {
  const splits = new Map<string, DatasetSplit>();
  for (const track of suite.tracks) {
    const path = runDatasetPath(runDir, track.name);
    const split = await readRunJson(path, storedDatasetSplitSchema, datasetRemedy(track));
    if (split === undefined)
      throw new InputError('run.damaged', `${path} is missing; resume the run to regenerate it`, {
        file: path,
      });
    splits.set(track.name, split);
  }
  return splits;
}
