import type { TokenUsage } from '../providers/types.js';
import { freeProviders, prices, type ModelPrice } from './prices.js';

export interface CostOptions {
  /** Multiplier for batch APIs (both OpenAI and Gemini halve batch prices). @default 1 */
  discount?: number;
  /** Overrides or additions to the built-in table, keyed `provider:model`. */
  table?: Record<string, ModelPrice>;
}

/**
 * Cost of one call in USD: 0 for local providers, `null` when the model has no known price or the
 * server reported no usage (unknown is not free).
 */
export function callCostUsd(
  providerName: string,
  model: string,
  usage: TokenUsage | null,
  options: CostOptions = {},
): number | null {
  if (freeProviders.has(providerName)) return 0;
  if (usage === null) return null;
  const price = options.table?.[`${providerName}:${model}`] ?? prices[`${providerName}:${model}`];
  if (price === undefined) return null;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cachedPrice = price.cachedInputPerMillion ?? price.inputPerMillion;
  const dollars =
    ((usage.inputTokens - cached) * price.inputPerMillion +
      cached * cachedPrice +
      usage.outputTokens * price.outputPerMillion) /
    1_000_000;
  return dollars * (options.discount ?? 1);
}

/** Sums usages; `null` stays `null` only when every part is `null`. */
export function addUsage(a: TokenUsage | null, b: TokenUsage | null): TokenUsage | null {
  if (a === null) return b;
  if (b === null) return a;
  const sum: TokenUsage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
  if (a.cachedInputTokens !== undefined || b.cachedInputTokens !== undefined)
    sum.cachedInputTokens = (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0);
  if (a.reasoningTokens !== undefined || b.reasoningTokens !== undefined)
    sum.reasoningTokens = (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0);
  return sum;
}
