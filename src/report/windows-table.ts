import type { Interval } from '../schema/interval.js';
import { plural } from './format.js';
import type { SeriesReport } from './model.js';
import { placeText } from './rows.js';

/** One labelled window and the anomalies (by number) that overlap it. Plain text cells. */
export interface WindowRow {
  /** Time first when the series has timestamps, rows after. */
  where: string;
  found: boolean;
  /** Anomaly numbers overlapping the window, e.g. `3, 4`; '' when missed. */
  by: string;
}

const overlaps = (a: Interval, b: Interval): boolean => a[0] < b[1] && b[0] < a[1];

/** Every labelled window of a report, found or missed, with the anomalies that found it. */
export function windowRows(report: SeriesReport): WindowRow[] {
  const truth = report.label?.intervals ?? [];
  return truth.map((window) => {
    const by = report.anomalies
      .filter((anomaly) => anomaly.interval !== null && overlaps(anomaly.interval, window))
      .map((anomaly) => anomaly.number);
    return { where: placeText(report, window), found: by.length > 0, by: by.join(', ') };
  });
}

/**
 * The anomalies that touch no labelled window, as one sentence; '' when there are no windows to
 * compare with.
 */
export function falseAlarmText(report: SeriesReport): string {
  const truth = report.label?.intervals;
  if (truth === null || truth === undefined) return '';
  const alarms = report.anomalies.filter(
    (anomaly) =>
      anomaly.interval !== null &&
      !truth.some((window) => anomaly.interval !== null && overlaps(anomaly.interval, window)),
  );
  if (alarms.length === 0) return 'No false alarm: every anomaly touches a labelled window.';
  return `${plural(alarms.length, 'false alarm')} (touch no labelled window): anomal${alarms.length === 1 ? 'y' : 'ies'} ${alarms.map((anomaly) => anomaly.number).join(', ')}.`;
}
