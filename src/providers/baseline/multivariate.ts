import {
  findCategory,
  type CategoryName,
  type MultivariateCategoryName,
} from '../../schema/taxonomy.js';
import { confidenceOf, severityOf, type BaselineAnomaly } from './describe.js';
import type { BaselineOptions } from './options.js';
import type { RelationBreak } from './relations.js';
import { channelShape, type ChannelShape } from './variate.js';

/**
 * How a per-channel (univariate) finding reads in the multivariate taxonomy: jumps, spikes, level
 * shifts, shifted segments and flat runs in some channels break the joint structure locally;
 * a channel's own slope change makes it diverge from the others' trend; a changed shape or
 * period of one channel breaks its temporal dependency on the others.
 */
const univariateToMultivariate: Readonly<Record<string, MultivariateCategoryName>> = {
  'Normal Sequence': 'Normal Sequence',
  'Point Anomaly': 'Local Structural Jump Anomaly',
  'Sudden Spike Anomaly': 'Local Structural Jump Anomaly',
  'Change Point Anomaly': 'Local Structural Jump Anomaly',
  'Continuous Segment Anomaly': 'Local Structural Jump Anomaly',
  'Sudden Flatline Anomaly': 'Local Structural Jump Anomaly',
  'Repeated Value Anomaly': 'Local Structural Jump Anomaly',
  'Sparse Anomaly': 'Local Structural Jump Anomaly',
  'Distributional Change Anomaly': 'Local Structural Jump Anomaly',
  'Amplitude Anomaly': 'Local Structural Jump Anomaly',
  'Trend Change Anomaly': 'Trend Divergence Anomaly',
  'Drift Anomaly': 'Trend Divergence Anomaly',
  'Periodic Change Anomaly': 'Temporal Dependency Anomaly',
  'Pattern Change Anomaly': 'Temporal Dependency Anomaly',
  'Nonlinear Pattern Anomaly': 'Joint Space Anomaly',
};

/** The multivariate category a detector category stands for (itself when it already is one). */
export function multivariateCategoryOf(category: CategoryName): MultivariateCategoryName {
  const mapped = univariateToMultivariate[category];
  if (mapped !== undefined) return mapped;
  if (findCategory(category, 'multivariate') !== undefined)
    return category as MultivariateCategoryName;
  return 'Joint Space Anomaly';
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/**
 * Rewrites the findings of a multi-channel series in the multivariate taxonomy. A per-channel
 * finding keeps its evidence sentence, names the univariate reading it came from, and says
 * whether other channels show anomalies over the same stretch (so "the joint structure breaks in
 * channel 2 alone" is only claimed when that is what was found).
 */
export function toMultivariateFindings(
  findings: readonly BaselineAnomaly[],
  channelCount: number,
): BaselineAnomaly[] {
  return findings.map((finding) => {
    const category = multivariateCategoryOf(finding.category);
    if (category === finding.category) return finding;
    const own = new Set(finding.channels ?? []);
    const alongside = new Set<number>();
    for (const other of findings) {
      if (other === finding || other.kind === 'channel' || !overlaps(other, finding)) continue;
      for (const channel of other.channels ?? []) if (!own.has(channel)) alongside.add(channel);
    }
    const others = [...alongside].sort((a, b) => a - b);
    const company =
      others.length === 0
        ? `none of the other ${channelCount - own.size} channels shows an anomaly there`
        : `channel${others.length === 1 ? '' : 's'} ${others.join(', ')} also ${others.length === 1 ? 'shows an anomaly' : 'show anomalies'} there`;
    const explanation = `${finding.explanation} Read across channels as a ${category} (per-channel reading: ${finding.category}); ${company}.`;
    return { ...finding, category, explanation };
  });
}

/** One group of overlapping pair breaks, attributed to the channel(s) they share. */
function attribute(group: readonly RelationBreak[]): number[] {
  const counts = new Map<number, number>();
  for (const item of group)
    for (const channel of item.pair) counts.set(channel, (counts.get(channel) ?? 0) + 1);
  const inEvery = [...counts.entries()]
    .filter(([, count]) => count === group.length)
    .map(([channel]) => channel);
  if (group.length >= 2 && inEvery.length === 1) return inEvery;
  return [...counts.keys()].sort((a, b) => a - b);
}

/**
 * Fisher-z difference between the outside and inside correlation (in the usual sign), in standard
 * errors.
 */
function breakScore(item: RelationBreak, length: number): number {
  const sign = Math.sign(item.outsideCorrelation);
  const atanh = (r: number): number =>
    0.5 * Math.log((1 + Math.min(0.999, r)) / (1 - Math.min(0.999, r)));
  const inside = Math.max(4, item.end - item.start);
  const outside = Math.max(4, length - inside);
  const error = Math.sqrt(1 / Math.max(1, inside - 3) + 1 / Math.max(1, outside - 3));
  return Math.min(
    99,
    (atanh(sign * item.outsideCorrelation) - atanh(sign * item.insideCorrelation)) / error,
  );
}

const medianOf = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

/**
 * Findings from relation breaks: overlapping pair breaks are grouped; the channel shared by every
 * broken pair of a group is the one whose relation broke (otherwise all channels involved are
 * named). A sign flip is a Collinearity Shift, a lost correlation a Covariance Structure anomaly.
 */
export function describeRelationBreaks(
  breaks: readonly RelationBreak[],
  length: number,
  channelLabel: (channel: number) => string,
  options: BaselineOptions,
): BaselineAnomaly[] {
  const sorted = [...breaks].sort((a, b) => a.start - b.start);
  const groups: RelationBreak[][] = [];
  let groupEnd = -1;
  for (const item of sorted) {
    const last = groups[groups.length - 1];
    if (last !== undefined && item.start < groupEnd) {
      last.push(item);
      groupEnd = Math.max(groupEnd, item.end);
    } else {
      groups.push([item]);
      groupEnd = item.end;
    }
  }
  return groups.map((group) => {
    const channels = attribute(group);
    const start = medianOf(group.map((item) => item.start));
    const end = Math.max(start + 1, medianOf(group.map((item) => item.end)));
    const flipped = group.filter((item) => item.flipped).length * 2 > group.length;
    const scores = group.map((item) => breakScore(item, length));
    const score = Math.max(...scores);
    const strongest = group[scores.indexOf(score)] ?? (group[0] as RelationBreak);
    const [a, b] = strongest.pair;
    const involved = [...new Set(group.flatMap((item) => item.pair))].sort((x, y) => x - y);
    const partners = involved.filter((channel) => !channels.includes(channel));
    const relation = `channels ${channelLabel(a)} and ${channelLabel(b)} correlate ${strongest.outsideCorrelation.toFixed(2)} outside x=${start}–${end - 1} but ${strongest.insideCorrelation.toFixed(2)} inside`;
    const subject =
      channels.length === 1
        ? `channel ${channelLabel(channels[0] as number)} and channel${partners.length === 1 ? '' : 's'} ${partners.map(channelLabel).join(', ')}${group.length > 1 ? ` (all ${group.length} broken pairs share channel ${channelLabel(channels[0] as number)})` : ''}`
        : `channels ${channels.map(channelLabel).join(', ')}`;
    const explanation = flipped
      ? `Between x=${start} and x=${end - 1} the linear relation between ${subject} flips sign: ${relation}.`
      : `Between x=${start} and x=${end - 1} ${subject} stop moving together: ${relation}.`;
    return {
      start,
      end,
      channels,
      category: flipped ? 'Collinearity Shift Anomaly' : 'Covariance Structure Anomaly',
      severity: severityOf(score, options),
      confidence: confidenceOf(score, 4),
      explanation,
      score,
      kind: 'relation',
    } satisfies BaselineAnomaly;
  });
}

/**
 * Combines per-channel findings with relation-break findings: a break whose channel already has
 * a level shift or slope change there, or a flat run over half of it, is explained by that and
 * dropped (a lone spike cannot break it: values are winsorised); per-channel points and stretches
 * that lie mostly inside a kept break of their channel are its symptoms and are replaced by it.
 */
export function mergeRelationFindings(
  perChannel: readonly BaselineAnomaly[],
  relations: readonly BaselineAnomaly[],
): BaselineAnomaly[] {
  const shares = (a: BaselineAnomaly, b: BaselineAnomaly): boolean =>
    (a.channels ?? []).some((channel) => (b.channels ?? []).includes(channel));
  const common = (a: BaselineAnomaly, b: BaselineAnomaly): number =>
    Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const explainsBreak = (finding: BaselineAnomaly, relation: BaselineAnomaly): boolean => {
    if (!shares(finding, relation) || !overlaps(finding, relation)) return false;
    if (finding.kind === 'trend' || finding.category === 'Change Point Anomaly') return true;
    return (
      finding.kind === 'flatline' &&
      common(finding, relation) >= 0.5 * (relation.end - relation.start)
    );
  };
  const kept = relations.filter(
    (relation) => !perChannel.some((finding) => explainsBreak(finding, relation)),
  );
  const symptom = (finding: BaselineAnomaly): boolean =>
    (finding.kind === 'segment' || finding.kind === 'point') &&
    kept.some(
      (relation) =>
        shares(finding, relation) &&
        common(finding, relation) >= 0.5 * (finding.end - finding.start),
    );
  return [...perChannel.filter((finding) => !symptom(finding)), ...kept];
}

/**
 * Whether a channel flagged as wandering (autocorrelated sinusoid residual) still is once its own
 * local findings are set aside: a shifted segment alone makes the residual autocorrelated, and is
 * then the whole story. Channels whose local findings cover more than half of them stay flagged.
 */
export function stillWandering(
  shape: ChannelShape,
  values: Float64Array,
  local: readonly BaselineAnomaly[],
  medianResidualZ: number,
  options: BaselineOptions,
): boolean {
  if (shape.shapeZ >= shape.residualZ) return true;
  const own = local.filter(
    (finding) => finding.kind !== 'channel' && (finding.channels ?? []).includes(shape.channel),
  );
  if (own.length === 0) return true;
  const masked = Float64Array.from(values);
  let covered = 0;
  for (const finding of own) {
    for (
      let t = Math.max(0, finding.start - 1);
      t < Math.min(values.length, finding.end + 1);
      t++
    ) {
      if (Number.isFinite(masked[t] as number)) covered++;
      masked[t] = Number.NaN;
    }
  }
  if (covered > values.length / 2) return true;
  const again = channelShape(shape.channel, masked, options);
  if (again === null) return true;
  return (
    again.residualZ >= options.variateResidualZ &&
    again.residualZ - Math.max(0, medianResidualZ) >= options.variateResidualZ
  );
}
