import { callCostUsd } from '../detect/cost.js';
import type { ModelPrice } from '../detect/prices.js';
import { openAIImageTokens } from './dry-run.js';
import type { GenerateRequest, TokenUsage } from '../providers/types.js';

/**
 * Output tokens assumed when a request sets no `maxOutputTokens`: above the few hundred a JSON
 * answer takes, so an estimate errs on the dear side.
 * @default 1000
 */
export const ASSUMED_OUTPUT_TOKENS = 1000;

/**
 * Tokens a request is expected to bill before it is sent: text at 4 characters a token (rounded
 * up) and each image by OpenAI's high-detail tiling (85 + 170 per 512 px tile after fitting in
 * 2048 × 2048 and 768 px on the short side), which is also above Gemini's 258 per 768 px tile.
 */
export function estimateUsage(request: GenerateRequest): TokenUsage {
  let characters = request.system?.length ?? 0;
  let imageTokens = 0;
  for (const message of request.messages) {
    characters += message.text.length;
    for (const image of message.images ?? []) imageTokens += imageTokensOf(image);
  }
  const schema = request.responseSchema;
  const schemaCharacters = schema === undefined ? 0 : JSON.stringify(schema).length;
  return {
    inputTokens: Math.ceil((characters + schemaCharacters) / 4) + imageTokens,
    outputTokens: request.maxOutputTokens ?? ASSUMED_OUTPUT_TOKENS,
  };
}

/**
 * What a request is expected to cost before it is sent (USD), by the price table the cost cap
 * uses; `null` when the model has no price.
 */
export function estimateCallCostUsd(
  provider: { name: string; model: string },
  request: GenerateRequest,
  options: { prices?: Record<string, ModelPrice>; discount?: number } = {},
): number | null {
  return callCostUsd(provider.name, provider.model, estimateUsage(request), {
    ...(options.discount === undefined ? {} : { discount: options.discount }),
    ...(options.prices === undefined ? {} : { table: options.prices }),
  });
}

/** OpenAI's high-detail image tokens for a PNG's size; 1105 (a 2 × 3 tile image) if unreadable. */
function imageTokensOf(png: Uint8Array): number {
  const size = pngSize(png);
  if (size === undefined) return 85 + 170 * 6;
  return openAIImageTokens(size.width, size.height);
}

/** Width and height from a PNG's IHDR chunk (bytes 16..24). */
function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  if (png.byteLength < 24 || png[0] !== 0x89 || png[1] !== 0x50) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
