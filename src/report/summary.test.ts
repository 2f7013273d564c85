import { describe, expect, it } from 'vitest';
import type { Answer } from '../schema/answer.js';
import type { Interval } from '../schema/interval.js';
import { buildSeriesReport } from './model.js';
import { SUMMARY_MAX_CHARS, samplingStep, timeSpan } from './summary.js';

const halfHour = 30 * 60_000;
const start = Date.UTC(2014, 6, 1);
const length = 10_320;

describe('report summary on a long real-looking series', () => {
  // 50 anomalies like nyc_taxi's baseline answer: one every 200 points, confidence rising with n
  const anomalies = Array.from({ length: 50 }, (_, k) => ({
    start: 100 + 200 * k,
    end: 100 + 200 * k,
    channels: null,
    category: k % 3 === 0 ? ('Point Anomaly' as const) : ('Sudden Spike Anomaly' as const),
    severity: null,
    confidence: (k + 1) / 100,
    explanation: '',
    candidate: null,
  }));
  const answer: Answer = { anomalous: true, anomalies, summary: 'busy' };
  const report = buildSeriesReport({
    series: {
      id: 'nyc_taxi',
      channels: ['value'],
      values: [Float64Array.from({ length }, (_, t) => Math.sin(t / 48))],
      timestamps: Array.from({ length }, (_, t) => start + t * halfHour),
    },
    result: {
      answer,
      intervals: anomalies.map((anomaly): Interval => [anomaly.start, anomaly.end + 1]),
      channels: [],
      category: 'Point Anomaly',
      prompt: { id: 'p', version: '1', answer: 'structured', convention: 'inclusive' },
      usage: null,
      costUsd: null,
      latencyMs: 1,
      cached: false,
      repaired: false,
      warnings: [],
    },
    model: 'baseline',
  });

  it('cuts a long model summary so the paragraph stays under its limit', () => {
    const long = buildSeriesReport({
      series: report.series,
      result: {
        ...report.run,
        answer: { ...answer, summary: 'x'.repeat(5000) },
        intervals: report.predicted,
        channels: [],
        category: 'Point Anomaly',
        prompt: { id: 'p', version: '1', answer: 'structured', convention: 'inclusive' },
      },
      model: 'baseline',
    });
    expect(long.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(long.summary.endsWith('x…”')).toBe(true);
  });

  it('names the span, the sampling step and only the five most confident anomalies, in time', () => {
    expect(report.summary).toContain('10,320 points, 1 channel, 2014-07-01 00:00 → ');
    expect(report.summary).toContain('one point every 30 min');
    expect(report.summary.match(/\(\d+\)/g)).toEqual(['(50)', '(49)', '(48)', '(47)', '(46)']);
    expect(report.summary).toContain(
      '(50) Sudden Spike Anomaly at 2015-01-23 06:00 UTC, confidence 50%',
    );
    expect(report.summary).not.toMatch(/index|indices/);
    expect(report.summary).toContain('The other 45: 30 Sudden Spike Anomaly, 15 Point Anomaly');
    expect(report.summary.endsWith("In the model's words: “busy”")).toBe(true);
    expect(report.summary.length).toBeLessThan(800);
  });
});

describe('timeSpan', () => {
  it.each<[{ start: string; end: string }, boolean, string]>([
    [
      { start: '2014-03-14 09:06:00 UTC', end: '2014-03-14 09:06:00 UTC' },
      false,
      'at 2014-03-14 09:06 UTC',
    ],
    [
      { start: '2014-03-14 09:06:00 UTC', end: '2014-03-14 09:11:00 UTC' },
      false,
      'on 2014-03-14, 09:06–09:11 UTC',
    ],
    [
      { start: '2014-03-13 22:00:30 UTC', end: '2014-03-14 01:00:00 UTC' },
      false,
      'from 2014-03-13 22:00:30 to 2014-03-14 01:00 UTC',
    ],
    [
      { start: '2014-03-14 09:06:00 UTC', end: '2014-03-14 09:11:00 UTC' },
      true,
      'at 2014-03-14 09:06 UTC',
    ],
  ])('%j → %s', (time, single, text) => {
    expect(timeSpan(time, { single })).toBe(text);
  });
});

describe('samplingStep', () => {
  it.each<[number[], string | null]>([
    [[0, 1000, 2000], '1 s'],
    [[0, halfHour, 2 * halfHour, 5 * halfHour], '30 min'],
    [[0, 86_400_000, 2 * 86_400_000], '1 day'],
    [[0, 1500, 3000], '1500 ms'],
    [[5], null],
  ])('%j → %s', (stamps, expected) => {
    expect(samplingStep(stamps)).toBe(expected);
  });
});
