import type { PromptTemplate } from '../prompt/index.js';
import type { Provider } from '../providers/types.js';
import { readDatasetItems } from './dataset-file.js';
import { workKey } from './result-row.js';
import type { Track } from './suite.js';
import type { WorkItem } from './work-item.js';

/** A track ready to run: its dataset file, read item by item, and its loaded prompts. */
export interface SourceTrack {
  track: Track;
  /** The run's dataset file of the track (see `dataset-file.ts`). */
  path: string;
  /** Series in the dataset file; unknown means planning reads the file. */
  count?: number | undefined;
  /** What to tell the user when the dataset file turns out damaged. */
  remedy: string;
  templates: readonly PromptTemplate[];
}

/** How many work items a source has made, and how many were alive at once. */
export interface WorkSourceCounts {
  /** Items handed out so far. */
  made: number;
  /** Items the executor has said it is done with. */
  finished: number;
  /** Most items handed out and not yet finished at any one time. */
  peakLive: number;
}

/**
 * The work of a run, made as the executor asks for it: one dataset item is read, turned into a
 * work item and handed out at a time, so a run of 100,000 items holds only those in flight.
 * Iterating it reads the datasets once more; executors iterate it once.
 */
export interface WorkSource extends AsyncIterable<WorkItem> {
  /** Items the source will hand out (resumed ones excluded). */
  readonly total: number;
  /** The executor is done with an item (its row is written, or it will not be run). */
  finished(item: WorkItem): void;
  readonly counts: Readonly<WorkSourceCounts>;
}

export interface WorkSourceOptions {
  tracks: readonly SourceTrack[];
  providers: readonly Provider[];
  /** Answers per item. @default 1 */
  samples?: number;
  /** Keys an earlier run of the folder completed: planned as resumed, never handed out. */
  isDone: (key: string) => boolean;
  /**
   * Each planned item, before the run: reads every dataset once to count resumed items (and
   * whatever the caller tallies, such as windows). Without it, with `anyDone` false and every
   * track's count known, the totals come from the counts alone.
   */
  onPlanned?: (item: WorkItem, options: { done: boolean }) => void;
  /** Some key may be done (an earlier run wrote rows): planning must look at every key. */
  anyDone: boolean;
}

/** A planned work source with its resumed count. */
export interface PlannedWork {
  source: WorkSource;
  /** Items an earlier run of the folder completed. */
  resumed: number;
}

/**
 * Plans a run's work (counts) and returns the source that makes it lazily, in the order track ×
 * series × provider × prompt × modality × sample.
 */
export async function planWork(options: WorkSourceOptions): Promise<PlannedWork> {
  const samples = options.samples ?? 1;
  let total = 0;
  let resumed = 0;
  const counted = options.tracks.every((source) => source.count !== undefined);
  if (options.anyDone || options.onPlanned !== undefined || !counted) {
    for await (const item of allItems(options.tracks, options.providers, samples)) {
      const done = options.isDone(item.key);
      options.onPlanned?.(item, { done });
      if (done) resumed += 1;
      else total += 1;
    }
  } else {
    for (const source of options.tracks)
      for (const provider of options.providers)
        total +=
          (source.count ?? 0) *
          source.templates.length *
          modalitiesFor(provider, source.track).length *
          samples;
  }
  const counts: WorkSourceCounts = { made: 0, finished: 0, peakLive: 0 };
  async function* pending(): AsyncGenerator<WorkItem> {
    for await (const item of allItems(options.tracks, options.providers, samples)) {
      if (options.isDone(item.key)) continue;
      counts.made += 1;
      counts.peakLive = Math.max(counts.peakLive, counts.made - counts.finished);
      yield item;
    }
  }
  const source: WorkSource = {
    total,
    counts,
    finished: () => {
      counts.finished += 1;
    },
    [Symbol.asyncIterator]: () => pending(),
  };
  return { source, resumed };
}

/**
 * Every key of the run, done or not, each with its dataset item read from disk. A series' keys
 * (providers × prompts × modalities × samples) come one after another, so its picture is drawn
 * once and met again in the renderer's small cache, and each dataset is read once.
 */
async function* allItems(
  tracks: readonly SourceTrack[],
  providers: readonly Provider[],
  samples: number,
): AsyncGenerator<WorkItem> {
  for (const { track, path, remedy, templates } of tracks) {
    let itemIndex = 0;
    for await (const entry of readDatasetItems(path, { remedy })) {
      for (const provider of providers)
        for (const template of templates)
          for (const modality of modalitiesFor(provider, track))
            for (let sample = 0; sample < samples; sample += 1) {
              const key = workKey({
                track: track.name,
                seriesId: entry.series.id,
                provider: provider.id,
                prompt: `${template.id}@${template.version}`,
                modality,
                hints: track.hints,
                sample,
              });
              yield { key, sample, track, entry, itemIndex, provider, template, modality };
            }
      itemIndex += 1;
    }
  }
}

/**
 * The modalities a provider is asked in. An in-process detector reads the numbers whatever a track
 * shows, so asking it once per modality would repeat one answer (and its rows would collide in
 * the leaderboard, which lists it as `numbers`): it is asked in the track's first modality only.
 */
export function modalitiesFor(provider: Provider, track: Track): Track['modalities'] {
  return provider.capabilities.local ? track.modalities.slice(0, 1) : track.modalities;
}
