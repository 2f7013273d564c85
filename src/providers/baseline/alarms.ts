import type { BaselineAnomaly } from './describe.js';
import type { BaselineOptions } from './options.js';
import { episodeEvidence } from './episodes.js';
import { twoSidedTail } from './points.js';
import { selectFirst } from './select.js';
import { standOut } from './stand-out.js';

/** |z| with P(|Z| ≥ |z|) = p for a standard normal Z (bisection on {@link twoSidedTail}). */
export function twoSidedQuantile(p: number): number {
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (twoSidedTail(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * How much heavier than Gaussian the tails of the standardised residual are, measured without a
 * given alarm's own rows: the `alarmTailQuantile` quantile of |z| over the other rows, divided by
 * the Gaussian one, at least 1. Real operations data (bursty counts, series that switch between a
 * few levels) routinely puts several % of its points at |z| = 6–30 where a Gaussian has them at
 * 2; judged by the Gaussian tail, each of them would be a discovery. Leaving the alarm's own rows
 * out keeps a long anomalous stretch from raising the bar it is judged by.
 */
export class TailInflation {
  /**
   * The order statistics `valueAt` can ask for, ascending: ranks `lowestRank` … `cutRank` of the
   * finite |z|. Only these are sorted (removing at most every row at or above the cut lowers the
   * rank asked for by at most `alarmTailQuantile` × that count), so a 1,000,000-point series sorts
   * about a tenth of its values instead of all of them; the values are those of a full sort.
   */
  private readonly window: Float64Array;
  private readonly lowestRank: number;
  private readonly finiteCount: number;
  private readonly gaussian: number;
  private readonly cut: number;

  constructor(
    private readonly z: Float64Array,
    private readonly options: BaselineOptions,
  ) {
    const magnitudes = new Float64Array(z.length);
    let count = 0;
    for (const value of z) if (Number.isFinite(value)) magnitudes[count++] = Math.abs(value);
    this.finiteCount = count;
    this.gaussian = twoSidedQuantile(1 - options.alarmTailQuantile);
    const cutRank = this.rankAfter(0);
    if (cutRank < 0) {
      this.window = new Float64Array(0);
      this.lowestRank = 0;
      this.cut = Number.NaN;
      return;
    }
    this.cut = selectFirst(magnitudes, count, cutRank);
    // The most rows `for` can leave out: every row whose |z| reaches the cut (non-finite included).
    let atOrAbove = 0;
    for (const value of z) if (Math.abs(value) >= this.cut) atOrAbove++;
    this.lowestRank = Math.max(0, this.rankAfter(Math.min(atOrAbove, count - 1)));
    // Ranks below the cut's are now in magnitudes[0, cutRank); bring the needed ones to the end.
    if (this.lowestRank < cutRank) selectFirst(magnitudes, cutRank, this.lowestRank);
    this.window = magnitudes.slice(this.lowestRank, cutRank + 1).sort();
  }

  /** Rank of the `alarmTailQuantile` quantile after removing `removed` values from the top. */
  private rankAfter(removed: number): number {
    const count = this.finiteCount - removed;
    if (count <= 0) return -1;
    return Math.floor(this.options.alarmTailQuantile * (count - 1));
  }

  /** The quantile of |z| after removing `removed` values from the top. */
  private valueAt(removed: number): number {
    const rank = this.rankAfter(removed);
    if (rank < 0) return Number.NaN;
    return this.window[rank - this.lowestRank] as number;
  }

  /** Inflation for an alarm, leaving out the rows of the given half-open spans. */
  for(spans: readonly { start: number; end: number }[]): number {
    const seen = new Set<number>();
    for (const span of spans) {
      for (let t = Math.max(0, span.start); t < Math.min(this.z.length, span.end); t++) {
        if (Math.abs(this.z[t] as number) >= this.cut) seen.add(t);
      }
    }
    const observed = this.valueAt(seen.size);
    return Number.isFinite(observed) ? Math.max(1, observed / this.gaussian) : 1;
  }
}

/**
 * Findings whose evidence is a z (residual |z| of points and stretches, slope-excess z of trend
 * changes); flat runs and whole-channel findings have their own tests.
 */
const residualKind = (finding: BaselineAnomaly): boolean =>
  finding.kind === 'point' || finding.kind === 'segment' || finding.kind === 'trend';

/** Confidence 0..1 from evidence z against the threshold: 0.5 at it, 0.8 at twice, 0.9 at 3×. */
function confidenceAt(z: number, threshold: number): number {
  const ratio = Math.max(0, z) / Math.max(threshold, 1e-9);
  return Math.round((1 - 1 / (1 + ratio ** 2)) * 1000) / 1000;
}

/** A span of findings that touch or lie close together, with its strongest evidence. */
interface Cluster {
  start: number;
  end: number;
  score: number;
}

/**
 * Spans of findings that touch or lie within `gap` rows of each other: the pieces one anomaly
 * is often found as (a stretch, its slope change, a spike inside), left out together when the
 * tail is measured.
 */
function clustersOf(findings: readonly BaselineAnomaly[], gap: number): Cluster[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  const out: Cluster[] = [];
  for (const finding of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && finding.start <= last.end + gap) {
      last.end = Math.max(last.end, finding.end);
      last.score = Math.max(last.score, finding.score);
    } else out.push({ start: finding.start, end: finding.end, score: finding.score });
  }
  return out;
}

/**
 * False-alarm control of one channel's residual findings: each finding's peak |z| is divided by
 * the tail inflation, turned into a two-sided Gaussian p-value, and the Benjamini–Hochberg
 * procedure at `alarmFalseDiscoveryRate` over all `tests` finite points keeps the strongest ones.
 * The evidence an alarm needs so grows with the series length (about √(2 ln n)), and a clean
 * series of 20,000 points usually keeps none. Kept findings get a confidence that is monotone in
 * that evidence (0.5 where a lone finding would just pass). Other kinds pass unchanged.
 */
export function controlFalseDiscoveries(
  findings: readonly BaselineAnomaly[],
  context: { tests: number; inflation: TailInflation },
  options: BaselineOptions,
): BaselineAnomaly[] {
  return controlAlarms(findings, context, options).map((alarm) => alarm.finding);
}

/**
 * A kept alarm with what its reported extent is judged by: `rowBar`, the |z| a single row of
 * the channel's residual needs to carry the alarm's evidence on its own (the bar the alarm had
 * to pass times its tail inflation; null for findings not judged by a residual z), and whether
 * it is a repeat within a stronger alarm's episode (see `episodes.ts`).
 */
export interface ControlledAlarm {
  finding: BaselineAnomaly;
  rowBar: number | null;
  repeat: boolean;
}

/** {@link controlFalseDiscoveries}, with each kept alarm's row bar and repeat standing. */
export function controlAlarms(
  findings: readonly BaselineAnomaly[],
  context: { tests: number; inflation: TailInflation },
  options: BaselineOptions,
): ControlledAlarm[] {
  const tests = Math.max(1, context.tests);
  const clusters = clustersOf(
    findings.filter(residualKind),
    Math.max(10, Math.round(0.01 * tests)),
  );
  // The few strongest clusters are left out of every tail measurement: a series with a handful
  // of clear anomalies (a fifth of its rows, say) must not have them raise each other's bar,
  // while the many bursts of a heavy-tailed series still do.
  const strongest = [...clusters]
    .sort((a, b) => b.score - a.score)
    .slice(0, options.alarmTailExcludedClusters);
  const residual = findings
    .filter(residualKind)
    .map((finding) => {
      const own = clusters.find((c) => c.start <= finding.start && finding.end <= c.end);
      const spans = own === undefined ? [finding, ...strongest] : [own, ...strongest];
      const inflation = context.inflation.for(spans);
      return { finding, z: finding.score / inflation, inflation };
    })
    .sort((a, b) => b.z - a.z);
  let kept = 0;
  residual.forEach((entry, index) => {
    if (twoSidedTail(entry.z) <= ((index + 1) * options.alarmFalseDiscoveryRate) / tests)
      kept = index + 1;
  });
  const threshold = twoSidedQuantile(options.alarmFalseDiscoveryRate / tests);
  const gap = Math.max(10, Math.round(0.01 * tests));
  const { kept: outstanding, bar } = standOut(
    residual.slice(0, kept),
    { gap, points: tests },
    options,
  );
  const bar0 = Math.max(threshold, bar);
  // A flat run passed its own chance test; its evidence is z-equivalent (FlatRun.evidenceZ), so
  // it joins the residual findings' ranking. The stand-out bar is not its bar: flat runs are
  // not the field of ordinary extremes that bar measures.
  const ranked = [
    ...outstanding.map(({ finding, z, inflation }) => ({
      finding,
      z,
      bar: bar0,
      rowBar: bar0 * inflation,
    })),
    ...findings
      .filter((finding) => finding.kind === 'flatline')
      .map((finding) => ({ finding, z: finding.score, bar: threshold, rowBar: null })),
  ];
  const evidence = episodeEvidence(
    ranked.map(({ finding, z }) => ({ start: finding.start, end: finding.end, z })),
    { points: tests, minGap: gap },
    options,
  );
  // Confidence 0.5 at the bar the alarm had to pass (the stand-out bar where it applied).
  const out: ControlledAlarm[] = ranked.map(({ finding, z, bar: own, rowBar }, index) => ({
    finding: { ...finding, confidence: confidenceAt(evidence[index] as number, own) },
    rowBar,
    repeat: (evidence[index] as number) < z,
  }));
  for (const finding of findings)
    if (!residualKind(finding) && finding.kind !== 'flatline')
      out.push({ finding, rowBar: null, repeat: false });
  return out;
}
