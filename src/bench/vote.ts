import type { Interval } from '../schema/interval.js';
import type { ResultRow } from './result-row.js';
import { AnomscopeError } from '../errors.js';

/** What one sample answered, as voting sees it. */
export interface VoteSample {
  anomalous: boolean;
  /** Half-open index intervals `[start, end)`. */
  intervals: readonly Interval[];
  channels: readonly number[];
  category: string;
}

export interface VoteOptions {
  /** An index (or channel, or "anomalous") wins when at least this many samples mark it. */
  k: number;
  /** Series length; marks outside `[0, length)` are ignored. */
  length: number;
}

/** The combined answer of n samples. */
export interface VotedAnswer {
  samples: number;
  anomalous: boolean;
  /** Maximal runs of indices marked by ≥ k samples. */
  intervals: [number, number][];
  /** Per voted interval: mean share of samples marking its indices (the agreement behind it). */
  confidences: number[];
  /** Channels named by ≥ k samples, sorted. */
  channels: number[];
  /** The most common category (first seen wins a tie). */
  category: string;
  /** Share of samples giving that category. */
  categoryShare: number;
}

/** The default vote: a strict majority of n. */
export function majorityVote(samples: number): number {
  return Math.floor(samples / 2) + 1;
}

/**
 * Self-consistency voting: an index is anomalous when at least `k` of the samples mark it;
 * channels likewise; the category by plurality; the share of agreeing samples is the confidence.
 */
export function voteSamples(samples: readonly VoteSample[], options: VoteOptions): VotedAnswer {
  const n = samples.length;
  const { k, length } = options;
  const counts = new Uint32Array(Math.max(0, length));
  for (const sample of samples) {
    // Merge a sample's own overlaps first: one sample is one vote per index.
    const marked = new Uint8Array(counts.length);
    for (const [start, end] of sample.intervals)
      for (let index = Math.max(0, start); index < Math.min(length, end); index += 1)
        marked[index] = 1;
    marked.forEach((mark, index) => {
      if (mark === 1) counts[index] = (counts[index] ?? 0) + 1;
    });
  }
  const intervals: [number, number][] = [];
  const confidences: number[] = [];
  let start = -1;
  let share = 0;
  for (let index = 0; index <= counts.length; index += 1) {
    const count = index < counts.length ? (counts[index] ?? 0) : 0;
    if (count >= k && k > 0) {
      if (start === -1) [start, share] = [index, 0];
      share += count / n;
    } else if (start !== -1) {
      intervals.push([start, index]);
      confidences.push(share / (index - start));
      start = -1;
    }
  }
  const channelCounts = new Map<number, number>();
  for (const sample of samples)
    for (const channel of new Set(sample.channels))
      channelCounts.set(channel, (channelCounts.get(channel) ?? 0) + 1);
  const channels = [...channelCounts]
    .filter(([, count]) => count >= k)
    .map(([channel]) => channel)
    .sort((a, b) => a - b);
  const categories = new Map<string, number>();
  for (const sample of samples)
    categories.set(sample.category, (categories.get(sample.category) ?? 0) + 1);
  let category = '';
  let best = 0;
  for (const [name, count] of categories) if (count > best) [category, best] = [name, count];
  return {
    samples: n,
    anomalous: samples.filter((sample) => sample.anomalous).length >= k,
    intervals,
    confidences,
    channels,
    category,
    categoryShare: n === 0 ? 0 : best / n,
  };
}

/**
 * How alike the samples are, in [0, 1]: mean pairwise Jaccard similarity of their marked index
 * sets (both empty = 1); `null` with fewer than two samples.
 */
export function sampleAgreement(samples: readonly VoteSample[], length: number): number | null {
  if (samples.length < 2) return null;
  const sets = samples.map((sample) => {
    const set = new Set<number>();
    for (const [start, end] of sample.intervals)
      for (let index = Math.max(0, start); index < Math.min(length, end); index += 1)
        set.add(index);
    return set;
  });
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < sets.length; i += 1) {
    for (let j = i + 1; j < sets.length; j += 1) {
      const a = sets[i] as Set<number>;
      const b = sets[j] as Set<number>;
      let both = 0;
      for (const index of a) if (b.has(index)) both += 1;
      const either = a.size + b.size - both;
      total += either === 0 ? 1 : both / either;
      pairs += 1;
    }
  }
  return total / pairs;
}

/** A result row as a vote sample. */
export function voteSampleOf(row: ResultRow): VoteSample {
  const intervals = (row.intervals ?? []).map(([start, end]): Interval => [start, end]);
  return {
    anomalous: row.answer?.anomalous ?? intervals.length > 0,
    intervals,
    channels: row.channels ?? [],
    category: row.category ?? '',
  };
}

/**
 * The rows of one series' samples → one voted row with sample 0's key; when no sample has an
 * answer, its `parse_error` (or `error`) row.
 */
export function votedRow(rows: readonly ResultRow[], options: VoteOptions): ResultRow {
  const first = rows[0];
  if (first === undefined)
    throw new AnomscopeError('internal.bug', 'votedRow needs at least one sample row');
  const answered = rows.filter((row) => row.status === 'ok');
  if (answered.length === 0) return rows.find((row) => row.status === 'parse_error') ?? first;
  const voted = voteSamples(answered.map(voteSampleOf), options);
  const representative =
    answered.find((row) => row.category === voted.category) ?? answered[0] ?? first;
  return {
    ...representative,
    key: first.key,
    sample: 0,
    answer:
      representative.answer === null
        ? null
        : { ...representative.answer, anomalous: voted.anomalous },
    intervals: voted.intervals,
    channels: voted.channels,
    category: voted.category,
  };
}
