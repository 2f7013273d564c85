/**
 * Price table, USD per million tokens, as published by the providers (list prices checked
 * 2026-11; update here, nowhere else). Local providers (ollama, openai-compatible, baseline)
 * cost nothing in money. Keys are `provider:model`; a model missing here has cost `null`, never 0.
 */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Price of prompt-cache hits, when the provider discounts them. */
  cachedInputPerMillion?: number;
}

export const prices: Record<string, ModelPrice> = {
  'openai:gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25 },
  'openai:gpt-4o-mini': {
    inputPerMillion: 0.15,
    outputPerMillion: 0.6,
    cachedInputPerMillion: 0.075,
  },
  'openai:gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8, cachedInputPerMillion: 0.5 },
  'openai:gpt-4.1-mini': {
    inputPerMillion: 0.4,
    outputPerMillion: 1.6,
    cachedInputPerMillion: 0.1,
  },
  'openai:gpt-4.1-nano': {
    inputPerMillion: 0.1,
    outputPerMillion: 0.4,
    cachedInputPerMillion: 0.025,
  },
  'gemini:gemini-1.5-flash': { inputPerMillion: 0.075, outputPerMillion: 0.3 },
  'gemini:gemini-2.0-flash': {
    inputPerMillion: 0.1,
    outputPerMillion: 0.4,
    cachedInputPerMillion: 0.025,
  },
  'gemini:gemini-2.5-flash': {
    inputPerMillion: 0.3,
    outputPerMillion: 2.5,
    cachedInputPerMillion: 0.075,
  },
  'gemini:gemini-2.5-pro': {
    inputPerMillion: 1.25,
    outputPerMillion: 10,
    cachedInputPerMillion: 0.31,
  },
};

/** Providers that run on the user's own hardware: no per-token price. */
export const freeProviders: ReadonlySet<string> = new Set([
  'baseline',
  'ollama',
  'openai-compatible',
  'replay',
]);
