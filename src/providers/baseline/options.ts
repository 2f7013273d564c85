/**
 * Tunable settings of the baseline detector, as data. Thresholds on `z` are in robust standard
 * deviations of the residual (1.4826 · MAD); window sizes are in points (indices). Defaults were
 * chosen on generated training splits (seeds 1000–1999), never on evaluation seeds.
 */
export interface BaselineOptions {
  // --- period (seasonality) estimation ---
  /** Period search looks at no more than this prefix of the series. @default 65536 */
  periodAnalysisMaxPoints: number;
  /**
   * A period must repeat at least this many times in the series. 2.5 lets a short file with under
   * three daily cycles (NAB's trimmed `art_daily_jumpsup`, 2.8 cycles) keep its period, without
   * which a one-day level jump looks like the cycle's own steps. @default 2.5
   */
  periodMinCycles: number;
  /** Longest period considered, in points. @default 10000 */
  periodMaxLag: number;
  /**
   * The autocorrelation must first fall below this before a peak counts (skips the lag-0 hump).
   * @default 0.2
   */
  periodDipAcf: number;
  /** Smallest autocorrelation at the period for the series to count as seasonal. @default 0.3 */
  periodMinAcf: number;
  /** The fundamental is the first peak reaching this share of the highest peak. @default 0.85 */
  periodPeakShare: number;
  /**
   * The period of the differenced series wins when its autocorrelation beats the raw one's by this.
   * @default 0.2
   */
  periodDifferenceMargin: number;
  /**
   * Periods this close to an integer are rounded to it (exact lags, no interpolation). @default
   * 0.05
   */
  periodIntegerSnap: number;
  /**
   * The autocorrelation's period (and its double and submultiples) moves to the best-matching
   * integer lag within this share of it (at least 2 points). @default 0.08
   */
  periodRefineShare: number;
  /**
   * The shortest of those lags whose lagged mismatch is within this share of the best is the period
   * (multiples of it repeat too). @default 0.4
   */
  periodHarmonicTolerance: number;
  /**
   * The integer period is kept unless a fractional one lowers the lagged mismatch by more than this
   * share (a search over fractions always finds a slightly lower one by chance). @default 0.3
   */
  periodIntegerTolerance: number;

  // --- residual model ---
  /**
   * Without a period, the local level is the median of neighbouring blocks of at least this many
   * points. @default 64
   */
  levelBlockMinPoints: number;
  /** ... and at most this many points. @default 2048 */
  levelBlockMaxPoints: number;
  /**
   * Where the earlier-cycles and later-cycles expectations differ by more than this many noise
   * scales (or one side is missing, at the ends), the values exactly one period away also count.
   * @default 4
   */
  sideDisagreementZ: number;
  /**
   * Where the two sides' expectations differ by at most this many noise scales, their mean is the
   * expectation. @default 3
   */
  sideAverageZ: number;
  /**
   * The noise scale is never taken below this share of the series' own robust scale. @default 0.01
   */
  noiseFloorShare: number;
  /**
   * Where this share of the residuals are ties (within half the data's resolution of zero), the
   * scale also looks at the 90 % point of |residual| (see `resilientScale`). @default 0.3
   */
  scaleTieShare: number;

  // --- residual events ---
  /** |z| at which a single point is anomalous on its own. @default 6 */
  pointZ: number;
  /**
   * |z| at which a point counts when both its neighbours stay small (a lone outlier). @default 4.5
   */
  isolatedPointZ: number;
  /** Lowest |z| the false-discovery-rate rule may lower that threshold to. @default 3 */
  isolatedPointMinZ: number;
  /**
   * False discovery rate (Benjamini–Hochberg) for lone outliers fainter than `isolatedPointZ`.
   * @default 0.05
   */
  pointFalseDiscoveryRate: number;
  /**
   * The false-discovery-rate rule applies only when this many lone outliers pass `isolatedPointZ`,
   * and accepts at least this many. @default 3
   */
  pointFalseDiscoveryMinPoints: number;
  /** A lone outlier's neighbours stay below max(extendZ, this share of its |z|). @default 0.5 */
  isolatedNeighbourShare: number;

  // --- contextual points (residual against the all-cycles template, see `contextual.ts`) ---
  /** The cycle template needs the series to span at least this many periods. @default 8 */
  contextualMinCycles: number;
  /**
   * ... and a period of at least this many points: a shorter cycle has no shape a point could
   * leave (a period of 2 makes the template a plain moving median). @default 8
   */
  contextualMinPeriod: number;
  /**
   * The template residual's scale may exceed the local seasonal noise scale by at most this factor
   * (cycles that change over the series fit their neighbours better than the template). The local
   * scale reads low (each point takes the closer of two sides), hence above 1. @default 1.15
   */
  contextualMaxScaleRatio: number;
  /**
   * The cycle must swing at least this many template-residual scales (10–90 % range of the
   * template in SD units): only where the cycle dominates the noise does the phase pin a value
   * down well enough to call a value inside the range wrong for its phase. @default 5
   */
  contextualMinSwing: number;
  /**
   * The template residual's 90 % |z| may exceed the Gaussian one by at most this factor (heavier
   * tails: thresholds in Gaussian units would not hold, so no contextual points). @default 1.25
   */
  contextualMaxTailInflation: number;
  /**
   * False discovery rate of contextual points: Benjamini–Hochberg over all points, run separately
   * for the clear (|z| ≥ `isolatedPointZ`) and the faint candidates. @default 0.4
   */
  contextualFalseDiscoveryRate: number;
  /** Lowest template-residual |z| a contextual point may have. @default 2.5 */
  contextualMinZ: number;
  /**
   * Where cycles are incomplete (missing values), a lone outlier's expectation may leave the line
   * through its neighbours' expectations by at most this share of its residual (else its residual
   * is unknown). @default 0.7
   */
  pointLocalShare: number;
  /**
   * ... those neighbours being the nearest finite expectations within this many points on each
   * side. @default 2
   */
  pointNeighbourReach: number;
  /** Window of the RMS-z statistic that finds anomalous stretches, in points. @default 5 */
  segmentWindowPoints: number;
  /** RMS z a stretch must reach somewhere to count. @default 3.5 */
  segmentHighZ: number;
  /** RMS z down to which a counted stretch extends. @default 2 */
  segmentLowZ: number;
  /** |z| a point inside a counted stretch needs to belong to the event. @default 2.5 */
  extendZ: number;
  /**
   * A stretch holding lone outliers counts only with at least this many other points of |z| ≥
   * extendZ. @default 2
   */
  segmentMinExtraPoints: number;
  /** Counted points at most this many points apart join one event. @default 3 */
  mergeGapPoints: number;
  /**
   * z values are clipped here before averaging, so one huge point cannot make a stretch. @default
   * 12
   */
  zClip: number;
  /**
   * Events up to this many points are spikes: reported as points/spikes and removed before the
   * trend is estimated. @default 3
   */
  spikeMaxPoints: number;
  /**
   * A stretch is a change point when the level after it differs from the level before by this share
   * of its peak deviation. @default 1
   */
  changePointShare: number;
  /** Events with an RMS z below this are dropped (noise that happened to line up). @default 3 */
  minEventRmsZ: number;

  // --- false-alarm control ---
  /** False discovery rate (Benjamini–Hochberg over all points) of residual alarms. @default 0.05 */
  alarmFalseDiscoveryRate: number;
  /**
   * Quantile of |z| compared with the Gaussian one to measure how heavy the residual's tails are.
   * @default 0.9
   */
  alarmTailQuantile: number;
  /**
   * The rows of this many strongest finding clusters are left out when the tail is measured.
   * @default 5
   */
  alarmTailExcludedClusters: number;
  /**
   * With at least `alarmStandOutMinClusters` clusters of alarms on a channel, a cluster is kept
   * only when its evidence reaches this multiple of the median cluster's (see `standOut`).
   * @default 1.5
   */
  alarmStandOutRatio: number;
  /**
   * An alarm within this share of the series' length of a stronger alarm of its channel is a
   * repeat of that episode and ranks by `alarmRepeatWeight` × its evidence (see `episodes.ts`).
   * @default 0.03
   */
  alarmEpisodeShare: number;
  /** Share of its evidence a repeat within an episode ranks by; 1 turns it off. @default 0.7 */
  alarmRepeatWeight: number;
  /**
   * Stated confidence = σ(intercept + slope · logit(evidence confidence)): a monotone map, so it
   * never changes which alarms are kept or how they rank, only what the number claims. The
   * evidence confidence is 0.5 at an alarm's bar and 0.8 at twice it, which overstated how often
   * alarms between 0.5 and 0.9 are right on real series; the defaults are a logistic fit on NAB's
   * development files (`npm run bench:baseline-calibration`, see `bench/baseline-tuning.md`).
   * Intercept 0 and slope 1 state the evidence confidence itself. @default -0.86
   */
  confidenceLogitIntercept: number;
  /** See `confidenceLogitIntercept`; must be > 0 to keep the order. @default 0.39 */
  confidenceLogitSlope: number;
  /**
   * A one-sided stretch is reported as its core: the rows around its peak whose smoothed |z|
   * reaches this share of the peak's (at least `extendZ`); 0 reports the whole excursion (see
   * `core.ts`). @default 0.8
   */
  stretchCoreShare: number;
  /**
   * A Pattern Change stretch of at least this many rows is reported as its core too (shorter
   * ones are their own extent; see `core.ts`). @default 20
   */
  stretchCorePatternMinPoints: number;
  /**
   * A cored stretch is cut further to the run around its peak of rows whose |z| reaches this
   * share of its row bar (the bar the alarm passed times its tail inflation): rows that carry a
   * real part of its evidence. 0 turns it off (see `core.ts`). @default 0.5
   */
  stretchEvidenceShare: number;
  /**
   * A trend change or flat run that repeats a stronger alarm's episode (see `episodes.ts`) is
   * reported as this many rows around its largest |z|; 0 reports it whole. @default 1
   */
  repeatReportedPoints: number;
  /**
   * With timestamps, a day or week of rows replaces the autocorrelation's period when its
   * seasonal residual's noise scale is lower by at least this share (see `calendar-period.ts`).
   * @default 0.2
   */
  periodCalendarGain: number;
  /** Fewer alarm clusters than this are kept without the stand-out step. @default 10 */
  alarmStandOutMinClusters: number;
  /**
   * Channels shorter than this skip the stand-out step (a dozen similar spikes in 400 points are a
   * dozen anomalies, not the series' ordinary extremes). @default 1200
   */
  alarmStandOutMinPoints: number;

  // --- trend (slope) changes ---
  /** Trend window when the series has no period, in points. @default 50 */
  trendWindowPoints: number;
  /** Slope excess must exceed this many robust SDs of the local slope. @default 4 */
  trendZ: number;
  /** ... and this share of the usual slope's magnitude. @default 0.3 */
  trendMinRatio: number;
  /** A slope change must last at least this share of the trend window. @default 0.6 */
  trendMinWidthShare: number;
  /**
   * A slope change whose rise happens mostly within a fifth of a period is a level shift instead.
   * @default 0.35
   */
  levelShiftJumpShare: number;

  /**
   * ... and only when that jump is this many noise scales of the jump statistic (noise alone makes
   * jumps). @default 5
   */
  levelShiftMinZ: number;

  // --- flatlines ---
  /** Identical consecutive values needed for a flatline. @default 5 */
  flatlineMinPoints: number;
  /**
   * If more than this share of all steps repeat a value, repetition is normal (quantised data).
   * @default 0.2
   */
  flatlineMaxNormalShare: number;
  /**
   * Expected chance flat runs per channel: a run must be longer than repeats of the series' own
   * rate would give this often (see `flatRunMinPoints`). @default 0.01
   */
  flatlineFalseAlarms: number;

  // --- variate-wise (whole channels) ---
  /** Channels needed before channels are compared with each other. @default 3 */
  variateMinChannels: number;
  /**
   * √(likelihood gain) by which a triangle/square/sawtooth must beat the best sinusoid (a noisy
   * sinusoid essentially never lets another waveform win, so this can be low). @default 1
   */
  variateShapeZ: number;
  /**
   * Lag-1 autocorrelation of the sinusoid residual, in √pairs units, that marks a wandering
   * channel. @default 4.5
   */
  variateResidualZ: number;
  /** Channels longer than this are subsampled for the shape fits (cost control). @default 4096 */
  variateMaxPoints: number;

  // --- cross-channel relations ---
  /** Rolling-correlation window as a share of the series length ... @default 0.1 */
  relationWindowShare: number;
  /** ... at least this many points ... @default 24 */
  relationWindowMinPoints: number;
  /** ... and at most this many. @default 500 */
  relationWindowMaxPoints: number;
  /**
   * A pair is examined only when its overall correlation (on a subsample) reaches this magnitude.
   * @default 0.3
   */
  relationScreenCorrelation: number;
  /**
   * The relation must hold this strongly: median rolling correlation and correlation outside the
   * break. @default 0.85
   */
  relationMinCorrelation: number;
  /** Windows whose correlation (in the usual sign) falls to this count as broken. @default 0.2 */
  relationBrokenCorrelation: number;
  /**
   * Within one window of a break the rolling correlation must be back within this of its usual
   * magnitude. @default 0.15
   */
  relationEdgeDrop: number;
  /**
   * Residual from the outside linear fit, in robust SDs, that marks the broken stretch's points.
   * @default 4
   */
  relationResidualZ: number;
  /**
   * Channels are standardised and clipped at this many robust SDs before correlating (spikes cannot
   * fake a break). @default 3
   */
  relationClipZ: number;
  /**
   * Series with more channels than this are not searched for relation breaks (pairs grow
   * quadratically). @default 64
   */
  relationMaxChannels: number;

  // --- reporting ---
  /** Peak z from which severity is `medium`. @default 8 */
  severityMediumZ: number;
  /** Peak z from which severity is `high`. @default 14 */
  severityHighZ: number;
  /** Most anomalies reported per channel (highest scores kept). @default 50 */
  maxAnomaliesPerChannel: number;
}

/** The defaults of {@link BaselineOptions}. */
export const defaultBaselineOptions: Readonly<BaselineOptions> = Object.freeze({
  periodAnalysisMaxPoints: 65536,
  periodMinCycles: 2.5,
  periodMaxLag: 10000,
  periodDipAcf: 0.1,
  periodMinAcf: 0.3,
  periodPeakShare: 0.85,
  periodIntegerSnap: 0.05,
  periodDifferenceMargin: 0.1,
  periodRefineShare: 0.08,
  periodHarmonicTolerance: 0.4,
  periodIntegerTolerance: 0.3,
  levelBlockMinPoints: 64,
  levelBlockMaxPoints: 2048,
  noiseFloorShare: 0.01,
  scaleTieShare: 0.3,
  sideDisagreementZ: 4,
  sideAverageZ: 3,
  pointZ: 6,
  isolatedPointZ: 4.5,
  isolatedNeighbourShare: 0.5,
  contextualMinCycles: 8,
  contextualMinPeriod: 8,
  contextualMaxScaleRatio: 1.15,
  contextualMinSwing: 5,
  contextualMaxTailInflation: 1.25,
  contextualFalseDiscoveryRate: 0.4,
  contextualMinZ: 2.5,
  pointLocalShare: 0.5,
  pointNeighbourReach: 2,
  isolatedPointMinZ: 3,
  pointFalseDiscoveryRate: 0.05,
  pointFalseDiscoveryMinPoints: 3,
  segmentWindowPoints: 5,
  segmentHighZ: 3.5,
  segmentLowZ: 2,
  extendZ: 2.5,
  segmentMinExtraPoints: 2,
  mergeGapPoints: 3,
  zClip: 12,
  minEventRmsZ: 3,
  changePointShare: 1,
  spikeMaxPoints: 3,
  alarmFalseDiscoveryRate: 0.05,
  alarmTailQuantile: 0.9,
  alarmTailExcludedClusters: 5,
  alarmStandOutRatio: 1.5,
  alarmEpisodeShare: 0.03,
  alarmRepeatWeight: 0.7,
  confidenceLogitIntercept: -0.86,
  confidenceLogitSlope: 0.39,
  stretchCoreShare: 0.8,
  stretchCorePatternMinPoints: 20,
  stretchEvidenceShare: 0.5,
  repeatReportedPoints: 1,
  periodCalendarGain: 0.2,
  alarmStandOutMinClusters: 10,
  alarmStandOutMinPoints: 1200,
  trendWindowPoints: 50,
  trendZ: 4,
  trendMinRatio: 0.3,
  trendMinWidthShare: 0.6,
  levelShiftJumpShare: 0.35,
  levelShiftMinZ: 5,
  flatlineMinPoints: 5,
  flatlineMaxNormalShare: 0.2,
  flatlineFalseAlarms: 0.01,
  variateMinChannels: 3,
  variateShapeZ: 1,
  variateResidualZ: 4.5,
  variateMaxPoints: 4096,
  relationWindowShare: 0.1,
  relationWindowMinPoints: 24,
  relationWindowMaxPoints: 500,
  relationScreenCorrelation: 0.3,
  relationMinCorrelation: 0.85,
  relationBrokenCorrelation: 0.2,
  relationEdgeDrop: 0.15,
  relationResidualZ: 4,
  relationClipZ: 3,
  relationMaxChannels: 64,
  severityMediumZ: 8,
  severityHighZ: 14,
  maxAnomaliesPerChannel: 50,
});

/** Merges partial options over the defaults. */
export function resolveBaselineOptions(options: Partial<BaselineOptions> = {}): BaselineOptions {
  const resolved: BaselineOptions = { ...defaultBaselineOptions };
  for (const [key, value] of Object.entries(options) as [
    keyof BaselineOptions,
    number | undefined,
  ][]) {
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}
