import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../providers/openai/index.js';
import { createRenderer } from '../render/index.js';
import type { Series } from '../series/types.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { detectAnomalies } from '../providers/baseline/detector.js';
import { detect } from './detect.js';
import { baselineCandidates } from './hints.js';

const route = 'POST /v1/chat/completions';

// A clean seasonal series with two obvious injected anomalies the baseline will propose.
const series: Series = {
  id: 'hinted',
  channels: ['value'],
  values: [
    Float64Array.from(
      { length: 400 },
      (_, t) =>
        1.5 * Math.sin((2 * Math.PI * t) / 25) +
        (t === 120 ? 8 : 0) +
        (t >= 300 && t < 310 ? 4 : 0),
    ),
  ],
};

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});

describe('propose-then-verify hints', () => {
  it('lists candidates most confident first', () => {
    const candidates = baselineCandidates(series);
    const confidences = candidates.map((candidate) => {
      const finding = detectAnomalies(series).anomalies.find(
        (a) => a.start === candidate.interval[0],
      );
      return finding?.confidence ?? Number.NaN;
    });
    expect(confidences.every(Number.isFinite)).toBe(true);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    expect(candidates[0]?.interval[0]).toBe(120);
  });

  it('draws the baseline candidates on the image, lists them in the prompt, and maps the answer back', async () => {
    const candidates = baselineCandidates(series);
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    const spike = candidates.find(
      (candidate) => candidate.interval[0] <= 120 && candidate.interval[1] > 120,
    );
    expect(spike).toBeDefined();
    const spikeNumber = candidates.indexOf(spike!) + 1;

    const answer = {
      anomalous: true,
      anomalies: [
        {
          start: spike!.interval[0],
          end: spike!.interval[1] - 1,
          channels: null,
          category: 'Sudden Spike Anomaly',
          severity: 'high',
          confidence: 0.95,
          explanation: 'confirmed',
          candidate: spikeNumber,
        },
        {
          start: 350,
          end: 352,
          channels: null,
          category: 'Point Anomaly',
          severity: 'low',
          confidence: 0.3,
          explanation: 'added by the model',
          candidate: null,
        },
      ],
      summary: 'one confirmed, one added',
    };
    standin.enqueue(route, {
      body: {
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: JSON.stringify(answer) },
            finish_reason: 'stop',
          },
        ],
      },
    });
    const provider = createOpenAIProvider({
      model: 'gpt-4o',
      apiKey: 'sk-test',
      baseUrl: `${standin.url}/v1`,
      env: {},
    });
    const renderer = createRenderer();
    const result = await detect(series, {
      provider,
      task: 'range',
      candidates,
      renderer,
      retry: { initialDelayMs: 0 },
    });

    const body = standin.requests[0]!.body as {
      messages: { content: { type: string; text?: string; image_url?: { url: string } }[] }[];
    };
    const parts = body.messages.at(-1)!.content;
    const text = parts.find((part) => part.type === 'text')?.text ?? '';
    for (const [index, candidate] of candidates.entries()) {
      expect(text).toContain(
        `${index + 1}. start ${candidate.interval[0]}, end ${candidate.interval[1] - 1}`,
      );
    }
    const sentImage = parts.find((part) => part.type === 'image_url')?.image_url?.url ?? '';
    const overlay = await renderer.png(series, {
      preset: 'overlay',
      base: 'line',
      intervals: { candidates: candidates.map((c) => c.interval) },
    });
    const plain = await renderer.png(series, { preset: 'line' });
    expect(sentImage).toBe(`data:image/png;base64,${Buffer.from(overlay).toString('base64')}`);
    expect(sentImage).not.toBe(`data:image/png;base64,${Buffer.from(plain).toString('base64')}`);

    expect(result.preset).toBe('overlay');
    expect(result.answer.anomalies.map((anomaly) => anomaly.candidate)).toEqual([
      spikeNumber,
      null,
    ]);
    expect(result.intervals).toEqual([
      [spike!.interval[0], spike!.interval[1]],
      [350, 353],
    ]);
  });
});
