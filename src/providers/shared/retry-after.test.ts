import { describe, expect, it } from 'vitest';
import {
  parseGoDurationMs,
  parseProtoDurationMs,
  parseRetryAfterHeaderMs,
  retryAfterMsFromHeaders,
} from './retry-after.js';

const now = Date.parse('2025-06-01T12:00:00Z');

describe('parseGoDurationMs', () => {
  it.each([
    ['6ms', 6],
    ['0s', 0],
    ['0', 0],
    ['1.5s', 1500],
    ['1m30s', 90_000],
    ['6m0s', 360_000],
    ['1h2m3s', 3_723_000],
    ['500us', 0.5],
    ['250µs', 0.25],
    ['100ns', 0.0001],
    ['1.366s', 1366],
  ])('%s is %d ms', (text, expected) => {
    expect(parseGoDurationMs(text)).toBeCloseTo(expected, 9);
  });

  it.each(['', '6', 's', '1x', '-1s', '1m 30s', 'soon'])('%j is not a duration', (text) => {
    expect(parseGoDurationMs(text)).toBeUndefined();
  });
});

describe('parseProtoDurationMs', () => {
  it.each([
    ['26s', 26_000],
    ['38.601s', 38_601],
    ['0s', 0],
    ['0.5s', 500],
  ])('%s is %d ms', (text, expected) => {
    expect(parseProtoDurationMs(text)).toBe(expected);
  });

  it.each(['26', '1m', 'abc', ''])('%j is not a protobuf duration', (text) => {
    expect(parseProtoDurationMs(text)).toBeUndefined();
  });
});

describe('parseRetryAfterHeaderMs', () => {
  it.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    ['Sun, 01 Jun 2025 12:00:30 GMT', 30_000],
    ['Sun, 01 Jun 2025 11:59:00 GMT', 0],
  ])('%s is %d ms', (text, expected) => {
    expect(parseRetryAfterHeaderMs(text, now)).toBe(expected);
  });

  it.each(['-1', 'soon', ''])('%j is unusable', (text) => {
    expect(parseRetryAfterHeaderMs(text, now)).toBeUndefined();
  });
});

describe('retryAfterMsFromHeaders', () => {
  it.each([
    {
      name: 'retry-after-ms wins over Retry-After',
      headers: { 'retry-after-ms': '250', 'retry-after': '9' },
      expected: 250,
    },
    { name: 'Retry-After seconds', headers: { 'Retry-After': '3' }, expected: 3000 },
    {
      name: 'Retry-After date',
      headers: { 'retry-after': 'Sun, 01 Jun 2025 12:01:00 GMT' },
      expected: 60_000,
    },
    {
      name: 'Retry-After wins over reset headers',
      headers: { 'retry-after': '1', 'x-ratelimit-reset-requests': '6m0s' },
      expected: 1000,
    },
    {
      name: 'reset of the exhausted limit (tokens)',
      headers: {
        'x-ratelimit-reset-requests': '6m0s',
        'x-ratelimit-remaining-requests': '499',
        'x-ratelimit-reset-tokens': '6ms',
        'x-ratelimit-remaining-tokens': '0',
      },
      expected: 6,
    },
    {
      name: 'reset of the exhausted limit (requests)',
      headers: {
        'x-ratelimit-reset-requests': '1m30s',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-tokens': '6ms',
        'x-ratelimit-remaining-tokens': '100',
      },
      expected: 90_000,
    },
    {
      name: 'longer reset when neither says 0',
      headers: { 'x-ratelimit-reset-requests': '120ms', 'x-ratelimit-reset-tokens': '2s' },
      expected: 2000,
    },
    {
      name: 'malformed Retry-After falls through to resets',
      headers: { 'retry-after': 'later', 'x-ratelimit-reset-tokens': '2s' },
      expected: 2000,
    },
    {
      name: 'nothing usable',
      headers: { 'x-ratelimit-reset-tokens': 'soon' },
      expected: undefined,
    },
    { name: 'no headers', headers: {}, expected: undefined },
  ])('$name', ({ headers, expected }) => {
    expect(retryAfterMsFromHeaders(headers as Record<string, string>, now)).toBe(expected);
    expect(retryAfterMsFromHeaders(new Headers(headers as Record<string, string>), now)).toBe(
      expected,
    );
  });

  it('accepts undefined', () => {
    expect(retryAfterMsFromHeaders(undefined, now)).toBeUndefined();
  });
});
