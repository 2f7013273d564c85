import type { LeaderboardRow } from '../bench/score.js';
import type { Suite } from '../bench/suite.js';
import type { TextTable } from './run-sections.js';
import { formatIndexRange, formatScore } from './format.js';
import type { WorstCase } from './worst.js';

/**
 * A worst case's picture: the PNG, its file name in the report folder, and the series' channel
 * names.
 */
export interface CaseImage {
  file: string;
  png: Uint8Array;
  channels: string[];
}

/** Everything the run report shows. */
export interface RunReportContext {
  suite: Suite;
  runId: string;
  leaderboard: LeaderboardRow[];
  worst: Map<string, WorstCase[]>;
  /** By result row key. */
  images: Map<string, CaseImage>;
  generatedAt: string;
  /** Result rows in force. */
  results: number;
  /** Per track, the mean headline score per label category and model variant. */
  categories: Map<string, TextTable>;
}

/**
 * Plain-text facts of one worst case: a title, the score line, and (name, value) lines per side.
 */
export interface CaseText {
  title: string;
  scoreLine: string;
  answer: [string, string][];
  truth: [string, string][];
  /** The model's text exactly as it came, or null when there was none. */
  rawText: string | null;
}

const intervalsText = (intervals: readonly (readonly [number, number])[] | null): string =>
  intervals === null
    ? 'not given'
    : intervals.length === 0
      ? 'none'
      : intervals.map((interval) => formatIndexRange(interval)).join(', ');

const channelsText = (channels: readonly number[] | null, names: readonly string[]): string =>
  channels === null
    ? 'not given'
    : channels.length === 0
      ? 'none'
      : channels
          .map((index) =>
            names.length > 1
              ? `${names[index] ?? '?'} (panel ${index})`
              : (names[index] ?? String(index)),
          )
          .join(', ');

/** The texts of a worst case (unescaped; the caller escapes for its format). */
export function caseText(worstCase: WorstCase, channelNames: readonly string[]): CaseText {
  const { row, item, metric, score, reason } = worstCase;
  const label = item.label;
  const title = `${row.seriesId} — ${row.provider} · ${row.prompt.id}@${row.prompt.version} · ${row.modality}${row.hints === 'none' ? '' : '+hints'}`;
  const scoreLine =
    score !== null
      ? `${metric} = ${formatScore(score)}${reason === 'computed' ? '' : ` (rule: ${reason})`}`
      : reason === 'error'
        ? `no score: the call failed${row.error === null ? '' : ` (${row.error.code})`}`
        : 'no score: the answer could not be parsed';
  const answer: [string, string][] = [['status', row.status]];
  if (row.error !== null) answer.push(['error', `${row.error.code}: ${row.error.message}`]);
  if (row.status === 'ok') {
    answer.push(['anomalous', row.answer === null ? '—' : row.answer.anomalous ? 'yes' : 'no']);
    answer.push(['intervals', intervalsText(row.intervals)]);
    if (channelNames.length > 1)
      answer.push(['channels', channelsText(row.channels, channelNames)]);
    answer.push(['category', row.category ?? '—']);
    for (const [index, anomaly] of (row.answer?.anomalies ?? []).entries()) {
      if (anomaly.explanation !== '')
        answer.push([`explanation ${index + 1}`, anomaly.explanation]);
    }
    if (row.answer !== null && row.answer.summary !== '')
      answer.push(['summary', row.answer.summary]);
  }
  const truth: [string, string][] = [
    ['anomalous', label.anomalous ? 'yes' : 'no'],
    ['intervals', intervalsText(label.intervals)],
  ];
  if (channelNames.length > 1) truth.push(['channels', channelsText(label.channels, channelNames)]);
  truth.push(['category', label.category ?? '—']);
  if (label.type !== null && label.type !== undefined) truth.push(['generator type', label.type]);
  if (label.explanation !== null && label.explanation !== '')
    truth.push(['explanation', label.explanation]);
  return { title, scoreLine, answer, truth, rawText: row.rawText };
}

/** Leaderboard rows grouped by track, in suite order. */
export function rowsByTrack(context: RunReportContext): [string, LeaderboardRow[]][] {
  return context.suite.tracks
    .map((track): [string, LeaderboardRow[]] => [
      track.name,
      context.leaderboard.filter((row) => row.track === track.name),
    ])
    .filter(([, rows]) => rows.length > 0);
}

/** The run's summary line (plain text). */
export function runSummary(context: RunReportContext): string {
  const models = [
    ...new Set(context.leaderboard.filter((row) => !row.trivial).map((row) => row.model)),
  ];
  return `${context.suite.tracks.length} tracks · ${context.results} results · models: ${models.join(', ') || 'none'} · generated ${context.generatedAt}`;
}
