import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { answerSchema } from '../../schema/answer.js';
import type { Series } from '../../series/types.js';
import type { GenerateRequest, LocalRequestData } from '../types.js';
import { createBaselineProvider } from './index.js';

function spikySine(): Series {
  const values = Float64Array.from(
    { length: 400 },
    (_, t) => 1.5 * Math.sin((2 * Math.PI * t) / 25) + 0.05 * Math.sin(t * 12.9898),
  );
  values[120] = 4;
  for (let t = 300; t < 310; t++) values[t] = (values[t] as number) - 2;
  return { id: 'spiky', channels: ['value'], values: [values] };
}

function squarePanel(): Series {
  const values = Array.from({ length: 6 }, (_, c) =>
    Float64Array.from(
      { length: 200 },
      (_, t) =>
        (c === 2
          ? (t * 0.04) % 1 < 0.5
            ? 1
            : -1
          : Math.sin(2 * Math.PI * (0.03 + 0.003 * c) * t + c)) +
        0.05 * Math.sin((t + 7 * c) * 12.9898),
    ),
  );
  return { id: 'panel', channels: values.map((_, c) => `c${c}`), values };
}

function request(local: LocalRequestData): GenerateRequest {
  return { model: 'default', messages: [{ role: 'user', text: 'find anomalies' }], local };
}

const provider = createBaselineProvider({ model: 'default' });

describe('createBaselineProvider', () => {
  it('describes itself as a local provider', () => {
    expect(provider).toMatchObject({
      id: 'baseline',
      name: 'baseline',
      model: 'default',
      capabilities: { images: false, jsonSchema: true, local: true },
    });
    expect(createBaselineProvider({ model: 'strict' }).id).toBe('baseline:strict');
  });

  it.each([
    ['exclusive', 120, 121, 310],
    ['inclusive', 120, 120, 309],
  ] as const)(
    'answers a range task in %s coordinates that validate against answerSchema',
    async (convention, start, end, segmentEnd) => {
      const response = await provider.generate(
        request({ series: spikySine(), task: 'range', convention }),
        {},
      );
      const answer = answerSchema.parse(JSON.parse(response.text));
      expect(answer.anomalous).toBe(true);
      expect(answer.anomalies[0]).toMatchObject({
        start,
        end,
        channels: null,
        category: 'Point Anomaly',
        candidate: null,
      });
      expect(answer.anomalies[1]?.end).toBe(segmentEnd);
      expect(response).toMatchObject({
        finishReason: 'stop',
        usage: { inputTokens: 0, outputTokens: 0 },
        warnings: [],
      });
      expect(response.latencyMs).toBeGreaterThanOrEqual(0);
      expect(response.raw.response).toEqual(answer);
      expect(JSON.stringify(response.raw.request)).not.toContain('values');
    },
  );

  it('lists every anomalous index as its own point for the point task', async () => {
    const response = await provider.generate(
      request({ series: spikySine(), task: 'point', convention: 'inclusive' }),
      {},
    );
    const answer = answerSchema.parse(JSON.parse(response.text));
    expect(answer.anomalies.every((anomaly) => anomaly.start === anomaly.end)).toBe(true);
    expect(answer.anomalies.map((anomaly) => anomaly.start)).toContain(120);
    expect(
      answer.anomalies.filter((anomaly) => anomaly.start >= 300 && anomaly.start < 310).length,
    ).toBeGreaterThanOrEqual(8);
  });

  it.each(['exclusive', 'inclusive'] as const)(
    'answers the variate task with channel ids (%s)',
    async (convention) => {
      const response = await provider.generate(
        request({ series: squarePanel(), task: 'variate', convention }),
        {},
      );
      const answer = answerSchema.parse(JSON.parse(response.text));
      expect(answer.anomalies).toHaveLength(1);
      expect(answer.anomalies[0]).toMatchObject({
        start: 0,
        end: convention === 'inclusive' ? 199 : 200,
        channels: [2],
      });
    },
  );

  it('marks the hint candidate a finding confirms (1-based)', async () => {
    const response = await provider.generate(
      request({
        series: spikySine(),
        task: 'range',
        convention: 'exclusive',
        candidates: [
          { start: 0, end: 10, channels: null },
          { start: 118, end: 123, channels: null },
        ],
      }),
      {},
    );
    const answer = answerSchema.parse(JSON.parse(response.text));
    expect(answer.anomalies[0]?.candidate).toBe(2);
  });

  it('rejects a request without local data with an InputError saying what to pass', async () => {
    await expect(provider.generate({ model: 'default', messages: [] }, {})).rejects.toThrow(
      InputError,
    );
    await expect(provider.generate({ model: 'default', messages: [] }, {})).rejects.toThrow(
      /request\.local/,
    );
  });

  it('answers "no anomaly" for a clean series', async () => {
    const clean = {
      id: 'clean',
      channels: ['v'],
      values: [Float64Array.from({ length: 300 }, (_, t) => Math.sin(t / 4))],
    };
    const answer = answerSchema.parse(
      JSON.parse(
        (
          await provider.generate(
            request({ series: clean, task: 'range', convention: 'exclusive' }),
            {},
          )
        ).text,
      ),
    );
    expect(answer).toMatchObject({ anomalous: false, anomalies: [] });
  });
});
