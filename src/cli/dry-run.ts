import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  estimateBill,
  formatBill,
  recordingProvider,
  type DryRunEstimate,
  type DryRunOptions,
} from '../bench/dry-run.js';
import { materializeDataset } from '../bench/materialize.js';
import { runBench } from '../bench/run.js';
import { applySubset } from '../bench/subset.js';
import { windowsOfItem } from '../bench/window-progress.js';
import type { Suite, Track } from '../bench/suite.js';
import type { DatasetSplit } from '../schema/dataset.js';
import type { ModelPrice } from '../detect/prices.js';
import type { GenerateRequest, Provider } from '../providers/types.js';

/**
 * `bench --dry-run`: per track, builds the requests of its first `perTrack` series exactly as a
 * real run does (dataset, rendering, prompt) with providers that record instead of sending, and
 * scales them to the track's full series count (charts of one track share a size). Prints per
 * model calls, input tokens, expected output tokens, cost at list and batch price, and wall time.
 */
export async function dryRunBill(
  options: DryRunOptions & {
    suite: Suite;
    providers: readonly Provider[];
    concurrency: number;
    samples?: number;
    prices?: Record<string, ModelPrice>;
    /** Series per track whose requests are built. @default 5 */
    perTrack?: number;
  },
): Promise<string> {
  const perTrack = options.perTrack ?? 5;
  const totals = options.providers.map((provider) => estimateBill(provider, [], options));
  for (const track of options.suite.tracks) {
    const { chosen, full } = await firstSeries(track, perTrack);
    const built = Math.min(full, perTrack);
    if (built === 0) continue;
    const factor = callFactor(track, { chosen, built, full });
    const runDir = await mkdtemp(join(tmpdir(), 'anomscope-dry-run-'));
    try {
      // The run reads its dataset from the folder when present: generating it once is enough.
      await mkdir(join(runDir, 'datasets'));
      const split = { ...chosen, items: chosen.items.slice(0, built) };
      await writeFile(join(runDir, 'datasets', `${track.name}.json`), JSON.stringify(split));
      const recorded = options.providers.map(() => [] as GenerateRequest[]);
      const providers = options.providers.map((provider, index) =>
        recordingProvider(provider, recorded[index] ?? []),
      );
      const suite = { ...options.suite, tracks: [{ ...track, subset: { limit: built } }] };
      await runBench({
        suite,
        providers,
        runDir,
        concurrency: options.concurrency,
        ...(options.samples === undefined ? {} : { samples: options.samples }),
      });
      options.providers.forEach((provider, index) => {
        const part = estimateBill(provider, recorded[index] ?? [], options);
        totals[index] = add(totals[index] as DryRunEstimate, part, factor);
      });
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  }
  return formatBill(totals);
}

/**
 * The track's series count and at least its first `perTrack` series. The seeded generators give
 * the same first series whatever the count (`src/datasets/prefix.test.ts`), so without a sampled
 * subset only those are generated: the whole vta suite would otherwise draw 6,500 series.
 */
async function firstSeries(
  track: Track,
  perTrack: number,
): Promise<{ chosen: DatasetSplit; full: number }> {
  const spec = track.dataset;
  if (
    (spec.generator === 'vta' || spec.generator === 'anomllm') &&
    track.subset?.sample === undefined &&
    // Windows are counted per series length: a windowed track needs every series.
    track.window === undefined
  ) {
    const full = Math.min(spec.count, track.subset?.limit ?? spec.count);
    const chosen = await materializeDataset({
      ...spec,
      count: Math.max(1, Math.min(full, perTrack)),
    });
    return { chosen, full };
  }
  const chosen = applySubset(await materializeDataset(spec), track.subset);
  return { chosen, full: chosen.items.length };
}

/**
 * How many calls the whole track makes per call of its first `built` series: series count over
 * built, or with rolling windows the windows of every series over those of the built ones.
 */
function callFactor(
  track: Track,
  { chosen, built, full }: { chosen: DatasetSplit; built: number; full: number },
): number {
  if (track.window === undefined) return full / built;
  const calls = chosen.items.map((_, index) => windowsOfItem(track, chosen, index));
  const sum = (counts: number[]): number => counts.reduce((total, count) => total + count, 0);
  return sum(calls) / sum(calls.slice(0, built));
}

function add(total: DryRunEstimate, part: DryRunEstimate, factor: number): DryRunEstimate {
  const sum = (a: number | null, b: number | null): number | null =>
    a === null || b === null ? null : a + b * factor;
  return {
    provider: total.provider,
    calls: total.calls + Math.round(part.calls * factor),
    images: total.images + Math.round(part.images * factor),
    textTokens: total.textTokens + Math.round(part.textTokens * factor),
    imageTokens: total.imageTokens + Math.round(part.imageTokens * factor),
    outputTokens: total.outputTokens + Math.round(part.outputTokens * factor),
    costUsd: sum(total.costUsd, part.costUsd),
    batchCostUsd: sum(total.batchCostUsd, part.batchCostUsd),
    wallTimeMs: total.wallTimeMs + part.wallTimeMs * factor,
  };
}
