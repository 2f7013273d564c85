import { request as httpRequest } from 'node:http';
import type { Label } from '../../src/schema/label.js';
import type { ModelAnswer, ReviewItemInput } from '../../src/review/types.js';

/** A sine-ish series with a bump, as JSON. */
export function seriesJson(
  id: string,
  length: number,
  channels = ['value'],
): ReviewItemInput['series'] {
  return {
    id,
    channels,
    values: channels.map((_, c) =>
      Array.from(
        { length },
        (_, i) => Math.round((Math.sin(i / 6 + c) + (i >= 40 && i < 50 ? 3 : 0)) * 1000) / 1000,
      ),
    ),
  };
}

export function answer(
  model: string,
  intervals: [number, number][],
  category: string,
  explanation = 'a bump',
): ModelAnswer {
  return {
    model,
    status: 'ok',
    anomalous: intervals.length > 0,
    intervals,
    channels: null,
    category: intervals.length > 0 ? category : 'Normal Sequence',
    summary: explanation,
    anomalies: intervals.map(([s, e]) => ({
      start: s,
      end: e - 1,
      category,
      confidence: 0.8,
      severity: 'high',
      explanation,
    })),
    error: null,
  };
}

/**
 * Three small items: one with a label and two model answers, one with only a model answer, one
 * bare.
 */
export function sampleItems(): ReviewItemInput[] {
  const label: Label = {
    seriesId: 's1',
    anomalous: true,
    intervals: [[40, 50]],
    channels: null,
    category: 'Sudden Spike Anomaly',
    explanation: 'A spike.',
  };
  return [
    {
      key: 's1',
      series: seriesJson('s1', 100),
      source: 'test',
      track: 't',
      label,
      answers: [
        answer('baseline:default', [[38, 52]], 'Sudden Spike Anomaly'),
        answer('openai:gpt', [[10, 20]], 'Point Anomaly', '<img src=x onerror="window.__pwned=1">'),
      ],
      rats40k: null,
    },
    {
      key: 's2',
      series: seriesJson('s2', 80, ['cpu', 'mem']),
      source: 'test',
      track: 't',
      label: null,
      answers: [answer('baseline:default', [[40, 50]], 'Local Structural Jump Anomaly')],
      rats40k: null,
    },
    {
      key: 's3',
      series: seriesJson('s3', 60),
      source: 'test',
      track: null,
      label: null,
      answers: [],
      rats40k: null,
    },
  ];
}

export interface RawResponse {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request with the path sent exactly as given (no URL normalisation, unlike fetch). */
export function rawRequest(
  origin: string,
  options: {
    method?: string;
    path: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  },
): Promise<RawResponse> {
  const url = new URL(origin);
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          ...(options.token === undefined ? {} : { 'x-review-token': options.token }),
          ...(payload === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(payload)),
              }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // page files are not JSON
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
