import type { Anomaly, Answer } from '../../schema/answer.js';
import type { EndConvention, LocalRequestData, Task } from '../types.js';
import type { BaselineAnomaly } from './describe.js';
import type { BaselineResult } from './detector.js';

/** End coordinate of a half-open `[start, end)` interval as the convention reads it. */
function endCoordinate(end: number, convention: EndConvention): number {
  return convention === 'inclusive' ? end - 1 : end;
}

/** 1-based number of the first hint candidate the finding overlaps, or null. */
function candidateNumber(
  anomaly: { start: number; end: number },
  candidates: LocalRequestData['candidates'],
): number | null {
  if (candidates === undefined) return null;
  const index = candidates.findIndex(
    (candidate) => candidate.start < anomaly.end && anomaly.start < candidate.end,
  );
  return index < 0 ? null : index + 1;
}

function toAnswerAnomaly(
  anomaly: BaselineAnomaly,
  start: number,
  end: number,
  local: LocalRequestData,
): Anomaly {
  return {
    start,
    end: endCoordinate(end, local.convention),
    channels: anomaly.channels,
    category: anomaly.category,
    severity: anomaly.severity,
    confidence: anomaly.confidence,
    explanation: anomaly.explanation,
    candidate: candidateNumber({ start, end }, local.candidates),
  };
}

/**
 * The summary when every finding lies outside the task asked: says so first, so it never reads
 * "no anomaly" and then "1 anomaly found" as if they contradicted each other.
 */
function outsideTask(task: Task, summary: string): string {
  const other = task === 'variate' ? 'range' : 'variate';
  const seen = summary.replace(
    /^(\d+) (anomal(?:y|ies)) found/,
    'Outside this task the detector saw $1 $2',
  );
  return `No anomaly relevant to the ${task} task (rerun with --task ${other} to list the others). ${seen}`;
}

/**
 * Which findings answer which task: whole-channel findings for `variate`, the others for
 * `point`/`range`, all for `diagnose`.
 */
function findingsFor(task: Task, anomalies: readonly BaselineAnomaly[]): BaselineAnomaly[] {
  if (task === 'variate') return anomalies.filter((anomaly) => anomaly.kind === 'channel');
  if (task === 'diagnose') return [...anomalies];
  return anomalies.filter((anomaly) => anomaly.kind !== 'channel');
}

/**
 * Writes detector findings as an `Answer` in the x-axis coordinates the prompt asked for:
 * `exclusive` ends are half-open, `inclusive` ends are the last index. Task `point` lists every
 * index of every finding as its own one-point anomaly; task `variate` gives one anomaly per
 * anomalous channel spanning the whole series, with that channel id in `channels`.
 */
export function resultToAnswer(result: BaselineResult, local: LocalRequestData): Answer {
  const anomalies: Anomaly[] = [];
  for (const finding of findingsFor(local.task, result.anomalies)) {
    if (local.task === 'point') {
      for (let index = finding.start; index < finding.end; index++)
        anomalies.push(toAnswerAnomaly(finding, index, index + 1, local));
    } else {
      anomalies.push(toAnswerAnomaly(finding, finding.start, finding.end, local));
    }
  }
  const summary =
    anomalies.length === result.anomalies.length || anomalies.length > 0
      ? result.summary
      : outsideTask(local.task, result.summary);
  return { anomalous: anomalies.length > 0, anomalies, summary };
}
