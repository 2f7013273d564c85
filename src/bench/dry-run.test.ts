import { describe, expect, it } from 'vitest';
import type { Provider } from '../providers/types.js';
import {
  estimateBill,
  geminiImageTokens,
  openAIImageTokens,
  pngSize,
  recordingProvider,
} from './dry-run.js';

/** The first 24 bytes of a PNG: signature, IHDR length and type, width, height. */
function pngHeader(widthPx: number, heightPx: number): Uint8Array {
  const bytes = new Uint8Array(24);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, widthPx);
  view.setUint32(20, heightPx);
  return bytes;
}

const openai: Provider = {
  id: 'openai:gpt-4o',
  name: 'openai',
  model: 'gpt-4o',
  capabilities: { images: true, local: false } as Provider['capabilities'],
  generate: () => Promise.reject(new Error('a dry run must not call the real provider')),
};

describe('image tokens', () => {
  it.each([
    // OpenAI's own examples: 1024² → 768² → 2×2 tiles → 85 + 4·170; 2048×4096 → 768×1536 → 2×3.
    { w: 1024, h: 1024, expected: 765 },
    { w: 2048, h: 4096, expected: 1105 },
    // Small images are not scaled up: 400×300 is one tile.
    { w: 400, h: 300, expected: 255 },
  ])('OpenAI $w×$h: $expected', ({ w, h, expected }) => {
    expect(openAIImageTokens(w, h)).toBe(expected);
  });

  it.each([
    { w: 300, h: 300, expected: 258 },
    { w: 1000, h: 500, expected: 516 },
  ])('Gemini $w×$h: $expected', ({ w, h, expected }) => {
    expect(geminiImageTokens(w, h)).toBe(expected);
  });

  it('reads a PNG size from its header', () => {
    expect(pngSize(pngHeader(960, 220))).toEqual({ widthPx: 960, heightPx: 220 });
  });
});

describe('dry run', () => {
  it('records requests without calling the provider and answers a parseable empty answer', async () => {
    const requests: Parameters<Provider['generate']>[0][] = [];
    const provider = recordingProvider(openai, requests);
    const response = await provider.generate(
      { model: 'gpt-4o', messages: [{ role: 'user', text: 'hi' }] },
      {},
    );
    expect(requests).toHaveLength(1);
    expect(JSON.parse(response.text)).toEqual({ anomalous: false, anomalies: [], summary: '' });
  });

  it('adds text, image and output tokens and prices them at list and batch price', () => {
    const request = {
      model: 'gpt-4o',
      messages: [{ role: 'user' as const, text: 'x'.repeat(400), images: [pngHeader(1024, 1024)] }],
    };
    const bill = estimateBill(openai, [request, request], {
      concurrency: 2,
      latencyMs: 1000,
      prices: { 'openai:gpt-4o': { inputPerMillion: 1_000_000, outputPerMillion: 0 } },
    });
    // 2 × (400 chars / 4 + 765) input tokens at $1 each; 2 × 300 output tokens free.
    expect(bill).toMatchObject({
      calls: 2,
      images: 2,
      textTokens: 200,
      imageTokens: 1530,
      outputTokens: 600,
    });
    expect(bill.costUsd).toBeCloseTo(1730, 6);
    expect(bill.batchCostUsd).toBeCloseTo(865, 6);
    expect(bill.wallTimeMs).toBe(1000);
  });
});
