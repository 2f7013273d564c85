import type { GenerateRequest, Provider } from '../../src/providers/types.js';
import type { Series } from '../../src/series/types.js';

/** A provider that answers every request with the given text (one per series id, or a default). */
export function cannedProvider(
  answers: Record<string, string>,
  fallback: string,
): Provider & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return {
    id: 'canned:model-1',
    name: 'canned',
    model: 'model-1',
    capabilities: { images: true, jsonSchema: true, local: false },
    requests,
    generate(request) {
      requests.push(request);
      const text =
        Object.entries(answers).find(([id]) =>
          JSON.stringify(request.messages).includes(`series-id:${id}`),
        )?.[1] ?? fallback;
      return Promise.resolve({
        text,
        finishReason: 'stop',
        usage: { inputTokens: 1200, outputTokens: 80 },
        latencyMs: 840,
        warnings: [],
        raw: { request: null, response: null },
      });
    },
  };
}

/** An answer whose free text tries every way out of the page. */
export const hostileAnswer = JSON.stringify({
  anomalous: true,
  anomalies: [
    {
      start: 60,
      end: 64,
      channels: null,
      category: 'Sudden Spike Anomaly',
      severity: 'high',
      confidence: 0.92,
      explanation: '<script>alert(1)</script> spike </td></tr></table><img src=x onerror=alert(2)>',
      candidate: null,
    },
    {
      start: 140,
      end: 159,
      channels: null,
      category: 'Change Point Anomaly',
      severity: 'medium',
      confidence: 0.7,
      explanation:
        '| a | b |\n# heading\n[link](javascript:alert(3)) ![img](http://127.0.0.1:9/x.png) <style>body{display:none}</style>',
      candidate: null,
    },
  ],
  summary: '</p></main><script>alert(4)</script><iframe src="http://127.0.0.1:9/"></iframe>',
});

export const normalAnswer = JSON.stringify({
  anomalous: false,
  anomalies: [],
  summary: 'A steady seasonal cycle with no departures.',
});

/**
 * A 200-point sine with a spike at 62 and a level shift from 140; the description carries the id
 * the canned provider keys on.
 */
export function spikySeries(id: string, { withTime = false }: { withTime?: boolean } = {}): Series {
  const values = Float64Array.from(
    { length: 200 },
    (_, t) => Math.sin((2 * Math.PI * t) / 25) + (t === 62 ? 5 : 0) + (t >= 140 && t < 160 ? 2 : 0),
  );
  return {
    id,
    channels: ['pressure'],
    values: [values],
    ...(withTime
      ? { timestamps: Array.from({ length: 200 }, (_, t) => Date.UTC(2024, 4, 1) + t * 30_000) }
      : {}),
    context: { description: `series-id:${id}` },
  };
}

/** A valid answer for the 200-point `spikySeries`: one spike at 62. */
export const spikeAnswer = JSON.stringify({
  anomalous: true,
  anomalies: [
    {
      start: 62,
      end: 62,
      channels: null,
      category: 'Sudden Spike Anomaly',
      severity: 'high',
      confidence: 0.9,
      explanation: 'A one-point jump.',
      candidate: null,
    },
  ],
  summary: 'One spike.',
});

/**
 * Model text that is no valid answer (so it gets a repair turn) and tries to break out of the page.
 */
export const brokenAnswer =
  'Sure! <script>alert("x")</script> ```json\n{"anomalous": "maybe"}\n```';
