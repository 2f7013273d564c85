/**
 * Scores alarms on NAB-style files with the protocol of `../shared/data/nab-dev/README.md`: whole
 * series, truth = rows inside a window, means over the files where a metric is defined, "flagged" =
 * share of all rows predicted anomalous. Shared by `baseline-real.ts` and `baseline-tuning.ts`.
 */
import type { Interval } from '../src/schema/interval.js';
import { calibration, type Calibration, type CalibrationPair } from '../src/grade/calibration.js';
import { intervalScores, type IntervalScores } from '../src/grade/interval-scores.js';
import { performance } from 'node:perf_hooks';
import { detectAnomalies } from '../src/providers/baseline/detector.js';
import type { BaselineOptions } from '../src/providers/baseline/options.js';
import type { NabFile } from './nab-dev.js';

/** One alarm of a detector on one file: half-open rows and a confidence in [0, 1]. */
export interface Alarm {
  start: number;
  end: number;
  confidence: number;
}

/** The README's columns plus the ranking and calibration targets. */
export interface RealSummary {
  affiliation: number;
  event: number;
  pointAdjusted: number;
  pointwise: number;
  rangeBased: number;
  /** Share of all rows flagged, and of the rows of anomaly-free files. */
  flagged: number;
  flaggedClean: number;
  /** Affiliation F1 keeping only the three most confident alarms per file. */
  affiliationTop3: number;
  /** Reliability of the alarms' confidences: right = overlaps a label window (5 bins of 0.2). */
  calibration: Calibration;
  alarms: number;
}

const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

/** Whether an alarm overlaps a label window (an alarm "right" for calibration). */
export const overlapsTruth = (alarm: Alarm, truth: readonly Interval[]): boolean =>
  truth.some(([start, end]) => alarm.start < end && start < alarm.end);

function score(file: NabFile, alarms: readonly Alarm[]): IntervalScores {
  const predicted: Interval[] = alarms.map((alarm) => [alarm.start, alarm.end]);
  return intervalScores({ truth: file.truth, predicted, length: file.values.length });
}

/** Scores every file's alarms (`alarms[i]` belongs to `files[i]`). */
export function summarise(
  files: readonly NabFile[],
  alarms: readonly (readonly Alarm[])[],
): RealSummary {
  const columns = { affiliation: [] as number[], event: [] as number[], top3: [] as number[] };
  const rest = {
    pointAdjusted: [] as number[],
    pointwise: [] as number[],
    rangeBased: [] as number[],
  };
  let rows = 0;
  let flaggedRows = 0;
  let cleanRows = 0;
  let cleanFlagged = 0;
  const claims: CalibrationPair[] = [];
  let count = 0;
  files.forEach((file, index) => {
    const found = alarms[index] ?? [];
    count += found.length;
    const scores = score(file, found);
    const flagged = new Uint8Array(file.values.length);
    for (const alarm of found) flagged.fill(1, Math.max(0, alarm.start), alarm.end);
    const share = flagged.reduce((a, b) => a + b, 0);
    rows += file.values.length;
    flaggedRows += share;
    if (file.truth.length === 0) {
      cleanRows += file.values.length;
      cleanFlagged += share;
    }
    for (const alarm of found)
      claims.push({ confidence: alarm.confidence, correct: overlapsTruth(alarm, file.truth) });
    // As in the README: these three count 0 on files without a window (reproduces its
    // always-anomalous row), affiliation and event F1 only where they are defined.
    rest.pointAdjusted.push(scores.pointAdjusted.f1);
    rest.pointwise.push(scores.pointwise.f1);
    rest.rangeBased.push(scores.rangeBased.f1);
    if (file.truth.length === 0) return;
    if (scores.affiliation.f1 !== null) columns.affiliation.push(scores.affiliation.f1);
    if (scores.event.f1 !== null) columns.event.push(scores.event.f1);
    const top = [...found].sort((a, b) => b.confidence - a.confidence).slice(0, 3);
    const topF1 = score(file, top).affiliation.f1;
    if (topF1 !== null) columns.top3.push(topF1);
  });
  return {
    affiliation: mean(columns.affiliation),
    event: mean(columns.event),
    pointAdjusted: mean(rest.pointAdjusted),
    pointwise: mean(rest.pointwise),
    rangeBased: mean(rest.rangeBased),
    flagged: flaggedRows / Math.max(1, rows),
    flaggedClean: cleanFlagged / Math.max(1, cleanRows),
    affiliationTop3: mean(columns.top3),
    calibration: calibration(claims, { bins: 5 }),
    alarms: count,
  };
}

/** Per-file affiliation F1, event F1 and share flagged (for the worst-files list). */
export function fileScores(
  file: NabFile,
  alarms: readonly Alarm[],
): { affiliation: number | null; event: number | null; flagged: number } {
  const scores = score(file, alarms);
  const flagged = new Uint8Array(file.values.length);
  for (const alarm of alarms) flagged.fill(1, Math.max(0, alarm.start), alarm.end);
  return {
    affiliation: scores.affiliation.f1,
    event: scores.event.f1,
    flagged: flagged.reduce((a, b) => a + b, 0) / file.values.length,
  };
}

/** Alarms of the baseline on one file, the time it took, and whether the alarm cap bit. */
export function baselineAlarms(
  file: NabFile,
  options: Partial<BaselineOptions> = {},
): { alarms: Alarm[]; ms: number; cpuMs: number; capped: boolean; summary: string } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = detectAnomalies(
    { id: file.key, channels: ['value'], values: [file.values], timestamps: file.timestamps },
    options,
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const alarms = result.anomalies
    .filter((a) => a.kind !== 'channel')
    .map((a) => ({ start: a.start, end: a.end, confidence: a.confidence }));
  return { alarms, ms, cpuMs, capped: result.droppedByCap > 0, summary: result.summary };
}
