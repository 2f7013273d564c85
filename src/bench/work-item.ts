import type { PresentationOptions } from '../detect/build-request.js';
import { baselineCandidates } from '../detect/hints.js';
import type { PromptTemplate } from '../prompt/index.js';
import type { Provider } from '../providers/types.js';
import type { DatasetItem } from '../datasets/streamed.js';
import { seriesFromJson } from '../series/index.js';
import type { Series } from '../series/types.js';
import type { ResultRow } from './result-row.js';
import type { Suite, Track } from './suite.js';

/** One call's worth of work: a series asked one way of one provider, as sample `sample`. */
export interface WorkItem {
  key: string;
  sample: number;
  track: Track;
  /** The series and its label, as the run's dataset file holds them. */
  entry: DatasetItem;
  /** Position of the series in its track's dataset. */
  itemIndex: number;
  provider: Provider;
  template: PromptTemplate;
  modality: Track['modalities'][number];
}

/** The series a work item is about, read from the run's dataset. */
export function seriesOf(item: WorkItem): Series {
  return seriesFromJson(item.entry.series, { file: `${item.track.name} dataset` });
}

/** The fields of a result row that name the work item. */
export function rowBase(
  item: WorkItem,
  series: Series,
): Pick<
  ResultRow,
  | 'key'
  | 'track'
  | 'seriesId'
  | 'provider'
  | 'model'
  | 'task'
  | 'modality'
  | 'reads'
  | 'hints'
  | 'sample'
  | 'prompt'
> {
  return {
    key: item.key,
    track: item.track.name,
    seriesId: series.id,
    provider: item.provider.id,
    model: item.provider.model,
    task: item.track.task,
    modality: item.modality,
    // Leaderboards show what reached the model: an in-process detector reads the numbers.
    ...(item.provider.capabilities.local ? { reads: 'numbers' as const } : {}),
    hints: item.track.hints,
    sample: item.sample,
    prompt: { id: item.template.id, version: item.template.version },
  };
}

/**
 * How a work item is shown and sampled, the same for online and batch calls. Samples after the
 * first get seed + sample, so each is a distinct request (and cache key).
 */
export function presentationOf(
  item: WorkItem,
  series: Series,
  sampling: Suite['sampling'],
): PresentationOptions & { task: Track['task'] } {
  return {
    task: item.track.task,
    modality: item.modality,
    render: { vta: item.track.vtaLook, ...item.track.size },
    ...(item.track.preset === undefined ? {} : { preset: item.track.preset }),
    ...(item.track.text === undefined ? {} : { text: item.track.text }),
    ...(item.track.hints === 'baseline' ? { candidates: baselineCandidates(series) } : {}),
    sampling:
      item.sample === 0 ? sampling : { ...sampling, seed: (sampling.seed ?? 0) + item.sample },
  };
}
