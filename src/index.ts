/**
 * anomscope as a library. Every stage is a function: load → render/serialize → detect (provider,
 * parse, validate) → grade; the bench runner and reports build on these.
 */
export {
  AnomscopeError,
  InputError,
  ProviderError,
  ContentError,
  type InputLocation,
} from './errors.js';

export type { Series, SeriesContext } from './series/types.js';
export { seriesLength } from './series/types.js';
export {
  loadSeries,
  parseCsv,
  parseJson,
  parseNdjson,
  seriesToJson,
  seriesFromJson,
  validateSeries,
} from './series/index.js';

export { boundHeapGrowth, type HeapGrowthOptions } from './heap-growth.js';

export {
  createRenderer,
  renderPng,
  renderSvg,
  renderSpec,
  serializeText,
  rescaleSeries,
  type Renderer,
  type RenderOptions,
  type TextFormat,
} from './render/index.js';

export {
  answerSchema,
  anomalySchema,
  answerJsonSchema,
  type Answer,
  type Anomaly,
} from './schema/answer.js';
export { labelSchema, type Label } from './schema/label.js';
export {
  datasetSplitSchema,
  seriesJsonSchema,
  type DatasetSplit,
  type SeriesJson,
} from './schema/dataset.js';
export type { Interval } from './schema/interval.js';
export {
  univariateCategories,
  multivariateCategories,
  categoryNames,
  findCategory,
  type Category,
  type CategoryName,
} from './schema/taxonomy.js';
export { formatAnswerText } from './schema/answer-text.js';

export { loadPrompt, listPrompts, fillPrompt, type PromptTemplate } from './prompt/index.js';

export type {
  Provider,
  ProviderFactory,
  ProviderOptions,
  GenerateRequest,
  GenerateResponse,
  Message,
  TokenUsage,
  Task,
} from './providers/types.js';
export { createProvider, parseProviderSpec, providers } from './providers/registry.js';

export { detect, DetectError, type DetectOptions, type DetectResult } from './detect/detect.js';
export { createDiskCache, createMemoryCache, type ResponseCache } from './detect/cache.js';
export { requestKey } from './providers/shared/request-key.js';
export { callCostUsd } from './detect/cost.js';
export {
  parseAnswerText,
  toIntervals,
  parseVtaAnswer,
  parseAnomllmAnswer,
  parseTimeRaAnswer,
  parseStructuredAnswer,
} from './detect/parse/index.js';
export { baselineCandidates } from './detect/hints.js';

export * from './grade/index.js';

export {
  generateVta,
  generateAnomllm,
  readRats40k,
  writeRats40k,
  readDatasetSplit,
  writeDatasetSplit,
} from './datasets/index.js';

export { runBench, type RunBenchOptions, type BenchProgress } from './bench/run.js';
export { createOnlineExecutor, type OnlineExecutorOptions } from './bench/online.js';
export type { Executor, ExecutorContext, ExecutorResult } from './bench/executor.js';
export type { WorkSource, WorkSourceCounts } from './bench/work-source.js';
export { loadSuite, suiteSchema, type Suite, type Track } from './bench/suite.js';
export { scoreRun, writeLeaderboard } from './bench/leaderboard.js';
export { buildLeaderboard, type LeaderboardRow } from './bench/score.js';
export { formatLeaderboard, type LeaderboardFormat } from './bench/format.js';
