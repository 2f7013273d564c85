import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { LeaderboardRow } from './score.js';
import { shippedSuitesDir, type Suite } from './suite.js';

// Lenient: only the AnomLLM table is a published per-track number; VTA entries are our targets.
const publishedSchema = z.looseObject({
  sources: z.record(z.string(), z.looseObject({ title: z.string(), arxiv: z.string().optional() })),
  anomllm: z.record(
    z.string(),
    z.looseObject({ best: z.number().nullable(), bestMethod: z.string(), source: z.string() }),
  ),
});
export type PublishedNumbers = z.infer<typeof publishedSchema>;

/** Reads `eval/published.json` shipped beside the suites. */
export async function readPublished(): Promise<PublishedNumbers> {
  const text = await readFile(join(shippedSuitesDir(), '..', 'published.json'), 'utf8');
  return publishedSchema.parse(JSON.parse(text));
}

/**
 * Published scores printed beside ours, one row per track that reproduces a published benchmark
 * with its convention (AnomLLM generator and scoring: affiliation F1 of the paper's best method).
 * They are marked `published` and carry no counts: the paper's numbers, not this run's.
 */
export function publishedRows(suite: Suite, published: PublishedNumbers): LeaderboardRow[] {
  const rows: LeaderboardRow[] = [];
  for (const track of suite.tracks) {
    if (track.dataset.generator !== 'anomllm' || track.scoring !== 'anomllm') continue;
    const entry = published.anomllm[track.dataset.type];
    if (entry === undefined || entry.best === null) continue;
    const source = published.sources[entry.source];
    rows.push({
      track: track.name,
      task: track.task,
      scoring: track.scoring,
      model: `published: ${entry.bestMethod}`,
      prompt: '-',
      modality: '-',
      hints: 'none',
      trivial: false,
      published:
        source === undefined
          ? entry.source
          : `${source.title}${source.arxiv === undefined ? '' : `, arXiv ${source.arxiv}`}`,
      series: 0,
      scored: 0,
      parseFailures: 0,
      errors: 0,
      metrics: {},
      headline: { metric: 'affiliation.f1', value: entry.best / 100 },
      correct: 0,
      meanLatencyMs: null,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: null,
      costPerCorrectUsd: null,
    });
  }
  return rows;
}
