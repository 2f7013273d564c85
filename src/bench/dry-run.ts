import { callCostUsd } from '../detect/cost.js';
import type { ModelPrice } from '../detect/prices.js';
import type { GenerateRequest, Provider } from '../providers/types.js';

/** What a dry run assumes where nothing was measured yet. */
export interface DryRunOptions {
  /** Output tokens per call. @default 300 */
  outputTokensPerCall?: number;
  /** Image tokens for providers without a published formula (local models). @default 256 */
  localImageTokens?: number;
  /** Characters per text token, the usual estimate for English and numbers. @default 4 */
  charsPerToken?: number;
  /** Typical latency of one call. @default 8000 */
  latencyMs?: number;
}

/** One model's bill, estimated before anything is sent. */
export interface DryRunEstimate {
  provider: string;
  calls: number;
  images: number;
  textTokens: number;
  imageTokens: number;
  outputTokens: number;
  /** At list price; `null` when the model has no known price. */
  costUsd: number | null;
  /** At the batch APIs' half price. */
  batchCostUsd: number | null;
  /** calls × latency / concurrency. */
  wallTimeMs: number;
}

// Parses as an answer of every task, so no repair turn is asked for (it would count twice).
const cannedAnswer = JSON.stringify({ anomalous: false, anomalies: [], summary: '' });

/**
 * A provider that records every request it is given and answers an empty answer without any
 * network: the runner builds, renders and "sends" every request exactly as in a real run.
 */
export function recordingProvider(inner: Provider, requests: GenerateRequest[]): Provider {
  return {
    id: inner.id,
    name: inner.name,
    model: inner.model,
    capabilities: inner.capabilities,
    generate: (request) => {
      requests.push(request);
      return Promise.resolve({
        text: cannedAnswer,
        finishReason: 'stop',
        usage: null,
        latencyMs: 0,
        warnings: [],
        raw: { request: null, response: null },
      });
    },
  };
}

/** Width and height of a PNG from its IHDR chunk. */
export function pngSize(png: Uint8Array): { widthPx: number; heightPx: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { widthPx: view.getUint32(16), heightPx: view.getUint32(20) };
}

/**
 * OpenAI's published image-token formula at detail "high" (what "auto" uses for charts this size):
 * fit in 2048×2048, scale the shorter side down to 768, then 85 + 170 per 512-px tile.
 */
export function openAIImageTokens(widthPx: number, heightPx: number): number {
  let w = widthPx;
  let h = heightPx;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorter = Math.min(1, 768 / Math.min(w, h));
  w *= shorter;
  h *= shorter;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/** Gemini's published count: 258 tokens for an image within 384×384, else 258 per 768×768 tile. */
export function geminiImageTokens(widthPx: number, heightPx: number): number {
  if (widthPx <= 384 && heightPx <= 384) return 258;
  return 258 * Math.ceil(widthPx / 768) * Math.ceil(heightPx / 768);
}

/** Tallies recorded requests into a per-model estimate of calls, tokens, cost and wall time. */
export function estimateBill(
  provider: Pick<Provider, 'id' | 'name' | 'model' | 'capabilities'>,
  requests: readonly GenerateRequest[],
  options: DryRunOptions & { concurrency: number; prices?: Record<string, ModelPrice> },
): DryRunEstimate {
  const charsPerToken = options.charsPerToken ?? 4;
  const outputPerCall = options.outputTokensPerCall ?? 300;
  let chars = 0;
  let images = 0;
  let imageTokens = 0;
  for (const request of requests) {
    chars += (request.system ?? '').length;
    // The schema travels with every structured request and is billed as input.
    if (request.responseSchema !== undefined)
      chars += JSON.stringify(request.responseSchema.schema).length;
    for (const message of request.messages) {
      chars += message.text.length;
      for (const image of message.images ?? []) {
        images += 1;
        const { widthPx, heightPx } = pngSize(image);
        imageTokens +=
          provider.name === 'openai'
            ? openAIImageTokens(widthPx, heightPx)
            : provider.name === 'gemini'
              ? geminiImageTokens(widthPx, heightPx)
              : (options.localImageTokens ?? 256);
      }
    }
  }
  const textTokens = Math.ceil(chars / charsPerToken);
  const outputTokens = requests.length * outputPerCall;
  const usage = { inputTokens: textTokens + imageTokens, outputTokens };
  const table = options.prices === undefined ? {} : { table: options.prices };
  return {
    provider: provider.id,
    calls: requests.length,
    images,
    textTokens,
    imageTokens,
    outputTokens,
    costUsd: callCostUsd(provider.name, provider.model, usage, table),
    batchCostUsd: callCostUsd(provider.name, provider.model, usage, { ...table, discount: 0.5 }),
    wallTimeMs: (requests.length * (options.latencyMs ?? 8000)) / Math.max(1, options.concurrency),
  };
}

/** The estimates as a text table. */
export function formatBill(estimates: readonly DryRunEstimate[]): string {
  const usd = (value: number | null): string =>
    value === null ? '— (no price; --price-per-mtok)' : `$${value.toFixed(4)}`;
  const lines = estimates.map((e) =>
    [
      e.provider,
      `${e.calls} calls`,
      `${e.images} images`,
      `in ${e.textTokens + e.imageTokens} tokens (text ~${e.textTokens}, images ${e.imageTokens})`,
      `out ~${e.outputTokens}`,
      `list ${usd(e.costUsd)}`,
      `batch ${usd(e.batchCostUsd)}`,
      `~${(e.wallTimeMs / 60_000).toFixed(1)} min`,
    ].join('  '),
  );
  return `dry run: nothing was sent\n${lines.join('\n')}\n`;
}
