import { mkdtemp, rm } from 'node:fs/promises';
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
import type { Suite } from '../bench/suite.js';
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
    const split = applySubset(await materializeDataset(track.dataset), track.subset);
    const full = split.items.length;
    const built = Math.min(full, perTrack);
    if (built === 0) continue;
    // With rolling windows a series is several calls: scale by windows, not by series.
    const calls = split.items.map((_, index) => windowsOfItem(track, split, index));
    const sum = (counts: number[]): number => counts.reduce((total, count) => total + count, 0);
    const factor = sum(calls) / sum(calls.slice(0, built));
    const runDir = await mkdtemp(join(tmpdir(), 'anomscope-dry-run-'));
    try {
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
