import type { LeaderboardFormat } from '../bench/format.js';

/** The flags of `anomscope bench`, as commander parses them. */
export interface BenchFlags {
  suite: string;
  provider?: string[];
  concurrency: number;
  maxCostUsd?: number;
  resume?: string;
  runId?: string;
  rats40k?: string;
  retryErrors: boolean;
  format: LeaderboardFormat;
  runsDir: string;
  cacheDir: string;
  cache: boolean;
  timeoutMs: number;
  /** Send the work through the providers' batch APIs (openai, gemini). */
  batch?: boolean;
  /** First wait between batch polls. @default 15_000 */
  batchPollMs?: number;
  /** Self-consistency: answers per item. @default 1, or with `resume` the run's recorded samples */
  samples?: number;
  /**
   * Votes an index needs; recorded in run.json. @default with `resume` the run's recorded vote,
   * else a strict majority of the samples
   */
  vote?: number;
  /** Calls in flight per endpoint of a pool (`@url1,url2`). @default 4 */
  endpointConcurrency?: number;
  /** `input,output` USD per million tokens for every model of the run. */
  pricePerMtok?: string;
  /** JSON file of prices keyed `provider:model`, extending the built-in table. */
  prices?: string;
  /**
   * Bootstrap resamples of the leaderboard's 95 % intervals and paired comparisons; 0 = none.
   * @default 1000
   */
  bootstrap?: number;
  /** First N series per track (a cheap trial); recorded in the run's suite.json. */
  limit?: number;
  /** A seeded random N series per track (seed 0); recorded in the run's suite.json. */
  sample?: number;
  /** Comma-separated track names to run. */
  tracks?: string;
  /** Build every request without sending any and print the estimated bill. */
  dryRun?: boolean;
  /** A labelled series file or folder to benchmark instead of a suite (`--data`). */
  data?: string;
  labels?: string;
  labelColumn?: string;
  task?: 'point' | 'range' | 'diagnose';
  trackBy?: 'folder' | 'none';
  strict?: boolean;
  onUnsorted?: 'sort' | 'error';
  onDuplicateTime?: 'error' | 'first' | 'last' | 'mean';
  window?: number;
  stride?: number;
  columns?: string;
  ignoreColumns?: string;
}
