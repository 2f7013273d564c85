import {
  pairedBootstrap,
  stratifiedIntervals,
  type BootstrapInterval,
  type BootstrapOptions,
  type DenseMean,
  type Statistic,
} from './bootstrap.js';
import { pooledTrackName } from './pooled.js';
import type { LeaderboardRow } from './score.js';
import type { SeriesSample } from './series-sample.js';

/** Track name of the per-model summary rows. */
export const OVERALL_TRACK = 'overall';

/** Options of {@link summarizeLeaderboard}. */
export interface SummaryOptions extends BootstrapOptions {
  /** p-value below which a paired difference is called significant. @default 0.05 */
  alpha?: number;
}

/** Two rows of one track compared on the series both answered: B minus A. */
export interface PairedComparison {
  track: string;
  metric: string;
  a: string;
  b: string;
  /** Series both rows scored. */
  series: number;
  difference: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  significant: boolean;
}

/** What a model's row is called in comparisons and overall rows. */
export function rowLabel(row: LeaderboardRow): string {
  if (row.trivial) return `(${row.model})`;
  return `${row.model} ${row.prompt} ${row.modality}${row.hints === 'none' ? '' : '+hints'}`;
}

/**
 * Adds a bootstrap interval to every row's headline, one `overall` row per model (the macro mean
 * of its track scores, resampled within each track) when the board has several tracks, and paired
 * bootstrap comparisons of every two models of a track. `samples[i]` belongs to `rows[i]`.
 */
export function summarizeLeaderboard(
  rows: readonly LeaderboardRow[],
  samples: readonly SeriesSample[],
  options: SummaryOptions = {},
): { rows: LeaderboardRow[]; comparisons: PairedComparison[] } {
  const wanted = rows.map((row, index) => {
    const sample = samples[index];
    if (sample === undefined || row.headline.value === null) return undefined;
    const wantedRow: Wanted = {
      statistic:
        sample.dense === undefined
          ? (draws) => sample.statistic(draws[0] as Uint32Array)
          : { kind: 'dense-mean', values: [sample.dense], macro: false },
      sizes: [sample.seriesIds.length],
    };
    return wantedRow;
  });
  const intervals = batchedIntervals(wanted, options);
  const withCi = rows.map((row, index) => {
    const ci = intervals[index];
    return ci === undefined ? row : withInterval(row, ci);
  });
  return {
    rows: [...withCi, ...overallRows(rows, samples, options)],
    comparisons: comparisons(rows, samples, options),
  };
}

function withInterval(
  row: LeaderboardRow,
  ci: { low: number | null; high: number | null },
): LeaderboardRow {
  if (ci.low === null || ci.high === null) return row;
  return { ...row, headline: { ...row.headline, ci: [ci.low, ci.high] } };
}

function overallRows(
  rows: readonly LeaderboardRow[],
  samples: readonly SeriesSample[],
  options: SummaryOptions,
): LeaderboardRow[] {
  // The pooled track of `bench --data` already spans every series: it is not one more track.
  // Render-ablation variants other than the reference are views of the same track, not more tracks.
  const counts = (row: LeaderboardRow): boolean =>
    row.track !== pooledTrackName && (row.ablation === undefined || row.ablation.reference);
  const tracks = new Set(rows.filter(counts).map((row) => row.track));
  if (tracks.size < 2) return [];
  const byModel = new Map<string, number[]>();
  rows.forEach((row, index) => {
    if (row.headline.value === null || !counts(row)) return;
    // Tracks usually ask with task-specific prompts: a model's overall row spans its prompts.
    const key = [row.trivial ? 'trivial' : 'model', row.model, row.modality, row.hints].join(
      '\u0000',
    );
    byModel.set(key, [...(byModel.get(key) ?? []), index]);
  });
  const groups = [...byModel.values()];
  const intervals = batchedIntervals(
    groups.map((indices) => {
      const parts = indices.map((index) => samples[index] as SeriesSample);
      const macro = (draws: Uint32Array[]): number | null => {
        let sum = 0;
        for (let g = 0; g < draws.length; g += 1) {
          const score = parts[g]?.statistic(draws[g] as Uint32Array) ?? null;
          if (score === null) return null;
          sum += score;
        }
        return sum / draws.length;
      };
      const dense = parts.map((part) => part.dense);
      const statistic: Wanted['statistic'] = dense.every((values) => values !== undefined)
        ? { kind: 'dense-mean', values: dense, macro: true }
        : macro;
      return { statistic, sizes: parts.map((part) => part.seriesIds.length) };
    }),
    options,
  );
  const out: LeaderboardRow[] = [];
  for (const [groupIndex, indices] of groups.entries()) {
    const members = indices.map((index) => rows[index] as LeaderboardRow);
    // A track's own facts (repeated series, its ablation variant) do not describe the mean.
    const {
      distinctSeries: _distinct,
      ablation: _ablation,
      ...first
    } = members[0] as LeaderboardRow;
    const value = members.reduce((sum, row) => sum + (row.headline.value ?? 0), 0) / members.length;
    const ci = intervals[groupIndex] as BootstrapInterval;
    const costs = members.map((row) => row.costUsd);
    const costUsd = costs.every((cost) => cost === null)
      ? null
      : costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0);
    const correct = members.reduce((sum, row) => sum + row.correct, 0);
    const latencies = members
      .map((row) => row.meanLatencyMs)
      .filter((ms): ms is number => ms !== null);
    out.push(
      withInterval(
        {
          ...first,
          track: OVERALL_TRACK,
          prompt: new Set(members.map((row) => row.prompt)).size === 1 ? first.prompt : '*',
          covers: members.map((row) => row.track),
          series: members.reduce((sum, row) => sum + row.series, 0),
          scored: members.reduce((sum, row) => sum + row.scored, 0),
          parseFailures: members.reduce((sum, row) => sum + row.parseFailures, 0),
          errors: members.reduce((sum, row) => sum + row.errors, 0),
          metrics: {},
          headline: { metric: 'macro mean', value },
          correct,
          meanLatencyMs:
            latencies.length === 0 ? null : latencies.reduce((a, b) => a + b, 0) / latencies.length,
          inputTokens: members.reduce((sum, row) => sum + row.inputTokens, 0),
          outputTokens: members.reduce((sum, row) => sum + row.outputTokens, 0),
          costUsd,
          costPerCorrectUsd: costUsd === null || correct === 0 ? null : costUsd / correct,
        },
        ci,
      ),
    );
  }
  return out.map(({ selfConsistency: _dropped, ...row }) => row);
}

function comparisons(
  rows: readonly LeaderboardRow[],
  samples: readonly SeriesSample[],
  options: SummaryOptions,
): PairedComparison[] {
  const out: PairedComparison[] = [];
  const alpha = options.alpha ?? 0.05;
  for (let i = 0; i < rows.length; i += 1) {
    for (let j = i + 1; j < rows.length; j += 1) {
      const a = rows[i] as LeaderboardRow;
      const b = rows[j] as LeaderboardRow;
      const sampleA = samples[i];
      const sampleB = samples[j];
      if (
        a.track !== b.track ||
        a.trivial ||
        b.trivial ||
        sampleA === undefined ||
        sampleB === undefined
      )
        continue;
      const positionsB = new Map(sampleB.seriesIds.map((id, index) => [id, index]));
      const shared: [number, number][] = [];
      sampleA.seriesIds.forEach((id, index) => {
        const other = positionsB.get(id);
        if (other !== undefined) shared.push([index, other]);
      });
      const result = pairedBootstrap(
        restrict(sampleA.statistic, shared, 0),
        restrict(sampleB.statistic, shared, 1),
        shared.length,
        options,
      );
      out.push({
        track: a.track,
        metric: a.headline.metric,
        a: rowLabel(a),
        b: rowLabel(b),
        series: shared.length,
        difference: result.difference,
        ci: result.low === null || result.high === null ? null : [result.low, result.high],
        pValue: result.pValue,
        significant: result.pValue !== null && result.pValue < alpha && result.difference !== 0,
      });
    }
  }
  return out;
}

/**
 * A statistic over the shared series, drawn by position in `shared`, mapped to one side's own
 * positions.
 */
function restrict(
  statistic: Statistic,
  shared: readonly [number, number][],
  side: 0 | 1,
): Statistic {
  return (indices) => statistic(Uint32Array.from(indices, (index) => shared[index]?.[side] ?? 0));
}

const points = (value: number | null): string => (value === null ? '—' : (value * 100).toFixed(2));

/** Paired comparisons as a Markdown table or text lines, differences in percentage points. */
export function formatComparisons(
  pairs: readonly PairedComparison[],
  format: 'table' | 'markdown',
): string {
  const header = ['track', 'A', 'B', 'n', 'B − A', '95% CI', 'p', 'significant'];
  const cells = pairs.map((pair) => [
    pair.track,
    pair.a,
    pair.b,
    String(pair.series),
    points(pair.difference),
    pair.ci === null ? '—' : `[${points(pair.ci[0])}, ${points(pair.ci[1])}]`,
    pair.pValue === null ? '—' : pair.pValue.toFixed(3),
    pair.significant ? 'yes' : 'no',
  ]);
  const title =
    'Paired differences (B − A on the series both scored, percentage points; paired bootstrap)';
  if (format === 'markdown') {
    const escape = (cell: string): string => cell.replaceAll('|', '\\|');
    return [
      `**${title}**`,
      '',
      `| ${header.join(' | ')} |`,
      `| ${header.map((_, index) => (index >= 3 && index <= 6 ? '---:' : '---')).join(' | ')} |`,
      ...cells.map((line) => `| ${line.map(escape).join(' | ')} |`),
      '',
    ].join('\n');
  }
  const widths = header.map((name, index) =>
    Math.max(name.length, ...cells.map((line) => (line[index] ?? '').length)),
  );
  const line = (parts: string[]): string =>
    parts
      .map((part, index) => part.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [title, line(header), ...cells.map(line), ''].join('\n');
}

/** A statistic to bootstrap over groups of these sizes (one group: a row's own series). */
interface Wanted {
  statistic: ((draws: Uint32Array[]) => number | null) | DenseMean;
  sizes: number[];
}

/**
 * The bootstrap interval of each wanted statistic (undefined stays undefined), exactly as one
 * `stratifiedInterval` call each would give: statistics over the same group sizes share one pass
 * of seeded draws, so scoring a board of many rows over the same series draws them once.
 */
function batchedIntervals(
  wanted: readonly (Wanted | undefined)[],
  options: BootstrapOptions,
): (BootstrapInterval | undefined)[] {
  const bySizes = new Map<string, number[]>();
  wanted.forEach((entry, index) => {
    if (entry === undefined) return;
    const key = entry.sizes.join(',');
    bySizes.set(key, [...(bySizes.get(key) ?? []), index]);
  });
  const out: (BootstrapInterval | undefined)[] = wanted.map(() => undefined);
  for (const indices of bySizes.values()) {
    const entries = indices.map((index) => wanted[index] as Wanted);
    const sizes = entries[0]?.sizes ?? [];
    const intervals = stratifiedIntervals(
      entries.map((entry) => entry.statistic),
      sizes,
      options,
    );
    indices.forEach((index, k) => (out[index] = intervals[k]));
  }
  return out;
}
