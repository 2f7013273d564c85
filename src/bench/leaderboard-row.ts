/** The shape of a leaderboard row and the metric each task is ranked by. */
import type { MetricValues } from '../grade/index.js';
import type { Track } from './suite.js';

/** Self-consistency figures of a group with several samples per series. */
export interface SelfConsistency {
  /** Samples per series (n). */
  samples: number;
  /** Votes an index needs (k). */
  vote: number;
  /** Headline metric of each sample taken alone, by sample number. */
  single: (number | null)[];
  singleMean: number | null;
  /** Population standard deviation of `single`: how much a single run's score moves. */
  singleSd: number | null;
  /** Headline metric of the voted answers (= the row's headline). */
  voted: number | null;
  /** Mean pairwise Jaccard similarity of the samples' marked indices, over series. */
  agreement: number | null;
}

export interface LeaderboardOptions {
  /** Self-consistency vote k. @default a strict majority of the samples */
  vote?: number;
}

/**
 * One line of a leaderboard: a model (or trivial baseline) on one track with one prompt and
 * modality.
 */
export interface LeaderboardRow {
  track: string;
  task: Track['task'];
  scoring: Track['scoring'];
  model: string;
  prompt: string;
  /** What reached the model: `image`, `text`, `both`, or `numbers` (an in-process detector). */
  modality: string;
  hints: string;
  /** A trivial reference answer (always-empty, ...) rather than a model. */
  trivial: boolean;
  series: number;
  /**
   * Distinct series among `series` (same values and label counted once), set only when some
   * repeat: AnomLLM's trend generator, like the published one, gives every normal series the same
   * values.
   */
  distinctSeries?: number;
  scored: number;
  parseFailures: number;
  errors: number;
  /** Mean metrics under the track's convention (flat keys such as `affiliation.f1`). */
  metrics: MetricValues;
  /** The score; `ci` is its 95 % bootstrap interval over series, when one was computed. */
  headline: { metric: string; value: number | null; ci?: [number, number] };
  /** Published rows only: where the number comes from (it is the paper's, not this run's). */
  published?: string;
  /** Rows of a render-ablation variant: the suite's track, the variant, whether it is the first. */
  ablation?: { of: string; variant: string; reference: boolean };
  /** Overall rows only: the tracks whose scores the row averages. */
  covers?: string[];
  /** Series whose headline metric is at least 0.5 (binary/category correctness for `diagnose`). */
  correct: number;
  meanLatencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  costPerCorrectUsd: number | null;
  /**
   * Set when the group has several samples per series; the row's metrics are then the voted ones.
   */
  selfConsistency?: SelfConsistency;
}

/** The metric a task's leaderboard is sorted by, as the published benchmarks report it. */
export function headlineMetric(task: Track['task']): string {
  if (task === 'variate') return 'variate.f1';
  if (task === 'diagnose') return 'binary.f1';
  return 'affiliation.f1';
}
